// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {PackedVotes} from "./PackedVotes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {StakingLib} from "./StakingLib.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {LockTiers} from "./LockTiers.sol";
import {RewardAccumulator} from "./RewardAccumulator.sol";
import {Contribution} from "./Contribution.sol";
import {IStakingHooks} from "./IStakingHooks.sol";

/// @title CipherStaking
/// @notice Proof-of-Contribution staking (SPEC §1.4): stake the Cipher token in lock tiers, earn
/// the stakers' share of revenue by weight (amount x lock multiplier x contribution multiplier),
/// and carry the DAO's votes (IERC5805, block-number clock).
/// @dev Lifecycle of a stake: `stake` (active: weighted, voting) -> lock ends -> `requestUnbond`
/// (unbonding: no weight, no votes, still slashable) -> `unbondingDelay` passes -> `withdraw`
/// (only with no open slashing case).
/// Votes: vote units = active staked amount (not weight: multipliers buy rewards, not power).
/// Liquid tokens never vote. A stake made in block B counts from checkpoint B, so it has no
/// votes for any proposal whose snapshot is before B (no flash-stake voting). The first stake of
/// an account with no delegate self-delegates, so stakers vote by default; `delegate` moves it.
/// Pause (guardian): blocks `stake` and `claim` only. Unbonding and withdrawing unlocked,
/// unslashed stake, revenue arrival, votes, attestations and slashing keep working, so a pause
/// never traps funds nor blocks governance.
contract CipherStaking is LockTiers, RewardAccumulator, Contribution, PackedVotes {
    using SafeERC20 for IERC20;

    /// @notice Open slashing cases one account may have at once.
    uint256 public constant MAX_OPEN_CASES = 4;

    /// @param admin Governance (the timelock): DEFAULT_ADMIN_ROLE.
    /// @param token_ The staked Cipher token.
    /// @param slashing_ The slashing module (deployed first; its one-shot `setStaking` is then
    /// called with this contract's address).
    /// @param oracle_ The contribution oracle (same wiring).
    constructor(address admin, address token_, address slashing_, address oracle_)
        StakingStorage(token_, slashing_, oracle_)
        EIP712("Cipher Staking", "1")
    {
        if (admin == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    // ------------------------------------------------------------------ staking

    /// @notice Stake `amount` tokens locked in tier `tier`. Pulls the tokens (approve first).
    /// @dev Settles rewards before the weight grows, so the new stake earns only from now on.
    /// @return stakeId The lowest free stake id of the caller (0..MAX_STAKES_PER_ACCOUNT-1);
    /// ids are reused after withdrawal.
    function stake(uint256 amount, uint256 tier) external nonReentrant whenNotPaused returns (uint256 stakeId) {
        uint256 nTiers = _config.tierCount;
        if (tier >= nTiers) revert UnknownTier(tier, nTiers);
        Account storage a = _accounts[msg.sender];
        uint256 mask = a.stakeMask;
        if (mask == (1 << MAX_STAKES_PER_ACCOUNT) - 1) revert TooManyStakes(msg.sender, MAX_STAKES_PER_ACCOUNT);
        while (mask & (1 << stakeId) != 0) ++stakeId;
        a.stakeMask = uint16(mask | (1 << stakeId));
        _addStake(a, stakeId, amount, tier);
    }

    /// @notice Add `amount` tokens to the caller's active stake `stakeId` (issue 14: a top-up
    /// rewrites the existing position instead of opening a new one, ~17k gas less than `stake`).
    /// The position keeps its tier and multiplier; its unlock time becomes
    /// max(its unlock time, now + the tier's lock duration), so the added tokens are locked at
    /// least as long as a new stake in that tier would be, and the earlier tokens of the position
    /// may be locked longer (the caller's choice). Pulls the tokens (approve first).
    /// @dev Reverts UnknownStake (no such stake), AlreadyUnbonding (unbonding), PendingSlash (a
    /// slashing case is open: its snapshot must not grow, SPEC §1.4), TierChanged (governance
    /// changed the tier's multiplier since the stake was made: open a new stake instead).
    function increaseStake(uint256 stakeId, uint256 amount) external nonReentrant whenNotPaused {
        Stake storage s = _stakeOf(msg.sender, stakeId);
        if (s.unbondEnd != 0) revert AlreadyUnbonding(stakeId);
        Account storage a = _accounts[msg.sender];
        uint256 open = a.openCases;
        if (open != 0) revert PendingSlash(msg.sender, open);
        _addStake(a, stakeId, amount, s.tier);
    }

    /// @notice Start unbonding stake `stakeId` after its lock ended. From now on it has no
    /// weight and no votes, earns nothing, and is still slashable; it can be withdrawn after
    /// `unbondingDelay`.
    function requestUnbond(uint256 stakeId) external {
        Stake storage s = _stakeOf(msg.sender, stakeId);
        if (s.unbondEnd != 0) revert AlreadyUnbonding(stakeId);
        if (block.timestamp < s.unlockAt) revert StakeLocked(stakeId, s.unlockAt);
        _updateReward(msg.sender);
        uint256 amount = s.amount;
        uint256 unbondEnd = block.timestamp + _config.unbondingDelay;
        s.unbondEnd = uint40(unbondEnd);
        Account storage a = _accounts[msg.sender];
        _writeBase(a, a.baseWeight - (amount * s.multiplierBps) / BPS, a.active - amount);
        _transferVotingUnits(msg.sender, address(0), amount);
        _reweight(msg.sender);
        emit UnbondRequested(msg.sender, stakeId, amount, unbondEnd);
    }

    /// @notice Withdraw stake `stakeId` once its unbonding delay has passed and no slashing case
    /// is open against the caller. Works while paused.
    /// @dev An unbonding stake has no weight, so no reward settlement is needed here.
    function withdraw(uint256 stakeId) external nonReentrant {
        Stake storage s = _stakeOf(msg.sender, stakeId);
        uint256 unbondEnd = s.unbondEnd;
        if (unbondEnd == 0) revert NotUnbonding(stakeId);
        if (block.timestamp < unbondEnd) revert UnbondingNotFinished(stakeId, unbondEnd);
        Account storage a = _accounts[msg.sender];
        uint256 open = a.openCases;
        if (open != 0) revert PendingSlash(msg.sender, open);
        uint256 amount = s.amount;
        assembly ("memory-safe") {
            sstore(s.slot, 0) // delete the position (s is _stakes[msg.sender][stakeId])
        }
        a.stakeMask &= ~uint16(1 << stakeId);
        _totalStaked -= uint128(amount);
        IERC20(address(token)).safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, stakeId, amount);
    }

    /// @notice Settle `account`'s rewards and apply its contribution decay to its weight.
    /// Anyone may call it (stakers gain when a decayed account's weight is brought down).
    function poke(address account) external {
        _updateReward(account);
        _applyDecay(account);
    }

    // ------------------------------------------------------------------ slashing hooks

    /// @inheritdoc IStakingHooks
    function openSlashCase(address staker) external returns (uint256 held, uint256 stakeMask) {
        if (msg.sender != slashingModule) revert NotModule(msg.sender);
        return StakingLib.openCase(staker, _accounts[staker], _stakes[staker], MAX_OPEN_CASES);
    }

    /// @inheritdoc IStakingHooks
    function closeSlashCase(address staker) external {
        if (msg.sender != slashingModule) revert NotModule(msg.sender);
        uint256 open = _accounts[staker].openCases - 1;
        _accounts[staker].openCases = uint8(open);
        emit SlashHold(staker, false, open);
    }

    /// @inheritdoc IStakingHooks
    /// @dev Effects first (stake, weight, votes, totals), then the tokens leave to the module.
    function slash(address staker, uint256 severityBps, uint256 heldAtOpen, uint256 stakeMask)
        external
        nonReentrant
        returns (uint256 amount)
    {
        if (msg.sender != slashingModule) revert NotModule(msg.sender);
        _accounts[staker].openCases -= 1;
        amount = _applySlash(staker, severityBps, heldAtOpen, stakeMask);
        emit SlashHold(staker, false, _accounts[staker].openCases);
        emit Slashed(staker, severityBps, amount);
        if (amount != 0) IERC20(address(token)).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Set a governed numeric parameter, bounded by constants. Only governance.
    /// Names and bounds: "unbondingDelay" [1 day, 60 days] (later requests),
    /// "rewardsDuration" [1 day, 30 days] (later revenue), "maxBoostBps" [0, 5_000] (caps boosts
    /// at their next touch), "voteBoostBps" [0, 2_500] (boost per reported vote),
    /// "decayPeriod" [1 day, 365 days] (time for a boost to decay to zero).
    /// @dev One entry point, run in StakingLib, keeps the contract under the code-size limit;
    /// each change emits ParameterChanged(name, old, new).
    function setParameter(bytes32 name, uint256 value) external onlyRole(DEFAULT_ADMIN_ROLE) {
        StakingLib.setParameter(_config, _cp, name, value);
    }

    // ------------------------------------------------------------------ guardian

    /// @notice Pause staking and claiming. Only GUARDIAN_ROLE.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        if (_config.paused) revert EnforcedPause();
        _config.paused = true;
        emit Paused(msg.sender);
    }

    /// @notice Unpause. Only governance.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (!_config.paused) revert ExpectedPause();
        _config.paused = false;
        emit Unpaused(msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @notice Stake `stakeId` of `account` (all zero if it does not exist).
    function stakeOf(address account, uint256 stakeId) external view returns (Stake memory) {
        return _stakes[account][stakeId];
    }



    /// @notice `account`'s stored state: weight, base weight, active amount (vote units), boost
    /// at renewal, renewal time, open cases.
    function accountOf(address account) external view returns (Account memory) {
        return _accounts[account];
    }

    /// @notice Sum of the stored weights (the accumulator's denominator).
    function totalWeight() external view returns (uint256) {
        return _totalWeight;
    }

    /// @notice Tokens held for stakes (active + unbonding).
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }



    /// @inheritdoc AccessControlEnumerable
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    // ------------------------------------------------------------------ internals

    function _getVotingUnits(address account) internal view override returns (uint256) {
        return _accounts[account].active;
    }

    /// @dev A position (new, or topped up while active) in one SSTORE of its packed slot (Stake:
    /// amount 128 bits | unlockAt 40 | unbondEnd 40 = 0 | multiplierBps 16 | tier 8). A struct literal assignment would first read
    /// the slot and then write it once per field (~600 gas more). amount < 2^128 whenever the
    /// transaction succeeds (stake checks amount against MAX_TOTAL_STAKED < 2^96).
    function _writeStake(Stake storage s, uint256 amount, uint256 unlockAt, uint256 multiplierBps, uint256 tier)
        private
    {
        uint256 word = amount | (unlockAt << 128) | (multiplierBps << 208) | (tier << 224);
        assembly ("memory-safe") {
            sstore(s.slot, word)
        }
    }

    /// @dev The common part of `stake` (a free id: its slot is empty, as withdraw and a full slash
    /// delete it) and `increaseStake` (an active position): write the position (old amount +
    /// `amount`, unlock max(old unlock, now + the tier's lock), the tier's multiplier, which must
    /// equal a topped-up position's), settle rewards at the old weight, self-delegate a first
    /// staker, grow the totals (capped), vote units and weight by `amount` and the base weight by
    /// floor(new x m) - floor(old x m), then pull the tokens.
    function _addStake(Account storage a, uint256 stakeId, uint256 amount, uint256 tier) private {
        if (amount == 0) revert ZeroAmount();
        Stake storage s = _stakes[msg.sender][stakeId];
        Tier memory t = tiers[tier];
        uint256 m = t.multiplierBps;
        uint256 old = s.amount; // 0 for a new position
        if (old != 0 && s.multiplierBps != m) revert TierChanged(stakeId, s.multiplierBps, m);
        uint256 unlockAt = block.timestamp + t.duration;
        uint256 oldUnlock = s.unlockAt;
        if (oldUnlock > unlockAt) unlockAt = oldUnlock;
        // old + amount < 2^128 once the cap below holds (reverts otherwise)
        uint256 newAmount = old + amount;
        _writeStake(s, newAmount, unlockAt, m, tier);
        _updateReward(msg.sender);
        // Self-delegate before the units grow: _delegate moves the units the account already has.
        if (delegates(msg.sender) == address(0)) _delegate(msg.sender, msg.sender);
        uint256 newTotal = _totalStaked + amount;
        if (newTotal > MAX_TOTAL_STAKED) revert StakeCapExceeded(newTotal, MAX_TOTAL_STAKED);
        _totalStaked = uint128(newTotal);
        // The base weight stays the sum over the account's stakes of floor(amount x m / 10^4),
        // which is what requestUnbond and a slash take away again.
        _writeBase(a, a.baseWeight + (newAmount * m) / BPS - (old * m) / BPS, a.active + amount);
        _transferVotingUnits(address(0), msg.sender, amount);
        _reweight(msg.sender);

        IERC20(address(token)).safeTransferFrom(msg.sender, address(this), amount);
        emit Staked(msg.sender, stakeId, amount, tier, unlockAt, m);
    }

    function _stakeOf(address account, uint256 stakeId) private view returns (Stake storage s) {
        s = _stakes[account][stakeId];
        if (s.amount == 0) revert UnknownStake(account, stakeId);
    }

    /// @dev Settles rewards, then cuts ceil(heldAtOpen x severity) pro rata from the stakes of
    /// `staker` in `caseMask` (StakingLib.cutStakes, which also updates the account's mask, base
    /// weight and active amount), and moves votes and totals by exactly what was cut. The loop is
    /// over the staker's own stakes, at most MAX_STAKES_PER_ACCOUNT.
    function _applySlash(address staker, uint256 severityBps, uint256 heldAtOpen, uint256 caseMask)
        private
        returns (uint256 total)
    {
        _updateReward(staker);
        uint256 activeCut;
        (total, activeCut) = StakingLib.cutStakes(_accounts[staker], _stakes[staker], caseMask, severityBps, heldAtOpen);
        _totalStaked -= uint128(total);
        if (activeCut != 0) _transferVotingUnits(staker, address(0), activeCut);
        _reweight(staker);
    }
}
