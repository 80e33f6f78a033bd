// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICipherGovernor
/// @notice Errors, events and settings of the Cipher DAO's Governor (SPEC §1.6) beyond those of
/// OpenZeppelin's Governor and its extensions.
interface ICipherGovernor {
    /// @notice Initial governor settings, each checked against the contract's bounds.
    /// @param votingDelay Blocks between a proposal and its vote snapshot.
    /// @param votingPeriod Blocks the vote stays open.
    /// @param proposalThreshold Votes (token-wei) a proposer needs.
    /// @param quorumBps Quorum as basis points of the total votes at the snapshot.
    /// @param lateQuorumExtension Blocks the vote stays open after quorum is reached late.
    struct Settings {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumBps;
        uint48 lateQuorumExtension;
    }

    /// @notice A voting delay outside [MIN_VOTING_DELAY, MAX_VOTING_DELAY].
    error GovernorVotingDelayOutOfBounds(uint256 votingDelay, uint256 min, uint256 max);
    /// @notice A voting period outside [MIN_VOTING_PERIOD, MAX_VOTING_PERIOD].
    error GovernorVotingPeriodOutOfBounds(uint256 votingPeriod, uint256 min, uint256 max);
    /// @notice A proposal threshold above MAX_PROPOSAL_THRESHOLD.
    error GovernorProposalThresholdTooHigh(uint256 threshold, uint256 max);
    /// @notice A quorum outside [MIN_QUORUM_BPS, MAX_QUORUM_BPS].
    error GovernorQuorumOutOfBounds(uint256 quorumBps, uint256 min, uint256 max);
    /// @notice A late-quorum extension below MIN_LATE_QUORUM_EXTENSION (OZ bounds it above by the
    /// voting period).
    error GovernorLateQuorumExtensionTooSmall(uint256 extension, uint256 min);
    /// @notice A voting period shorter than the current late-quorum extension.
    error GovernorVotingPeriodBelowLateQuorumExtension(uint256 votingPeriod, uint256 extension);
}
