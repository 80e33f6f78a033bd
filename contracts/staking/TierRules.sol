// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherStaking} from "./ICipherStaking.sol";

/// @title TierRules
/// @notice Lock tiers: bounds and ordering of (duration in seconds, multiplier in bps). Compiled
/// into StakingLib (linked), called by LockTiers.
library TierRules {
    uint256 internal constant MAX_TIERS = 8;
    uint256 internal constant MAX_LOCK_DURATION = 730 days;
    uint256 internal constant MIN_LOCK_MULTIPLIER_BPS = 10_000; // 1x
    uint256 internal constant MAX_LOCK_MULTIPLIER_BPS = 30_000; // 3x

    /// @notice Set tier `index` (or append at `index == tiers.length`), keeping durations strictly
    /// increasing and multipliers non-decreasing against both neighbours, within the bounds.
    /// @return count The number of tiers afterwards.
    function setTier(ICipherStaking.Tier[8] storage tiers, uint256 n, uint256 index, uint256 d, uint256 m)
        internal
        returns (uint256 count)
    {
        bool bad = index > n ||
            index >= MAX_TIERS ||
            d > MAX_LOCK_DURATION ||
            m < MIN_LOCK_MULTIPLIER_BPS ||
            m > MAX_LOCK_MULTIPLIER_BPS;
        if (!bad && index > 0) {
            ICipherStaking.Tier memory prev = tiers[index - 1];
            bad = d <= prev.duration || m < prev.multiplierBps;
        }
        if (!bad && index + 1 < n) {
            ICipherStaking.Tier memory next = tiers[index + 1];
            bad = d >= next.duration || m > next.multiplierBps;
        }
        if (bad) revert ICipherStaking.InvalidTier(index, d, m);
        ICipherStaking.Tier memory old = tiers[index];
        tiers[index] = ICipherStaking.Tier(uint32(d), uint16(m));
        emit ICipherStaking.TierSet(index, old.duration, old.multiplierBps, d, m);
        count = index == n ? n + 1 : n;
    }
}
