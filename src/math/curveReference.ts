/**
 * High-precision reference for Cipher's three bonding curves (SPEC section 1.2), the same maths
 * the Solidity curves implement, evaluated with decimal.js at 120 significant digits.
 *
 * Units (identical to the contracts, see docs/curves.md):
 * - supply S, amounts and S0: token-wei (1e18 = one whole token), as bigint;
 * - prices: reserve-wei per whole token; reserve amounts: reserve-wei;
 * - linear     [m, b]:     P(x) = m*x + b, x = S/1e18 whole tokens; m reserve-wei per token per token;
 * - exponential [a, k]:    P(x) = a*e^(k'x), k' = k/1e18 per whole token (k is WAD);
 * - sigmoid    [K, k, S0]: P(x) = K / (1 + e^(-k'(x - x0))), x0 = S0/1e18.
 *
 * Every function returns the exact real value as a Decimal (no rounding to integers): tests
 * compare the contracts' rounded integers with these values.
 */
import Decimal from "decimal.js";

/** Decimal constructor used by the reference: 120 significant digits. */
export const D = Decimal.clone({ precision: 120, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof D>;

const WAD = new D(10).pow(18);

export interface LinearParams {
  readonly kind: "linear";
  /** Slope, reserve-wei per whole token per whole token. */
  readonly m: bigint;
  /** Price at supply 0, reserve-wei per whole token. */
  readonly b: bigint;
}

export interface ExponentialParams {
  readonly kind: "exponential";
  /** Price at supply 0, reserve-wei per whole token. */
  readonly a: bigint;
  /** Growth rate, WAD per whole token. */
  readonly k: bigint;
}

export interface SigmoidParams {
  readonly kind: "sigmoid";
  /** Price ceiling, reserve-wei per whole token. */
  readonly K: bigint;
  /** Steepness, WAD per whole token. */
  readonly k: bigint;
  /** Midpoint supply, token-wei. */
  readonly s0: bigint;
}

export type CurveParams = LinearParams | ExponentialParams | SigmoidParams;
export type CurveKind = CurveParams["kind"];

/** Build typed parameters from the contract's `parameters()` array (same order). */
export function fromArray(kind: CurveKind, p: readonly bigint[]): CurveParams {
  const need = kind === "sigmoid" ? 3 : 2;
  if (p.length !== need) throw new Error(`${kind} takes ${need} parameters, got ${p.length}`);
  switch (kind) {
    case "linear":
      return { kind, m: p[0], b: p[1] };
    case "exponential":
      return { kind, a: p[0], k: p[1] };
    case "sigmoid":
      return { kind, K: p[0], k: p[1], s0: p[2] };
  }
}

/** The same array the contract's constructor and `setParameters` take. */
export function toArray(p: CurveParams): bigint[] {
  switch (p.kind) {
    case "linear":
      return [p.m, p.b];
    case "exponential":
      return [p.a, p.k];
    case "sigmoid":
      return [p.K, p.k, p.s0];
  }
}

/** Supply cap in token-wei, as the contracts compute it (integer division). */
export function maxSupply(p: CurveParams): bigint {
  switch (p.kind) {
    case "linear":
      return 10n ** 30n;
    case "exponential":
      return (90n * 10n ** 36n) / p.k;
    case "sigmoid":
      return p.s0 + (130n * 10n ** 36n) / p.k;
  }
}

function tokens(s: bigint): Dec {
  return new D(s.toString()).div(WAD);
}

function dec(v: bigint): Dec {
  return new D(v.toString());
}

/** ln(1 + e^z), stable for large |z|. */
export function softplus(z: Dec): Dec {
  if (z.gt(0)) return z.plus(D.ln(new D(1).plus(D.exp(z.neg()))));
  return D.ln(new D(1).plus(D.exp(z)));
}

/** Inverse of softplus: ln(e^v - 1) for v > 0, stable for large v. */
export function softplusInverse(v: Dec): Dec {
  if (v.lte(0)) throw new Error("softplusInverse: v must be > 0");
  if (v.gt(1)) return v.plus(D.ln(new D(1).minus(D.exp(v.neg()))));
  return D.ln(D.exp(v).minus(1));
}

function sigmoidZ(p: SigmoidParams, s: bigint): Dec {
  return dec(p.k).div(WAD).mul(tokens(s).minus(tokens(p.s0)));
}

/** Exact spot price P(S), reserve-wei per whole token. */
export function price(p: CurveParams, supply: bigint): Dec {
  const x = tokens(supply);
  switch (p.kind) {
    case "linear":
      return dec(p.m).mul(x).plus(dec(p.b));
    case "exponential":
      return dec(p.a).mul(D.exp(dec(p.k).div(WAD).mul(x)));
    case "sigmoid":
      return dec(p.K).div(new D(1).plus(D.exp(sigmoidZ(p, supply).neg())));
  }
}

/** Exact integral of P from `lo` to `hi` (token-wei), in reserve-wei. */
export function integralBetween(p: CurveParams, lo: bigint, hi: bigint): Dec {
  const xl = tokens(lo);
  const xh = tokens(hi);
  switch (p.kind) {
    case "linear":
      return dec(p.m).div(2).mul(xh.mul(xh).minus(xl.mul(xl))).plus(dec(p.b).mul(xh.minus(xl)));
    case "exponential": {
      const k = dec(p.k).div(WAD);
      // a/k * e^(k xl) * (e^(k (xh - xl)) - 1): no cancellation between two large exponentials
      return dec(p.a).div(k).mul(D.exp(k.mul(xl))).mul(D.exp(k.mul(xh.minus(xl))).minus(1));
    }
    case "sigmoid": {
      const k = dec(p.k).div(WAD);
      return dec(p.K).div(k).mul(softplus(sigmoidZ(p, hi)).minus(softplus(sigmoidZ(p, lo))));
    }
  }
}

/** Exact integral of P from 0 to `supply`, in reserve-wei (what selling the whole supply returns). */
export function integral(p: CurveParams, supply: bigint): Dec {
  return integralBetween(p, 0n, supply);
}

/**
 * Exact inverse: the real number of token-wei d with integralBetween(S, S + d) = reserveIn.
 * (It may exceed maxSupply - S; callers compare.)
 */
export function inverse(p: CurveParams, supply: bigint, reserveIn: bigint): Dec {
  const r = dec(reserveIn);
  const x = tokens(supply);
  let xEnd: Dec;
  switch (p.kind) {
    case "linear": {
      // m/2 (xe^2 - x^2) + b (xe - x) = r, solved for y = xe - x without cancellation:
      // y = 2r / (P + sqrt(P^2 + 2 m r)), P = m x + b
      const m = dec(p.m);
      const price0 = m.mul(x).plus(dec(p.b));
      const y = r.mul(2).div(price0.plus(D.sqrt(price0.mul(price0).plus(m.mul(r).mul(2)))));
      return y.mul(WAD);
    }
    case "exponential": {
      const k = dec(p.k).div(WAD);
      // e^(k xe) = e^(k x) + k r / a
      xEnd = D.ln(D.exp(k.mul(x)).plus(k.mul(r).div(dec(p.a)))).div(k);
      break;
    }
    case "sigmoid": {
      const k = dec(p.k).div(WAD);
      const v = softplus(sigmoidZ(p, supply)).plus(k.mul(r).div(dec(p.K)));
      xEnd = tokens(p.s0).plus(softplusInverse(v).div(k));
      break;
    }
  }
  return xEnd.minus(x).mul(WAD);
}

/** Decimal to bigint, rounding toward -infinity. */
export function floorBig(v: Dec): bigint {
  return BigInt(v.toDecimalPlaces(0, Decimal.ROUND_FLOOR).toFixed(0));
}

/** Decimal to bigint, rounding toward +infinity. */
export function ceilBig(v: Dec): bigint {
  return BigInt(v.toDecimalPlaces(0, Decimal.ROUND_CEIL).toFixed(0));
}
