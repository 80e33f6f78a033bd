// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib as FPM} from "solady/src/utils/FixedPointMathLib.sol";

/// @title SigmoidCurveMath
/// @notice Math of the sigmoid curve P(x) = K / (1 + e^(-k*(x - x0))), x = S / 1e18 whole tokens.
/// @dev Units: supply and S0 in token-wei; `K` (the price ceiling) in reserve-wei per whole token;
/// `k` in WAD per whole token. With z(S) = k*(S - S0)/1e18 (WAD, rounded toward -infinity) and
/// the softplus sp(z) = ln(1 + e^z), the exact integral from lo to hi is
///     K/k' * (sp(z_hi) - sp(z_lo))  =  K * (SP_hi - SP_lo) / k   reserve-wei,
/// where SP = lnWad(1e18 + expWad(z)) ~ sp(z) * 1e18: a composition of monotonic functions, so
/// SP is non-decreasing in S. The cap keeps z <= 130 so expWad stays in its domain.
/// SP carries a small absolute error (z rounding <= 1e-18, expWad, 1 ulp of integer rounding,
/// lnWad), so every reserve amount uses SP -/+ MARGIN (in 1e-18):
///     costUp(lo, hi)     = ceil (K * (SP_hi - SP_lo + 2*MARGIN) / k)          >= exact,
///     refundDown(lo, hi) = floor(K * max(0, SP_hi - SP_lo - 2*MARGIN) / k)    <= exact,
///     reserveFor(S)      = refundDown(0, S)                                     <= exact.
/// MARGIN = 32 is several times the error measured against a 60-digit reference (docs/curves.md).
library SigmoidCurveMath {
    uint256 internal constant WAD = 1e18;
    /// @dev z is kept <= 130 (expWad reverts at ~135.3).
    uint256 internal constant MAX_EXPONENT = 130e18;
    int256 internal constant MARGIN = 32;
    /// @dev Relative and absolute error bound of expWad used to size the inverse's back-off.
    uint256 internal constant EXP_REL_MARGIN = 16;
    uint256 internal constant EXP_ABS_MARGIN = 4;
    int256 internal constant LN_SLACK = 8;
    /// @dev A softplus value above this means z > 130.9: past any cap.
    int256 internal constant MAX_SOFTPLUS = 131e18;

    function cap(uint256 k, uint256 s0) internal pure returns (uint256) {
        unchecked {
            return s0 + MAX_EXPONENT * WAD / k; // k >= 1e6 and s0 <= 1e31 by the curve's bounds
        }
    }

    /// @dev z(S) in WAD, rounded down (toward -infinity), so z is non-decreasing in S.
    function exponent(uint256 k, uint256 s0, uint256 s) internal pure returns (int256) {
        // forge-lint: disable-start(unsafe-typecast) |k*(s-s0)| <= 1e21 * 1.4e32 < 2^255
        unchecked {
            if (s >= s0) return int256(k * (s - s0) / WAD);
            return -int256((k * (s0 - s) + WAD - 1) / WAD);
        }
        // forge-lint: disable-end(unsafe-typecast)
    }

    /// @dev SP(S) = lnWad(1e18 + expWad(z(S))); requires S <= cap.
    function softplusAt(uint256 k, uint256 s0, uint256 s) internal pure returns (int256) {
        unchecked {
            return FPM.lnWad(int256(WAD) + FPM.expWad(exponent(k, s0, s)));
        }
    }

    /// @dev K * e^z / (1 + e^z), rounded down. Far left of S0 (z < -41.4) expWad underflows to 0,
    /// where the exact price is below K * 1e-18.
    function spotPrice(uint256 bigK, uint256 k, uint256 s0, uint256 s) internal pure returns (uint256) {
        // forge-lint: disable-next-line(unsafe-typecast) expWad >= 0
        uint256 e = uint256(FPM.expWad(exponent(k, s0, s)));
        unchecked {
            return FPM.fullMulDiv(bigK, e, WAD + e); // e <= e^130 * 1e18 < 2^250
        }
    }

    function costUp(uint256 bigK, uint256 k, int256 spLo, int256 spHi) internal pure returns (uint256) {
        // forge-lint: disable-next-line(unsafe-typecast) spHi >= spLo (monotonic), sum > 0
        unchecked {
            return FPM.fullMulDivUp(bigK, uint256(spHi - spLo + 2 * MARGIN), k);
        }
    }

    function refundDown(uint256 bigK, uint256 k, int256 spLo, int256 spHi) internal pure returns (uint256) {
        int256 diff;
        unchecked {
            diff = spHi - spLo - 2 * MARGIN; // both in (-1e18, 131e18]
        }
        if (diff <= 0) return 0;
        // forge-lint: disable-next-line(unsafe-typecast) diff > 0
        return FPM.fullMulDiv(bigK, uint256(diff), k);
    }

    /// @dev Conservative estimate of the largest supply T with costUp(SP_S, SP_T) <= r:
    /// costUp <= r  <=>  SP_T <= V = SP_S - 2*MARGIN + floor(r*k/K). The softplus inverse is
    /// z = ln(e^V - 1); W = expWad(V) - 1e18 carries an absolute error dW (EXP margins), so the
    /// estimate backs off by LN_SLACK + dW/W in z. Requires r*k/K < 2^201 (the caller reverts above).
    /// Returns 0 when no supply qualifies and type(uint256).max when V is past any cap.
    function supplyEstimate(uint256 bigK, uint256 k, uint256 s0, int256 spS, uint256 r)
        internal
        pure
        returns (uint256)
    {
        // Unchecked: r*k/K < 2^201 (caller); ev <= e^131 * 1e18 < 2^252 so ev * 16 fits; w >= 1 and
        // dw ~ ev * 16e-18, so dw * 1e18 fits and |z| < 131e18 + 1e20; s0 <= 1e31.
        // forge-lint: disable-start(unsafe-typecast)
        unchecked {
            int256 v = spS - 2 * MARGIN + int256(FPM.fullMulDiv(r, k, bigK));
            if (v <= 0) return 0;
            if (v > MAX_SOFTPLUS) return type(uint256).max;
            uint256 ev = uint256(FPM.expWad(v));
            // w >= 1 keeps lnWad defined (expWad(v) > 1e18 for v >= 1 anyway); a tiny w only makes
            // the estimate smaller
            uint256 w = FPM.max(FPM.zeroFloorSub(ev, WAD), 1);
            uint256 dw = ev * EXP_REL_MARGIN / WAD + EXP_ABS_MARGIN;
            int256 z = FPM.lnWad(int256(w)) - LN_SLACK - int256((dw * WAD + w - 1) / w);
            if (z >= 0) return s0 + uint256(z) * WAD / k;
            uint256 back = (uint256(-z) * WAD + k - 1) / k;
            return back >= s0 ? 0 : s0 - back;
        }
        // forge-lint: disable-end(unsafe-typecast)
    }
}
