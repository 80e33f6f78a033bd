// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {ICipherStaking} from "./ICipherStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {RewardAccumulator} from "./RewardAccumulator.sol";
import {RewardMath} from "./RewardMath.sol";
import {TierRules} from "./TierRules.sol";
import {ParameterRules} from "./ParameterRules.sol";
import {VoteTrace} from "./VoteTrace.sol";

/// @title StakingLib
/// @notice The linked (DELEGATECALLed) entry points of CipherStaking's cold paths, deployed once so
/// the staking contract stays under the 24,576-byte code-size limit. The logic lives in one
/// library per concept, compiled into this one: TierRules (lock tiers), ParameterRules (governed
/// parameters), RewardMath (the reward formula, shared with the settlement), VoteTrace (packed
/// vote checkpoint lookups); still here: reward-asset listing, cutting a slashed account's
/// stakes, and the contribution boost (fold of vote credit, oracle renewal, decay). Events and
/// errors are those of ICipherStaking.
library StakingLib {
    uint256 internal constant BPS = 10_000;

    /// @notice Set tier `index` (or append): TierRules.setTier.
    function setTier(ICipherStaking.Tier[8] storage tiers, uint256 n, uint256 index, uint256 d, uint256 m)
        external
        returns (uint256 count)
    {
        return TierRules.setTier(tiers, n, index, d, m);
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

    /// @notice Set governed parameter `name`: ParameterRules.setParameter.
    function setParameter(
        ICipherStaking.Config storage config,
        ICipherStaking.ContributionParams storage cp,
        bytes32 name,
        uint256 value
    ) external {
        ParameterRules.setParameter(config, cp, name, value);
    }

    /// @notice Append `asset` to the reward asset list (at most `max`, never twice).
    function addRewardAsset(
        address[] storage list,
        mapping(address asset => uint256 indexPlusOne) storage index,
        ICipherStaking.Config storage config,
        address asset,
        uint256 max
    ) external {
        if (index[asset] != 0) revert ICipherStaking.RewardAssetExists(asset);
        uint256 n = config.rewardAssetCount;
        if (n == max) revert ICipherStaking.TooManyRewardAssets(max);
        list.push(asset);
        index[asset] = n + 1;
        config.rewardAssetCount = uint8(n + 1);
        emit ICipherStaking.RewardAssetAdded(asset, n);
    }

    /// @notice Fold `account`'s pending vote credit (if any), then renew its boost at now to its
    /// decayed value + `incrementBps`, capped at maxBoostBps. The caller has settled the account's
    /// rewards and reweights it right after.
    /// @return boost The renewed boost.
    function contribute(
        address account,
        StakingStorage.Account storage a,
        ICipherStaking.ContributionParams storage cp,
        uint256 incrementBps
    ) external returns (uint256 boost) {
        if (a.pendingVotes != 0) foldVotes(account, a, cp);
        boost = _decayed(a.boostBps, block.timestamp - a.boostRenewedAt, cp) + incrementBps;
        uint256 cap = cp.maxBoostBps;
        if (boost > cap) boost = cap;
        a.boostBps = uint16(boost);
        a.boostRenewedAt = uint40(block.timestamp);
    }

    /// @notice Fold `account`'s pending vote credit into its stored boost (see `renewal`) and
    /// clear the counter; emits VoteCreditApplied. The caller has settled the account's rewards
    /// and reweights it right after.
    function foldVotes(
        address account,
        StakingStorage.Account storage a,
        ICipherStaking.ContributionParams storage cp
    ) public {
        uint256 n = a.pendingVotes;
        (uint256 boost, uint256 renewedAt) = renewal(a, cp);
        a.boostBps = uint16(boost);
        a.boostRenewedAt = uint40(renewedAt);
        a.pendingVotes = 0;
        emit ICipherStaking.VoteCreditApplied(account, n, boost);
    }

    /// @notice (boost at renewal, renewal time) of `a` with its pending votes folded in: the old
    /// boost decayed to the latest vote's time, plus pending x voteBoostBps, capped at
    /// maxBoostBps, renewed at that time.
    /// @dev Renewing at the vote's time (not at the touch) makes the boost a pure function of the
    /// vote history: delaying the touch neither extends the boost's life nor changes its decay
    /// path; it only leaves the voter under-weighted meanwhile. Votes reported between two
    /// touches count as if cast together at the latest one (each adds the full increment), which
    /// favours the voter by at most the decay of the earlier increments over that interval.
    /// lastVoteAt >= boostRenewedAt whenever votes are pending, since every renewal folds them
    /// first. Decay rounds down (against the account), as in Contribution._effectiveBoost.
    function renewal(StakingStorage.Account storage a, ICipherStaking.ContributionParams storage cp)
        public
        view
        returns (uint256 boost, uint256 renewedAt)
    {
        renewedAt = a.lastVoteAt;
        boost = _decayed(a.boostBps, renewedAt - a.boostRenewedAt, cp) + uint256(a.pendingVotes) * cp.voteBoostBps;
        uint256 cap = cp.maxBoostBps;
        if (boost > cap) boost = cap;
    }

    /// @notice `a`'s boost now: pending votes folded in, then decayed to now (rounded down), capped.
    function currentBoost(StakingStorage.Account storage a, ICipherStaking.ContributionParams storage cp)
        external
        view
        returns (uint256 b)
    {
        (uint256 boost, uint256 renewedAt) = a.pendingVotes == 0
            ? (uint256(a.boostBps), uint256(a.boostRenewedAt))
            : renewal(a, cp);
        return _decayed(boost, block.timestamp - renewedAt, cp);
    }

    /// @dev A boost `elapsed` seconds after its renewal: linear decay over decayPeriod, rounded
    /// down, capped at maxBoostBps.
    function _decayed(uint256 boost, uint256 elapsed, ICipherStaking.ContributionParams storage cp)
        private
        view
        returns (uint256 b)
    {
        if (boost == 0) return 0;
        uint256 period = cp.decayPeriod;
        if (elapsed >= period) return 0;
        b = (boost * (period - elapsed)) / period;
        uint256 cap = cp.maxBoostBps;
        if (b > cap) b = cap;
    }

    /// @notice Rewards of an account in one asset now: its stored unpaid rewards plus its stored
    /// `weight` times the accumulator's growth since its last settlement (rounded down). The same
    /// RewardMath calls as the settlement, so it equals what a claim at this timestamp pays.
    function earned(
        RewardAccumulator.Accum storage acc,
        RewardAccumulator.Stream storage stream,
        RewardAccumulator.UserReward storage u,
        uint256 weight,
        uint256 totalWeight
    ) external view returns (uint256) {
        uint256 rpw = RewardMath.rewardPerWeight(
            acc.rewardPerWeight,
            acc.lastUpdate,
            stream.finish,
            stream.rate,
            totalWeight,
            block.timestamp
        );
        return RewardMath.owed(u.rewardsPlusOne) + RewardMath.accrued(weight, rpw, u.paid);
    }

    /// @notice Revenue of one asset received but not yet streamed to weight (rounded down).
    function undistributed(
        RewardAccumulator.Accum storage acc,
        RewardAccumulator.Stream storage stream,
        uint256 totalWeight
    ) external view returns (uint256) {
        return RewardMath.undistributed(acc.lastUpdate, stream.finish, stream.rate, totalWeight, block.timestamp);
    }

    /// @notice Votes at the end of block `t` from a packed checkpoint history: VoteTrace.pastVotes.
    function pastVotes(mapping(uint256 pairIndex => uint256) storage history, uint256 n, uint256 t)
        external
        view
        returns (uint256)
    {
        return VoteTrace.pastVotes(history, n, t);
    }
}
