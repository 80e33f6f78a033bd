// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICipherStaking
/// @notice Types, errors and events of the Proof-of-Contribution staking contract (SPEC §1.4).
/// @dev Units: amounts in token-wei; multipliers and shares in basis points (10_000 = 1x);
/// weight = amount x lock multiplier x contribution multiplier, in token-wei.
interface ICipherStaking {
    // ---------------------------------------------------------------- types

    /// @notice One lock tier: stakes in it unlock `duration` seconds after staking and weigh
    /// `multiplierBps` / 10_000 times their amount.
    struct Tier {
        uint32 duration;
        uint16 multiplierBps;
    }

    /// @notice One stake (one slot). `unbondEnd == 0` while active (weighted, voting);
    /// non-zero once unbonding started (no weight, no votes, still slashable).
    struct Stake {
        uint128 amount;
        uint40 unlockAt;
        uint40 unbondEnd;
        uint16 multiplierBps;
        uint8 tier;
    }

    /// @notice Settings read together on hot paths (one slot; the pause flag lives here rather
    /// than in OZ Pausable's own slot, saving a cold read on every stake and claim).
    struct Config {
        uint32 rewardsDuration; // seconds each revenue arrival streams over
        uint32 unbondingDelay; // seconds between requestUnbond and withdraw
        uint8 rewardAssetCount; // reward assets listed
        uint8 tierCount; // lock tiers defined
        bool paused; // stake and claim blocked
    }

    /// @notice Contribution settings (one slot, read on every reweight).
    struct ContributionParams {
        address governor;
        uint16 maxBoostBps;
        uint16 voteBoostBps;
        uint32 decayPeriod;
    }

    // ---------------------------------------------------------------- errors

