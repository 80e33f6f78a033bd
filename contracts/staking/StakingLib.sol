// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {ICipherStaking} from "./ICipherStaking.sol";

/// @title StakingLib
/// @notice Cold-path routines of CipherStaking (governance of lock tiers, cutting a slashed
/// account's stakes), deployed once and linked, so the staking contract stays under the
/// 24,576-byte code-size limit. Called with DELEGATECALL on the staking contract's storage;
/// its events and errors are those of ICipherStaking.
library StakingLib {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_TIERS = 8;
    uint256 internal constant MAX_LOCK_DURATION = 730 days;
    uint256 internal constant MIN_LOCK_MULTIPLIER_BPS = 10_000; // 1x
    uint256 internal constant MAX_LOCK_MULTIPLIER_BPS = 30_000; // 3x

    /// @notice Set tier `index` (or append at `index == tiers.length`), keeping durations strictly
    /// increasing and multipliers non-decreasing against both neighbours, within the bounds.
    function setTier(ICipherStaking.Tier[] storage tiers, uint256 index, uint256 d, uint256 m) external {
        uint256 n = tiers.length;
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
        ICipherStaking.Tier memory old;
        if (index == n) {
            tiers.push(ICipherStaking.Tier(uint32(d), uint16(m)));
        } else {
            old = tiers[index];
            tiers[index] = ICipherStaking.Tier(uint32(d), uint16(m));
        }
        emit ICipherStaking.TierSet(index, old.duration, old.multiplierBps, d, m);
    }

    /// @notice Cut ceil(amount x severityBps / 10_000) from every stake in `mask` (rounded up, in
    /// the protocol's favour); stakes cut to zero are deleted and leave the mask.
    /// @return newMask The account's stake mask afterwards.
    /// @return total Tokens cut from all stakes.
    /// @return activeCut Tokens cut from active stakes (vote units lost).
    /// @return baseWeightCut Base weight lost: the exact change of sum(floor(amount x multiplier)).
    function cutStakes(
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 mask,
        uint256 severityBps
    ) external returns (uint256 newMask, uint256 total, uint256 activeCut, uint256 baseWeightCut) {
        newMask = mask;
        for (uint256 id; mask >> id != 0; ++id) {
            if (mask & (1 << id) == 0) continue;
            ICipherStaking.Stake storage s = stakes[id];
            uint256 amount = s.amount;
            uint256 cut = FixedPointMathLib.mulDivUp(amount, severityBps, BPS);
            uint256 left = amount - cut;
            if (s.unbondEnd == 0) {
                activeCut += cut;
                baseWeightCut += (amount * s.multiplierBps) / BPS - (left * s.multiplierBps) / BPS;
            }
            total += cut;
            if (left == 0) {
                delete stakes[id];
                newMask &= ~(1 << id);
            } else {
                s.amount = uint128(left);
            }
        }
    }
}
