// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib as FPM} from "solady/src/utils/FixedPointMathLib.sol";

/// @title ExponentialCurveMath
/// @notice Math of the exponential curve P(x) = a * e^(k*x), x = S / 1e18 whole tokens.
/// @dev Units: supply in token-wei; `a` in reserve-wei per whole token; `k` in WAD per whole
/// token (k = 1e18 means e-fold per token). The exponent k*x as WAD is u(S) = floor(k*S / 1e18)
/// and E(S) = expWad(u(S)) ~ e^(k*x) * 1e18. The exact integral from lo to hi is
///     a/k' * (e^(k'*x_hi) - e^(k'*x_lo))  =  a * (E_hi - E_lo) / k   reserve-wei.
/// expWad is an approximation and u is rounded, so E carries a small error. Rather than trust
/// it, every reserve amount is computed from explicit bounds
///     high(E) = E + floor(E * REL_MARGIN / 1e18) + ABS_MARGIN   >= the exact e^(k x) * 1e18,
///     low(E)  = E - floor(E * REL_MARGIN / 1e18) - ABS_MARGIN   <= the exact e^(k x) * 1e18,
/// (both non-decreasing in E, and expWad is monotonic) so that
///     costUp(lo, hi)     = ceil (a * (high(E_hi) - low(E_lo)) / k)            >= exact,
///     refundDown(lo, hi) = floor(a * max(0, low(E_hi) - high(E_lo)) / k)      <= exact,
///     reserveFor(S)      = refundDown(0, S)                                    <= exact.
/// With that, buyCost >= reserveFor(hi) - reserveFor(lo) >= sellRefund for every lo < hi: the
/// `high - low` gap makes each trade give up at most a few 1e-18 of the reserve at stake.
/// REL_MARGIN = 16 (1.6e-17 relative) and ABS_MARGIN = 4 are several times the error measured
/// against a 60-digit reference (argument rounding <= 1e-18 relative, expWad's own error below
/// that, plus 1 ulp of integer rounding); see docs/curves.md.
library ExponentialCurveMath {
    uint256 internal constant WAD = 1e18;
    /// @dev The exponent k*S is kept <= 90: inside expWad's domain (it reverts at ~135.3) and
    /// small enough that every reserve amount fits in 256 bits for all parameters in bounds:
    /// R <= a/k * e^90 <= (1e24 / 1e-12) * 1.3e39 ~ 1.3e75 reserve-wei.
    uint256 internal constant MAX_EXPONENT = 90e18;
    uint256 internal constant REL_MARGIN = 16;
    uint256 internal constant ABS_MARGIN = 4;
    /// @dev How far (in 1e-18) the inverse backs off from lnWad's value, to absorb lnWad's and
    /// expWad's errors so the forward check passes first time.
    int256 internal constant LN_SLACK = 8;

    /// @dev Largest supply with k*S/1e18 <= MAX_EXPONENT.
    function cap(uint256 k) internal pure returns (uint256) {
        unchecked {
            return MAX_EXPONENT * WAD / k; // k >= 1e6 by the curve's bounds
        }
    }

    /// @dev E(S) = expWad(floor(k*S/1e18)); requires S <= cap(k).
    function expAt(uint256 k, uint256 s) internal pure returns (uint256) {
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast) k*s/WAD <= 90e18 for s <= cap(k)
            return uint256(FPM.expWad(int256(k * s / WAD)));
        }
    }

    /// @dev Upper bound of the exact value behind E. Unchecked: E <= e^90 * 1e18 < 2^190.
    function high(uint256 e) internal pure returns (uint256) {
        unchecked {
            return e + e * REL_MARGIN / WAD + ABS_MARGIN;
        }
    }

    /// @dev Lower bound of the exact value behind E. Unchecked: 1e18 <= E < 2^190, no underflow.
    function low(uint256 e) internal pure returns (uint256) {
        unchecked {
            return e - e * REL_MARGIN / WAD - ABS_MARGIN;
        }
    }

    /// @dev a * E / 1e18, rounded down.
    function spotPrice(uint256 a, uint256 k, uint256 s) internal pure returns (uint256) {
        return FPM.fullMulDiv(a, expAt(k, s), WAD);
    }

    function costUp(uint256 a, uint256 k, uint256 eLo, uint256 hi) internal pure returns (uint256) {
        unchecked {
            return FPM.fullMulDivUp(a, high(expAt(k, hi)) - low(eLo), k); // high(E_hi) > low(E_lo)
        }
    }

    function refundDown(uint256 a, uint256 k, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return FPM.fullMulDiv(a, FPM.zeroFloorSub(low(expAt(k, hi)), high(expAt(k, lo))), k);
    }

    /// @dev Largest supply T (estimate, conservative) with costUp(s, T) <= r, given eS = E(s).
    /// costUp <= r  <=>  high(E_T) - low(E_s) <= floor(r*k/a) =: g - low(E_s). high(E) <= g holds
    /// whenever E <= eMax = g - ABS_MARGIN - ceil(g*REL_MARGIN/1e18) - 1, and E_T <= eMax holds
    /// once u(T) <= lnWad(eMax) - LN_SLACK; T = floor((lnWad(eMax) - LN_SLACK) * 1e18 / k).
    /// Requires r*k/a < 2^241 (the caller reverts for larger `r`, which is past any cap).
    /// Returns 0 when no T >= 0 qualifies.
    function supplyEstimate(uint256 a, uint256 k, uint256 eS, uint256 r) internal pure returns (uint256) {
        // Unchecked: r*k/a < 2^241 (caller) and E_s < 2^190, so g < 2^242 and g * 16 fits.
        // forge-lint: disable-start(unsafe-typecast)
        unchecked {
            uint256 g = low(eS) + FPM.fullMulDiv(r, k, a);
            uint256 off = ABS_MARGIN + (g * REL_MARGIN + WAD - 1) / WAD + 1;
            if (g <= off + WAD) return 0;
            // clamped at 0 (then T = 0, which the caller reads as "nothing affordable")
            int256 lnMax = FPM.max(FPM.lnWad(int256(g - off)) - LN_SLACK, 0);
            return uint256(lnMax) * WAD / k;
        }
        // forge-lint: disable-end(unsafe-typecast)
    }
}
