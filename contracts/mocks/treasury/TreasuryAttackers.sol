// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherTreasury} from "../../treasury/ICipherTreasury.sol";

/// @notice A stream recipient that tries to withdraw again from inside the ETH payment. It keeps
/// the ETH either way and records what the nested withdraw did, so a test can see the guard fire.
contract ReentrantStreamRecipient {
    ICipherTreasury public immutable treasury;
    uint256 public streamId;
    uint256 public stolen;
    bytes public reentryError;

    constructor(ICipherTreasury treasury_) {
        treasury = treasury_;
    }

    function setStream(uint256 id) external {
        streamId = id;
    }

    function pull() external returns (uint256) {
        return treasury.withdraw(streamId);
    }

    receive() external payable {
        try treasury.withdraw(streamId) returns (uint256 got) {
            stolen += got;
        } catch (bytes memory err) {
            reentryError = err;
        }
    }
}

/// @notice Refuses every ETH payment.
contract EthRejecter {
    error NoEth();

    receive() external payable {
        revert NoEth();
    }

    function pull(ICipherTreasury treasury, uint256 streamId) external returns (uint256) {
        return treasury.withdraw(streamId);
    }
}

/// @notice Forces ETH into `target` without calling it (selfdestruct in the constructor).
contract ForceEthSender {
    constructor(address payable target) payable {
        selfdestruct(target);
    }
}
