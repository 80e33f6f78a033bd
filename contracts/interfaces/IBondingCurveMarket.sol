// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "./ICurve.sol";
import {ICipherToken} from "./ICipherToken.sol";

/// @title IBondingCurveMarket
/// @notice The Cipher bonding-curve market (SPEC §1.2): mints the token against reserve paid in
/// (ETH or an ERC20) and burns it against reserve paid out, along one ICurve.
interface IBondingCurveMarket {
    /// @notice Everything the market is deployed with.
    /// @param admin Governance (the timelock): DEFAULT_ADMIN_ROLE.
    /// @param guardian May only pause (GUARDIAN_ROLE); address(0) for none.
    /// @param token The Cipher token; its `market` must be set to this market.
    /// @param curve The curve; its `market` must be set to this market.
    /// @param reserveAsset address(0) for native ETH, otherwise a plain ERC20: every buy measures
    /// what arrived and reverts with TransferAmountMismatch unless it is exactly what was paid, so
    /// a fee-on-transfer token can never fund the market; a token that rebases between calls
    /// cannot be detected and must not be used (docs/market.md).
    /// @param revenueSplitter Receives the protocol fees on `flushFees`.
    struct InitParams {
        address admin;
        address guardian;
        ICipherToken token;
        ICurve curve;
        address reserveAsset;
        address revenueSplitter;
        uint16 buyFeeBps;
        uint16 sellFeeBps;
        uint16 referralShareBps;
        uint16 breakerThresholdBps;
        uint16 breakerWindowBlocks;
        uint24 breakerCooldownBlocks;
    }

    // ------------------------------------------------------------------ errors
    /// @notice A trade or withdrawal of zero.
    error ZeroAmount();
    /// @notice A trade whose output rounds to zero (the input buys nothing).
    error ZeroOutput();
    /// @notice An address argument that must not be zero was zero.
    error ZeroAddress();
    /// @notice The trade's deadline (a timestamp) has passed.
    error DeadlineExpired(uint256 deadline, uint256 timestamp);
    /// @notice The trade would return `amountOut`, less than the caller's `minAmountOut`.
    error SlippageExceeded(uint256 amountOut, uint256 minAmountOut);
    /// @notice msg.value must be `expected` (reserveIn for ETH, 0 for an ERC20 reserve).
    error WrongMsgValue(uint256 sent, uint256 expected);
    /// @notice The circuit breaker tripped: buys are halted until block `haltedUntilBlock`.
    error BuysHalted(uint256 haltedUntilBlock);
    /// @notice The guardian paused trading.
    error TradingPaused();
    /// @notice `unpause` while not paused, or `pause` while paused.
    error PauseStateUnchanged(bool paused);
    /// @notice A fee above MAX_FEE_BPS.
    error FeeTooHigh(uint256 feeBps, uint256 maxBps);
    /// @notice A referral share above MAX_REFERRAL_SHARE_BPS.
    error ReferralShareTooHigh(uint256 shareBps, uint256 maxBps);
    /// @notice A circuit-breaker parameter outside its constant bounds.
    error BreakerParameterOutOfBounds(uint256 index, uint256 value, uint256 min, uint256 max);
    /// @notice Curve parameters were changed less than CURVE_CHANGE_PERIOD ago.
    error CurveChangeTooSoon(uint256 nextAllowedAt);
    /// @notice The new parameter list has `given` entries, the curve has `expected`.
    error CurveParameterCountMismatch(uint256 given, uint256 expected);
    /// @notice Parameter `index` would move from `oldValue` to `newValue`: more than
    /// MAX_CURVE_STEP_BPS of `oldValue` in one period.
    error CurveParameterStepTooLarge(uint256 index, uint256 oldValue, uint256 newValue);
    /// @notice After a parameter change the supply `supply` is above the curve's cap `cap`.
    error SupplyAboveCap(uint256 supply, uint256 cap);
    /// @notice Selling the whole supply would need `required` but the reserve holds `reserve`.
    error Insolvent(uint256 required, uint256 reserve);
    /// @notice Withdrawal of `amount` surplus when only `available` is above the cover and margin.
    error SurplusExceeded(uint256 amount, uint256 available);
    /// @notice A native ETH payment of `amount` to `to` failed.
    error NativeTransferFailed(address to, uint256 amount);
    /// @notice An ERC20 reserve pull of `expected` changed the market's balance by `received`
    /// (a fee-on-transfer, rebasing or otherwise non-standard token): refused, never booked.
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice The ERC20 reserve `asset` has no code or does not answer balanceOf, so what it
    /// delivers could not be measured.
    error UnsupportedReserveAsset(address asset);
    /// @notice A value does not fit the storage slot it is packed into.
    error AmountOverflow(uint256 amount);