    /// @notice The call is blocked while paused.
    error EnforcedPause();
    /// @notice Unpausing while not paused.
    error ExpectedPause();
    /// @notice An amount that must be positive was zero.
    error ZeroAmount();
    /// @notice An address that must be set was zero.
    error ZeroAddress();
    /// @notice A governed numeric parameter `name` outside its constant bounds [min, max].
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);
    /// @notice `name` is not a governed parameter of this contract.
    error UnknownParameter(bytes32 name);
    /// @notice Staking would bring the tokens held for stakes to `total`, above `max`.
    error StakeCapExceeded(uint256 total, uint256 max);
    /// @notice `tier` does not exist (there are `count` tiers).
    error UnknownTier(uint256 tier, uint256 count);
    /// @notice Tier `index` cannot be set to (duration, multiplierBps): index past the end or the maximum,
    /// values out of the constant bounds, or not ordered between its neighbours.
    error InvalidTier(uint256 index, uint256 duration, uint256 multiplierBps);
    /// @notice `account` already holds the maximum number of stakes.
    error TooManyStakes(address account, uint256 max);
    /// @notice `account` has no stake with id `stakeId`.
    error UnknownStake(address account, uint256 stakeId);
    /// @notice The stake is still locked until `unlockAt`.
    error StakeLocked(uint256 stakeId, uint256 unlockAt);
    /// @notice The stake is already unbonding.
    error AlreadyUnbonding(uint256 stakeId);
    /// @notice The stake has not started unbonding.
    error NotUnbonding(uint256 stakeId);
    /// @notice The unbonding delay of the stake ends at `unbondEnd`.
    error UnbondingNotFinished(uint256 stakeId, uint256 unbondEnd);
    /// @notice `account` has `openCases` slashing cases open; its stake cannot leave.
    error PendingSlash(address account, uint256 openCases);
    /// @notice Stake `stakeId` was made at multiplier `stakeBps`; its tier now has `tierBps`, so it
    /// cannot be topped up (a new stake takes the tier's current terms).
    error TierChanged(uint256 stakeId, uint256 stakeBps, uint256 tierBps);
    /// @notice `bucket` is not the stakers' bucket.
    error WrongBucket(uint8 bucket);
    /// @notice `asset` is not a reward asset of this contract.
    error UnsupportedRewardAsset(address asset);
    /// @notice `asset` is already a reward asset.
    error RewardAssetExists(address asset);
    /// @notice The reward asset list is full.
    error TooManyRewardAssets(uint256 max);
    /// @notice msg.value does not match what the call needs.
    error WrongMsgValue(uint256 value, uint256 expected);
    /// @notice The revenue would push the stream's rate past its storage bound.
    error RevenueTooLarge(uint256 amount);
    /// @notice An ETH transfer to `to` failed.
    error EthTransferFailed(address to, uint256 amount);
    /// @notice Only the registered governor may report votes; `caller` is not it.
    error NotGovernor(address caller);
    /// @notice `caller` is not the module (slashing or contribution oracle) this call needs.
    error NotModule(address caller);
    /// @notice `staker` has no stake to slash.
    error NothingToSlash(address staker);
    /// @notice `staker` already has the maximum number of open cases.
    error TooManyOpenCases(address staker, uint256 max);

    // ---------------------------------------------------------------- events

    /// @notice `account` paused staking and claiming.
    event Paused(address account);
    /// @notice `account` lifted the pause.
    event Unpaused(address account);
    /// @notice `account` staked `amount` in stake `stakeId` (a new stake, or a top-up by
    /// `increaseStake`: `amount` is what was added), the whole stake locked until `unlockAt`.
    event Staked(
        address indexed account,
        uint256 indexed stakeId,
        uint256 amount,
        uint256 tier,
        uint256 unlockAt,
        uint256 multiplierBps
    );
    /// @notice Stake `stakeId` of `account` started unbonding; withdrawable from `unbondEnd`.
    event UnbondRequested(address indexed account, uint256 indexed stakeId, uint256 amount, uint256 unbondEnd);
    /// @notice `account` withdrew `amount` from stake `stakeId`.
    event Withdrawn(address indexed account, uint256 indexed stakeId, uint256 amount);
    /// @notice `account`'s reward weight changed; `totalWeight` is the new total.
    event WeightChanged(address indexed account, uint256 oldWeight, uint256 newWeight, uint256 totalWeight);
    /// @notice `amount` of `asset` arrived for stakers from `from`; streamed until `periodFinish`.
    event RevenueReceived(address indexed asset, address indexed from, uint256 amount, uint256 periodFinish);
    /// @notice `account` claimed `amount` of `asset`.
    event RewardPaid(address indexed account, address indexed asset, uint256 amount);
    /// @notice `asset` joined the reward asset list.
    event RewardAssetAdded(address indexed asset, uint256 index);
    /// @notice A governed numeric parameter changed.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    /// @notice A governed address changed.
    event AddressChanged(bytes32 indexed name, address oldValue, address newValue);
    /// @notice Lock tier `index` changed from (oldDuration, oldMultiplierBps) to the new values.
    event TierSet(
        uint256 indexed index,
        uint256 oldDuration,
        uint256 oldMultiplierBps,
        uint256 newDuration,
        uint256 newMultiplierBps
    );
    /// @notice The governor reported that `voter` voted on `proposalId`; `pendingVotes` votes now
    /// wait to be folded into its boost at its next touch.
    event VoteContribution(address indexed voter, uint256 indexed proposalId, uint256 pendingVotes);
    /// @notice `votes` pending vote credits of `account` were folded into its boost, now `boostBps`
    /// (at renewal; renewed at the latest vote's time).
    event VoteCreditApplied(address indexed account, uint256 votes, uint256 boostBps);
    /// @notice The contribution oracle added `incrementBps` to `account`'s boost, now `boostBps`.
    event ContributionAdded(address indexed account, uint256 incrementBps, uint256 boostBps);
    /// @notice A slashing case opened (`open` = true) or closed against `staker`; `openCases` now.
    event SlashHold(address indexed staker, bool open, uint256 openCases);
    /// @notice `amount` tokens were slashed from `staker` and sent to the slashing module.
    event Slashed(address indexed staker, uint256 severityBps, uint256 amount);
}
