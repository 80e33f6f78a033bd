// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IRevenueSplitter
/// @notice Splits protocol revenue (ETH and ERC20s) into the five RevenueBuckets by governed bps,
/// with pull accounting: `sync` splits what arrived, `release` pays one bucket out,
/// `buyBackAndBurn` spends the BURN bucket on the market and burns what it buys.
interface IRevenueSplitter {
    /// @notice A bucket's payee; `hook` = call IRevenueRecipient.receiveRevenue instead of a plain transfer.
    struct Recipient {
        address account;
        bool hook;
    }

    /// @notice Shares do not sum to 10,000 bps.
    error SharesDoNotSumToTotal(uint256 sum);
    /// @notice Share of `bucket` is above MAX_SHARE_BPS.
    error ShareTooHigh(uint256 bucket, uint256 shareBps, uint256 maxBps);
    /// @notice `bucket` is not one of RevenueBuckets (or not valid for this call).
    error InvalidBucket(uint256 bucket);
    /// @notice An address argument that must not be zero was zero.
    error ZeroAddress();
    /// @notice Nothing is claimable for (`bucket`, `asset`).
    error NothingToRelease(uint256 bucket, address asset);
    /// @notice The BURN bucket is spent by `buyBackAndBurn` (or burned, if it holds the token).
    error BurnBucketNotReleasable(address asset);
    /// @notice The market was already set (one-shot) or is not set yet.
    error MarketAlreadySet(address market);
    error MarketNotSet();
    /// @notice Only the deployer may call the one-shot setter.
    error NotDeployer(address caller);
    /// @notice A native ETH payment of `amount` to `to` failed.
    error NativeTransferFailed(address to, uint256 amount);
    /// @notice An ERC20 payout of `expected` lowered the splitter's balance by `moved` > `expected`
    /// (a token that debits more than it transfers): refused, the bucket stays claimable.
    error TransferAmountMismatch(uint256 expected, uint256 moved);
    /// @notice A hook recipient did not pull the `amount` of `asset` it was given.
    error RecipientDidNotPull(address recipient, address asset, uint256 amount);

    /// @notice `amount` of new `asset` revenue was split; `parts[b]` went to bucket b, the rest
    /// (`amount - sum(parts)`, < 5 wei) stays unassigned and is split again next time.
    event RevenueSplit(address indexed asset, uint256 amount, uint256[5] parts);
    /// @notice Bucket `bucket` paid `amount` of `asset` to `recipient`.
    event Released(uint8 indexed bucket, address indexed asset, address indexed recipient, uint256 amount);
    /// @notice The BURN bucket bought `tokensBurned` tokens with `reserveSpent` and burned them.
    event BoughtBackAndBurned(uint256 reserveSpent, uint256 tokensBurned);
    /// @notice BURN-bucket tokens (the Cipher token itself) were burned.
    event TokensBurned(uint256 amount);
    /// @notice Governance changed the shares.
    event SharesUpdated(uint16[5] oldShares, uint16[5] newShares);
    /// @notice Governance changed a bucket's recipient.
    event RecipientUpdated(uint8 indexed bucket, address oldAccount, bool oldHook, address newAccount, bool newHook);
    /// @notice The deployer bound the splitter to its market (one-shot).
    event MarketSet(address indexed market);

    /// @notice Split the `asset` balance not yet accounted into the buckets. Anyone.
    function sync(address asset) external returns (uint256 amount);

    /// @notice Pay `bucket`'s claimable `asset` to its recipient. Anyone.
    function release(uint8 bucket, address asset) external returns (uint256 amount);

    /// @notice Spend the BURN bucket's reserve asset on the market and burn the tokens bought. Anyone.
    function buyBackAndBurn() external returns (uint256 tokensBurned);
}
