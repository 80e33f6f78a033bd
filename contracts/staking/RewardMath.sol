// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @title RewardMath
/// @notice The reward formula, written once: the accumulator (reward per unit of weight) brought
/// forward over a stream, and what an account's weight earned between two accumulator values.
/// The settlement (RewardAccumulator._updateGlobal / _updateReward) and the views (`earned`,
/// `undistributed`, in StakingLib) both call these functions, so a view can never disagree with
/// what a claim pays.
/// @dev Units: `rate` is reward-wei x PRECISION per second; rewardPerWeight is reward-wei x
/// PRECISION per weight-wei; weights in token-wei; times in seconds. Every division rounds down
/// (in the protocol's favour).
library RewardMath {
    /// @notice Scale of rewardPerWeight and of a stream's rate.
    uint256 internal constant PRECISION = 1e27;

    /// @notice The accumulator at time `nowTs`: `rpw` (last brought forward at `lastUpdate`)
    /// plus what the stream (`rate` per second until `finish`) paid per unit of `totalWeight`
    /// since then. Unchanged while nothing is staked or the stream had ended by `lastUpdate`.
    function rewardPerWeight(
        uint256 rpw,
        uint256 lastUpdate,
        uint256 finish,
        uint256 rate,
        uint256 totalWeight,
        uint256 nowTs
    ) internal pure returns (uint256) {
        if (totalWeight == 0 || finish <= lastUpdate) return rpw;
        return rpw + (rate * (FixedPointMathLib.min(nowTs, finish) - lastUpdate)) / totalWeight;
    }

    /// @notice Reward-wei earned by `weight` while the accumulator grew from `paid` to `rpw`
    /// (rounded down).
    function accrued(uint256 weight, uint256 rpw, uint256 paid) internal pure returns (uint256) {
        return FixedPointMathLib.fullMulDiv(weight, rpw - paid, PRECISION);
    }

    /// @notice Unpaid reward-wei of an account from its stored `rewardsPlusOne` (0 = never written).
    function owed(uint256 rewardsPlusOne) internal pure returns (uint256) {
        return rewardsPlusOne == 0 ? 0 : rewardsPlusOne - 1;
    }

    /// @notice Reward-wei of a stream (`rate` per second until `finish`) not yet paid to weight at
    /// `nowTs`, the accumulator being at `lastUpdate` (rounded down). While nothing is staked the
    /// stream is paused, so all of it from `lastUpdate` on is still held.
    function undistributed(uint256 lastUpdate, uint256 finish, uint256 rate, uint256 totalWeight, uint256 nowTs)
        internal
        pure
        returns (uint256)
    {
        if (finish <= lastUpdate) return 0;
        uint256 from = totalWeight == 0 ? lastUpdate : FixedPointMathLib.min(nowTs, finish);
        return (rate * (finish - from)) / PRECISION;
    }
}
