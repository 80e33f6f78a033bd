// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherStaking} from "./ICipherStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title ContributionBoost
/// @notice The contribution boost's cold arithmetic: folding pending vote credit, the oracle's
/// renewal, the boost now, linear decay. Compiled into StakingLib (linked); Contribution holds the
/// hot path (`_reweight`, `_effectiveBoost`).
library ContributionBoost {
    /// @notice Fold `account`'s pending vote credit (if any), then renew its boost at now to its
    /// decayed value + `incrementBps`, capped at maxBoostBps. The caller has settled the account's
    /// rewards and reweights it right after.
    /// @return boost The renewed boost.
    function contribute(
        address account,
        StakingStorage.Account storage a,
        ICipherStaking.ContributionParams storage cp,
        uint256 incrementBps
    ) internal returns (uint256 boost) {
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
    ) internal {
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
        internal
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
        internal
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
}
