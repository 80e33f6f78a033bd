// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IStakingHooks
/// @notice What the staking contract exposes to its two modules. Each call is accepted only from
/// the module wired at deployment (ContributionOracle, Slashing).
interface IStakingHooks {
    /// @notice Raise `account`'s contribution boost by `incrementBps` (capped). Oracle only.
    function addContribution(address account, uint256 incrementBps) external;

    /// @notice Record an open case against `staker` (its stake cannot be withdrawn while any is
    /// open). Reverts if it has no stake or too many open cases. Slashing only.
    function openSlashCase(address staker) external;

    /// @notice Close a case against `staker` without slashing. Slashing only.
    function closeSlashCase(address staker) external;

    /// @notice Close a case against `staker` and take `severityBps` of every stake it holds;
    /// the tokens go to the caller. Slashing only.
    function slash(address staker, uint256 severityBps) external returns (uint256 amount);
}
