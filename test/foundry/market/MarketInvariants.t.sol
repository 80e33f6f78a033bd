// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {Vm} from "../utils/Vm.sol";
import {CipherToken} from "../../../contracts/token/CipherToken.sol";
import {BondingCurveMarket} from "../../../contracts/market/BondingCurveMarket.sol";
import {MarketDeployer} from "../../../contracts/market/MarketDeployer.sol";
import {IBondingCurveMarket} from "../../../contracts/interfaces/IBondingCurveMarket.sol";
import {ICurve} from "../../../contracts/interfaces/ICurve.sol";
import {ICipherToken} from "../../../contracts/interfaces/ICipherToken.sol";
import {LinearCurve} from "../../../contracts/market/curves/LinearCurve.sol";
import {ExponentialCurve} from "../../../contracts/market/curves/ExponentialCurve.sol";
import {SigmoidCurve} from "../../../contracts/market/curves/SigmoidCurve.sol";
import {ICurveAdmin} from "../../../contracts/market/curves/ICurveAdmin.sol";

/// @notice Drives the market with random buys, sells, round trips, holder burns, curve-parameter
/// changes, pauses, fee flushes, surplus withdrawals and block/time warps. It is the market's
/// admin, guardian and only trader (plus one referrer). Properties that must hold per call are
/// counted in ghost violation counters (a handler revert would be ignored by the runner), and the
/// invariant contract asserts they stay zero.
contract MarketHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    BondingCurveMarket public immutable market;
    CipherToken public immutable token;
    ICurve public immutable curve;
    address public constant REFERRER = address(0xBEEF);
    uint256 private constant MAX_DEADLINE = type(uint256).max;

    // ghosts
    uint256 public ghostPaidIn; // reserve paid into buys
    uint256 public ghostPaidOut; // reserve received from sells
    uint256 public ghostFlushed; // fees sent to the splitter
    uint256 public ghostSurplusOut; // surplus withdrawn
    uint256 public ghostReferralOwed; // referral credit granted minus claimed
    uint256 public quoteMismatches;
    uint256 public roundTripProfits;
    uint256 public monotonicityViolations;
    uint256 public solvencyViolations;
    uint256 public buys;
    uint256 public sells;
    uint256 public roundTrips;
    uint256 public curveChanges;

    constructor(BondingCurveMarket market_) {
        market = market_;
        token = CipherToken(address(market_.token()));
        curve = market_.curve();
    }

    receive() external payable {}

    function buy(uint256 amount, bool referred) external {
        amount = _bound(amount, 1e9, 50 ether);
        (uint256 qOut, uint256 qFee) = market.quoteBuy(amount);
        uint256 supply = token.totalSupply();
        uint256 p0 = curve.spotPrice(supply);
        vm.deal(address(this), address(this).balance + amount);
        try market.buy{value: amount}(amount, 0, referred ? REFERRER : address(0), MAX_DEADLINE) returns (uint256 out) {
            ++buys;
            ghostPaidIn += amount;
            if (out != qOut) ++quoteMismatches;
            if (referred) ghostReferralOwed += (qFee * market.referralShareBps()) / 10_000;
            if (curve.spotPrice(supply + out) < p0) ++monotonicityViolations;
            _checkSolvency();
        } catch {}
    }

    function sell(uint256 fraction) external {
        uint256 bal = token.balanceOf(address(this));
        if (bal == 0) return;
        uint256 amount = _bound(fraction, 1, bal);
        (uint256 qOut,) = market.quoteSell(amount);
        uint256 supply = token.totalSupply();
        uint256 p0 = curve.spotPrice(supply);
        try market.sell(amount, 0, MAX_DEADLINE) returns (uint256 out) {
            ++sells;
            ghostPaidOut += out;
            if (out != qOut) ++quoteMismatches;
            if (curve.spotPrice(supply - amount) > p0) ++monotonicityViolations;
            _checkSolvency();
        } catch {}
    }

    /// @dev Buy then sell exactly what was bought, in the same block: must not gain.
    function roundTrip(uint256 amount) external {
        amount = _bound(amount, 1e9, 50 ether);
        vm.deal(address(this), address(this).balance + amount);
        try market.buy{value: amount}(amount, 0, address(0), MAX_DEADLINE) returns (uint256 out) {
            ghostPaidIn += amount;
            try market.sell(out, 0, MAX_DEADLINE) returns (uint256 back) {
                ++roundTrips;
                ghostPaidOut += back;
                if (back > amount) ++roundTripProfits;
            } catch {}
            _checkSolvency();
        } catch {}
    }

    /// @dev A holder burns tokens without a refund (buy-back-and-burn, burned slash).
    function burn(uint256 fraction) external {
        uint256 bal = token.balanceOf(address(this));
        if (bal == 0) return;
        token.burn(_bound(fraction, 1, bal / 10 + 1));
        _checkSolvency();
    }

    /// @dev Governance moves every curve parameter by up to +-10% (the market's bound); the market
    /// must reject any change that leaves the supply uncovered.
    function changeCurve(uint256 seed) external {
        vm.warp(block.timestamp + 1 days);
        uint256[] memory p = curve.parameters();
        for (uint256 i; i < p.length; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 step = (p[i] * (r % 1001)) / 10_000; // 0..10%
            p[i] = (r >> 128) % 2 == 0 ? p[i] + step : p[i] - step;
        }
        try market.setCurveParameters(p) {
            ++curveChanges;
        } catch {}
        _checkSolvency();
    }

    /// @dev Fees often zero, so round trips test the curve's rounding alone.
    function setFees(uint256 buyFee, uint256 sellFee) external {
        buyFee = buyFee % 3 == 0 ? 0 : _bound(buyFee, 0, 1000);
        sellFee = sellFee % 3 == 0 ? 0 : _bound(sellFee, 0, 1000);
        market.setFees(buyFee, sellFee);
    }

    function togglePause(bool on) external {
        if (on && !market.paused()) market.pause();
        else if (!on && market.paused()) market.unpause();
    }

    function flush() external {
        uint256 f = market.protocolFees();
        if (f == 0) return;
        market.flushFees();
        ghostFlushed += f;
    }

    function claimReferral() external {
        uint256 owed = market.referralRewards(REFERRER);
        if (owed == 0) return;
        vm.prank(REFERRER);
        market.claimReferralRewards();
        ghostReferralOwed -= owed;
    }

    function withdrawSurplus(uint256 fraction) external {
        uint256 s = market.surplus();
        if (s == 0) return;
        uint256 amount = _bound(fraction, 1, s);
        market.withdrawSurplus(address(0xCAFE), amount);
        ghostSurplusOut += amount;
        _checkSolvency();
    }

    function warp(uint256 blocks, uint256 secs) external {
        vm.roll(block.number + _bound(blocks, 1, 30));
        vm.warp(block.timestamp + _bound(secs, 1, 3 days));
    }

    function _checkSolvency() private {
        uint256 supply = token.totalSupply();
        if (market.reserveBalance() < curve.reserveFor(supply)) ++solvencyViolations;
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) private pure returns (uint256) {
        if (x >= lo && x <= hi) return x;
        return lo + (x % (hi - lo + 1));
    }
}

