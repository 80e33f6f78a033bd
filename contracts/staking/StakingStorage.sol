// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICipherStaking} from "./ICipherStaking.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";

/// @title StakingStorage
/// @notice State shared by the staking modules (accounts, stakes, totals) and the hooks through
/// which one module asks another to act. Each module (LockTiers, RewardAccumulator,
/// Contribution, Slashing) implements one hook; CipherStaking sequences them.
abstract contract StakingStorage is ICipherStaking, AccessControlEnumerable, ReentrancyGuardTransient {
    /// @notice May only pause; only DEFAULT_ADMIN_ROLE unpauses.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    uint256 internal constant BPS = 10_000;
    /// @notice Maximum stakes one account holds at once (bounds the slash loop).
    uint256 public constant MAX_STAKES_PER_ACCOUNT = 16;
    /// @notice Cap on the tokens held for stakes (2^96 - 1 wei, ~7.9e10 tokens of 18 decimals),
    /// so that every vote count fits the 96-bit checkpoints of PackedVotes and every weight
    /// (<= 4.5 x amount) and total fits its uint128 slot without checked casts.
    uint256 public constant MAX_TOTAL_STAKED = type(uint96).max;

    /// @dev Two slots. Slot 0 is touched on every action (and is the only slot a vote writes),
    /// slot 1 when stake changes.
    struct Account {
        // slot 0
        uint128 weight; // effective reward weight used by the accumulator
        uint40 boostRenewedAt; // when the contribution boost was last renewed
        uint16 boostBps; // contribution boost at renewal (decays linearly afterwards)
        uint16 stakeMask; // bit i set = stake id i exists
        uint8 openCases; // open slashing cases (stake cannot be withdrawn while > 0)
        uint8 pendingVotes; // votes reported since the last touch, not yet in the boost (saturating)
        uint40 lastVoteAt; // time of the latest reported vote (the renewal time of the pending credit)
        // slot 1
        uint128 baseWeight; // sum over active stakes of floor(amount x lock multiplier)
        uint128 active; // active (not unbonding) amount = vote units
    }

    Config internal _config;

    /// @notice The staked token.
    ICipherToken public immutable token;
    /// @notice The slashing module (the only caller of the slash hooks).
    address public immutable slashingModule;
    /// @notice The contribution oracle (the only caller of `addContribution`).
    address public immutable contributionOracle;

    mapping(address account => Account) internal _accounts;
    mapping(address account => mapping(uint256 stakeId => Stake)) internal _stakes;

    /// @dev One slot: the accumulator's denominator and the tokens held for stakes.
    uint128 internal _totalWeight;
    uint128 internal _totalStaked;

    constructor(address token_, address slashing_, address oracle_) {
        if (token_ == address(0) || slashing_ == address(0) || oracle_ == address(0)) revert ZeroAddress();
        token = ICipherToken(token_);
        slashingModule = slashing_;
        contributionOracle = oracle_;
    }

    /// @dev Reverts with EnforcedPause while paused.
    modifier whenNotPaused() {
        if (_config.paused) revert EnforcedPause();
        _;
    }

    /// @notice Whether staking and claiming are paused.
    function paused() public view returns (bool) {
        return _config.paused;
    }

    /// @dev Writes the account's slot 1 (baseWeight | active << 128) with one SSTORE (issue 14:
    /// two field writes read and masked the slot twice, ~250 gas). Callers compute both values
    /// with checked arithmetic; each is < 2^128 because the tokens held for stakes are capped at
    /// MAX_TOTAL_STAKED < 2^96 and a multiplier is a uint16 of bps (< 6.6x), so baseWeight < 2^99.
    function _writeBase(Account storage a, uint256 baseWeight, uint256 active) internal {
        assembly ("memory-safe") {
            sstore(add(a.slot, 1), or(baseWeight, shl(128, active)))
        }
    }

    /// @dev Settle every reward asset for `account` at its current weight. RewardAccumulator.
    function _updateReward(address account) internal virtual;

    /// @dev Recompute `account`'s weight from its base weight and decayed boost. Contribution.
    function _reweight(address account) internal virtual;

    /// @dev `_reweight` for touches that leave the base weight unchanged; skips unboosted
    /// accounts. Contribution.
    function _applyDecay(address account) internal virtual;


}
