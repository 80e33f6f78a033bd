// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
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
contract TreasuryEthRejecter {
    error NoEth();

    receive() external payable {
        revert NoEth();
    }

    function pull(ICipherTreasury treasury, uint256 streamId) external returns (uint256) {
        return treasury.withdraw(streamId);
    }
}

/// @notice An ERC20 that is also the treasury's admin and, while the treasury pulls it in
/// `receiveRevenue`, calls back into every guarded treasury function. The dangerous one is
/// `creditUnaccounted`: mid-transfer the tokens have arrived but are not yet credited, so without
/// the guard they would be credited twice. Records each nested call's revert data.
contract ReentrantAdminToken is ERC20 {
    ICipherTreasury public treasury;
    bool private _armed;
    bytes[] public errors;

    constructor() ERC20("Reentrant", "RE") {
        _mint(address(this), 1e24);
    }

    function setTreasury(ICipherTreasury treasury_) external {
        treasury = treasury_;
        _approve(address(this), address(treasury_), type(uint256).max);
    }

    function attack(uint256 amount) external {
        _armed = true;
        treasury.receiveRevenue(address(this), amount, 1);
    }

    function errorCount() external view returns (uint256) {
        return errors.length;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        bool ok = super.transferFrom(from, to, value);
        if (_armed) {
            _armed = false;
            try treasury.creditUnaccounted(1, address(this)) {} catch (bytes memory e) {
                errors.push(e);
            }
            try treasury.receiveRevenue(address(this), 1, 1) {} catch (bytes memory e) {
                errors.push(e);
            }
            try treasury.grant(1, address(this), address(this), 1, "") {} catch (bytes memory e) {
                errors.push(e);
            }
        }
        return ok;
    }
}
