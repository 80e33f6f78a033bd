// SPDX-License-Identifier: MIT
// Test double: plain reverts keep it short.
// solhint-disable gas-custom-errors
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRevenueRecipient} from "../../interfaces/IRevenueRecipient.sol";

/// @notice Minimal treasury for staking tests: takes revenue like the real one (ETH as msg.value,
/// ERC20 pulled from the sender) and records it per bucket and asset.
contract MockTreasury is IRevenueRecipient {
    mapping(uint8 bucket => mapping(address asset => uint256)) public received;

    function receiveRevenue(address asset, uint256 amount, uint8 bucket) external payable {
        if (asset == address(0)) {
            require(msg.value == amount, "value");
        } else {
            require(IERC20(asset).transferFrom(msg.sender, address(this), amount), "pull");
        }
        received[bucket][asset] += amount;
    }
}
