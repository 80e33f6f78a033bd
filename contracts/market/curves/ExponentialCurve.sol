// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "../../interfaces/ICurve.sol";
import {CurveBase} from "./CurveBase.sol";
import {ExponentialCurveMath as ExpMath} from "./ExponentialCurveMath.sol";

/// @title ExponentialCurve
/// @notice Price P(S) = a * e^(k*S), with S in whole tokens.
/// @dev Parameters, in this order:
///  [0] a: price at supply 0, reserve-wei per whole token, in [1e3, 1e24];
///  [1] k: growth rate, WAD per whole token (1e18 = the price grows e-fold per token), in
///         [1e6, 1e21].
/// Supply is in token-wei. Cap: maxSupply = floor(90e36 / k) token-wei, so the exponent k*S
/// never exceeds 90 (expWad reverts at ~135.3; 90 also keeps every reserve amount below 2^256
/// for all parameters in bounds; the price still spans a factor e^90 ~ 1.2e39). The math and
/// its rounding margins are in ExponentialCurveMath. Both parameters share one storage slot.
contract ExponentialCurve is CurveBase {
    /// @notice Lower bound of the initial price a.
    uint256 public constant MIN_INITIAL_PRICE = 1e3;
    /// @notice Upper bound of the initial price a.
    uint256 public constant MAX_INITIAL_PRICE = 1e24;
    /// @notice Lower bound of the growth rate k (WAD per whole token).
    uint256 public constant MIN_GROWTH_RATE = 1e6;
    /// @notice Upper bound of the growth rate k (WAD per whole token).
    uint256 public constant MAX_GROWTH_RATE = 1e21;

    uint128 private _a;
    uint128 private _k;

    /// @param initialParameters [a, k] as documented on the contract.
    constructor(uint256[] memory initialParameters) CurveBase(initialParameters) {}

    /// @inheritdoc ICurve
    function kind() external pure returns (string memory) {
        return "exponential";
    }

    /// @inheritdoc ICurve
    function parameters() public view override returns (uint256[] memory p) {
        p = new uint256[](2);
        p[0] = _a;
        p[1] = _k;
    }

    function _parameterCount() internal pure override returns (uint256) {
        return 2;
    }

    function _validateAndStore(uint256[] memory p) internal override {
        _checkBounds(0, p[0], MIN_INITIAL_PRICE, MAX_INITIAL_PRICE);
        _checkBounds(1, p[1], MIN_GROWTH_RATE, MAX_GROWTH_RATE);
        _a = uint128(p[0]);
        _k = uint128(p[1]);
    }

    function _maxSupply() internal view override returns (uint256) {
        return ExpMath.cap(_k);
    }

    function _spotPrice(uint256 supply) internal view override returns (uint256) {
        return ExpMath.spotPrice(_a, _k, supply);
    }

    function _costUp(uint256 lo, uint256 hi) internal view override returns (uint256) {
        uint256 k = _k;
        return ExpMath.costUp(_a, k, ExpMath.expAt(k, lo), hi);
    }

    function _refundDown(uint256 lo, uint256 hi) internal view override returns (uint256) {
        return ExpMath.refundDown(_a, _k, lo, hi);
    }

    /// @dev Closed-form inverse T = ln(E_S + k*r/a) / k (ExpMath.supplyEstimate, built to land at
    /// or below the exact inverse), then verified by the forward function (`_verifyDown`).
    /// A reserveIn with r*k/a >= ~2^239 (where the estimate's arithmetic could overflow) is past
    /// any cap: reaching the cap takes at most r*k/a <= high(E_cap) < 2^191. It reverts at once.
    function _tokensFor(uint256 supply, uint256 reserveIn, uint256 cap) internal view override returns (uint256) {
        (uint256 a, uint256 k) = (_a, _k);
        if (reserveIn / a >= (1 << 240) / k) revert CurveSupplyCapExceeded(cap + 1, cap);
        uint256 eS = ExpMath.expAt(k, supply);
        uint256 t = ExpMath.supplyEstimate(a, k, eS, reserveIn);
        if (t <= supply) return 0;
        if (t > cap) revert CurveSupplyCapExceeded(t, cap);
        return _verifyDown(supply, t - supply, reserveIn);
    }
}
