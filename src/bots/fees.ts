// EIP-1559 fees from the node's fee history, under a cap, and the bump a replacement needs. Pure.

export interface Fees {
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
}

export interface FeePolicy {
  /** Never offer more than this per gas (wei). */
  readonly maxFeeCap: bigint;
  /** Lowest tip offered (wei per gas). */
  readonly minTip: bigint;
  /** Highest tip offered (wei per gas), at most maxFeeCap. */
  readonly maxTip: bigint;
  /** Base-fee headroom: maxFee = baseFee * multiplier + tip (2 survives six full blocks). */
  readonly baseFeeMultiplier: bigint;
  /** Replacement bump in bps (nodes require >= 10% on both fields; 1250 = 12.5%). */
  readonly bumpBps: bigint;
}

export const DEFAULT_FEE_POLICY: FeePolicy = {
  maxFeeCap: 200n * 10n ** 9n,
  minTip: 10n ** 8n,
  maxTip: 5n * 10n ** 9n,
  baseFeeMultiplier: 2n,
  bumpBps: 1250n,
};

/** eth_feeHistory's answer with quantities parsed. */
export interface FeeHistory {
  /** One more entry than blocks asked: the last is the next block's base fee. */
  readonly baseFeePerGas: readonly bigint[];
  /** Per block, the tips at the asked percentiles. */
  readonly reward?: readonly (readonly bigint[])[];
}

export function parseFeeHistory(raw: { baseFeePerGas?: string[]; reward?: string[][] }): FeeHistory {
  return {
    baseFeePerGas: (raw.baseFeePerGas ?? []).map((x) => BigInt(x)),
    reward: raw.reward?.map((r) => r.map((x) => BigInt(x))),
  };
}

function median(xs: readonly bigint[]): bigint {
  if (xs.length === 0) return 0n;
  const s = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return s[Math.floor(s.length / 2)];
}

function clamp(x: bigint, lo: bigint, hi: bigint): bigint {
  return x < lo ? lo : x > hi ? hi : x;
}

export interface FeeSuggestion extends Fees {
  /** The next block's base fee the suggestion is for. */
  readonly baseFee: bigint;
  /** The cap is below what the next block needs: the transaction would wait. */
  readonly capped: boolean;
}

/**
 * Fees for a transaction that wants `wantedTip` (the policy's priority fee): the tip is the larger
 * of that and the median tip recent blocks paid, within [minTip, maxTip]; maxFee leaves room for
 * the base fee to grow, within the cap.
 */
export function suggestFees(h: FeeHistory, policy: FeePolicy, wantedTip = 0n): FeeSuggestion {
  const baseFee = h.baseFeePerGas.length > 0 ? h.baseFeePerGas[h.baseFeePerGas.length - 1] : 0n;
  const market = median((h.reward ?? []).map((r) => (r.length > 0 ? r[0] : 0n)));
  const tipHi = policy.maxTip < policy.maxFeeCap ? policy.maxTip : policy.maxFeeCap;
  const tip = clamp(wantedTip > market ? wantedTip : market, policy.minTip < tipHi ? policy.minTip : tipHi, tipHi);
  const wanted = baseFee * policy.baseFeeMultiplier + tip;
  const maxFee = wanted > policy.maxFeeCap ? policy.maxFeeCap : wanted;
  const maxPriority = tip > maxFee ? maxFee : tip;
  return { maxFeePerGas: maxFee, maxPriorityFeePerGas: maxPriority, baseFee, capped: maxFee < baseFee + maxPriority };
}

/** x grown by bps, rounded up (a node compares the bumped value with >=). */
function bump(x: bigint, bps: bigint): bigint {
  return (x * (10_000n + bps) + 9_999n) / 10_000n;
}

/**
 * Fees for replacing a transaction sent with `old`: at least `old` bumped by policy.bumpBps on
 * both fields, and at least what the market asks now; undefined when the cap leaves no room for
 * a valid replacement (the transaction keeps waiting).
 */
export function replacementFees(old: Fees, now: FeeSuggestion, policy: FeePolicy): Fees | undefined {
  const minTip = bump(old.maxPriorityFeePerGas, policy.bumpBps);
  const minMax = bump(old.maxFeePerGas, policy.bumpBps);
  const tip = now.maxPriorityFeePerGas > minTip ? now.maxPriorityFeePerGas : minTip;
  let maxFee = now.maxFeePerGas > minMax ? now.maxFeePerGas : minMax;
  if (maxFee < tip) maxFee = tip;
  if (maxFee > policy.maxFeeCap || tip > policy.maxFeeCap) return undefined;
  return { maxFeePerGas: maxFee, maxPriorityFeePerGas: tip };
}
