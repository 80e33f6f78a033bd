// When to replace a pending transaction: it has waited `stuckBlocks` blocks since it was last
// (re)sent, and a bumped fee still fits under the cap. Pure.
import { replacementFees, type FeePolicy, type Fees, type FeeSuggestion } from "./fees";

export interface InFlight {
  readonly nonce: number;
  readonly fees: Fees;
  /** Head block number when this version was broadcast. */
  readonly sentBlock: number;
  readonly replacements: number;
}

export interface ReplacePolicy {
  /** Blocks a transaction may wait before it is replaced. */
  readonly stuckBlocks: number;
  /** Replacements per transaction at most (then it waits for the market). */
  readonly maxReplacements: number;
}

export const DEFAULT_REPLACE_POLICY: ReplacePolicy = { stuckBlocks: 3, maxReplacements: 5 };

export type ReplaceDecision =
  | { readonly kind: "wait" }
  | { readonly kind: "replace"; readonly fees: Fees }
  | { readonly kind: "capped"; readonly reason: string };

export function replaceDecision(tx: InFlight, head: number, now: FeeSuggestion, fees: FeePolicy, policy: ReplacePolicy): ReplaceDecision {
  if (head - tx.sentBlock < policy.stuckBlocks) return { kind: "wait" };
  if (tx.replacements >= policy.maxReplacements) return { kind: "capped", reason: `replaced ${tx.replacements} times already` };
  const next = replacementFees(tx.fees, now, fees);
  if (next === undefined) return { kind: "capped", reason: `a ${fees.bumpBps} bps bump of ${tx.fees.maxFeePerGas} wei/gas exceeds the cap ${fees.maxFeeCap}` };
  return { kind: "replace", fees: next };
}
