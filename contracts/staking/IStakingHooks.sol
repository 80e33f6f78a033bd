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
    /// @return held Tokens (wei) the staker holds in stakes now, active and unbonding: the base
    /// the case's cut is computed on.
    /// @return stakeMask The staker's stake ids now (bit i = stake i): only these are cut.
    function openSlashCase(address staker) external returns (uint256 held, uint256 stakeMask);

    /// @notice Close a case against `staker` without slashing. Slashing only.
    function closeSlashCase(address staker) external;

    /// @notice Close a case against `staker` and take ceil(`heldAtOpen` x `severityBps` / 10_000)
    /// tokens from the stakes in `stakeMask` (those it held when the case opened, see
    /// `openSlashCase`), pro rata, capped at what is left of them; stake added later is not cut.
    /// The tokens go to the caller. Slashing only.
    /// @return amount Tokens taken (wei).
    function slash(address staker, uint256 severityBps, uint256 heldAtOpen, uint256 stakeMask)
        external
        returns (uint256 amount);
}
