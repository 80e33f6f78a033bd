// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IContributionHook} from "../interfaces/IContributionHook.sol";
import {IStakingHooks} from "./IStakingHooks.sol";
import {StakingLib} from "./StakingLib.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title Contribution
/// @notice The contribution multiplier (1x .. 1 + maxBoostBps/10_000, at most 1.5x) from
/// (a) votes reported by the registered governor and (b) epoch scores accepted at a quorum of
/// matching oracle attestations (ContributionOracle, which calls `addContribution`). The boost
/// decays linearly to zero over `decayPeriod` unless renewed.
/// @dev Lazy decay keeps the accumulator O(1): an account's weight is recomputed only when the
/// account is touched (stake, unbond, claim, accepted score, slash, or `poke` by anyone). A vote
/// is not a touch: it only records a credit that the next touch folds in (see `onVoteCast`).
/// Between touches its stored weight still carries the boost as of the last touch, so a decayed
/// account is over-weighted until someone pokes it; anyone may do so, and other stakers gain
/// from doing it. The boost itself is a pure function of (boost at renewal, renewal time, now),
/// so frequent pokes do not change the decay path.
abstract contract Contribution is StakingStorage, IContributionHook, IStakingHooks {
    uint256 public constant MAX_CONTRIBUTION_BOOST_BPS = 5_000; // multiplier <= 1.5x

    ContributionParams internal _cp;

    constructor() {
        _cp = ContributionParams({
            governor: address(0),
            maxBoostBps: 5_000,
            voteBoostBps: 500,
            decayPeriod: 90 days
        });
    }

    // ------------------------------------------------------------------ sources

    /// @notice Governor hook: `voter` cast a vote on `proposalId`. Records the vote credit in the
    /// voter's account; it is folded into the boost (+voteBoostBps per vote, capped, renewed at
    /// the vote's time) at the account's next touch. Only the registered governor, so it cannot
    /// be spoofed. A voter with no weight (no active stake) has nothing to boost: skipped.
    /// @dev Lazy on purpose: castVote stays within ~1.1x of a plain Governor's. The hook writes
    /// only slot 0 of the account, which is non-zero for any staker (weight > 0), so even the
    /// first vote is a non-zero to non-zero write; no reward settlement, no weight change. The
    /// stored weight (and so the accumulator) changes only at a settlement point (stake, unbond,
    /// claim, slash, accepted score, `poke`), where `_reweight` folds the credit in after the
    /// rewards were settled at the old weight. Until then the voter is under-weighted, never
    /// over-weighted, and anyone may `poke` it. The counter saturates at 255 pending votes (at the
    /// default 500 bps per vote, 10 already reach the cap). Never reverts for the registered
    /// governor (no pause check), so voting is never blocked.
    function onVoteCast(address voter, uint256 proposalId) external {
        if (msg.sender != _cp.governor) revert NotGovernor(msg.sender);
        Account storage a = _accounts[voter];
        if (a.weight == 0) return;
        uint256 n = a.pendingVotes;
        if (n < type(uint8).max) ++n;
        a.pendingVotes = uint8(n);
        a.lastVoteAt = uint40(block.timestamp);
        emit VoteContribution(voter, proposalId, n);
    }

    /// @notice Raise `account`'s boost by `incrementBps` (capped at maxBoostBps) and renew it.
    /// Only the contribution oracle, after a quorum of matching attestations.
    /// @dev Settles at the old weight, then (StakingLib.contribute, cold code) folds any pending
    /// vote credit, so the renewal never predates a vote, and renews the boost (decayed value +
    /// increment, capped); then reweights.
    function addContribution(address account, uint256 incrementBps) external {
        if (msg.sender != contributionOracle) revert NotModule(msg.sender);
        _updateReward(account);
        uint256 boost = StakingLib.contribute(account, _accounts[account], _cp, incrementBps);
        _reweight(account);
        emit ContributionAdded(account, incrementBps, boost);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Register the governor whose vote reports count. Only governance.
    function setGovernor(address newGovernor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newGovernor == address(0)) revert ZeroAddress();
        emit AddressChanged("governor", _cp.governor, newGovernor);
        _cp.governor = newGovernor;
    }







    // ------------------------------------------------------------------ views

    /// @notice The contribution parameters.
    function contributionParams() external view returns (ContributionParams memory) {
        return _cp;
    }



    /// @notice `account`'s boost now (bps over 1x), decay applied, pending vote credit included
    /// (its stored weight catches up at its next touch or `poke`).
    /// @dev Computed in StakingLib (a view: no gas on any transaction path).
    function currentBoostBps(address account) external view returns (uint256) {
        return StakingLib.currentBoost(_accounts[account], _cp);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Linear decay from the renewal value, rounded down (against the account); capped by
    /// the current maxBoostBps.
    function _effectiveBoost(uint256 boostAtRenewal, uint256 renewedAt) internal view returns (uint256 b) {
        if (boostAtRenewal == 0) return 0; // unboosted accounts skip the parameter read
        uint256 elapsed = block.timestamp - renewedAt;
        uint256 period = _cp.decayPeriod;
        if (elapsed >= period) return 0;
        b = (boostAtRenewal * (period - elapsed)) / period;
        uint256 cap = _cp.maxBoostBps;
        if (b > cap) b = cap;
    }

    /// @dev Fold the pending vote credit into the stored boost (StakingLib.foldVotes, linked:
    /// the fold runs at most once per touch after votes, so it lives with the cold code and keeps
    /// this contract under the code-size limit). Called only after `account`'s rewards were
    /// settled at its old weight and before its new weight is computed.
    function _foldVotes(address account, Account storage a) private {
        if (a.pendingVotes != 0) StakingLib.foldVotes(account, a, _cp);
    }

    /// @dev weight = baseWeight x (1 + boost), rounded down; the total moves by the exact
    /// difference so it always equals the sum of stored weights. No overflow: total staked is
    /// capped at MAX_TOTAL_STAKED = 2^128 / 8 and weight <= 4.5 x amount.
    /// Slot 0 of the account (weight 0-127 | boostRenewedAt 128-167 | boostBps 168-183 | ...) is
    /// read once after the fold and written once (issue 14: field reads and a read-modify-write
    /// of the weight cost ~400 gas more on every stake and unbond).
    function _reweight(address account) internal override {
        Account storage a = _accounts[account];
        _foldVotes(account, a);
        uint256 word;
        assembly ("memory-safe") {
            word := sload(a.slot)
        }
        uint256 oldW = uint128(word);
        uint256 boostAtRenewal = uint16(word >> 168);
        uint256 boost = _effectiveBoost(boostAtRenewal, uint40(word >> 128));
        // A fully decayed boost is cleared, so later touches can skip the reweight (_applyDecay).
        if (boost == 0 && boostAtRenewal != 0) {
            a.boostBps = 0;
            word &= ~(uint256(type(uint16).max) << 168);
        }
        uint256 newW = (uint256(a.baseWeight) * (BPS + boost)) / BPS;
        if (newW == oldW) return;
        word = (word & ~uint256(type(uint128).max)) | newW; // newW < 2^128 (see above)
        assembly ("memory-safe") {
            sstore(a.slot, word)
        }
        uint256 total = _totalWeight + newW - oldW;
        _totalWeight = uint128(total);
        emit WeightChanged(account, oldW, newW, total);
    }

    /// @dev Apply the decay and any pending vote credit on a touch that does not change the base
    /// weight (claim, poke). An account with neither already weighs exactly its base weight, so
    /// it skips the work.
    function _applyDecay(address account) internal override {
        Account storage a = _accounts[account];
        if (a.boostBps != 0 || a.pendingVotes != 0) _reweight(account);
    }
}
