// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {ICurve} from "../../../contracts/interfaces/ICurve.sol";
import {LinearCurve} from "../../../contracts/market/curves/LinearCurve.sol";
import {ExponentialCurve} from "../../../contracts/market/curves/ExponentialCurve.sol";
import {SigmoidCurve} from "../../../contracts/market/curves/SigmoidCurve.sol";

/// @notice Fuzzed rounding contract of ICurve for the three shapes, over fuzzed parameters
/// anywhere inside each shape's bounds (log-uniform), supplies up to the cap and reserve amounts
/// up to the cost of buying to the cap. This test contract is the curves' deployer and market.
abstract contract CurvePropertiesBase is TestBase {
    ICurve internal curve;

    /// @dev Deploy the shape with its default parameters (the test contract is the deployer).
    function _deploy() internal virtual returns (ICurve);

    /// @dev Parameters inside the shape's bounds, drawn log-uniformly from `seed`.
    function _params(uint256 seed) internal pure virtual returns (uint256[] memory);

    function setUp() public {
        curve = _deploy();
        (bool ok,) = address(curve).call(abi.encodeWithSignature("setMarket(address)", address(this)));
        require(ok, "setMarket");
    }

    /// @dev Log-uniform value in [lo, hi] (hi >= lo >= 0): a uniform bit length, then the bits.
    function _logBound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256 v) {
        if (hi == 0) return 0;
        uint256 bits = bound(x & 0xff, 1, _bitLength(hi));
        uint256 top = 1 << (bits - 1);
        v = top | ((x >> 8) & (top - 1));
        if (v < lo) v = lo;
        if (v > hi) v = hi;
    }

    function _bitLength(uint256 x) private pure returns (uint256 n) {
        while (x != 0) {
            ++n;
            x >>= 1;
        }
    }

    function _setParams(uint256 seed) internal returns (uint256 cap) {
        curve.setParameters(_params(seed));
        cap = curve.maxSupply();
    }

    function testFuzz_buyCostCoversReserveForDifference(uint256 seed, uint256 s, uint256 d) public {
        uint256 cap = _setParams(seed);
        s = _logBound(s, 0, cap);
        d = _logBound(d, 0, cap - s);
        uint256 cost = curve.buyCost(s, d);
        assertGe(cost, curve.reserveFor(s + d) - curve.reserveFor(s), "buyCost < reserveFor difference");
    }

    function testFuzz_sellRefundWithinReserveForDifference(uint256 seed, uint256 s, uint256 d) public {
        uint256 cap = _setParams(seed);
        s = _logBound(s, 0, cap);
        d = _logBound(d, 0, s);
        uint256 refund = curve.sellRefund(s, d);
        assertLe(refund, curve.reserveFor(s) - curve.reserveFor(s - d), "sellRefund > reserveFor difference");
    }

    function testFuzz_tokensForReserveIsAffordable(uint256 seed, uint256 s, uint256 r) public {
        uint256 cap = _setParams(seed);
        s = _logBound(s, 0, cap);
        uint256 toCap = curve.buyCost(s, cap - s);
        r = _logBound(r, 0, toCap);
        uint256 d;
        try curve.tokensForReserve(s, r) returns (uint256 out) {
            d = out;
        } catch (bytes memory reason) {
            // only allowed when r (>= the rounded-up cost to the cap) buys past the cap
            assertTrue(bytes4(reason) == ICurve.CurveSupplyCapExceeded.selector, "unexpected revert");
            assertTrue(r + (r >> 20) + 2 >= toCap, "cap error far below the cap");
            return;
        }
        assertLe(s + d, cap, "tokensForReserve past the cap");
        assertLe(curve.buyCost(s, d), r, "buyCost(tokensForReserve(r)) > r");
    }

    function testFuzz_reserveForNonDecreasing(uint256 seed, uint256 s1, uint256 s2) public {
        uint256 cap = _setParams(seed);
        s1 = _logBound(s1, 0, cap);
        s2 = _logBound(s2, 0, cap);
        if (s1 > s2) (s1, s2) = (s2, s1);
        assertLe(curve.reserveFor(s1), curve.reserveFor(s2), "reserveFor decreasing");
        // neighbours too: one token-wei apart
        if (s2 > 0) assertLe(curve.reserveFor(s2 - 1), curve.reserveFor(s2), "reserveFor decreasing by 1 wei");
    }

    function testFuzz_spotPriceNonDecreasing(uint256 seed, uint256 s1, uint256 s2) public {
        uint256 cap = _setParams(seed);
        s1 = _logBound(s1, 0, cap);
        s2 = _logBound(s2, 0, cap);
        if (s1 > s2) (s1, s2) = (s2, s1);
        assertLe(curve.spotPrice(s1), curve.spotPrice(s2), "spotPrice decreasing");
    }

    function testFuzz_noRoundTripProfit(uint256 seed, uint256 s, uint256 d) public {
        uint256 cap = _setParams(seed);
        s = _logBound(s, 0, cap);
        d = _logBound(d, 0, cap - s);
        assertGe(curve.buyCost(s, d), curve.sellRefund(s + d, d), "round trip profit");
    }

    /// @dev A reserve that starts at 0 and moves only by tokensForReserve buys (paying all of r)
    /// and sellRefund sells always covers selling the whole supply.
    function testFuzz_solvencyOverTradeSequence(uint256 seed, uint256 ops) public {
        uint256 cap = _setParams(seed);
        uint256 supply;
        uint256 reserve;
        for (uint256 i; i < 12; ++i) {
            ops = uint256(keccak256(abi.encode(ops, i)));
            if (ops & 1 == 0 || supply == 0) {
                uint256 room = curve.buyCost(supply, cap - supply);
                uint256 r = _logBound(ops >> 1, 1, room / 2 + 1);
                uint256 d = curve.tokensForReserve(supply, r);
                supply += d;
                reserve += r;
            } else {
                uint256 d = _logBound(ops >> 1, 1, supply);
                reserve -= curve.sellRefund(supply, d); // reverts (fails) on underflow
                supply -= d;
            }
            assertGe(reserve, curve.reserveFor(supply), "reserve below reserveFor(supply)");
            assertGe(reserve, curve.sellRefund(supply, supply), "reserve below full sell-out");
        }
    }
}

