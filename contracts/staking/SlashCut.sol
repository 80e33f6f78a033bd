// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {ICipherStaking} from "./ICipherStaking.sol";

/// @title SlashCut
/// @notice Cutting a slashed account's stakes, rounded up in the protocol's favour. Compiled into
/// StakingLib (linked), called by CipherStaking's slash hook.
library SlashCut {
    uint256 internal constant BPS = 10_000;

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
    ) internal returns (uint256 newMask, uint256 total, uint256 activeCut, uint256 baseWeightCut) {
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