    // ------------------------------------------------------------------ events
    /// @notice `buyer` paid `reserveIn` (of which `fee`, `referralReward` of it to `referrer`) and
    /// received `tokensOut`; the spot price is now `spotPriceAfter`.
    event Bought(
        address indexed buyer,
        address indexed referrer,
        uint256 reserveIn,
        uint256 fee,
        uint256 referralReward,
        uint256 tokensOut,
        uint256 spotPriceAfter
    );
    /// @notice `seller` burned `tokensIn` and received `reserveOut` (the curve refund less `fee`).
    event Sold(address indexed seller, uint256 tokensIn, uint256 reserveOut, uint256 fee);
    /// @notice The price moved from `anchorPrice` to `price` within the window: buys halt until
    /// block `haltedUntilBlock`.
    event CircuitBreakerTripped(uint256 anchorPrice, uint256 price, uint256 haltedUntilBlock);
    /// @notice A buy opened a new circuit-breaker window anchored at `anchorPrice`.
    event BreakerWindowOpened(uint256 anchorPrice, uint256 atBlock);
    /// @notice The guardian paused trading.
    event Paused(address indexed account);
    /// @notice Governance resumed trading.
    event Unpaused(address indexed account);
    /// @notice Trading fees changed.
    event FeesUpdated(uint256 oldBuyFeeBps, uint256 oldSellFeeBps, uint256 newBuyFeeBps, uint256 newSellFeeBps);
    /// @notice The referrer's share of a buy fee changed.
    event ReferralShareUpdated(uint256 oldShareBps, uint256 newShareBps);
    /// @notice Circuit-breaker thresholds changed.
    event BreakerParametersUpdated(
        uint256 oldThresholdBps,
        uint256 oldWindowBlocks,
        uint256 oldCooldownBlocks,
        uint256 newThresholdBps,
        uint256 newWindowBlocks,
        uint256 newCooldownBlocks
    );
    /// @notice The revenue splitter changed.
    event RevenueSplitterUpdated(address oldSplitter, address newSplitter);
    /// @notice Governance changed the curve's parameters (solvency checked).
    event CurveParametersChanged(uint256[] oldParameters, uint256[] newParameters);
    /// @notice `amount` of surplus reserve went to `to`.
    event SurplusWithdrawn(address indexed to, uint256 amount);
    /// @notice `amount` of accrued protocol fees went to the revenue splitter `splitter`.
    event FeesFlushed(address indexed splitter, uint256 amount);
    /// @notice `referrer` claimed `amount` of referral rewards.
    event ReferralRewardsClaimed(address indexed referrer, uint256 amount);

    // ------------------------------------------------------------------ trading
    /// @notice Buy tokens with `reserveIn` of the reserve asset.
    /// @param reserveIn Reserve paid, fee included (msg.value for ETH; pulled for an ERC20).
    /// @param minTokensOut Smallest acceptable number of tokens (slippage bound).
    /// @param referrer Receives a share of the fee; address(0) or the buyer for none.
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return tokensOut Tokens minted to the caller.
    function buy(uint256 reserveIn, uint256 minTokensOut, address referrer, uint256 deadline)
        external
        payable
        returns (uint256 tokensOut);

    /// @notice Sell `tokensIn` of the caller's tokens back to the curve.
    /// @param tokensIn Tokens burned from the caller.
    /// @param minReserveOut Smallest acceptable reserve paid out (slippage bound).
    /// @param deadline Last timestamp at which the trade may execute.
    /// @return reserveOut Reserve paid to the caller, fee deducted.
    function sell(uint256 tokensIn, uint256 minReserveOut, uint256 deadline) external returns (uint256 reserveOut);

    /// @notice Exactly what `buy(reserveIn, ...)` would mint now, and the fee it would take.
    function quoteBuy(uint256 reserveIn) external view returns (uint256 tokensOut, uint256 fee);

    /// @notice Exactly what `sell(tokensIn, ...)` would pay now, and the fee it would take.
    function quoteSell(uint256 tokensIn) external view returns (uint256 reserveOut, uint256 fee);

    /// @notice Current price P(totalSupply), reserve-wei per whole token.
    function spotPrice() external view returns (uint256);

    /// @notice Reserve backing the supply (storage-tracked; donations are not counted).
    function reserveBalance() external view returns (uint256);

    /// @notice The Cipher token.
    function token() external view returns (ICipherToken);

    /// @notice The curve.
    function curve() external view returns (ICurve);

    /// @notice The reserve asset: address(0) for native ETH.
    function reserveAsset() external view returns (address);

    // ------------------------------------------------------------------ fees
    /// @notice Send the accrued protocol fees to the revenue splitter. Anyone.
    function flushFees() external returns (uint256 amount);

    /// @notice Pay the caller its accrued referral rewards.
    function claimReferralRewards() external returns (uint256 amount);
}
