// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {ICurve} from "../../../contracts/interfaces/ICurve.sol";
import {LinearCurve} from "../../../contracts/market/curves/LinearCurve.sol";
import {ExponentialCurve} from "../../../contracts/market/curves/ExponentialCurve.sol";
import {SigmoidCurve} from "../../../contracts/market/curves/SigmoidCurve.sol";

/// @notice Handler: a minimal market over one curve. A buy pays all of `r` into the reserve and
/// mints tokensForReserve(supply, r); a sell burns `d` and pays sellRefund(supply, d). Ghost
/// variables track what went in and out. It never reverts on an accounting failure: it records
/// it, so the invariant sees it even with fail_on_revert = false.
contract CurveTradeHandler is TestBase {
    ICurve public immutable curve;
    uint256 public supply;
    uint256 public reserve;
    uint256 public paidIn;
    uint256 public paidOut;
    uint256 public trades;
    bool public insolvent;
    bool public overpaid;

    constructor(ICurve curve_) {
        curve = curve_;
    }

    /// @notice Buy with `r` reserve-wei (log-uniform up to half of what remains to the cap).
    function buy(uint256 r) external {
        uint256 cap = curve.maxSupply();
        if (supply == cap) return;
        uint256 room = curve.buyCost(supply, cap - supply);
        r = _logBound(r, room / 2 + 1);
        uint256 d = curve.tokensForReserve(supply, r);
        if (curve.buyCost(supply, d) > r) overpaid = true;
        supply += d;
        reserve += r;
        paidIn += r;
        ++trades;
    }

    /// @notice Sell `d` token-wei (log-uniform up to the whole supply).
    function sell(uint256 d) external {
        if (supply == 0) return;
        d = _logBound(d, supply);
        uint256 out = curve.sellRefund(supply, d);
        if (out > reserve) {
            insolvent = true;
            return;
        }
        reserve -= out;
        supply -= d;
        paidOut += out;
        ++trades;
    }

    function _logBound(uint256 x, uint256 hi) private pure returns (uint256 v) {
        uint256 bits;
        for (uint256 h = hi; h != 0; h >>= 1) ++bits;
        uint256 b = bound(x & 0xff, 1, bits);
        uint256 top = 1 << (b - 1);
        v = top | ((x >> 8) & (top - 1));
        if (v > hi) v = hi;
    }
}

/// @notice After any sequence of buys and sells, the reserve covers selling the whole supply.
abstract contract CurveSolvencyInvariantBase is TestBase {
    ICurve internal curve;
    CurveTradeHandler internal handler;

    function _deploy() internal virtual returns (ICurve);

    function setUp() public {
        curve = _deploy();
        handler = new CurveTradeHandler(curve);
        targetContract(address(handler));
    }

    function invariant_reserveCoversSellingTheWholeSupply() public view {
        uint256 s = handler.supply();
        assertTrue(!handler.insolvent(), "a sell refunded more than the reserve held");
        assertTrue(!handler.overpaid(), "tokensForReserve returned an unaffordable amount");
        assertGe(handler.reserve(), curve.sellRefund(s, s), "reserve < refund for the whole supply");
        assertGe(handler.reserve(), curve.reserveFor(s), "reserve < reserveFor(supply)");
        assertEq(handler.reserve(), handler.paidIn() - handler.paidOut(), "reserve accounting");
    }
}

contract LinearCurveSolvencyInvariantTest is CurveSolvencyInvariantBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        (p[0], p[1]) = (1e9, 1e15);
        return ICurve(address(new LinearCurve(p)));
    }
}

contract ExponentialCurveSolvencyInvariantTest is CurveSolvencyInvariantBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        (p[0], p[1]) = (1e15, 693_147_180_559);
        return ICurve(address(new ExponentialCurve(p)));
    }
}

contract SigmoidCurveSolvencyInvariantTest is CurveSolvencyInvariantBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](3);
        (p[0], p[1], p[2]) = (1e16, 5e12, 1e24);
        return ICurve(address(new SigmoidCurve(p)));
    }
}
