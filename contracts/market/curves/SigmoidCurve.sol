// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "../../interfaces/ICurve.sol";
import {CurveBase} from "./CurveBase.sol";
import {SigmoidCurveMath as SigMath} from "./SigmoidCurveMath.sol";

/// @title SigmoidCurve
/// @notice Price P(S) = K / (1 + e^(-k*(S - S0))), with S and S0 in whole tokens.
/// @dev Parameters, in this order:
///  [0] K:  price ceiling, reserve-wei per whole token, in [1e3, 1e24];
///  [1] k:  steepness, WAD per whole token, in [1e6, 1e21];
///  [2] S0: supply at the midpoint (P = K/2), token-wei, in [0, 1e31].
/// Supply is in token-wei. Cap: maxSupply = S0 + floor(130e36 / k) token-wei, so the exponent
/// k*(S - S0) never exceeds 130 (expWad reverts at ~135.3). The math and its rounding margins are
/// in SigmoidCurveMath. The three parameters are packed into one storage slot (80 + 72 + 104 bits).
contract SigmoidCurve is CurveBase {
    /// @notice Lower bound of the price ceiling K.
    uint256 public constant MIN_MAX_PRICE = 1e3;
    /// @notice Upper bound of the price ceiling K.
    uint256 public constant MAX_MAX_PRICE = 1e24;
    /// @notice Lower bound of the steepness k (WAD per whole token).
    uint256 public constant MIN_STEEPNESS = 1e6;
    /// @notice Upper bound of the steepness k (WAD per whole token).
    uint256 public constant MAX_STEEPNESS = 1e21;
    /// @notice Upper bound of the midpoint S0 (token-wei); its lower bound is 0.
    uint256 public constant MAX_MIDPOINT = 1e31;

    /// @dev One storage slot (a struct starts a new slot, so nothing of CurveBase shares it).
    struct Params {
        uint80 bigK;
        uint72 k;
        uint104 s0;
    }

    Params private _p;

    /// @param initialParameters [K, k, S0] as documented on the contract.
    constructor(uint256[] memory initialParameters) CurveBase(initialParameters) {}

    /// @inheritdoc ICurve
    function kind() external pure returns (string memory) {
        return "sigmoid";
    }

    /// @inheritdoc ICurve
    function parameters() public view override returns (uint256[] memory p) {
        p = new uint256[](3);
        Params memory q = _p;
        p[0] = q.bigK;
        p[1] = q.k;
        p[2] = q.s0;
    }

    function _parameterCount() internal pure override returns (uint256) {
        return 3;
    }

    function _validateAndStore(uint256[] memory p) internal override {
        _checkBounds(0, p[0], MIN_MAX_PRICE, MAX_MAX_PRICE);
        _checkBounds(1, p[1], MIN_STEEPNESS, MAX_STEEPNESS);
        _checkBounds(2, p[2], 0, MAX_MIDPOINT);
        _p = Params(uint80(p[0]), uint72(p[1]), uint104(p[2]));
    }

    function _maxSupply() internal view override returns (uint256) {
        return SigMath.cap(_p.k, _p.s0);
    }

    function _spotPrice(uint256 supply) internal view override returns (uint256) {
        Params memory q = _p;
        return SigMath.spotPrice(q.bigK, q.k, q.s0, supply);
    }

    function _costUp(uint256 lo, uint256 hi) internal view override returns (uint256) {
        (uint256 k, uint256 s0) = (_p.k, _p.s0);
        return SigMath.costUp(_p.bigK, k, SigMath.softplusAt(k, s0, lo), SigMath.softplusAt(k, s0, hi));
    }

    function _refundDown(uint256 lo, uint256 hi) internal view override returns (uint256) {
        (uint256 k, uint256 s0) = (_p.k, _p.s0);
        return SigMath.refundDown(_p.bigK, k, SigMath.softplusAt(k, s0, lo), SigMath.softplusAt(k, s0, hi));
    }

    /// @dev Closed-form softplus inverse (SigMath.supplyEstimate, built to land at or below the
    /// exact inverse), then verified by the forward function. A reserveIn with r*k/K >= ~2^199
    /// (where the estimate's arithmetic could overflow) is past any cap: reaching the cap moves the
    /// softplus by at most r*k/K <= 131e18 + 64 < 2^67. It reverts at once.
    function _tokensFor(uint256 supply, uint256 reserveIn, uint256 cap) internal view override returns (uint256) {
        (uint256 bigK, uint256 k, uint256 s0) = (_p.bigK, _p.k, _p.s0);
        if (reserveIn / bigK >= (1 << 200) / k) revert CurveSupplyCapExceeded(cap + 1, cap);
        int256 spS = SigMath.softplusAt(k, s0, supply);
        uint256 t = SigMath.supplyEstimate(bigK, k, s0, spS, reserveIn);
        if (t <= supply) return 0;
        if (t > cap) revert CurveSupplyCapExceeded(t, cap);
        return _verifyFrom(spS, supply, t - supply, reserveIn);
    }

    /// @dev The verification step: step down from the estimate `d` until the forward function
    /// proves `costUp(supply, supply + d) <= reserveIn`, reusing SP(supply).
    function _verifyFrom(int256 spS, uint256 supply, uint256 estimate, uint256 reserveIn)
        internal
        view
        returns (uint256 d)
    {
        d = estimate;
        // d strictly decreases every round, so the loop ends; ~41 rounds reach 0 from any d.
        for (uint256 step = (estimate >> 40) + 1;; step <<= 1) {
            if (_costFrom(spS, supply + d) <= reserveIn) return d;
            if (d <= step) return 0;
            d -= step;
        }
    }

    /// @dev costUp from a known SP(lo) to `hi`.
    function _costFrom(int256 spLo, uint256 hi) private view returns (uint256) {
        (uint256 bigK, uint256 k, uint256 s0) = (_p.bigK, _p.k, _p.s0);
        return SigMath.costUp(bigK, k, spLo, SigMath.softplusAt(k, s0, hi));
    }
}
