// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICurve} from "../../interfaces/ICurve.sol";

/// @notice Test-only linear curve P(S) = b + m * S / 1e18 honouring ICurve's rounding contract.
/// Parameters: [m (reserve-wei per whole token per whole token), b (reserve-wei per whole token)].
contract MockLinearCurve is ICurve {
    uint256 public constant MAX_M = 1e18;
    uint256 public constant MAX_B = 1e24;
    uint256 public constant CAP = 1e27;

    address public immutable deployer;
    address public market;
    uint128 private _m;
    uint128 private _b;
    /// @notice Test knob: when non-zero, the cap the curve reports and enforces.
    uint256 public forcedCap;

    error MockMarketAlreadySet();

    constructor(uint256 m_, uint256 b_) {
        deployer = msg.sender;
        _check(m_, b_);
        _m = uint128(m_);
        _b = uint128(b_);
    }

    function setMarket(address market_) external {
        if (msg.sender != deployer) revert CurveUnauthorized(msg.sender);
        if (market != address(0)) revert MockMarketAlreadySet();
        market = market_;
    }

    function kind() external pure returns (string memory) {
        return "linear";
    }

    function spotPrice(uint256 supply) public view returns (uint256) {
        _capCheck(supply);
        return _b + Math.mulDiv(_m, supply, 1e18);
    }

    /// @dev 2e36 * E(S) = 2e18 * b * S + m * S^2 (exact integral, token-wei units).
    function _num(uint256 s) private view returns (uint256) {
        return 2e18 * uint256(_b) * s + uint256(_m) * s * s;
    }

    function reserveFor(uint256 supply) public view returns (uint256) {
        _capCheck(supply);
        return _num(supply) / 2e36;
    }

    function _reserveForUp(uint256 supply) private view returns (uint256) {
        return Math.ceilDiv(_num(supply), 2e36);
    }

    function buyCost(uint256 supply, uint256 amount) public view returns (uint256) {
        _capCheck(supply + amount);
        return _reserveForUp(supply + amount) - reserveFor(supply);
    }

    function sellRefund(uint256 supply, uint256 amount) external view returns (uint256) {
        if (amount > supply) revert CurveAmountExceedsSupply(amount, supply);
        _capCheck(supply);
        uint256 hi = reserveFor(supply);
        uint256 lo = _reserveForUp(supply - amount);
        return hi > lo ? hi - lo : 0;
    }

    function tokensForReserve(uint256 supply, uint256 reserveIn) external view returns (uint256 d) {
        _capCheck(supply);
        uint256 m = _m;
        // ceil of the spot price so that d never overshoots the exact inverse
        uint256 p0 = _b + Math.mulDiv(m, supply, 1e18, Math.Rounding.Ceil);
        if (m == 0) {
            d = Math.mulDiv(reserveIn, 1e18, p0);
        } else {
            uint256 root = Math.sqrt(p0 * p0 + 2 * m * reserveIn);
            d = root > p0 ? Math.mulDiv(root - p0, 1e18, m) : 0;
        }
        if (supply + d > maxSupply()) revert CurveSupplyCapExceeded(supply + d, maxSupply());
        while (d != 0 && buyCost(supply, d) > reserveIn) --d;
    }

    function maxSupply() public view returns (uint256) {
        return forcedCap == 0 ? CAP : forcedCap;
    }

    function setForcedCap(uint256 cap) external {
        forcedCap = cap;
    }

    function parameters() external view returns (uint256[] memory p) {
        p = new uint256[](2);
        p[0] = _m;
        p[1] = _b;
    }

    function setParameters(uint256[] calldata newParameters) external {
        if (msg.sender != market) revert CurveUnauthorized(msg.sender);
        if (newParameters.length != 2) revert CurveInvalidParameterCount(newParameters.length, 2);
        _check(newParameters[0], newParameters[1]);
        uint256[] memory old = new uint256[](2);
        old[0] = _m;
        old[1] = _b;
        _m = uint128(newParameters[0]);
        _b = uint128(newParameters[1]);
        emit CurveParametersUpdated(old, newParameters);
    }

    function _check(uint256 m_, uint256 b_) private pure {
        if (m_ > MAX_M) revert CurveInvalidParameter(0, m_);
        if (b_ > MAX_B || (b_ == 0 && m_ == 0)) revert CurveInvalidParameter(1, b_);
    }

    function _capCheck(uint256 supply) private view {
        uint256 cap = maxSupply();
        if (supply > cap) revert CurveSupplyCapExceeded(supply, cap);
    }
}
