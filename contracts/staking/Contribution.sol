// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IContributionHook} from "../interfaces/IContributionHook.sol";
import {IStakingHooks} from "./IStakingHooks.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title Contribution
/// @notice The contribution multiplier (1x .. 1 + maxBoostBps/10_000, at most 1.5x) from
/// (a) votes reported by the registered governor and (b) epoch scores accepted at a quorum of
/// matching oracle attestations (ContributionOracle, which calls `addContribution`). The boost
/// decays linearly to zero over `decayPeriod` unless renewed.
/// @dev Lazy decay keeps the accumulator O(1): an account's weight is recomputed only when the
/// account is touched (stake, unbond, claim, vote, accepted score, slash, or `poke` by anyone).
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

    /// @notice Governor hook: `voter` cast a vote on `proposalId`; renews and raises its boost by
    /// `voteBoostBps` (capped). Only the registered governor, so it cannot be spoofed.
    /// @dev Never reverts for a registered governor (no pause check), so voting is never blocked.
    function onVoteCast(address voter, uint256 proposalId) external {
        if (msg.sender != _cp.governor) revert NotGovernor(msg.sender);
        emit VoteContribution(voter, proposalId, _contribute(voter, _cp.voteBoostBps));
    }

    /// @notice Raise `account`'s boost by `incrementBps` (capped at maxBoostBps) and renew it.
    /// Only the contribution oracle, after a quorum of matching attestations.
    function addContribution(address account, uint256 incrementBps) external {
        if (msg.sender != contributionOracle) revert NotModule(msg.sender);
        emit ContributionAdded(account, incrementBps, _contribute(account, incrementBps));
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



    /// @notice `account`'s boost now (bps over 1x), decay applied.
    function currentBoostBps(address account) external view returns (uint256) {
        Account storage a = _accounts[account];
        return _effectiveBoost(a.boostBps, a.boostRenewedAt);
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

    /// @dev Settle at the old weight, renew the boost (decayed value + increment, capped), reweight.
    function _contribute(address account, uint256 increment) private returns (uint256 boost) {
        _updateReward(account);
        Account storage a = _accounts[account];
        boost = _effectiveBoost(a.boostBps, a.boostRenewedAt) + increment;
        uint256 cap = _cp.maxBoostBps;
        if (boost > cap) boost = cap;
        a.boostBps = uint16(boost);
        a.boostRenewedAt = uint40(block.timestamp);
        _reweight(account);
    }

    /// @dev weight = baseWeight x (1 + boost), rounded down; the total moves by the exact
    /// difference so it always equals the sum of stored weights. No overflow: total staked is
    /// capped at MAX_TOTAL_STAKED = 2^128 / 8 and weight <= 4.5 x amount.
    function _reweight(address account) internal override {
        Account storage a = _accounts[account];
        uint256 oldW = a.weight;
        uint256 boost = _effectiveBoost(a.boostBps, a.boostRenewedAt);
        // A fully decayed boost is cleared, so later touches can skip the reweight (_applyDecay).
        if (boost == 0 && a.boostBps != 0) a.boostBps = 0;
        uint256 newW = (uint256(a.baseWeight) * (BPS + boost)) / BPS;
        if (newW == oldW) return;
        a.weight = uint128(newW);
        uint256 total = _totalWeight + newW - oldW;
        _totalWeight = uint128(total);
        emit WeightChanged(account, oldW, newW, total);
    }

    /// @dev Apply the decay on a touch that does not change the base weight (claim, poke). An
    /// account with no boost already weighs exactly its base weight, so it skips the work.
    function _applyDecay(address account) internal override {
        if (_accounts[account].boostBps != 0) _reweight(account);
    }
}