contract LinearCurvePropertiesTest is CurvePropertiesBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        (p[0], p[1]) = (1e9, 1e15);
        return ICurve(address(new LinearCurve(p)));
    }

    function _params(uint256 seed) internal pure override returns (uint256[] memory p) {
        p = new uint256[](2);
        p[0] = _logBound(uint256(keccak256(abi.encode(seed, 0))), 1, 1e24);
        p[1] = _logBound(uint256(keccak256(abi.encode(seed, 1))), 1e3, 1e24);
    }
}

contract ExponentialCurvePropertiesTest is CurvePropertiesBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](2);
        (p[0], p[1]) = (1e15, 693_147_180_559);
        return ICurve(address(new ExponentialCurve(p)));
    }

    function _params(uint256 seed) internal pure override returns (uint256[] memory p) {
        p = new uint256[](2);
        p[0] = _logBound(uint256(keccak256(abi.encode(seed, 0))), 1e3, 1e24);
        p[1] = _logBound(uint256(keccak256(abi.encode(seed, 1))), 1e6, 1e21);
    }
}

contract SigmoidCurvePropertiesTest is CurvePropertiesBase {
    function _deploy() internal override returns (ICurve) {
        uint256[] memory p = new uint256[](3);
        (p[0], p[1], p[2]) = (1e16, 5e12, 1e24);
        return ICurve(address(new SigmoidCurve(p)));
    }

    function _params(uint256 seed) internal pure override returns (uint256[] memory p) {
        p = new uint256[](3);
        p[0] = _logBound(uint256(keccak256(abi.encode(seed, 0))), 1e3, 1e24);
        p[1] = _logBound(uint256(keccak256(abi.encode(seed, 1))), 1e6, 1e21);
        p[2] = _logBound(uint256(keccak256(abi.encode(seed, 2))), 0, 1e31);
    }
}
