// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IRevenueRecipient, RevenueBuckets} from "../interfaces/IRevenueRecipient.sol";
import {StakingLib} from "./StakingLib.sol";
import {RewardMath} from "./RewardMath.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title RewardAccumulator
/// @notice Streams the stakers' share of revenue to weight with one O(1) accumulator per reward
/// asset (Synthetix StakingRewards: rewardPerWeight, earned, one settlement point).
/// @dev Revenue is not credited instantly: each arrival is added to what is left of the current
/// stream and the sum is streamed over `rewardsDuration` seconds. A stake placed just before
/// revenue arrives only earns its weight's share of what streams while it stays staked, so a
/// just-in-time stake cannot capture an outsized share.
/// While total weight is zero the stream is paused (its end moves forward by the idle time), so
/// revenue that arrives, or keeps streaming, while nothing is staked is held and later paid to
/// the first stakers instead of being lost.
/// Rounding: rewardPerWeight is scaled by PRECISION = 1e27 and rounded down, so each global update
/// strands less than max(1, totalWeight / 1e27) wei per asset; each account settlement rounds
/// down and strands less than 1 wei per asset. Nobody is ever paid more than their exact share.
abstract contract RewardAccumulator is StakingStorage, IRevenueRecipient {
    using SafeERC20 for IERC20;

    uint256 public constant MAX_REWARD_ASSETS = 4;
    uint256 public constant PRECISION = RewardMath.PRECISION;

    /// @dev Written on every settlement (one slot per asset): the accumulator and when it was
    /// last brought forward. rewardPerWeight fits 216 bits while cumulative revenue of an asset
    /// stays below 1e38 wei even with a total weight of 1 wei (checked cast: it reverts, never
    /// wraps).
    struct Accum {
        uint216 rewardPerWeight;
        uint40 lastUpdate;
    }

    /// @dev Written only when revenue arrives or the stream pauses (one slot per asset). `rate`
    /// is reward x PRECISION per second; the stream still holds
    /// rate x (finish - lastUpdate) / PRECISION when finish > lastUpdate.
    struct Stream {
        uint40 finish;
        uint176 rate;
    }

    /// @dev Account state per asset: the accumulator value last settled and the unpaid rewards
    /// stored plus one once the slot was first written (`rewardsPlusOne`). A claim leaves 1, not 0,
    /// so the next accrual rewrites a non-zero slot (2,900 gas) instead of re-creating it
    /// (20,000 gas): each claim/accrue cycle is ~12k gas cheaper per asset.
    struct UserReward {
        uint256 paid;
        uint256 rewardsPlusOne;
    }

    address[] internal _rewardAssets;
    mapping(address asset => uint256 indexPlusOne) internal _assetIndex;
    Accum[MAX_REWARD_ASSETS] internal _accums;
    Stream[MAX_REWARD_ASSETS] internal _streams;
    mapping(address account => UserReward[MAX_REWARD_ASSETS]) internal _userRewards;

    constructor() {
        _config.rewardsDuration = 7 days;
        _addRewardAsset(address(0));
    }

    // ------------------------------------------------------------------ revenue in

    /// @notice Take the stakers' share of revenue: ETH as msg.value, an ERC20 pulled with
    /// transferFrom from msg.sender. Anyone may add revenue; it is never blocked by pause.
    /// @param asset The reward asset (address(0) = ETH); must be listed.
    /// @param amount Wei of `asset` announced (ETH: must equal msg.value). For an ERC20 the amount
    /// streamed is the measured change of this contract's balance (a short-delivering token
    /// streams what arrived; RevenueReceived reports the measured amount).
    /// @param bucket Must be RevenueBuckets.STAKERS.
    /// @dev Settles the asset's accumulator, then restreams (new amount + remainder) over
    /// `rewardsDuration`. The rate rounds down by less than rewardsDuration / 1e27 wei.
    function receiveRevenue(address asset, uint256 amount, uint8 bucket) external payable nonReentrant {
        if (bucket != RevenueBuckets.STAKERS) revert WrongBucket(bucket);
        if (amount == 0) revert ZeroAmount();
        uint256 idx = _assetIndex[asset];
        if (idx == 0) revert UnsupportedRewardAsset(asset);
        if (asset == address(0)) {
            if (msg.value != amount) revert WrongMsgValue(msg.value, amount);
        } else {
            if (msg.value != 0) revert WrongMsgValue(msg.value, 0);
            // Credit what arrived, not what was announced: a fee-on-transfer asset that delivers
            // 99% streams 99%, so the stakers are never owed more than the contract holds.
            // (Solady's assembly balanceOf keeps the contract under the code-size limit; the asset
            // answered balanceOf when it was listed.)
            uint256 before = SafeTransferLib.balanceOf(asset, address(this));
            IERC20(asset).safeTransferFrom(msg.sender, address(this), amount);
            amount = SafeTransferLib.balanceOf(asset, address(this)) - before;
            if (amount == 0) revert ZeroAmount();
        }
        uint256 i = idx - 1;
        _updateGlobal(i);
        _accums[i].lastUpdate = uint40(block.timestamp); // also when the old stream had finished
        Stream memory s = _streams[i];
        uint256 remaining = s.finish > block.timestamp ? uint256(s.rate) * (s.finish - block.timestamp) : 0;
        uint256 duration = _config.rewardsDuration;
        uint256 newRate = (amount * PRECISION + remaining) / duration;
        if (newRate > type(uint176).max) revert RevenueTooLarge(amount);
        uint256 finish = block.timestamp + duration;
        _streams[i] = Stream(uint40(finish), uint176(newRate));
        emit RevenueReceived(asset, msg.sender, amount, finish);
    }

    // ------------------------------------------------------------------ claim

    /// @notice Pay the caller every reward it has earned, each in the asset earned. Pull-based.
    /// Blocked while paused (a suspected accounting bug can be frozen; stake can still leave).
    /// @dev The claim is a touch: rewards are settled and the contribution decay is applied.
    /// @return amounts Paid per reward asset, in the order of `rewardAssets()`.
    function claim() external nonReentrant whenNotPaused returns (uint256[] memory amounts) {
        _updateReward(msg.sender);
        _applyDecay(msg.sender);
        uint256 n = _config.rewardAssetCount;
        amounts = new uint256[](n);
        UserReward[MAX_REWARD_ASSETS] storage u = _userRewards[msg.sender];
        for (uint256 i; i < n; ++i) {
            uint256 stored = u[i].rewardsPlusOne;
            if (stored <= 1) continue;
            uint256 amt = stored - 1;
            u[i].rewardsPlusOne = 1;
            amounts[i] = amt;
            address asset = _rewardAssetAt(i);
            if (asset == address(0)) {
                (bool ok, ) = msg.sender.call{value: amt}("");
                if (!ok) revert EthTransferFailed(msg.sender, amt);
            } else {
                IERC20(asset).safeTransfer(msg.sender, amt);
            }
            emit RewardPaid(msg.sender, asset, amt);
        }
    }

    // ------------------------------------------------------------------ governance

    /// @notice Add a reward asset (address(0) = ETH). Only governance. At most MAX_REWARD_ASSETS;
    /// assets are never removed (their unpaid rewards must stay claimable).
    function addRewardAsset(address asset) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _addRewardAsset(asset);
    }



    // ------------------------------------------------------------------ views

    /// @notice The reward assets, in index order.
    function rewardAssets() external view returns (address[] memory) {
        return _rewardAssets;
    }



    /// @notice Seconds over which each revenue arrival (plus the stream's remainder) is paid out.
    function rewardsDuration() public view returns (uint256) {
        return _config.rewardsDuration;
    }

    /// @notice Rewards `account` could claim in `asset` now (rounded down). Between touches it
    /// uses the weight stored at the last touch (see `poke`). Computed in StakingLib (a view).
    function earned(address account, address asset) external view returns (uint256) {
        uint256 i = _indexOf(asset);
        uint256 w = _accounts[account].weight;
        return StakingLib.earned(_accums[i], _streams[i], _userRewards[account][i], w, _totalWeight);
    }

    /// @notice Revenue of `asset` received but not yet streamed to weight (rounded down).
    function undistributed(address asset) external view returns (uint256) {
        uint256 i = _indexOf(asset);
        return StakingLib.undistributed(_accums[i], _streams[i], _totalWeight);
    }

    // ------------------------------------------------------------------ internals

    /// @dev The single settlement point: bring every asset's accumulator to now and credit
    /// `account` for its stored weight since its last settlement (rounded down). The formula is
    /// RewardMath's, the same the `earned` view uses.
    function _updateReward(address account) internal override {
        uint256 n = _config.rewardAssetCount;
        uint256 w = _accounts[account].weight;
        UserReward[MAX_REWARD_ASSETS] storage u = _userRewards[account];
        for (uint256 i; i < n; ++i) {
            uint256 rpw = _updateGlobal(i);
            uint256 paid = u[i].paid;
            if (paid != rpw) {
                if (w != 0) {
                    uint256 delta = RewardMath.accrued(w, rpw, paid);
                    if (delta != 0) {
                        uint256 stored = u[i].rewardsPlusOne;
                        u[i].rewardsPlusOne = (stored == 0 ? 1 : stored) + delta;
                    }
                }
                u[i].paid = rpw;
            }
        }
    }

    /// @dev Bring asset `i`'s accumulator to now (one slot written). A finished stream costs two
    /// reads and no write. With zero total weight the stream's end moves forward by the idle
    /// time, so nothing is lost.
    function _updateGlobal(uint256 i) private returns (uint256 rpw) {
        Accum memory a = _accums[i];
        rpw = a.rewardPerWeight;
        if (a.lastUpdate == block.timestamp) return rpw;
        Stream memory s = _streams[i];
        if (s.finish <= a.lastUpdate) return rpw;
        uint256 w = _totalWeight;
        if (w == 0) {
            _streams[i].finish = s.finish + uint40(block.timestamp - a.lastUpdate);
        } else {
            rpw = RewardMath.rewardPerWeight(rpw, a.lastUpdate, s.finish, s.rate, w, block.timestamp);
        }
        _accums[i] = Accum(SafeCast.toUint216(rpw), uint40(block.timestamp));
    }

    /// @dev `_rewardAssets[i]` without the length read (i < rewardAssetCount, which always
    /// equals the list's length: both grow together in RewardAssets.add); saves a cold
    /// SLOAD (2,100 gas) per claim.
    function _rewardAssetAt(uint256 i) private view returns (address asset) {
        address[] storage list = _rewardAssets;
        assembly ("memory-safe") {
            mstore(0x00, list.slot)
            asset := sload(add(keccak256(0x00, 0x20), i))
        }
    }

    function _indexOf(address asset) internal view returns (uint256) {
        uint256 idx = _assetIndex[asset];
        if (idx == 0) revert UnsupportedRewardAsset(asset);
        return idx - 1;
    }

    function _addRewardAsset(address asset) private {
        StakingLib.addRewardAsset(_rewardAssets, _assetIndex, _config, asset, MAX_REWARD_ASSETS);
    }
}
