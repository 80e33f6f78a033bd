// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";
import {IRevenueRecipient, RevenueBuckets} from "../interfaces/IRevenueRecipient.sol";
import {ISlashing} from "./ISlashing.sol";
import {IStakingHooks} from "./IStakingHooks.sol";

/// @title Slashing
/// @notice Slashing cases against stakers of CipherStaking. SLASHER_ROLE proposes (staker,
/// severity capped per offence, evidence hash); the staker may dispute within `disputeWindow`,
/// which hands the case to governance (`upholdSlash` / `cancelSlash`, DEFAULT_ADMIN_ROLE = the
/// timelock); an undisputed case is executed by anyone after the window. Slashed tokens go to
/// the treasury's solidarity fund or are burned (governed choice).
/// @dev States:
///   Proposed --window passes, executeSlash (anyone)--> Executed
///   Proposed --disputeSlash (staker, in window)--> Disputed --upholdSlash (governance)--> Executed
///   Proposed | Disputed --cancelSlash (governance)--> Cancelled
///   Disputed --DECISION_TIMEOUT passes undecided, expireSlash (anyone)--> Cancelled
/// While any case is open the staking contract refuses to let the staker withdraw (unbonding may
/// start and stays slashable). The cut is computed on the stake held when the case was proposed
/// (SPEC §1.4): ceil(held x severity) taken pro rata from the stakes the staker had then, active
/// or unbonding, so neither unbonding nor re-staking escapes it and stake added later is not cut. The expiry of undecided
/// disputes bounds how long a slasher can freeze a staker's withdrawals.
contract Slashing is ISlashing, AccessControlEnumerable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant SLASHER_ROLE = keccak256("SLASHER_ROLE");
    uint256 public constant MAX_SLASH_CAP_BPS = 5_000;
    uint256 public constant MIN_DISPUTE_WINDOW = 1 days;
    uint256 public constant MAX_DISPUTE_WINDOW = 30 days;
    uint256 public constant DECISION_TIMEOUT = 60 days;

    /// @notice The staked token (what slashing takes).
    ICipherToken public immutable token;
    address private immutable _deployer;
    /// @notice The staking contract (set once at deployment).
    IStakingHooks public staking;
    /// @notice Receives slashed tokens as solidarity revenue unless `burnSlashed`.
    address public treasury;
    /// @notice Per-offence severity cap, bps of the stake.
    uint16 public maxSeverityBps;
    /// @notice Seconds the staker has to dispute a new case.
    uint32 public disputeWindow;
    /// @notice Burn slashed tokens instead of sending them to the solidarity fund.
    bool public burnSlashed;
    /// @notice Number of cases ever proposed; ids are 1..caseCount.
    uint256 public caseCount;
    mapping(uint256 caseId => SlashCase) internal _cases;

    /// @param admin Governance (the timelock): DEFAULT_ADMIN_ROLE.
    /// @param token_ The staked token.
    /// @param treasury_ The treasury (solidarity fund).
    constructor(address admin, address token_, address treasury_) {
        if (admin == address(0) || token_ == address(0) || treasury_ == address(0)) revert ZeroAddress();
        token = ICipherToken(token_);
        treasury = treasury_;
        maxSeverityBps = 1_000;
        disputeWindow = 3 days;
        _deployer = msg.sender;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Wire the staking contract. Once, by the deployer only (breaks the address cycle).
    function setStaking(address staking_) external {
        if (msg.sender != _deployer || address(staking) != address(0)) revert InitUnauthorized(msg.sender);
        if (staking_ == address(0)) revert ZeroAddress();
        staking = IStakingHooks(staking_);
        emit StakingSet(staking_);
    }

    // ------------------------------------------------------------------ case lifecycle

    /// @notice Open a case against `staker` to take `severityBps` of its stake. Only SLASHER_ROLE.
    /// @return caseId The new case's id.
    function proposeSlash(address staker, uint256 severityBps, bytes32 evidenceHash)
        external
        onlyRole(SLASHER_ROLE)
        returns (uint256 caseId)
    {
        uint256 cap = maxSeverityBps;
        if (severityBps == 0 || severityBps > cap) revert InvalidSeverity(severityBps, cap);
        if (evidenceHash == bytes32(0)) revert MissingEvidence();
        IStakingHooks s = staking;
        if (address(s) == address(0)) revert StakingNotSet();
        // Reverts if the staker has no stake or too many open cases.
        (uint256 held, uint256 mask) = s.openSlashCase(staker);
        caseId = ++caseCount;
        uint256 deadline = block.timestamp + disputeWindow;
        // held <= MAX_TOTAL_STAKED < 2^128 and mask < 2^16 (MAX_STAKES_PER_ACCOUNT): exact casts.
        _cases[caseId] = SlashCase(
            staker, uint16(severityBps), CaseStatus.Proposed, uint40(deadline), uint16(mask), evidenceHash, uint128(held)
        );
        emit SlashSnapshot(caseId, staker, held, mask);
        emit SlashProposed(caseId, staker, severityBps, evidenceHash, deadline);
    }

    /// @notice The slashed staker disputes case `caseId` before its window closes; governance
    /// then has DECISION_TIMEOUT to uphold or cancel it.
    function disputeSlash(uint256 caseId) external {
        SlashCase storage c = _caseIn(caseId, CaseStatus.Proposed);
        if (msg.sender != c.staker) revert NotCaseStaker(caseId, msg.sender);
        if (block.timestamp >= c.deadline) revert DisputeWindowClosed(caseId, c.deadline);
        uint256 decisionDeadline = block.timestamp + DECISION_TIMEOUT;
        c.status = CaseStatus.Disputed;
        c.deadline = uint40(decisionDeadline);
        emit SlashDisputed(caseId, msg.sender, decisionDeadline);
    }

    /// @notice Execute undisputed case `caseId` once its dispute window has closed. Anyone.
    /// @return amount Tokens slashed.
    function executeSlash(uint256 caseId) external nonReentrant returns (uint256 amount) {
        SlashCase storage c = _caseIn(caseId, CaseStatus.Proposed);
        if (block.timestamp < c.deadline) revert DisputeWindowOpen(caseId, c.deadline);
        return _execute(caseId, c);
    }

    /// @notice Governance upholds disputed case `caseId`: it executes now.
    /// @return amount Tokens slashed.
    function upholdSlash(uint256 caseId) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant returns (uint256 amount) {
        return _execute(caseId, _caseIn(caseId, CaseStatus.Disputed));
    }

    /// @notice Governance cancels case `caseId` (proposed or disputed).
    function cancelSlash(uint256 caseId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        SlashCase storage c = _cases[caseId];
        if (c.status != CaseStatus.Proposed && c.status != CaseStatus.Disputed) {
            revert WrongCaseStatus(caseId, c.status);
        }
        _close(caseId, c);
    }

    /// @notice Cancel disputed case `caseId` that governance left undecided past its decision
    /// deadline, so a dispute cannot freeze a stake forever. Anyone.
    function expireSlash(uint256 caseId) external {
        SlashCase storage c = _caseIn(caseId, CaseStatus.Disputed);
        if (block.timestamp < c.deadline) revert DecisionPending(caseId, c.deadline);
        _close(caseId, c);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Per-offence severity cap (1..5_000 bps). Only governance; applies to new cases.
    function setMaxSeverityBps(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (v == 0 || v > MAX_SLASH_CAP_BPS) revert ParameterOutOfBounds("maxSeverityBps", v, 1, MAX_SLASH_CAP_BPS);
        emit ParameterChanged("maxSeverityBps", maxSeverityBps, v);
        maxSeverityBps = uint16(v);
    }

    /// @notice Dispute window for new cases (1..30 days). Only governance.
    function setDisputeWindow(uint256 v) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (v < MIN_DISPUTE_WINDOW || v > MAX_DISPUTE_WINDOW) {
            revert ParameterOutOfBounds("disputeWindow", v, MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW);
        }
        emit ParameterChanged("disputeWindow", disputeWindow, v);
        disputeWindow = uint32(v);
    }

    /// @notice The treasury whose solidarity fund receives slashed tokens. Only governance.
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newTreasury == address(0)) revert ZeroAddress();
        emit TreasuryChanged(treasury, newTreasury);
        treasury = newTreasury;
    }

    /// @notice Burn slashed tokens (true) or send them to the solidarity fund (false).
    /// Only governance.
    function setBurnSlashed(bool burn) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit SlashBurnChanged(burnSlashed, burn);
        burnSlashed = burn;
    }

    // ------------------------------------------------------------------ views

    /// @notice Case `caseId`.
    function slashCase(uint256 caseId) external view returns (SlashCase memory) {
        return _cases[caseId];
    }

    // ------------------------------------------------------------------ internals

    function _caseIn(uint256 caseId, CaseStatus expected) private view returns (SlashCase storage c) {
        c = _cases[caseId];
        if (c.status != expected) revert WrongCaseStatus(caseId, c.status);
    }

    function _close(uint256 caseId, SlashCase storage c) private {
        c.status = CaseStatus.Cancelled;
        staking.closeSlashCase(c.staker);
        emit SlashCancelled(caseId, c.staker);
    }

    /// @dev The staking contract cuts the stake (weight, votes, totals) and sends the tokens
    /// here; then they are burned, or approved to and pulled by the treasury as solidarity revenue.
    function _execute(uint256 caseId, SlashCase storage c) private returns (uint256 amount) {
        address staker = c.staker;
        c.status = CaseStatus.Executed;
        amount = staking.slash(staker, c.severityBps, c.heldAtProposal, c.stakeMask);
        bool burn = burnSlashed;
        if (amount != 0) {
            if (burn) {
                token.burn(amount);
            } else {
                address t = treasury;
                IERC20(address(token)).forceApprove(t, amount);
                IRevenueRecipient(t).receiveRevenue(address(token), amount, RevenueBuckets.SOLIDARITY);
            }
        }
        emit SlashExecuted(caseId, staker, amount, burn);
    }
}
