// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";
import {ICipherStaking} from "./ICipherStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {RewardAccumulator} from "./RewardAccumulator.sol";
import {RewardMath} from "./RewardMath.sol";

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
    uint256 internal constant MIN_UNBONDING_DELAY = 1 days;
    uint256 internal constant MAX_UNBONDING_DELAY = 60 days;
    uint256 internal constant MIN_REWARDS_DURATION = 1 days;
    uint256 internal constant MAX_REWARDS_DURATION = 30 days;
    uint256 internal constant MAX_CONTRIBUTION_BOOST_BPS = 5_000; // multiplier <= 1.5x
    uint256 internal constant MAX_VOTE_BOOST_BPS = 2_500;
    uint256 internal constant MIN_DECAY_PERIOD = 1 days;
    uint256 internal constant MAX_DECAY_PERIOD = 365 days;

    /// @notice Set tier `index` (or append at `index == tiers.length`), keeping durations strictly
    /// increasing and multipliers non-decreasing against both neighbours, within the bounds.
    /// @return count The number of tiers afterwards.
    function setTier(ICipherStaking.Tier[8] storage tiers, uint256 n, uint256 index, uint256 d, uint256 m)
        external
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

    /// @notice Set governed parameter `name` (see CipherStaking.setParameter for names and bounds).
    function setParameter(
        ICipherStaking.Config storage config,
        ICipherStaking.ContributionParams storage cp,
        bytes32 name,
        uint256 value
    ) external {
        uint256 old;
        if (name == "unbondingDelay") {
            _checkBounds(name, value, MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY);
            old = config.unbondingDelay;
            config.unbondingDelay = uint32(value);
        } else if (name == "rewardsDuration") {
            _checkBounds(name, value, MIN_REWARDS_DURATION, MAX_REWARDS_DURATION);
            old = config.rewardsDuration;
            config.rewardsDuration = uint32(value);
        } else if (name == "maxBoostBps") {
            _checkBounds(name, value, 0, MAX_CONTRIBUTION_BOOST_BPS);
            old = cp.maxBoostBps;
            cp.maxBoostBps = uint16(value);
        } else if (name == "voteBoostBps") {
            _checkBounds(name, value, 0, MAX_VOTE_BOOST_BPS);
            old = cp.voteBoostBps;
            cp.voteBoostBps = uint16(value);
        } else if (name == "decayPeriod") {
            _checkBounds(name, value, MIN_DECAY_PERIOD, MAX_DECAY_PERIOD);
            old = cp.decayPeriod;
            cp.decayPeriod = uint32(value);
        } else {
            revert ICipherStaking.UnknownParameter(name);
        }
        emit ICipherStaking.ParameterChanged(name, old, value);
    }

    function _checkBounds(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ICipherStaking.ParameterOutOfBounds(name, value, min, max);
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

    /// @notice Votes at the end of block `t` from a packed checkpoint history (PackedVotes: `n`
    /// records of 128 bits, block << 96 | votes, two per slot, blocks ascending): the last record
    /// at or before `t`, or 0 if every record is later. The most recent record is checked first
    /// (the usual case), then a binary search (O(log n) slot reads).
    function pastVotes(mapping(uint256 pairIndex => uint256) storage history, uint256 n, uint256 t)
        external
        view
        returns (uint256)
    {
        uint256 rec = _record(history, n - 1);
        if (rec >> 96 <= t) return rec & type(uint96).max;
        uint256 lo;
        uint256 hi = n - 1; // first record with block > t is in [lo, hi]
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            if (_record(history, mid) >> 96 > t) hi = mid;
            else lo = mid + 1;
        }
        return lo == 0 ? 0 : _record(history, lo - 1) & type(uint96).max;
    }

    function _record(mapping(uint256 pairIndex => uint256) storage history, uint256 i) private view returns (uint256) {
        uint256 pair = history[i >> 1];
        return i & 1 == 0 ? pair & type(uint128).max : pair >> 128;
    }
}
