// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "../../interfaces/ICurve.sol";
import {ICurveAdmin} from "./ICurveAdmin.sol";

/// @title CurveBase
/// @notice What every curve shape shares: the one-shot market wiring, the market-only parameter
/// setter with its count check and event, and the argument checks of the ICurve view functions.
/// @dev A shape implements the pure math through five hooks: `_maxSupply`, `_costUp(lo, hi)`
/// (reserve to move the supply from `lo` up to `hi`, rounded up), `_refundDown(lo, hi)` (the same
/// move, rounded down), `_spotPrice` and `_tokensFor`, plus the parameter codec
/// (`_parameterCount`, `_validateAndStore`, `parameters`). This contract only sequences the
/// checks; it holds no math.
abstract contract CurveBase is ICurve, ICurveAdmin {
    /// @inheritdoc ICurveAdmin
    address public immutable deployer;

    /// @inheritdoc ICurve
    address public market;

    /// @param initialParameters the shape's parameters, validated like `setParameters`.
    constructor(uint256[] memory initialParameters) {
        deployer = msg.sender;
        _checkCount(initialParameters.length);
        _validateAndStore(initialParameters);
        emit CurveParametersUpdated(new uint256[](0), initialParameters);
    }

    /// @inheritdoc ICurveAdmin
    function setMarket(address market_) external {
        if (msg.sender != deployer) revert CurveNotDeployer(msg.sender, deployer);
        if (market_ == address(0)) revert CurveMarketZeroAddress();
        if (market != address(0)) revert CurveMarketAlreadySet(market);
        market = market_;
        emit CurveMarketSet(market_);
    }

    /// @inheritdoc ICurve
    /// @dev Bounds are checked here; the step size per period and the solvency check are the
    /// market's job. `maxSupply()` follows the new parameters immediately.
    function setParameters(uint256[] calldata newParameters) external {
        if (msg.sender != market) revert CurveUnauthorized(msg.sender);
        _checkCount(newParameters.length);
        uint256[] memory oldParameters = parameters();
        _validateAndStore(newParameters);
        emit CurveParametersUpdated(oldParameters, newParameters);
    }

    /// @inheritdoc ICurve
    function maxSupply() external view returns (uint256) {
        return _maxSupply();
    }

    /// @inheritdoc ICurve
    function spotPrice(uint256 supply) external view returns (uint256) {
        _checkSupply(supply, _maxSupply());
        return _spotPrice(supply);
    }

    /// @inheritdoc ICurve
    /// @dev Equals `sellRefund(supply, supply)`: the one deterministic lower bound of the exact
    /// integral that the solvency argument uses as its potential.
    function reserveFor(uint256 supply) external view returns (uint256) {
        _checkSupply(supply, _maxSupply());
        if (supply == 0) return 0;
        return _refundDown(0, supply);
    }

    /// @inheritdoc ICurve
    /// @dev Reverts with CurveSupplyCapExceeded if `supply + amount` is above the cap.
    function buyCost(uint256 supply, uint256 amount) external view returns (uint256) {
        uint256 cap = _maxSupply();
        _checkSupply(supply, cap);
        if (amount > cap - supply) revert CurveSupplyCapExceeded(_saturatingAdd(supply, amount), cap);
        if (amount == 0) return 0;
        return _costUp(supply, supply + amount);
    }

    /// @inheritdoc ICurve
    function sellRefund(uint256 supply, uint256 amount) external view returns (uint256) {
        _checkSupply(supply, _maxSupply());
        if (amount > supply) revert CurveAmountExceedsSupply(amount, supply);
        if (amount == 0) return 0;
        return _refundDown(supply - amount, supply);
    }

    /// @inheritdoc ICurve
    /// @dev Reverts with CurveSupplyCapExceeded if `reserveIn` buys past the cap.
    function tokensForReserve(uint256 supply, uint256 reserveIn) external view returns (uint256) {
        uint256 cap = _maxSupply();
        _checkSupply(supply, cap);
        if (reserveIn == 0) return 0;
        return _tokensFor(supply, reserveIn, cap);
    }

    /// @inheritdoc ICurve
    function parameters() public view virtual returns (uint256[] memory);

    // ---------------------------------------------------------------- hooks for the shapes

    /// @dev Number of parameters of the shape.
    function _parameterCount() internal pure virtual returns (uint256);

    /// @dev Check every parameter against the shape's constant bounds and store them.
    function _validateAndStore(uint256[] memory p) internal virtual;

    /// @dev Largest supply the shape prices with its current parameters.
    function _maxSupply() internal view virtual returns (uint256);

    /// @dev Spot price at `supply` (checked <= cap), reserve-wei per whole token.
    function _spotPrice(uint256 supply) internal view virtual returns (uint256);

    /// @dev Reserve to move the supply from `lo` to `hi` (`lo < hi <= cap`), rounded up so it is
    /// at least the exact integral and at least `reserveFor(hi) - reserveFor(lo)`.
    function _costUp(uint256 lo, uint256 hi) internal view virtual returns (uint256);

    /// @dev Reserve released moving the supply from `hi` down to `lo` (`lo < hi <= cap`),
    /// rounded down so it is at most the exact integral and at most `reserveFor(hi) - reserveFor(lo)`.
    function _refundDown(uint256 lo, uint256 hi) internal view virtual returns (uint256);

    /// @dev Tokens `reserveIn > 0` buys at `supply <= cap`; reverts with CurveSupplyCapExceeded
    /// past the cap. Must return a `d` with `_costUp(supply, supply + d) <= reserveIn` (or 0).
    function _tokensFor(uint256 supply, uint256 reserveIn, uint256 cap) internal view virtual returns (uint256);

    // ---------------------------------------------------------------- shared helpers

    /// @dev Revert with CurveInvalidParameter unless `lo <= value <= hi`.
    function _checkBounds(uint256 index, uint256 value, uint256 lo, uint256 hi) internal pure {
        if (value < lo || value > hi) revert CurveInvalidParameter(index, value);
    }

    /// @dev Revert with CurveSupplyCapExceeded if `supply > cap`.
    function _checkSupply(uint256 supply, uint256 cap) internal pure {
        if (supply > cap) revert CurveSupplyCapExceeded(supply, cap);
    }

    function _checkCount(uint256 given) private pure {
        uint256 expected = _parameterCount();
        if (given != expected) revert CurveInvalidParameterCount(given, expected);
    }

    function _saturatingAdd(uint256 x, uint256 y) internal pure returns (uint256) {
        unchecked {
            uint256 z = x + y;
            return z < x ? type(uint256).max : z;
        }
    }

    /// @dev The verification step of the inverse for shapes whose closed form rests on
    /// approximations (expWad, lnWad): starting from the closed-form estimate `d`, step down
    /// geometrically until the forward function proves `_costUp(supply, supply + d) <= reserveIn`.
    /// The estimate is built conservatively, so the first check passes in practice; the loop
    /// only makes the ICurve contract hold unconditionally. Returns 0 if nothing can be proven.
    function _verifyDown(uint256 supply, uint256 estimate, uint256 reserveIn) internal view returns (uint256 d) {
        d = estimate;
        // d strictly decreases every round, so the loop ends; ~41 rounds reach 0 from any d.
        for (uint256 step = (estimate >> 40) + 1;; step <<= 1) {
            if (_costUp(supply, supply + d) <= reserveIn) return d;
            if (d <= step) return 0;
            d -= step;
        }
    }
}
