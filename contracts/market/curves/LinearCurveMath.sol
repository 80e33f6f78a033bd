// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FixedPointMathLib as FPM} from "solady/src/utils/FixedPointMathLib.sol";

/// @title LinearCurveMath
/// @notice Exact integer math of the linear curve P(x) = m*x + b, x = S / 1e18 whole tokens.
/// @dev Units: supply S and amounts in token-wei; `m` in reserve-wei per whole token per whole
/// token of supply; `b` in reserve-wei per whole token. The integral between supplies lo < hi is
/// the rational number
///     D(lo, hi) = (hi - lo) * (2*b*1e18 + m*(lo + hi)) / (2 * 1e36)   reserve-wei,
/// evaluated with 512-bit intermediates (fullMulDiv), so every result below is the exact floor or
/// exact ceiling of the true value: there is no approximation anywhere in this curve.
/// Magnitudes (with the bounds of LinearCurve: m, b <= 1e24, S <= 1e30): 2*b*1e18 <= 2e42,
/// m*(lo+hi) <= 2e54, the product with (hi-lo) < 2^512, the result <= 6e47.
library LinearCurveMath {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant TWO_WAD_SQ = 2e36;

    /// @dev Spot price m*S/1e18 + b, rounded down.
    /// Unchecked arithmetic below is safe by the magnitudes above (lo <= hi <= 1e30).
    function spotPrice(uint256 m, uint256 b, uint256 s) internal pure returns (uint256) {
        unchecked {
            return m * s / WAD + b;
        }
    }

    /// @dev ceil(D(lo, hi)).
    function costUp(uint256 m, uint256 b, uint256 lo, uint256 hi) internal pure returns (uint256) {
        unchecked {
            return FPM.fullMulDivUp(hi - lo, 2 * b * WAD + m * (lo + hi), TWO_WAD_SQ);
        }
    }

    /// @dev floor(D(lo, hi)).
    function refundDown(uint256 m, uint256 b, uint256 lo, uint256 hi) internal pure returns (uint256) {
        unchecked {
            return FPM.fullMulDiv(hi - lo, 2 * b * WAD + m * (lo + hi), TWO_WAD_SQ);
        }
    }

    /// @dev Largest d with ceil(D(s, s + d)) <= r, i.e. with m*d^2 + 2*p*d <= 2e36*r where
    /// p = b*1e18 + m*s. The positive root is d* = 2e36*r / (p + sqrt(p^2 + 2*m*1e36*r)) (this form
    /// has no cancellation). p^2 and 2*m*1e36*r do not fit in 256 bits, so both are scaled down by
    /// 2^(2*shift) with `shift` chosen to keep ~126 significant bits; the square root is then taken
    /// rounded UP from upper bounds of both terms, so the denominator is >= the exact one and the
    /// estimate is <= d*. Its relative error is ~2^-125, i.e. below one token-wei for any supply
    /// under the cap, and the caller tops it up by exact forward checks.
    function tokensEstimate(uint256 m, uint256 b, uint256 s, uint256 r) internal pure returns (uint256) {
        // Unchecked: p <= 1e54 (< 2^180); c <= 2e60 (< 2^201); shift <= 104 so 2*shift < 256;
        // ps^2 < 2^252 and qs < 2^251 (see the bit count), so x and root*root fit.
        unchecked {
            uint256 p = b * WAD + m * s;
            uint256 c = 2 * m * 1e36;
            // bits needed by sqrt(p^2 + c*r): max(bitlen(p), (bitlen(c) + bitlen(r)) / 2 + 1)
            uint256 bits = FPM.log2(p) + 1;
            uint256 qBits = (FPM.log2(c) + FPM.log2(r) + 2) / 2 + 1;
            if (qBits > bits) bits = qBits;
            uint256 shift = bits > 126 ? bits - 126 : 0;
            uint256 ps = (p >> shift) + 1; // upper bound of p / 2^shift
            uint256 qs = FPM.fullMulDiv(c, r, 1 << (2 * shift)) + 1; // upper bound of c*r / 2^(2 shift)
            uint256 x = ps * ps + qs;
            uint256 root = FPM.sqrt(x);
            /// @solidity memory-safe-assembly
            assembly {
                root := add(root, lt(mul(root, root), x)) // sqrt rounded up
            }
            return FPM.fullMulDiv(TWO_WAD_SQ, r, p + (root << shift));
        }
    }
}
