// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IContributionHook} from "../interfaces/IContributionHook.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IStakingHooks} from "./IStakingHooks.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title Contribution
/// @notice The contribution multiplier (1x .. 1 + maxBoostBps/10_000, at most 1.5x) from
/// (a) votes reported by the registered governor and (b) epoch scores accepted at a quorum of
/// matching oracle attestations (ContributionOracle, which calls `addContribution`). The boost decays linearly to zero over `decayPeriod` unless
/// renewed.
/// @dev Lazy decay keeps the accumulator O(1): an account's weight is recomputed only when the
/// account is touched (stake, unbond, claim, vote, accepted score, slash, or `poke` by anyone).
/// Between touches its stored weight still carries the boost as of the last touch, so a decayed
/// account is over-weighted until someone pokes it; anyone may do so, and other stakers gain
/// from doing it. The boost itself is a pure function of (boost at renewal, renewal time, now),
/// so frequent pokes do not change the decay path.
abstract contract Contribution is StakingStorage, IContributionHook, IStakingHooks {
    uint256 public constant MAX_CONTRIBUTION_BOOST_BPS = 5_000; // multiplier <= 1.5x
    uint256 public constant MAX_VOTE_BOOST_BPS = 2_500;
    uint256 public constant MIN_DECAY_PERIOD = 1 days;
    uint256 public constant MAX_DECAY_PERIOD = 365 days;

    /// @dev One slot, read on every reweight.
    struct ContributionParams {
        address governor;
        uint16 maxBoostBps;
        uint16 voteBoostBps;
        uint32 decayPeriod;
    }

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
        _updateReward(voter);
        uint256 boost = _renewBoost(voter, _cp.voteBoostBps);
        _reweight(voter);
        emit VoteContribution(voter, proposalId, boost);
    }

    /// @notice Raise `account`'s boost by `incrementBps` (capped at maxBoostBps) and renew it.
    /// Only the contribution oracle, after a quorum of matching attestations.
    function addContribution(address account, uint256 incrementBps) external {
        if (msg.sender != _oracle) revert NotModule(msg.sender);
        _updateReward(account);
        uint256 boost = _renewBoost(account, incrementBps);
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

    /// @notice Cap of the contribution boost (bps over 1x, <= 5_000). Only governance.
    /// @dev Lowering it caps existing boosts at their next touch.
    function setMaxBoostBps(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkBounds("maxBoostBps", v, 0, MAX_CONTRIBUTION_BOOST_BPS);
        emit ParameterChanged("maxBoostBps", _cp.maxBoostBps, v);
        _cp.maxBoostBps = uint16(v);
    }

    /// @notice Boost added per reported vote (<= 2_500 bps). Only governance.
    function setVoteBoostBps(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkBounds("voteBoostBps", v, 0, MAX_VOTE_BOOST_BPS);
        emit ParameterChanged("voteBoostBps", _cp.voteBoostBps, v);
        _cp.voteBoostBps = uint16(v);
    }

    /// @notice Time for a boost to decay from its renewal value to zero. Only governance.
    function setDecayPeriod(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkBounds("decayPeriod", v, MIN_DECAY_PERIOD, MAX_DECAY_PERIOD);
        emit ParameterChanged("decayPeriod", _cp.decayPeriod, v);
        _cp.decayPeriod = uint32(v);
    }

    // ------------------------------------------------------------------ views

    /// @notice The contribution parameters.
    function contributionParams() external view returns (ContributionParams memory) {
        return _cp;
    }

    /// @notice The registered governor.
    function governor() external view returns (address) {
        return _cp.governor;
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
        uint256 elapsed = block.timestamp - renewedAt;
        uint256 period = _cp.decayPeriod;
        if (boostAtRenewal == 0 || elapsed >= period) return 0;
        b = (boostAtRenewal * (period - elapsed)) / period;
        uint256 cap = _cp.maxBoostBps;
        if (b > cap) b = cap;
    }

    function _renewBoost(address account, uint256 increment) private returns (uint256 boost) {
        Account storage a = _accounts[account];
        boost = _effectiveBoost(a.boostBps, a.boostRenewedAt) + increment;
        uint256 cap = _cp.maxBoostBps;
        if (boost > cap) boost = cap;
        a.boostBps = uint16(boost);
        a.boostRenewedAt = uint40(block.timestamp);
    }

    /// @dev weight = baseWeight x (1 + boost), rounded down; the total moves by the exact
    /// difference so it always equals the sum of stored weights.
    function _reweight(address account) internal override {
        Account storage a = _accounts[account];
        uint256 oldW = a.weight;
        uint256 newW = (uint256(a.baseWeight) * (BPS + _effectiveBoost(a.boostBps, a.boostRenewedAt))) / BPS;
        if (newW == oldW) return;
        a.weight = SafeCast.toUint128(newW);
        uint256 total = _totalWeight + newW - oldW;
        _totalWeight = SafeCast.toUint128(total);
        emit WeightChanged(account, oldW, newW, total);
    }
}
