// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {ICurve} from "../interfaces/ICurve.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";
import {IBondingCurveMarket} from "../interfaces/IBondingCurveMarket.sol";
import {CircuitBreaker} from "./CircuitBreaker.sol";

/// @title BondingCurveMarket
/// @notice Mints the Cipher token against reserve paid in and burns it against reserve paid out,
/// along one ICurve (SPEC §1.2). Fees go to the revenue splitter, a share of a buy's fee to the
/// buyer's referrer. Guarded by a circuit breaker, a guardian pause, slippage bounds and deadlines.
/// @dev Solvency: the reserve is tracked in storage and only moves by (a) the net input of a buy,
/// which the curve's rounding contract makes >= reserveFor(S + d) - reserveFor(S), (b) the curve
/// refund of a sell, <= reserveFor(S) - reserveFor(S - d), (c) surplus withdrawals that leave
/// reserveFor(S) plus a margin, and (d) curve changes that are reverted unless reserveFor(S) is
/// still covered. Burns outside the market lower S and so only raise the cover. Hence
/// reserveBalance >= reserveFor(totalSupply) at all times. Fees and referral rewards are held
/// outside the reserve.
contract BondingCurveMarket is CircuitBreaker, AccessControlEnumerable, ReentrancyGuardTransient {
    /// @notice May pause trading (never unpause, never anything else).
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    uint256 private constant BPS = 10_000;
    /// @notice Largest buy or sell fee: 10%.
    uint256 public constant MAX_FEE_BPS = 1_000;
    /// @notice Largest share of a buy's fee paid to its referrer: 50%.
    uint256 public constant MAX_REFERRAL_SHARE_BPS = 5_000;
    /// @notice Largest relative change of any curve parameter per period: 10%.
    uint256 public constant MAX_CURVE_STEP_BPS = 1_000;
    /// @notice Shortest time between two curve-parameter changes.
    uint256 public constant CURVE_CHANGE_PERIOD = 1 days;
    /// @notice Reserve kept above reserveFor(totalSupply) when surplus is withdrawn: 1% of it.
    uint256 public constant SURPLUS_MARGIN_BPS = 100;

    ICipherToken private immutable _token;
    ICurve private immutable _curve;
    address private immutable _reserveAsset;

    /// @dev Hot slot, written by every trade: 120 + 8 + 96 + 16 + 16 = 256 bits. The guardian's
    /// pause flag lives here (not in the breaker's slot) so a sell reads one market slot only.
    struct Book {
        uint120 reserve; // backs the supply (< 2^120 wei, ~1.3e36)
        bool paused; // guardian pause: buys and sells revert
        uint96 protocolFees; // accrued, not yet flushed to the splitter
        uint16 buyFeeBps;
        uint16 sellFeeBps;
    }

    Book private _book;

    /// @dev Cold slot: only read by referred buys and curve changes.
    uint16 private _referralShareBps;
    uint64 private _lastCurveChange;

    /// @notice Receives the protocol fees on `flushFees`.
    address public revenueSplitter;

    /// @notice Reserve owed to each referrer, claimed with `claimReferralRewards`.
    mapping(address referrer => uint256) public referralRewards;

    constructor(InitParams memory p)
        CircuitBreaker(p.breakerThresholdBps, p.breakerWindowBlocks, p.breakerCooldownBlocks)
    {
        if (
            p.admin == address(0) || address(p.token) == address(0) || address(p.curve) == address(0)
                || p.revenueSplitter == address(0)
        ) revert ZeroAddress();
        if (p.reserveAsset != address(0)) {
            // Every pull is measured with balanceOf: a reserve that cannot be measured is refused.
            if (p.reserveAsset.code.length == 0) revert UnsupportedReserveAsset(p.reserveAsset);
            try IERC20(p.reserveAsset).balanceOf(address(this)) returns (uint256) {}
            catch {
                revert UnsupportedReserveAsset(p.reserveAsset);
            }
        }
        _token = p.token;
        _curve = p.curve;
        _reserveAsset = p.reserveAsset;
        _grantRole(DEFAULT_ADMIN_ROLE, p.admin);
        if (p.guardian != address(0)) _grantRole(GUARDIAN_ROLE, p.guardian);
        _setFees(p.buyFeeBps, p.sellFeeBps);
        _setReferralShare(p.referralShareBps);
        _setRevenueSplitter(p.revenueSplitter);
    }

    // ================================================================== trading

    /// @inheritdoc IBondingCurveMarket
    /// @dev The fee is taken from `reserveIn` first, rounded up; the rest is the net input the
    /// curve converts to tokens, rounded down. The whole net input joins the reserve, so the
    /// curve's rounding remainder stays as surplus. Reverts while paused or while the circuit
    /// breaker halts buys. Effects (reserve, fees, referral credit, breaker) precede the mint
    /// and the ERC20 pull, which is measured and must deliver exactly `reserveIn`.
    function buy(uint256 reserveIn, uint256 minTokensOut, address referrer, uint256 deadline)
        external
        payable
        nonReentrant
        returns (uint256 tokensOut)
    {
        Book memory b = _book;
        _checkTrade(b, reserveIn, deadline);
        Guard memory g = _guard;
        if (block.number < g.haltedUntil) revert BuysHalted(g.haltedUntil);
        if (_reserveAsset == address(0)) {
            if (msg.value != reserveIn) revert WrongMsgValue(msg.value, reserveIn);
        } else if (msg.value != 0) {
            revert WrongMsgValue(msg.value, 0);
        }

        uint256 supply = _supply();
        uint256 fee = _feeOn(reserveIn, b.buyFeeBps);
        uint256 net = reserveIn - fee;
        tokensOut = _curve.tokensForReserve(supply, net);
        if (tokensOut == 0) revert ZeroOutput();
        if (tokensOut < minTokensOut) revert SlippageExceeded(tokensOut, minTokensOut);

        uint256 reward;
        if (referrer != address(0) && referrer != msg.sender && fee != 0) {
            // Rounded down: the protocol keeps the remainder.
            reward = (fee * _referralShareBps) / BPS;
            if (reward != 0) referralRewards[referrer] += reward;
        }
        b.reserve = _toUint120(b.reserve + net);
        b.protocolFees = _toUint96(b.protocolFees + (fee - reward));
        _storeBook(b);

        uint256 price = _afterTrade(g, supply, supply + tokensOut);
        _token.mint(msg.sender, tokensOut);
        if (_reserveAsset != address(0)) _pullExact(msg.sender, reserveIn);
        emit Bought(msg.sender, referrer, reserveIn, fee, reward, tokensOut, price);
    }

    /// @inheritdoc IBondingCurveMarket
    /// @dev The curve refund is rounded down, the fee on it rounded up. The reserve drops by the
    /// whole refund; the fee moves to the protocol's accrued fees. Allowed while the breaker
    /// halts buys (holders can always exit), not while paused. Sells do not evaluate the breaker
    /// themselves (that would cost a second curve evaluation on the exit path): a fall they cause
    /// within a window is measured by the next buy, which trips the breaker (see CircuitBreaker).
    function sell(uint256 tokensIn, uint256 minReserveOut, uint256 deadline)
        external
        nonReentrant
        returns (uint256 reserveOut)
    {
        Book memory b = _book;
        _checkTrade(b, tokensIn, deadline);

        uint256 supply = _supply();
        uint256 refund = _sellRefund(supply, tokensIn);
        uint256 fee = _feeOn(refund, b.sellFeeBps);
        reserveOut = refund - fee;
        if (reserveOut == 0) revert ZeroOutput();
        if (reserveOut < minReserveOut) revert SlippageExceeded(reserveOut, minReserveOut);

        b.reserve -= uint120(refund); // refund <= reserveFor(S) <= reserve (solvency)
        b.protocolFees = _toUint96(b.protocolFees + fee);
        _storeBook(b);

        _burnFrom(msg.sender, tokensIn);
        _payOut(msg.sender, reserveOut);
        emit Sold(msg.sender, tokensIn, reserveOut, fee);
    }

    /// @inheritdoc IBondingCurveMarket
    /// @dev Same arithmetic as `buy`, so quote == execution in the same state. Does not check
    /// pause, halt or the curve's cap beyond what the curve itself reverts on.
    function quoteBuy(uint256 reserveIn) external view returns (uint256 tokensOut, uint256 fee) {
        fee = _feeOn(reserveIn, _book.buyFeeBps);
        tokensOut = _curve.tokensForReserve(_token.totalSupply(), reserveIn - fee);
    }

    /// @inheritdoc IBondingCurveMarket
    function quoteSell(uint256 tokensIn) external view returns (uint256 reserveOut, uint256 fee) {
        uint256 refund = _curve.sellRefund(_token.totalSupply(), tokensIn);
        fee = _feeOn(refund, _book.sellFeeBps);
        reserveOut = refund - fee;
    }

    /// @inheritdoc IBondingCurveMarket
    function spotPrice() external view returns (uint256) {
        return _curve.spotPrice(_token.totalSupply());
    }

    /// @inheritdoc IBondingCurveMarket
    function reserveBalance() external view returns (uint256) {
        return _book.reserve;
    }

    /// @inheritdoc IBondingCurveMarket
    function token() external view returns (ICipherToken) {
        return _token;
    }

    /// @inheritdoc IBondingCurveMarket
    function curve() external view returns (ICurve) {
        return _curve;
    }

    /// @inheritdoc IBondingCurveMarket
    function reserveAsset() external view returns (address) {
        return _reserveAsset;
    }

    /// @notice Accrued protocol fees not yet sent to the splitter.
    function protocolFees() external view returns (uint256) {
        return _book.protocolFees;
    }

    /// @notice Current fees in bps.
    function fees() external view returns (uint256 buyFeeBps, uint256 sellFeeBps) {
        Book memory b = _book;
        return (b.buyFeeBps, b.sellFeeBps);
    }

    /// @notice Share of a buy's fee credited to its referrer, in bps.
    function referralShareBps() external view returns (uint256) {
        return _referralShareBps;
    }

    /// @notice Timestamp of the last curve-parameter change (0 = never).
    function lastCurveChange() external view returns (uint256) {
        return _lastCurveChange;
    }

    /// @notice Reserve that `withdrawSurplus` may move now: above reserveFor(totalSupply) plus
    /// the SURPLUS_MARGIN_BPS margin.
    function surplus() public view returns (uint256) {
        uint256 cover = _curve.reserveFor(_token.totalSupply());
        uint256 floor = cover + _mulDivUp(cover, SURPLUS_MARGIN_BPS, BPS);
        uint256 reserve = _book.reserve;
        return reserve > floor ? reserve - floor : 0;
    }

    // ================================================================== fees

    /// @inheritdoc IBondingCurveMarket
    /// @dev Anyone may call: the destination is fixed by governance.
    function flushFees() external nonReentrant returns (uint256 amount) {
        amount = _book.protocolFees;
        if (amount == 0) revert ZeroAmount();
        _book.protocolFees = 0;
        address splitter = revenueSplitter;
        _payOut(splitter, amount);
        emit FeesFlushed(splitter, amount);
    }

    /// @inheritdoc IBondingCurveMarket
    function claimReferralRewards() external nonReentrant returns (uint256 amount) {
        amount = referralRewards[msg.sender];
        if (amount == 0) revert ZeroAmount();
        referralRewards[msg.sender] = 0;
        _payOut(msg.sender, amount);
        emit ReferralRewardsClaimed(msg.sender, amount);
    }

    // ================================================================== governance

    /// @notice Whether the guardian has paused trading.
    function paused() external view returns (bool) {
        return _book.paused;
    }

    /// @notice Pause buys and sells. Guardian only.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _setPaused(true);
    }

    /// @notice Resume trading. Governance only.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPaused(false);
    }

    /// @notice Set the buy and sell fees, each at most MAX_FEE_BPS.
    function setFees(uint256 buyFeeBps, uint256 sellFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setFees(buyFeeBps, sellFeeBps);
    }

    /// @notice Set the referrer's share of a buy fee, at most MAX_REFERRAL_SHARE_BPS.
    function setReferralShare(uint256 shareBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setReferralShare(shareBps);
    }

    /// @notice Set the circuit breaker: threshold (bps), window and cooldown (blocks).
    function setBreakerParameters(uint256 thresholdBps, uint256 windowBlocks, uint256 cooldownBlocks)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
    {
        _setBreakerParameters(thresholdBps, windowBlocks, cooldownBlocks);
    }

    /// @notice Set the revenue splitter that receives flushed fees.
    function setRevenueSplitter(address splitter) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRevenueSplitter(splitter);
    }

    /// @notice Change the curve's parameters in a bounded step.
    /// @dev At most once per CURVE_CHANGE_PERIOD; each parameter moves at most MAX_CURVE_STEP_BPS
    /// of its old value (so a zero parameter stays zero). Reverts, undoing the curve change, if
    /// the supply is above the new cap or the reserve no longer covers reserveFor(totalSupply).
    /// The breaker's window restarts (its anchor was measured on the old curve).
    function setCurveParameters(uint256[] calldata newParameters) external onlyRole(DEFAULT_ADMIN_ROLE) {
        uint256 last = _lastCurveChange;
        if (last != 0 && block.timestamp < last + CURVE_CHANGE_PERIOD) {
            revert CurveChangeTooSoon(last + CURVE_CHANGE_PERIOD);
        }
        uint256[] memory old = _curve.parameters();
        if (newParameters.length != old.length) revert CurveParameterCountMismatch(newParameters.length, old.length);
        for (uint256 i; i < old.length; ++i) {
            uint256 o = old[i];
            uint256 n = newParameters[i];
            uint256 step = n > o ? n - o : o - n;
            if (step * BPS > o * MAX_CURVE_STEP_BPS) revert CurveParameterStepTooLarge(i, o, n);
        }
        _curve.setParameters(newParameters);

        uint256 supply = _token.totalSupply();
        uint256 cap = _curve.maxSupply();
        if (supply > cap) revert SupplyAboveCap(supply, cap);
        uint256 required = _curve.reserveFor(supply);
        if (required > _book.reserve) revert Insolvent(required, _book.reserve);

        _lastCurveChange = uint64(block.timestamp);
        _resetBreakerWindow();
        emit CurveParametersChanged(old, newParameters);
    }

    /// @notice Move surplus reserve (above the cover of the whole supply plus the margin) to `to`,
    /// e.g. the treasury.
    function withdrawSurplus(address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        uint256 available = surplus();
        if (amount > available) revert SurplusExceeded(amount, available);
        _book.reserve -= uint120(amount);
        _payOut(to, amount);
        emit SurplusWithdrawn(to, amount);
    }

    // ================================================================== internals

    function _checkTrade(Book memory b, uint256 amount, uint256 deadline) private view {
        if (b.paused) revert TradingPaused();
        if (amount == 0) revert ZeroAmount();
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
    }

    function _spotPriceAt(uint256 supply) internal view override returns (uint256) {
        return _curve.spotPrice(supply);
    }

    function _setPaused(bool value) private {
        if (_book.paused == value) revert PauseStateUnchanged(value);
        _book.paused = value;
        if (value) emit Paused(msg.sender);
        else emit Unpaused(msg.sender);
    }

    function _setFees(uint256 buyFeeBps, uint256 sellFeeBps) private {
        if (buyFeeBps > MAX_FEE_BPS) revert FeeTooHigh(buyFeeBps, MAX_FEE_BPS);
        if (sellFeeBps > MAX_FEE_BPS) revert FeeTooHigh(sellFeeBps, MAX_FEE_BPS);
        Book memory b = _book;
        emit FeesUpdated(b.buyFeeBps, b.sellFeeBps, buyFeeBps, sellFeeBps);
        b.buyFeeBps = uint16(buyFeeBps);
        b.sellFeeBps = uint16(sellFeeBps);
        _book = b;
    }

    function _setReferralShare(uint256 shareBps) private {
        if (shareBps > MAX_REFERRAL_SHARE_BPS) revert ReferralShareTooHigh(shareBps, MAX_REFERRAL_SHARE_BPS);
        emit ReferralShareUpdated(_referralShareBps, shareBps);
        _referralShareBps = uint16(shareBps);
    }

    function _setRevenueSplitter(address splitter) private {
        if (splitter == address(0)) revert ZeroAddress();
        emit RevenueSplitterUpdated(revenueSplitter, splitter);
        revenueSplitter = splitter;
    }

    /// @dev Pays reserve out: ETH with a plain call (all gas; reentrancy is blocked by the guard
    /// and every effect is already written), an ERC20 with Solady's SafeTransferLib.
    function _payOut(address to, uint256 amount) private {
        if (_reserveAsset == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(to, amount);
        } else {
            // Solady's assembly transfer (reverts TransferFailed() if the call fails or returns
            // false): ~100 gas cheaper than SafeERC20 on every ERC20 sell.
            SafeTransferLib.safeTransfer(_reserveAsset, to, amount);
        }
    }

    /// @dev `_token.burnFrom(from, amount)` as a raw call: the token is a known contract (set at
    /// construction), so the high-level call's EXTCODESIZE check and ABI encoding are skipped.
    /// A revert of the token (e.g. ERC20InsufficientBalance) is bubbled up unchanged.
    function _burnFrom(address from, uint256 amount) private {
        address t = address(_token);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x79cc6790)) // burnFrom(address,uint256)
            mstore(add(m, 0x04), from)
            mstore(add(m, 0x24), amount)
            if iszero(call(gas(), t, 0, m, 0x44, 0, 0)) {
                returndatacopy(m, 0, returndatasize())
                revert(m, returndatasize())
            }
        }
    }

    /// @dev Writes the whole book slot at once (buy and sell): a struct assignment would
    /// read the slot again and mask each field in. Layout (low to high bits) as declared:
    /// reserve 0-119, paused 120-127, protocolFees 128-223, buyFeeBps 224-239, sellFeeBps 240-255.
    function _storeBook(Book memory b) private {
        uint256 word = uint256(b.reserve) | (b.paused ? 1 << 120 : 0) | (uint256(b.protocolFees) << 128)
            | (uint256(b.buyFeeBps) << 224) | (uint256(b.sellFeeBps) << 240);
        assembly ("memory-safe") {
            sstore(_book.slot, word)
        }
    }

    /// @dev `_token.totalSupply()` as a raw static call into scratch space (the token is a known
    /// contract set at construction): no ABI encoder, no free-memory bookkeeping.
    function _supply() private view returns (uint256 supply) {
        address t = address(_token);
        assembly ("memory-safe") {
            mstore(0x00, 0x18160ddd) // totalSupply()
            if iszero(and(gt(returndatasize(), 0x1f), staticcall(gas(), t, 0x1c, 0x04, 0x00, 0x20))) {
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            supply := mload(0x00)
        }
    }

    /// @dev `_curve.sellRefund(supply, amount)` as a raw static call (the curve is a known contract
    /// set at construction). A revert of the curve (e.g. CurveAmountExceedsSupply) is bubbled up
    /// unchanged.
    function _sellRefund(uint256 supply, uint256 amount) private view returns (uint256 refund) {
        address c = address(_curve);
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, shl(224, 0x50fda5d3)) // sellRefund(uint256,uint256)
            mstore(add(m, 0x04), supply)
            mstore(add(m, 0x24), amount)
            if iszero(and(gt(returndatasize(), 0x1f), staticcall(gas(), c, m, 0x44, 0x00, 0x20))) {
                returndatacopy(m, 0x00, returndatasize())
                revert(m, returndatasize())
            }
            refund := mload(0x00)
        }
    }

    /// @dev Pulls exactly `amount` of the ERC20 reserve from `from`, measured as the change of
    /// this contract's balance: a token that delivers less (fee on transfer, rebasing rounding) or
    /// more is refused, so the books (reserve + fees + referral credit) never claim more than
    /// arrived. Every buy (including the splitter's buy-back) goes through here, so a market whose
    /// reserve token short-delivers can never take in any reserve.
    /// The reads use Solady's assembly balanceOf (cheaper than an interface call; the asset was
    /// checked to answer balanceOf at construction, and a failed read yields 0, i.e. a mismatch).
    function _pullExact(address from, uint256 amount) private {
        address asset = _reserveAsset;
        uint256 before = SafeTransferLib.balanceOf(asset, address(this));
        SafeTransferLib.safeTransferFrom(asset, from, address(this), amount);
        uint256 balanceAfter = SafeTransferLib.balanceOf(asset, address(this));
        uint256 received = balanceAfter > before ? balanceAfter - before : 0;
        if (received != amount) revert TransferAmountMismatch(amount, received);
    }

    /// @dev Fee rounded up: the protocol's favour.
    function _feeOn(uint256 amount, uint256 feeBps) private pure returns (uint256) {
        return _mulDivUp(amount, feeBps, BPS);
    }

    function _mulDivUp(uint256 a, uint256 b, uint256 d) private pure returns (uint256) {
        uint256 x = a * b;
        return x == 0 ? 0 : (x - 1) / d + 1;
    }

    function _toUint120(uint256 v) private pure returns (uint120) {
        if (v > type(uint120).max) revert AmountOverflow(v);
        return uint120(v);
    }

    function _toUint96(uint256 v) private pure returns (uint96) {
        if (v > type(uint96).max) revert AmountOverflow(v);
        return uint96(v);
    }
}
