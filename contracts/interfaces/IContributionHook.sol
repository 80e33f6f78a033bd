// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IContributionHook
/// @notice Implemented by the staking contract; called by the Governor when `voter` casts a vote,
/// so that participation feeds the voter's contribution multiplier. Only the Governor registered
/// in the staking contract may call it, which is what makes the score unspoofable.
interface IContributionHook {
    function onVoteCast(address voter, uint256 proposalId) external;
}