/// @notice Market invariants (SPEC §1.2, §3) over one curve shape; one concrete suite per shape.
abstract contract MarketInvariantsBase is TestBase {
    BondingCurveMarket internal market;
    CipherToken internal token;
    ICurve internal curve;
    MarketHandler internal handler;

    function _deployCurve() internal virtual returns (ICurve);

    /// The handler really exercises the market: trades, round trips and curve changes succeed.
    function test_handlerExercisesEveryPath() public {
        handler.setFees(0, 0);
        handler.buy(10 ether, true);
        handler.warp(10, 1 hours);
        handler.sell(1e17);
        handler.roundTrip(1 ether);
        handler.burn(1e16);
        for (uint256 i; i < 20 && handler.curveChanges() == 0; ++i) handler.changeCurve(i);
        handler.flush();
        handler.claimReferral();
        handler.withdrawSurplus(1);
        assertEq(handler.buys(), 1, "buys");
        assertEq(handler.sells(), 1, "sells");
        assertEq(handler.roundTrips(), 1, "round trips");
        assertGe(handler.curveChanges(), 1, "curve changes");
        invariant_solvency();
        invariant_accounting();
    }

    function setUp() public {
        MarketDeployer marketDeployer = new MarketDeployer();
        token = new CipherToken("Cipher", "CPH", marketDeployer.predictedMarket());
        curve = _deployCurve();
        market = BondingCurveMarket(
            marketDeployer.deploy(IBondingCurveMarket.InitParams({
                admin: address(this),
                guardian: address(0),
                token: ICipherToken(address(token)),
                curve: curve,
                reserveAsset: address(0),
                revenueSplitter: address(0xFEE),
                buyFeeBps: 100,
                sellFeeBps: 100,
                referralShareBps: 2000,
                breakerThresholdBps: 2000,
                breakerWindowBlocks: 5,
                breakerCooldownBlocks: 3
            }))
        );
        handler = new MarketHandler(market);
        // the handler acts as governance and guardian
        market.grantRole(market.DEFAULT_ADMIN_ROLE(), address(handler));
        market.grantRole(market.GUARDIAN_ROLE(), address(handler));
        ICurveAdmin(address(curve)).setMarket(address(market));
        targetContract(address(handler));
    }

    /// (1) The reserve always covers the refund for selling the entire supply.
    function invariant_solvency() public view {
        assertGe(market.reserveBalance(), curve.reserveFor(token.totalSupply()), "reserve < reserveFor(supply)");
        assertEq(handler.solvencyViolations(), 0, "solvency broken after a call");
    }

    /// The market holds at least what it owes: reserve + unflushed fees + referral credit.
    function invariant_accounting() public view {
        uint256 owed = market.reserveBalance() + market.protocolFees() + handler.ghostReferralOwed();
        assertGe(address(market).balance, owed, "market balance < reserve + fees + referral");
        assertEq(market.referralRewards(handler.REFERRER()), handler.ghostReferralOwed(), "referral ghost");
    }

    /// (2) No buy-then-sell round trip returns more than it paid; nor does trading as a whole.
    function invariant_noRoundTripProfit() public view {
        assertEq(handler.roundTripProfits(), 0, "a round trip was profitable");
        // the handler is the only trader: all it ever received came out of what it paid in
        assertLe(handler.ghostPaidOut(), handler.ghostPaidIn(), "trading as a whole was profitable");
    }

    /// (3) Spot price is monotonic (non-decreasing) in supply, after every trade and around the
    /// current supply.
    function invariant_spotPriceMonotonic() public view {
        assertEq(handler.monotonicityViolations(), 0, "price moved against supply");
        uint256 s = token.totalSupply();
        uint256 cap = curve.maxSupply();
        uint256 hi = s + 1e18 > cap ? cap : s + 1e18;
        assertLe(curve.spotPrice(s / 2), curve.spotPrice(s), "P(S/2) > P(S)");
        assertLe(curve.spotPrice(s), curve.spotPrice(hi), "P(S) > P(S+1)");
    }

    /// (4) Quotes equal execution.
    function invariant_quoteEqualsExecution() public view {
        assertEq(handler.quoteMismatches(), 0, "quote != execution");
    }

    /// Selling the whole supply now would be paid in full (the refund is within the reserve).
    function invariant_wholeSupplySellable() public view {
        uint256 s = token.totalSupply();
        if (s == 0) return;
        assertLe(curve.sellRefund(s, s), market.reserveBalance(), "selling everything exceeds the reserve");
    }
}

contract LinearMarketInvariants is MarketInvariantsBase {
    function _deployCurve() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        p[0] = 1e15;
        p[1] = 1e15;
        return ICurve(address(new LinearCurve(p)));
    }
}

contract ExponentialMarketInvariants is MarketInvariantsBase {
    function _deployCurve() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        p[0] = 1e15;
        p[1] = 1e16;
        return ICurve(address(new ExponentialCurve(p)));
    }
}

contract SigmoidMarketInvariants is MarketInvariantsBase {
    function _deployCurve() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](3);
        p[0] = 1e18;
        p[1] = 1e16;
        p[2] = 500e18;
        return ICurve(address(new SigmoidCurve(p)));
    }
}
