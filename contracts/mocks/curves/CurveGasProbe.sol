// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICurve} from "../../interfaces/ICurve.sol";

/// @notice Test helper: measures the gas of one external curve call as the market makes it
/// (cold curve account and cold parameter slot on the first call of a transaction).
contract CurveGasProbe {
    /// @notice Gas of `curve.tokensForReserve(supply, reserveIn)`, with its result.
    function measureTokensForReserve(ICurve curve, uint256 supply, uint256 reserveIn)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        result = curve.tokensForReserve(supply, reserveIn);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of `curve.sellRefund(supply, amount)`, with its result.
    function measureSellRefund(ICurve curve, uint256 supply, uint256 amount)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        result = curve.sellRefund(supply, amount);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of `curve.buyCost(supply, amount)`, with its result.
    function measureBuyCost(ICurve curve, uint256 supply, uint256 amount)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        uint256 before = gasleft();
        result = curve.buyCost(supply, amount);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of a second `tokensForReserve` call in the same call frame (warm account and
    /// slot): the curve's own computation plus 200 gas of warm access.
    function measureTokensForReserveWarm(ICurve curve, uint256 supply, uint256 reserveIn)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        curve.tokensForReserve(supply, reserveIn);
        uint256 before = gasleft();
        result = curve.tokensForReserve(supply, reserveIn);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of a second `sellRefund` call in the same call frame (warm account and slot).
    function measureSellRefundWarm(ICurve curve, uint256 supply, uint256 amount)
        external
        view
        returns (uint256 result, uint256 gasUsed)
    {
        curve.sellRefund(supply, amount);
        uint256 before = gasleft();
        result = curve.sellRefund(supply, amount);
        gasUsed = before - gasleft();
    }
}
