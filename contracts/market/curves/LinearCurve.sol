// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "../../interfaces/ICurve.sol";
import {CurveBase} from "./CurveBase.sol";
import {LinearCurveMath} from "./LinearCurveMath.sol";

/// @title LinearCurve
/// @notice Price P(S) = m*S + b, with S in whole tokens.
/// @dev Parameters, in this order:
///  [0] m: slope, reserve-wei per whole token per whole token of supply, in [1, 1e24]
///         (P rises by m reserve-wei for each whole token minted);
///  [1] b: price at supply 0, reserve-wei per whole token, in [1e3, 1e24].
/// Supply is in token-wei (1e18 = one token). The cap is the constant MAX_SUPPLY = 1e30 token-wei
/// (1e12 whole tokens), which keeps every intermediate inside 512 bits and every result inside
/// 256 bits. All results are exact floors or ceilings of the rational closed form
/// (see LinearCurveMath), so the ICurve rounding contract holds with no safety margin.
/// Both parameters share one storage slot.
contract LinearCurve is CurveBase {
    /// @notice Lower bound of the slope m.
    uint256 public constant MIN_SLOPE = 1;
    /// @notice Upper bound of the slope m.
    uint256 public constant MAX_SLOPE = 1e24;
    /// @notice Lower bound of the base price b.
    uint256 public constant MIN_BASE_PRICE = 1e3;
    /// @notice Upper bound of the base price b.
    uint256 public constant MAX_BASE_PRICE = 1e24;
    /// @notice Supply cap in token-wei (1e12 whole tokens).
    uint256 public constant MAX_SUPPLY = 1e30;

    uint128 private _m;
    uint128 private _b;

    /// @param initialParameters [m, b] as documented on the contract.
    constructor(uint256[] memory initialParameters) CurveBase(initialParameters) {}

    /// @inheritdoc ICurve
    function kind() external pure returns (string memory) {
        return "linear";
    }

    /// @inheritdoc ICurve
    function parameters() public view override returns (uint256[] memory p) {
        p = new uint256[](2);
        p[0] = _m;
        p[1] = _b;
    }

    function _parameterCount() internal pure override returns (uint256) {
        return 2;
    }

    function _validateAndStore(uint256[] memory p) internal override {
        _checkBounds(0, p[0], MIN_SLOPE, MAX_SLOPE);
        _checkBounds(1, p[1], MIN_BASE_PRICE, MAX_BASE_PRICE);
        _m = uint128(p[0]);
        _b = uint128(p[1]);
    }

    function _maxSupply() internal pure override returns (uint256) {
        return MAX_SUPPLY;
    }

    function _spotPrice(uint256 supply) internal view override returns (uint256) {
        return LinearCurveMath.spotPrice(_m, _b, supply);
    }

    function _costUp(uint256 lo, uint256 hi) internal view override returns (uint256) {
        return LinearCurveMath.costUp(_m, _b, lo, hi);
    }

    function _refundDown(uint256 lo, uint256 hi) internal view override returns (uint256) {
        return LinearCurveMath.refundDown(_m, _b, lo, hi);
    }

    /// @dev The estimate is a proven lower bound of the exact root within a couple of token-wei;
    /// exact forward checks then step it up while `costUp <= reserveIn`, so the result is exactly
    /// the largest d with buyCost(supply, d) <= reserveIn.
    function _tokensFor(uint256 supply, uint256 reserveIn, uint256 cap) internal view override returns (uint256 d) {
        (uint256 m, uint256 b) = (_m, _b);
        d = LinearCurveMath.tokensEstimate(m, b, supply, reserveIn);
        if (d > cap - supply) revert CurveSupplyCapExceeded(_saturatingAdd(supply, d), cap);
        for (uint256 i; i < 3; ++i) {
            uint256 next = d + 1;
            if (next > cap - supply || LinearCurveMath.costUp(m, b, supply, supply + next) > reserveIn) break;
            d = next;
        }
    }
}
