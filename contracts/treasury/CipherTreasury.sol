// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRevenueRecipient, RevenueBuckets} from "../interfaces/IRevenueRecipient.sol";
import {ICipherTreasury} from "./ICipherTreasury.sol";

/// @title CipherTreasury
/// @notice Holds the welfare, solidarity and development funds (SPEC §1.5) as separate accounts
/// per asset. Anyone may pay in through `receiveRevenue` (the revenue splitter, the staking
/// contract's slashes, donations); only DEFAULT_ADMIN_ROLE (the governance timelock) pays out,
/// as one-off grants or linear vesting streams that the recipient pulls.
/// @dev Accounting, per fund and asset: `received == free + committed + paidOut` at all times
/// (checked by the forge invariant suite). A stream's whole amount moves from `free` to
/// `committed` when it is created, so a fund can never promise more than it holds; withdrawals
/// move from `committed` to `paidOut`, a cancellation moves the unvested part back to `free`.
/// There is no pause: every outflow already waits for the timelock, a guardian pause would not
/// stop a captured governance (the admin unpauses), and pausing inflows would block the splitter.
contract CipherTreasury is ICipherTreasury, AccessControlEnumerable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shortest stream governance may create.
    uint256 public constant MIN_STREAM_DURATION = 1 hours;
    /// @notice Longest stream governance may create.
    uint256 public constant MAX_STREAM_DURATION = 10 * 365 days;
    /// @notice How far in the future a stream may start.
    uint256 public constant MAX_START_DELAY = 365 days;
    /// @notice Longest grant memo, in bytes.
    uint256 public constant MAX_MEMO_LENGTH = 1024;

    /// @dev One fund's account in one asset, two storage slots: the first is touched by every
    /// movement, the second only by movements across the treasury's boundary.
    struct Account {
        uint128 free;
        uint128 committed;
        uint128 received;
        uint128 paidOut;
    }

    mapping(uint8 fund => mapping(address asset => Account)) private _accounts;
    mapping(uint256 streamId => Stream) private _streams;
    uint256 private _streamCount;

    /// @param admin Governance (the timelock); the only account that moves money out.
    constructor(address admin) {
        if (admin == address(0)) revert TreasuryZeroAdmin();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @notice Rejects plain ETH: it would belong to no fund. Use `receiveRevenue`.
    /// @dev ETH forced in anyway (selfdestruct, block reward) is credited by `creditUnaccounted`.
    receive() external payable {
        revert TreasuryDirectEthRejected(msg.sender, msg.value);
    }

    // ------------------------------------------------------------------ inflow

    /// @inheritdoc IRevenueRecipient
    /// @dev Open to anyone: paying into a fund harms no one. ERC20s are pulled from msg.sender and
    /// the balance change is checked, so a fee-on-transfer token cannot inflate a fund.
    function receiveRevenue(address asset, uint256 amount, uint8 bucket) external payable nonReentrant {
        _checkFund(bucket);
        if (amount == 0) revert TreasuryZeroAmount();
        if (amount > type(uint128).max) revert TreasuryAmountTooLarge(amount, type(uint128).max);
        if (asset == address(0)) {
            if (msg.value != amount) revert TreasuryValueMismatch(msg.value, amount);
        } else {
            if (msg.value != 0) revert TreasuryValueMismatch(msg.value, 0);
            IERC20 token = IERC20(asset);
            uint256 before = token.balanceOf(address(this));
            token.safeTransferFrom(msg.sender, address(this), amount);
            uint256 got = token.balanceOf(address(this)) - before;
            if (got != amount) revert TreasuryTransferAmountMismatch(amount, got);
        }
        _credit(bucket, asset, amount);
        emit RevenueReceived(bucket, asset, msg.sender, amount);
    }

    /// @inheritdoc ICipherTreasury
    function creditUnaccounted(
        uint8 fund,
        address asset
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant returns (uint256 amount) {
        _checkFund(fund);
        uint256 held = asset == address(0) ? address(this).balance : IERC20(asset).balanceOf(address(this));
        uint256 accounted = accountedBalance(asset);
        if (held <= accounted) revert TreasuryNothingUnaccounted(asset);
        amount = held - accounted;
        if (amount > type(uint128).max) amount = type(uint128).max;
        _credit(fund, asset, amount);
        emit UnaccountedCredited(fund, asset, amount);
    }

    // ------------------------------------------------------------------ outflow

    /// @inheritdoc ICipherTreasury
    function grant(
        uint8 fund,
        address asset,
        address to,
        uint256 amount,
        string calldata memo
    ) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        _checkFund(fund);
        if (to == address(0)) revert TreasuryZeroRecipient();
        if (amount == 0) revert TreasuryZeroAmount();
        if (bytes(memo).length > MAX_MEMO_LENGTH) revert TreasuryMemoTooLong(bytes(memo).length, MAX_MEMO_LENGTH);
        Account storage acc = _accounts[fund][asset];
        if (amount > acc.free) revert TreasuryInsufficientFund(fund, asset, acc.free, amount);
        // Checked above: amount <= free < 2^128.
        acc.free -= uint128(amount);
        acc.paidOut += uint128(amount);
        emit GrantPaid(fund, asset, to, amount, memo);
        _pay(asset, to, amount);
    }

    /// @inheritdoc ICipherTreasury
    function createStream(
        uint8 fund,
        address asset,
        address recipient,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    ) external onlyRole(DEFAULT_ADMIN_ROLE) returns (uint256 streamId) {
        _checkFund(fund);
        if (recipient == address(0)) revert TreasuryZeroRecipient();
        if (amount == 0) revert TreasuryZeroAmount();
        if (duration < MIN_STREAM_DURATION || duration > MAX_STREAM_DURATION) {
            revert TreasuryInvalidStreamDuration(duration, MIN_STREAM_DURATION, MAX_STREAM_DURATION);
        }
        if (cliff > duration) revert TreasuryCliffExceedsDuration(cliff, duration);
        // A proposal's execution time is not known when it is written: 0 means "when executed".
        if (start == 0) start = block.timestamp;
        if (start < block.timestamp || start > block.timestamp + MAX_START_DELAY) {
            revert TreasuryInvalidStreamStart(start, block.timestamp, block.timestamp + MAX_START_DELAY);
        }
        Account storage acc = _accounts[fund][asset];
        if (amount > acc.free) revert TreasuryInsufficientFund(fund, asset, acc.free, amount);
        acc.free -= uint128(amount);
        acc.committed += uint128(amount);

        streamId = ++_streamCount;
        // All casts are bounded above: start <= now + 1 year, cliff <= duration <= 10 years,
        // amount <= free < 2^128.
        _streams[streamId] = Stream({
            recipient: recipient,
            fund: fund,
            cancelled: false,
            start: uint40(start),
            cliff: uint40(cliff),
            asset: asset,
            duration: uint40(duration),
            amount: uint128(amount),
            withdrawn: 0
        });
        emit StreamCreated(streamId, fund, recipient, asset, amount, start, cliff, duration);
    }

    /// @inheritdoc ICipherTreasury
    /// @dev Pull payment: only the recipient triggers it, so a recipient that cannot take the asset
    /// only blocks itself.
    function withdraw(uint256 streamId) external nonReentrant returns (uint256 amount) {
        Stream storage s = _existingStream(streamId);
        if (msg.sender != s.recipient) revert TreasuryNotStreamRecipient(streamId, msg.sender);
        amount = _vested(s) - s.withdrawn;
        if (amount == 0) revert TreasuryNothingToWithdraw(streamId);
        // amount <= s.amount < 2^128.
        s.withdrawn += uint128(amount);
        Account storage acc = _accounts[s.fund][s.asset];
        acc.committed -= uint128(amount);
        acc.paidOut += uint128(amount);
        emit StreamWithdrawn(streamId, msg.sender, amount);
        _pay(s.asset, msg.sender, amount);
    }

    /// @inheritdoc ICipherTreasury
    /// @dev The stream's amount is cut to what has vested, so `_vested` of a cancelled stream is
    /// constant and the recipient can still withdraw it; no tokens move here.
    function cancelStream(uint256 streamId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        Stream storage s = _existingStream(streamId);
        if (s.cancelled) revert TreasuryStreamAlreadyCancelled(streamId);
        uint256 vested = _vested(s);
        uint256 returned = s.amount - vested;
        if (returned == 0) revert TreasuryStreamFullyVested(streamId);
        s.cancelled = true;
        s.amount = uint128(vested);
        Account storage acc = _accounts[s.fund][s.asset];
        acc.committed -= uint128(returned);
        acc.free += uint128(returned);
        emit StreamCancelled(streamId, vested, returned);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ICipherTreasury
    function fundBalance(uint8 fund, address asset) external view returns (uint256) {
        return _accounts[fund][asset].free;
    }

    /// @inheritdoc ICipherTreasury
    function committedBalance(uint8 fund, address asset) external view returns (uint256) {
        return _accounts[fund][asset].committed;
    }

    /// @notice Everything `fund` ever received in `asset` (revenue plus credited surplus).
    function totalReceived(uint8 fund, address asset) external view returns (uint256) {
        return _accounts[fund][asset].received;
    }

    /// @notice Everything `fund` ever paid out in `asset` (grants plus stream withdrawals).
    function totalPaidOut(uint8 fund, address asset) external view returns (uint256) {
        return _accounts[fund][asset].paidOut;
    }

    /// @inheritdoc ICipherTreasury
    function accountedBalance(address asset) public view returns (uint256 total) {
        for (uint8 fund = RevenueBuckets.WELFARE; fund <= RevenueBuckets.DEVELOPMENT; ++fund) {
            Account storage acc = _accounts[fund][asset];
            total += uint256(acc.free) + acc.committed;
        }
    }

    /// @inheritdoc ICipherTreasury
    function getStream(uint256 streamId) external view returns (Stream memory) {
        return _existingStream(streamId);
    }

    /// @inheritdoc ICipherTreasury
    function vestedAmount(uint256 streamId) external view returns (uint256) {
        return _vested(_existingStream(streamId));
    }

    /// @inheritdoc ICipherTreasury
    function withdrawable(uint256 streamId) external view returns (uint256) {
        Stream storage s = _existingStream(streamId);
        return _vested(s) - s.withdrawn;
    }

    /// @inheritdoc ICipherTreasury
    function streamCount() external view returns (uint256) {
        return _streamCount;
    }

    // ------------------------------------------------------------------ internals

    function _checkFund(uint8 fund) private pure {
        if (fund != RevenueBuckets.WELFARE && fund != RevenueBuckets.SOLIDARITY && fund != RevenueBuckets.DEVELOPMENT) {
            revert TreasuryInvalidFund(fund);
        }
    }

    function _credit(uint8 fund, address asset, uint256 amount) private {
        Account storage acc = _accounts[fund][asset];
        // Checked arithmetic: a fund whose totals would pass 2^128 reverts instead of wrapping.
        acc.free += uint128(amount);
        acc.received += uint128(amount);
    }

    function _existingStream(uint256 streamId) private view returns (Stream storage s) {
        s = _streams[streamId];
        if (s.recipient == address(0)) revert TreasuryUnknownStream(streamId);
    }

    /// @dev Linear vesting rounded down (in the treasury's favour); zero before the cliff. A
    /// cancelled stream's amount was cut to its vested part, so it is simply the amount.
    function _vested(Stream storage s) private view returns (uint256) {
        uint256 amount = s.amount;
        if (s.cancelled) return amount;
        uint256 start = s.start;
        if (block.timestamp < start + s.cliff) return 0;
        uint256 elapsed = block.timestamp - start;
        uint256 duration = s.duration;
        if (elapsed >= duration) return amount;
        // amount < 2^128 and elapsed < 2^40: the product cannot overflow.
        return (amount * elapsed) / duration;
    }

    function _pay(address asset, address to, uint256 amount) private {
        if (asset == address(0)) {
            (bool ok, ) = to.call{value: amount}("");
            if (!ok) revert TreasuryEthTransferFailed(to, amount);
        } else {
            IERC20(asset).safeTransfer(to, amount);
        }
    }
}
