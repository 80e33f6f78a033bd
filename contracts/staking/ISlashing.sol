// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ISlashing
/// @notice Types, errors and events of the slashing module (cases against stakers).
interface ISlashing {
    /// @notice State of a slashing case.
    enum CaseStatus {
        None,
        Proposed,
        Disputed,
        Executed,
        Cancelled
    }

    /// @notice A slashing case (three slots). `deadline` is the end of the dispute window while
    /// Proposed and the end of governance's decision window once Disputed. `heldAtProposal`
    /// (tokens, wei, active + unbonding) and `stakeMask` (the stake ids then) are the snapshot the
    /// cut is computed on: ceil(heldAtProposal x severityBps / 10_000), taken from those stakes
    /// only, so stake added later is not cut and nothing held then escapes (it cannot be withdrawn
    /// while the case is open).
    struct SlashCase {
        address staker;
        uint16 severityBps;
        CaseStatus status;
        uint40 deadline;
        uint16 stakeMask;
        bytes32 evidenceHash;
        uint128 heldAtProposal;
    }

    /// @notice An address that must be set was zero.
    error ZeroAddress();
    /// @notice A governed numeric parameter `name` outside its constant bounds [min, max].
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);
    /// @notice An evidence hash was zero.
    error MissingEvidence();
    /// @notice `severityBps` is zero or above the per-offence cap `cap`.
    error InvalidSeverity(uint256 severityBps, uint256 cap);
    /// @notice Case `caseId` is `status`; the call needs another state.
    error WrongCaseStatus(uint256 caseId, CaseStatus status);
    /// @notice Only the slashed staker may dispute case `caseId`; `caller` is not it.
    error NotCaseStaker(uint256 caseId, address caller);
    /// @notice The dispute window of case `caseId` closed at `deadline`.
    error DisputeWindowClosed(uint256 caseId, uint256 deadline);
    /// @notice The dispute window of case `caseId` is open until `deadline`.
    error DisputeWindowOpen(uint256 caseId, uint256 deadline);
    /// @notice Governance may still decide disputed case `caseId` until `deadline`.
    error DecisionPending(uint256 caseId, uint256 deadline);
    /// @notice The one-shot setter was called by `caller`, not the deployer, or twice.
    error InitUnauthorized(address caller);
    /// @notice The staking contract is not wired yet.
    error StakingNotSet();

    /// @notice Case `caseId` opened against `staker`, who then held `heldAtProposal` tokens in
    /// stakes (the base of the cut).
    event SlashSnapshot(uint256 indexed caseId, address indexed staker, uint256 heldAtProposal, uint256 stakeMask);
    /// @notice Case `caseId` opened against `staker`.
    event SlashProposed(
        uint256 indexed caseId,
        address indexed staker,
        uint256 severityBps,
        bytes32 evidenceHash,
        uint256 disputeDeadline
    );
    /// @notice `staker` disputed case `caseId`; governance decides until `decisionDeadline`.
    event SlashDisputed(uint256 indexed caseId, address indexed staker, uint256 decisionDeadline);
    /// @notice Case `caseId` executed: `amount` tokens taken from `staker`, burned or sent to the
    /// solidarity fund.
    event SlashExecuted(uint256 indexed caseId, address indexed staker, uint256 amount, bool burned);
    /// @notice Case `caseId` cancelled (by governance, or expired undecided).
    event SlashCancelled(uint256 indexed caseId, address indexed staker);
    /// @notice A governed numeric parameter changed.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    /// @notice The treasury changed.
    event TreasuryChanged(address oldTreasury, address newTreasury);
    /// @notice The slash destination changed (true = burn, false = solidarity fund).
    event SlashBurnChanged(bool oldBurn, bool newBurn);
    /// @notice The staking contract was wired at deployment.
    event StakingSet(address staking);
}
