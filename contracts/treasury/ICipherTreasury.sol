// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRevenueRecipient} from "../interfaces/IRevenueRecipient.sol";

/// @title ICipherTreasury
/// @notice The Cipher treasury (SPEC §1.5): the welfare, solidarity and development funds, each a
/// separate account per asset (address(0) = native ETH). Revenue flows in through
/// `receiveRevenue`; only governance (DEFAULT_ADMIN_ROLE, the timelock) moves money out, as
/// one-off grants or as linear vesting streams the recipient withdraws.
interface ICipherTreasury is IRevenueRecipient {
    /// @notice A linear vesting stream. Vesting runs from `start` for `duration` seconds; nothing
    /// is withdrawable before `start + cliff`. A cancelled stream keeps only what had vested.
    struct Stream {
        address recipient;
        uint8 fund;
        bool cancelled;
        uint40 start;
        uint40 cliff;
        address asset;
        uint40 duration;
        uint128 amount;
        uint128 withdrawn;
    }

    // ------------------------------------------------------------------ errors

    /// @notice `admin` was the zero address at construction.
    error TreasuryZeroAdmin();
    /// @notice `bucket` is not one of the treasury's funds (WELFARE, SOLIDARITY, DEVELOPMENT).
    error TreasuryInvalidFund(uint8 bucket);
    /// @notice An amount of zero where a positive amount is required.
    error TreasuryZeroAmount();
    /// @notice An amount above what a stream or a deposit may hold (uint128).
    error TreasuryAmountTooLarge(uint256 amount, uint256 max);
    /// @notice msg.value does not match the declared amount (ETH) or is non-zero for an ERC20.
    error TreasuryValueMismatch(uint256 msgValue, uint256 expected);
    /// @notice An ERC20 transfer credited the treasury with a different amount than declared
    /// (fee-on-transfer and rebasing tokens are not supported).
    error TreasuryTransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice A payment to or stream for the zero address.
    error TreasuryZeroRecipient();
    /// @notice `fund` holds only `available` uncommitted units of `asset`, less than `needed`.
    error TreasuryInsufficientFund(uint8 fund, address asset, uint256 available, uint256 needed);
    /// @notice The native ETH transfer to `to` failed.
    error TreasuryEthTransferFailed(address to, uint256 amount);
    /// @notice ETH sent without `receiveRevenue`: it would belong to no fund, so it is refused.
    error TreasuryDirectEthRejected(address sender, uint256 amount);
    /// @notice A grant memo longer than MAX_MEMO_LENGTH bytes.
    error TreasuryMemoTooLong(uint256 length, uint256 max);
    /// @notice Stream duration outside [MIN_STREAM_DURATION, MAX_STREAM_DURATION].
    error TreasuryInvalidStreamDuration(uint256 duration, uint256 min, uint256 max);
    /// @notice Stream cliff longer than the stream itself.
    error TreasuryCliffExceedsDuration(uint256 cliff, uint256 duration);
    /// @notice Stream start before the current block or further ahead than MAX_START_DELAY.
    error TreasuryInvalidStreamStart(uint256 start, uint256 earliest, uint256 latest);
    /// @notice No stream has id `streamId`.
    error TreasuryUnknownStream(uint256 streamId);
    /// @notice Only the stream's recipient may withdraw from it.
    error TreasuryNotStreamRecipient(uint256 streamId, address caller);
    /// @notice Nothing is withdrawable from the stream yet (before the cliff, or all withdrawn).
    error TreasuryNothingToWithdraw(uint256 streamId);
    /// @notice The stream was already cancelled.
    error TreasuryStreamAlreadyCancelled(uint256 streamId);
    /// @notice The stream has fully vested; there is nothing left to cancel.
    error TreasuryStreamFullyVested(uint256 streamId);
    /// @notice The treasury holds no `asset` beyond what its funds account for.
    error TreasuryNothingUnaccounted(address asset);

    // ------------------------------------------------------------------ events

    /// @notice `amount` of `asset` from `from` credited to `fund`.
    event RevenueReceived(uint8 indexed fund, address indexed asset, address indexed from, uint256 amount);
    /// @notice A one-off grant of `amount` of `asset` from `fund` paid to `to`.
    event GrantPaid(uint8 indexed fund, address indexed asset, address indexed to, uint256 amount, string memo);
    /// @notice A stream was created; `amount` moved from `fund`'s free balance to its committed balance.
    event StreamCreated(
        uint256 indexed streamId,
        uint8 indexed fund,
        address indexed recipient,
        address asset,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    );
    /// @notice The recipient withdrew `amount` from a stream.
    event StreamWithdrawn(uint256 indexed streamId, address indexed recipient, uint256 amount);
    /// @notice Governance cancelled a stream: `vested` stays the recipient's, `returned` went back to
    /// the fund's free balance.
    event StreamCancelled(uint256 indexed streamId, uint256 vested, uint256 returned);
    /// @notice `amount` of `asset` the treasury held outside any account (forced ETH, direct
    /// transfers) was credited to `fund` by governance.
    event UnaccountedCredited(uint8 indexed fund, address indexed asset, uint256 amount);

    // ------------------------------------------------------------------ functions

    /// @notice Pay `amount` of `asset` from `fund`'s free balance to `to`. Governance only.
    function grant(uint8 fund, address asset, address to, uint256 amount, string calldata memo) external;

    /// @notice Commit `amount` of `asset` from `fund` to a linear stream for `recipient`. Governance only.
    /// @param start Vesting start (unix seconds); 0 means the current block.
    /// @param cliff Seconds after `start` before anything is withdrawable (at most `duration`).
    /// @param duration Seconds over which the whole amount vests.
    function createStream(
        uint8 fund,
        address asset,
        address recipient,
        uint256 amount,
        uint256 start,
        uint256 cliff,
        uint256 duration
    ) external returns (uint256 streamId);

    /// @notice Withdraw everything vested and not yet withdrawn from `streamId`. Recipient only.
    function withdraw(uint256 streamId) external returns (uint256 amount);

    /// @notice Cancel `streamId`: the vested part stays withdrawable, the rest returns to the fund.
    /// Governance only.
    function cancelStream(uint256 streamId) external;

    /// @notice Credit `asset` held beyond every account (forced ETH, direct ERC20 transfers) to
    /// `fund`. Governance only.
    function creditUnaccounted(uint8 fund, address asset) external returns (uint256 amount);

    /// @notice Free (uncommitted) balance of `fund` in `asset`.
    function fundBalance(uint8 fund, address asset) external view returns (uint256);

    /// @notice Balance of `fund` in `asset` reserved for streams (not yet withdrawn).
    function committedBalance(uint8 fund, address asset) external view returns (uint256);

    /// @notice Sum over all funds of free plus committed balances of `asset`.
    function accountedBalance(address asset) external view returns (uint256);

    /// @notice The stream `streamId`.
    function getStream(uint256 streamId) external view returns (Stream memory);

    /// @notice Amount of `streamId` vested at the current block (rounded down).
    function vestedAmount(uint256 streamId) external view returns (uint256);

    /// @notice Amount the recipient can withdraw from `streamId` now.
    function withdrawable(uint256 streamId) external view returns (uint256);

    /// @notice Number of streams created; ids run from 1 to streamCount().
    function streamCount() external view returns (uint256);
}
