// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {
    GovernorVotesQuorumFraction
} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IContributionHook} from "../interfaces/IContributionHook.sol";
import {ICipherGovernor} from "./ICipherGovernor.sol";

/// @title CipherGovernor
/// @notice The Cipher DAO (SPEC §1.6): OpenZeppelin Governor with settings, for/against/abstain
/// counting, votes from the staking contract (IERC5805, block-number clock), quorum as a fraction
/// of staked votes, late-quorum extension and a TimelockController that executes. Signature
/// voting (`castVoteBySig`) comes from the Governor core.
/// @dev Every vote with non-zero weight is reported to the staking contract
/// (`IContributionHook.onVoteCast`) so participation feeds the voter's contribution multiplier.
/// The hook is the votes token itself: it is already warm when the vote is counted (its
/// `getPastVotes` was just read), which keeps the call cheap. A reverting hook does NOT block the
/// vote: governance must stay live even when staking is paused or broken, since only governance
/// can repair it. To stop a relayer of a signed vote from starving the hook of gas (and so
/// silently dropping the voter's credit), a vote is refused unless the hook can get its full
/// allowance of CONTRIBUTION_HOOK_GAS.
/// All settings are governed (onlyGovernance = through the timelock) and bounded below.
contract CipherGovernor is
    ICipherGovernor,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorTimelockControl
{
    /// @notice Gas the contribution hook may use per vote.
    uint256 public constant CONTRIBUTION_HOOK_GAS = 100_000;
    /// @dev Gas left needed before the hook call: the allowance survives the 63/64 rule and the
    /// vote's remaining bookkeeping still fits afterwards.
    uint256 private constant _HOOK_GAS_REQUIRED = (CONTRIBUTION_HOOK_GAS * 64) / 63 + 10_000;

    /// @notice Voting delay bounds (blocks): at least one block so the snapshot precedes voting.
    uint256 public constant MIN_VOTING_DELAY = 1;
    uint256 public constant MAX_VOTING_DELAY = 50_400; // ~7 days of 12 s blocks
    /// @notice Voting period bounds (blocks).
    uint256 public constant MIN_VOTING_PERIOD = 10;
    uint256 public constant MAX_VOTING_PERIOD = 201_600; // ~28 days
    /// @notice Highest proposal threshold (token-wei of votes).
    uint256 public constant MAX_PROPOSAL_THRESHOLD = 10_000_000e18;
    /// @notice Quorum bounds in basis points of the total votes at the snapshot.
    uint256 public constant MIN_QUORUM_BPS = 100; // 1%
    uint256 public constant MAX_QUORUM_BPS = 5_000; // 50%
    /// @notice Late-quorum extension bounds (blocks).
    uint256 public constant MIN_LATE_QUORUM_EXTENSION = 1;
    uint256 public constant MAX_LATE_QUORUM_EXTENSION = 50_400;

    /// @param votes The staking contract: IERC5805 votes source and IContributionHook.
    /// @param timelock_ The TimelockController that executes proposals and owns every parameter.
    /// @param settings Initial settings, checked against the bounds.
    constructor(
        IVotes votes,
        TimelockController timelock_,
        Settings memory settings
    )
        Governor("CipherGovernor")
        GovernorSettings(settings.votingDelay, settings.votingPeriod, settings.proposalThreshold)
        GovernorVotes(votes)
        GovernorVotesQuorumFraction(settings.quorumBps)
        GovernorPreventLateQuorum(settings.lateQuorumExtension)
        GovernorTimelockControl(timelock_)
    {}

    /// @inheritdoc ICipherGovernor
    function contributionHook() public view returns (address) {
        return address(token());
    }

    /// @notice Quorum is expressed in basis points.
    function quorumDenominator() public pure override returns (uint256) {
        return 10_000;
    }

    // ------------------------------------------------------------------ vote + hook

    /// @dev Counts the vote (OZ), then tells staking. Runs for every path: castVote,
    /// castVoteWithReason(AndParams), castVoteBySig.
    function _castVote(
        uint256 proposalId,
        address account,
        uint8 support,
        string memory reason,
        bytes memory params
    ) internal override returns (uint256 votedWeight) {
        votedWeight = super._castVote(proposalId, account, support, reason, params);
        if (votedWeight == 0) return votedWeight; // no stake, no contribution to record
        uint256 gasLeft = gasleft();
        if (gasLeft < _HOOK_GAS_REQUIRED) revert GovernorInsufficientGasForHook(gasLeft, _HOOK_GAS_REQUIRED);
        try IContributionHook(address(token())).onVoteCast{gas: CONTRIBUTION_HOOK_GAS}(account, proposalId) {
            // recorded
        } catch (bytes memory reasonData) {
            emit ContributionHookFailed(account, proposalId, reasonData);
        }
    }

    // ------------------------------------------------------------------ bounded settings

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        if (newVotingDelay < MIN_VOTING_DELAY || newVotingDelay > MAX_VOTING_DELAY) {
            revert GovernorVotingDelayOutOfBounds(newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        }
        super._setVotingDelay(newVotingDelay);
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod < MIN_VOTING_PERIOD || newVotingPeriod > MAX_VOTING_PERIOD) {
            revert GovernorVotingPeriodOutOfBounds(newVotingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        }
        super._setVotingPeriod(newVotingPeriod);
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        if (newProposalThreshold > MAX_PROPOSAL_THRESHOLD) {
            revert GovernorProposalThresholdTooHigh(newProposalThreshold, MAX_PROPOSAL_THRESHOLD);
        }
        super._setProposalThreshold(newProposalThreshold);
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        if (newQuorumNumerator < MIN_QUORUM_BPS || newQuorumNumerator > MAX_QUORUM_BPS) {
            revert GovernorQuorumOutOfBounds(newQuorumNumerator, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        }
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    /// @dev Own bounds replace OZ's default (the voting period), so changing the period later
    /// cannot leave the extension out of range.
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        if (newVoteExtension < MIN_LATE_QUORUM_EXTENSION || newVoteExtension > MAX_LATE_QUORUM_EXTENSION) {
            revert GovernorLateQuorumExtensionOutOfBounds(
                newVoteExtension,
                MIN_LATE_QUORUM_EXTENSION,
                MAX_LATE_QUORUM_EXTENSION
            );
        }
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    function _maxLateQuorumVoteExtension() internal pure override returns (uint256) {
        return MAX_LATE_QUORUM_EXTENSION;
    }

    // ------------------------------------------------------------------ required overrides

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
