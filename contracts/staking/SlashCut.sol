// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {ICipherStaking} from "./ICipherStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title SlashCut
/// @notice Slashing on the staking side: opening a case (and the snapshot of the stake its cut is
/// computed on) and cutting the stakes held when it opened, pro rata, rounded up in the protocol's
/// favour. Compiled into StakingLib (linked), called by CipherStaking's slash hooks.
library SlashCut {
    uint256 internal constant BPS = 10_000;

    /// @notice Open a slashing case against `staker` (account `a`, stakes `stakes`): count it
    /// (at most `maxOpen` at once) and return the snapshot its cut is computed on.
    /// @return held Tokens (wei) in all its stakes now, active and unbonding.
    /// @return mask Its stake ids now.
    function openCase(
        address staker,
        StakingStorage.Account storage a,
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 maxOpen
    ) internal returns (uint256 held, uint256 mask) {
        mask = a.stakeMask;
        if (mask == 0) revert ICipherStaking.NothingToSlash(staker);
        uint256 open = a.openCases;
        if (open >= maxOpen) revert ICipherStaking.TooManyOpenCases(staker, maxOpen);
        a.openCases = uint8(open + 1);
        for (uint256 id; mask >> id != 0; ++id) {
            if (mask & (1 << id) != 0) held += stakes[id].amount;
        }
        emit ICipherStaking.SlashHold(staker, true, open + 1);
    }

    /// @notice Cut target = ceil(heldAtOpen x severityBps / 10_000) tokens (rounded up: the
    /// protocol's favour) from the stakes in `mask & caseMask` (the stakes of the case's
    /// snapshot that still exist), pro rata to their amounts: each loses floor(amount x target /
    /// held), then the < 16 wei of rounding remainder is taken from the first stakes with tokens
    /// left, so exactly min(target, held) is cut. Stakes outside `caseMask` (added after the case
    /// opened) are untouched. Stakes cut to zero are deleted and leave the mask.
    /// The account's stake mask, base weight (the exact change of sum(floor(amount x
    /// multiplier)) over its active stakes) and active amount are updated here.
    /// @return total Tokens cut from all stakes (= min(target, held)).
    /// @return activeCut Tokens cut from active stakes (vote units lost).
    function cutStakes(
        StakingStorage.Account storage a,
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 caseMask,
        uint256 severityBps,
        uint256 heldAtOpen
    ) internal returns (uint256 total, uint256 activeCut) {
        uint256 newMask = a.stakeMask;
        uint256 mask = newMask & caseMask;
        uint256 baseWeightCut;
        uint256[16] memory cuts = _proRataCuts(stakes, mask, FixedPointMathLib.mulDivUp(heldAtOpen, severityBps, BPS));
        for (uint256 id; mask >> id != 0; ++id) {
            uint256 cut = cuts[id];
            if (cut == 0) continue;
            ICipherStaking.Stake storage s = stakes[id];
            uint256 amount = s.amount;
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
        a.stakeMask = uint16(newMask);
        a.baseWeight -= uint128(baseWeightCut);
        a.active -= uint128(activeCut);
    }

    /// @dev Per stake id in `mask`: floor(amount x target / held), then the rounding remainder
    /// (< one wei per stake) from the lowest ids with room, so the cuts sum to min(target, held).
    function _proRataCuts(
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 mask,
        uint256 target
    ) private view returns (uint256[16] memory cuts) {
        uint256 held;
        for (uint256 id; mask >> id != 0; ++id) {
            if (mask & (1 << id) != 0) held += stakes[id].amount;
        }
        if (target > held) target = held;
        if (target == 0) return cuts;
        uint256 rem = target;
        for (uint256 id; mask >> id != 0; ++id) {
            if (mask & (1 << id) == 0) continue;
            uint256 c = (uint256(stakes[id].amount) * target) / held;
            cuts[id] = c;
            rem -= c;
        }
        for (uint256 id; rem != 0; ++id) {
            if (mask & (1 << id) == 0) continue;
            uint256 room = stakes[id].amount - cuts[id];
            uint256 c = room < rem ? room : rem;
            cuts[id] += c;
            rem -= c;
        }
    }
}
