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
import {GovernorContributionCredit} from "./extensions/GovernorContributionCredit.sol";
import {ICipherGovernor} from "./ICipherGovernor.sol";

/// @title CipherGovernor
/// @notice The Cipher DAO (SPEC §1.6): OpenZeppelin's Governor stack (settings, for/against/abstain
/// counting, votes from the staking contract (IERC5805, block-number clock), quorum as a fraction
/// of staked votes, late-quorum extension, a TimelockController that executes, signature voting
/// from the core) plus one named extension: GovernorContributionCredit (recognised votes feed the
/// voter's contribution multiplier in staking; nothing runs on the vote path).
/// @dev Cipher's bounds only ever add to OZ's checks: each bounded setter runs OZ's own first (so
/// OZ's error is raised wherever OZ has one, e.g. GovernorInvalidVotingPeriod for 0,
/// GovernorPreventLateQuorumVoteExtensionTooLarge for an extension above the voting period,
/// GovernorInvalidQuorumFraction above the denominator), then Cipher's bound, whose revert undoes
/// what OZ wrote. All settings are governed (onlyGovernance = through the timelock).
contract CipherGovernor is
    ICipherGovernor,
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorTimelockControl,
    GovernorContributionCredit
{
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
    /// @notice Lowest late-quorum extension (blocks); the highest is OZ's, the voting period.
    uint256 public constant MIN_LATE_QUORUM_EXTENSION = 1;
    /// @notice Credited votes per voter per 7-day epoch at deployment (governed afterwards).
    uint256 public constant INITIAL_VOTE_CREDITS_PER_EPOCH = 5;

    /// @param votes The staking contract: IERC5805 votes source and IContributionHook.
    /// @param timelock_ The TimelockController that executes proposals and owns every parameter.
    /// @param settings Initial settings, checked against OZ's checks and the bounds.
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
        GovernorContributionCredit(IContributionHook(address(votes)), INITIAL_VOTE_CREDITS_PER_EPOCH)
    {}

    /// @notice Quorum is expressed in basis points.
    function quorumDenominator() public pure override returns (uint256) {
        return 10_000;
    }

    // ------------------------------------------------------------------ bounded settings (OZ first)

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        super._setVotingDelay(newVotingDelay);
        if (newVotingDelay < MIN_VOTING_DELAY || newVotingDelay > MAX_VOTING_DELAY) {
            revert GovernorVotingDelayOutOfBounds(newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        }
    }

    /// @dev OZ refuses 0 (GovernorInvalidVotingPeriod); Cipher adds its bounds and refuses a period
    /// shorter than the late-quorum extension (OZ checks that pair only when the extension is set,
    /// so shortening the period afterwards could leave the extension longer than the vote).
    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        super._setVotingPeriod(newVotingPeriod);
        if (newVotingPeriod < MIN_VOTING_PERIOD || newVotingPeriod > MAX_VOTING_PERIOD) {
            revert GovernorVotingPeriodOutOfBounds(newVotingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        }
        uint256 extension = lateQuorumVoteExtension();
        if (newVotingPeriod < extension) {
            revert GovernorVotingPeriodBelowLateQuorumExtension(newVotingPeriod, extension);
        }
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        super._setProposalThreshold(newProposalThreshold);
        if (newProposalThreshold > MAX_PROPOSAL_THRESHOLD) {
            revert GovernorProposalThresholdTooHigh(newProposalThreshold, MAX_PROPOSAL_THRESHOLD);
        }
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        super._updateQuorumNumerator(newQuorumNumerator);
        if (newQuorumNumerator < MIN_QUORUM_BPS || newQuorumNumerator > MAX_QUORUM_BPS) {
            revert GovernorQuorumOutOfBounds(newQuorumNumerator, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        }
    }

    /// @dev OZ refuses an extension above the voting period
    /// (GovernorPreventLateQuorumVoteExtensionTooLarge); Cipher adds a floor of one block.
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        super._setLateQuorumVoteExtension(newVoteExtension);
        if (newVoteExtension < MIN_LATE_QUORUM_EXTENSION) {
            revert GovernorLateQuorumExtensionTooSmall(newVoteExtension, MIN_LATE_QUORUM_EXTENSION);
        }
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
