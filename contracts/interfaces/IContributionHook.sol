// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IContributionHook
/// @notice Implemented by the staking contract; called by the Governor's contribution-credit
/// extension (GovernorContributionCredit.creditVote) when `voter`'s vote on `proposalId` is
/// recognised (vote ended, quorum reached without the voter, not the proposer, within the
/// per-epoch cap), so that it feeds the voter's contribution multiplier. Not called on the vote
/// itself. Only the Governor registered in the staking contract may call it, which is what makes
/// the score unspoofable.
interface IContributionHook {
    /// @param voter The account whose vote is credited.
    /// @param proposalId The proposal it voted on.
    function onVoteCast(address voter, uint256 proposalId) external;
}
