// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherTreasury} from "../../treasury/ICipherTreasury.sol";

/// @notice A stream recipient that tries to withdraw again from inside the ETH payment.
contract ReentrantStreamRecipient {
    ICipherTreasury public immutable treasury;
    uint256 public streamId;
    bool public reentered;
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
        if (!reentered) {
            reentered = true;
            try treasury.withdraw(streamId) {
                reentryError = "";
            } catch (bytes memory err) {
                reentryError = err;
                revert(); // surface the failed re-entry as a failed payment
            }
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
