// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICipherStaking} from "./ICipherStaking.sol";

/// @title RewardAssets
/// @notice The reward asset list (ETH = address(0), at most MAX_REWARD_ASSETS, never removed). An
/// ERC20 must be a contract that answers `balanceOf` (every arrival is measured with it, see
/// RewardAccumulator.receiveRevenue); otherwise UnsupportedRewardAsset.
/// Compiled into StakingLib (linked), called by RewardAccumulator.
library RewardAssets {
    /// @notice Append `asset` to the reward asset list (at most `max`, never twice).
    function add(
        address[] storage list,
        mapping(address asset => uint256 indexPlusOne) storage index,
        ICipherStaking.Config storage config,
        address asset,
        uint256 max
    ) internal {
        if (index[asset] != 0) revert ICipherStaking.RewardAssetExists(asset);
        if (asset != address(0)) {
            if (asset.code.length == 0) revert ICipherStaking.UnsupportedRewardAsset(asset);
            IERC20(asset).balanceOf(address(this)); // reverts unless it answers balanceOf
        }
        uint256 n = config.rewardAssetCount;
        if (n == max) revert ICipherStaking.TooManyRewardAssets(max);
        list.push(asset);
        index[asset] = n + 1;
        config.rewardAssetCount = uint8(n + 1);
        emit ICipherStaking.RewardAssetAdded(asset, n);
    }
}
