// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IContributionOracle} from "./IContributionOracle.sol";
import {IStakingHooks} from "./IStakingHooks.sol";

/// @title ContributionOracle
/// @notice A governed set of contribution oracles (ORACLE_ROLE) attests epoch scores of
/// accounts; a score is accepted when `quorum` attestations MATCH exactly (same account, epoch,
/// score and evidence hash). An accepted score raises the account's contribution boost in the
/// staking contract by score x scoreBoostBps / MAX_SCORE (the staking contract caps the boost).
/// @dev Why it is safe against a minority of oracles:
/// - the quorum must be a strict majority of the current oracle set (checked on every attestation,
///   since the set can change after the quorum was set);
/// - each oracle attests once per (account, epoch); split attestations never add up, only
///   identical ones count;
/// - any change of the oracle set bumps `oracleSetNonce`, which is part of every attestation key,
///   so attestations of a removed oracle stop counting at once (no loop needed);
/// - each epoch is accepted at most once per account, and only epochs after the last accepted
///   one, so scores cannot be replayed.
contract ContributionOracle is IContributionOracle, AccessControlEnumerable {
    bytes32 public constant ORACLE_ROLE = keccak256("ORACLE_ROLE");
    uint256 public constant MAX_SCORE = 10_000;
    uint256 public constant MAX_SCORE_BOOST_BPS = 5_000;
    uint256 public constant MAX_ORACLE_QUORUM = 16;
    uint256 public constant EPOCH_DURATION = 7 days;

    address private immutable _deployer;
    /// @notice The staking contract whose boosts accepted scores raise (set once at deployment).
    IStakingHooks public staking;
    /// @notice Matching attestations needed to accept a score.
    uint256 public quorum;
    /// @notice Boost (bps over 1x) added by an accepted score of MAX_SCORE.
    uint256 public scoreBoostBps;
    /// @notice Incremented whenever ORACLE_ROLE is granted or revoked.
    uint256 public oracleSetNonce;
    /// @notice The last epoch for which a score of `account` was accepted.
    mapping(address account => uint256) public lastAcceptedEpoch;
    mapping(bytes32 claimKey => uint256) internal _attestations;
    mapping(bytes32 oracleKey => bool) internal _attested;

    /// @param admin Governance (the timelock): DEFAULT_ADMIN_ROLE, manages the oracle set.
    constructor(address admin) {
        if (admin == address(0)) revert ZeroAddress();
        _deployer = msg.sender;
        quorum = 2;
        scoreBoostBps = 2_500;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Wire the staking contract. Once, by the deployer only (breaks the address cycle).
    function setStaking(address staking_) external {
        if (msg.sender != _deployer || address(staking) != address(0)) revert InitUnauthorized(msg.sender);
        if (staking_ == address(0)) revert ZeroAddress();
        staking = IStakingHooks(staking_);
        emit StakingSet(staking_);
    }

    /// @notice Attest that `account` scored `score` (0..MAX_SCORE) in the finished `epoch`
    /// (epoch = timestamp / EPOCH_DURATION), with `evidenceHash` (hash of the off-chain evidence,
    /// recorded in the event). Only ORACLE_ROLE; once per oracle, account and epoch.
    /// @return accepted Whether this attestation completed the quorum.
    function attestScore(address account, uint256 epoch, uint256 score, bytes32 evidenceHash)
        external
        onlyRole(ORACLE_ROLE)
        returns (bool accepted)
    {
        if (account == address(0)) revert ZeroAddress();
        if (score > MAX_SCORE) revert InvalidScore(score, MAX_SCORE);
        if (evidenceHash == bytes32(0)) revert MissingEvidence();
        if (address(staking) == address(0)) revert StakingNotSet();
        uint256 current = block.timestamp / EPOCH_DURATION;
        if (epoch >= current) revert EpochNotFinished(epoch, current);
        uint256 last = lastAcceptedEpoch[account];
        if (epoch <= last) revert EpochAlreadyAccepted(account, epoch, last);
        uint256 q = quorum;
        uint256 oracles = getRoleMemberCount(ORACLE_ROLE);
        if (q * 2 <= oracles) revert OracleQuorumTooLow(q, oracles);
        uint256 nonce = oracleSetNonce;
        bytes32 oracleKey = keccak256(abi.encode(nonce, msg.sender, account, epoch));
        if (_attested[oracleKey]) revert AlreadyAttested(msg.sender, account, epoch);
        _attested[oracleKey] = true;
        uint256 count = ++_attestations[keccak256(abi.encode(nonce, account, epoch, score, evidenceHash))];
        emit ScoreAttested(msg.sender, account, epoch, score, evidenceHash, count);
        if (count == q) {
            accepted = true;
            lastAcceptedEpoch[account] = epoch;
            uint256 increment = (score * scoreBoostBps) / MAX_SCORE;
            emit ScoreAccepted(account, epoch, score, evidenceHash, increment);
            staking.addContribution(account, increment);
        }
    }

    /// @notice Venues (resource markets) whose quorum-attested deliveries raise contribution.
    /// Granted by governance; a venue checks this contract's oracle set and quorum itself.
    bytes32 public constant VENUE_ROLE = keccak256("VENUE_ROLE");

    /// @notice A venue reports that `account` delivered with score `score` (0..MAX_SCORE, its
    /// delivered share) as attested by a quorum of this contract's oracles (`evidenceHash`);
    /// the boost rises by score x scoreBoostBps / MAX_SCORE, like an accepted epoch score.
    /// Only VENUE_ROLE.
    /// @return increment The boost added (bps).
    function addVenueScore(address account, uint256 score, bytes32 evidenceHash)
        external
        onlyRole(VENUE_ROLE)
        returns (uint256 increment)
    {
        if (score > MAX_SCORE) revert InvalidScore(score, MAX_SCORE);
        if (address(staking) == address(0)) revert StakingNotSet();
        increment = (score * scoreBoostBps) / MAX_SCORE;
        emit VenueScoreAccepted(msg.sender, account, score, evidenceHash, increment);
        staking.addContribution(account, increment);
    }

    /// @notice Matching attestations needed (1..16). Only governance.
    function setQuorum(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (v == 0 || v > MAX_ORACLE_QUORUM) revert ParameterOutOfBounds("quorum", v, 1, MAX_ORACLE_QUORUM);
        emit ParameterChanged("quorum", quorum, v);
        quorum = v;
    }

    /// @notice Boost added by an accepted score of MAX_SCORE (<= 5_000 bps). Only governance.
    function setScoreBoostBps(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (v > MAX_SCORE_BOOST_BPS) revert ParameterOutOfBounds("scoreBoostBps", v, 0, MAX_SCORE_BOOST_BPS);
        emit ParameterChanged("scoreBoostBps", scoreBoostBps, v);
        scoreBoostBps = v;
    }

    /// @notice The epoch now running (scores are attested for earlier ones).
    function currentEpoch() external view returns (uint256) {
        return block.timestamp / EPOCH_DURATION;
    }

    /// @notice Matching attestations so far for (account, epoch, score, evidence) under the
    /// current oracle set.
    function attestationCount(address account, uint256 epoch, uint256 score, bytes32 evidenceHash)
        external
        view
        returns (uint256)
    {
        return _attestations[keccak256(abi.encode(oracleSetNonce, account, epoch, score, evidenceHash))];
    }

    /// @notice Whether `oracle` has attested for `account` in `epoch` under the current set.
    function hasAttested(address oracle, address account, uint256 epoch) external view returns (bool) {
        return _attested[keccak256(abi.encode(oracleSetNonce, oracle, account, epoch))];
    }

    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted && role == ORACLE_ROLE) emit OracleSetChanged(++oracleSetNonce);
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked && role == ORACLE_ROLE) emit OracleSetChanged(++oracleSetNonce);
    }
}
