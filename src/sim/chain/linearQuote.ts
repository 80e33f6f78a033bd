// BondingCurveMarket.quoteSell on a LinearCurve, computed in TypeScript with exactly the contracts'
// integer arithmetic (pure: no I/O). Every result equals the contract's or is `undefined` where the
// contract would revert (the caller then asks the node). Checked against the deployed contracts
// by a property test (test/sim/linearQuote.test.ts).
//
// - BondingCurveMarket.quoteSell: refund = curve.sellRefund(totalSupply, tokensIn);
//   fee = _feeOn(refund, sellFeeBps) = ceil(refund * sellFeeBps / 10_000) (checked multiply);
//   reserveOut = refund - fee.
// - CurveBase.sellRefund: reverts if supply > MAX_SUPPLY (CurveSupplyCapExceeded) or
//   tokensIn > supply (CurveAmountExceedsSupply); 0 for tokensIn == 0; else refundDown(supply - tokensIn, supply).
// - LinearCurveMath.refundDown (unchecked): fullMulDiv(hi - lo, 2*b*WAD + m*(lo + hi), 2e36), which
//   reverts if the quotient does not fit in 256 bits.

const WAD = 10n ** 18n;
const TWO_WAD_SQ = 2n * 10n ** 36n;
const BPS = 10_000n;
const U256 = (1n << 256n) - 1n;
/** LinearCurve.MAX_SUPPLY, token-wei. */
export const LINEAR_MAX_SUPPLY = 10n ** 30n;

/** The inputs of a quote at one block: the curve's parameters and the market's state. */
export interface LinearQuoteState {
  /** Slope m, reserve-wei per whole token per whole token of supply (LinearCurve.parameters()[0]). */
  readonly m: bigint;
  /** Base price b, reserve-wei per whole token (LinearCurve.parameters()[1]). */
  readonly b: bigint;
  /** The token's totalSupply, token-wei. */
  readonly supply: bigint;
  /** The market's sell fee, bps. */
  readonly sellFeeBps: bigint;
}

/** LinearCurveMath.refundDown: floor((hi - lo) * (2 b 1e18 + m (lo + hi)) / 2e36), or undefined where it reverts. */
export function refundDown(m: bigint, b: bigint, lo: bigint, hi: bigint): bigint | undefined {
  // unchecked in Solidity: every intermediate wraps modulo 2^256
  const x = (hi - lo) & U256;
  const y = (((2n * b) & U256) * WAD + ((m * ((lo + hi) & U256)) & U256)) & U256;
  const z = (x * y) / TWO_WAD_SQ;
  return z > U256 ? undefined : z;
}

/** CurveBase.sellRefund on a LinearCurve, reserve-wei, or undefined where it reverts. */
export function sellRefund(m: bigint, b: bigint, supply: bigint, tokensIn: bigint): bigint | undefined {
  if (supply > LINEAR_MAX_SUPPLY || tokensIn > supply) return undefined;
  if (tokensIn === 0n) return 0n;
  return refundDown(m, b, supply - tokensIn, supply);
}

/** BondingCurveMarket._feeOn: ceil(amount * feeBps / 10_000), or undefined where the multiply overflows. */
export function feeOn(amount: bigint, feeBps: bigint): bigint | undefined {
  const x = amount * feeBps;
  if (x > U256) return undefined;
  return x === 0n ? 0n : (x - 1n) / BPS + 1n;
}

/** BondingCurveMarket.quoteSell(tokensIn) on a LinearCurve: reserve-wei out and fee, or undefined where it reverts. */
export function quoteSellLinear(q: LinearQuoteState, tokensIn: bigint): { readonly reserveOut: bigint; readonly fee: bigint } | undefined {
  const refund = sellRefund(q.m, q.b, q.supply, tokensIn);
  if (refund === undefined) return undefined;
  const fee = feeOn(refund, q.sellFeeBps);
  if (fee === undefined || fee > refund) return undefined;
  return { reserveOut: refund - fee, fee };
}
