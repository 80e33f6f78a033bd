/**
 * Default bonding-curve parameters for an ETH reserve (docs/curves.md, "Defaults"), in the order
 * each curve contract's constructor and `setParameters` take them. The deployment uses these.
 */
import type { CurveKind } from "./curveReference";

/** Solidity contract name of each curve shape. */
export const CURVE_CONTRACT: Readonly<Record<CurveKind, string>> = {
  linear: "LinearCurve",
  exponential: "ExponentialCurve",
  sigmoid: "SigmoidCurve",
};

export const DEFAULT_CURVE_PARAMETERS: Readonly<Record<CurveKind, readonly bigint[]>> = {
  // [m, b]: starts at 0.001 ETH per token, +1 gwei per whole token minted (0.002 ETH at 1M tokens)
  linear: [10n ** 9n, 10n ** 15n],
  // [a, k]: starts at 0.001 ETH per token and doubles every 1M tokens (k = ln 2 / 1e6 per token, WAD)
  exponential: [10n ** 15n, 693_147_180_559n],
  // [K, k, S0]: ceiling 0.01 ETH per token, k = 5e-6 per token (WAD), midpoint at 1M tokens (token-wei)
  sigmoid: [10n ** 16n, 5n * 10n ** 12n, 10n ** 24n],
};
