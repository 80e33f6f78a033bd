// SPDX-License-Identifier: MIT
// Test double: plain reverts keep it short.
// solhint-disable gas-custom-errors
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IRevenueRecipient} from "../../interfaces/IRevenueRecipient.sol";

/// @notice Hook recipient that pulls ERC20s (or takes ETH) and records what it received.
/// With `lazy` set it does not pull, to test the splitter's check.
contract MockRevenueRecipient is IRevenueRecipient {
    using SafeERC20 for IERC20;

    bool public lazy;
    mapping(address asset => mapping(uint8 bucket => uint256)) public received;

    function setLazy(bool v) external {
        lazy = v;
    }

    function receiveRevenue(address asset, uint256 amount, uint8 bucket) external payable {
        if (asset == address(0)) {
            require(msg.value == amount, "value");
        } else if (!lazy) {
            IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
        }
        received[asset][bucket] += amount;
    }
}
