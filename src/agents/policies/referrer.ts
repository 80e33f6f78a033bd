// Referrer: buys like a small noise trader but always names a partner (the next member of its
// group, in a ring) as referrer, so the affiliate reward flows between partners.
import type { Policy, Memory } from "../types";
import { buy, sell, tip, toWei } from "./common";

export type ReferrerParams = {
  readonly tradeProbability: number;
  readonly sellProbability: number;
  readonly fraction: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const referrerDefaults: ReferrerParams = {
  tradeProbability: 0.3,
  sellProbability: 0.3,
  fraction: 0.05,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
};

export type ReferrerMemory = Memory;

/** The next group member after `self` (ring order), or undefined if alone. */
export function partnerOf(self: string, group: readonly string[]): string | undefined {
  if (group.length < 2) return undefined;
  const i = group.findIndex((g) => g.toLowerCase() === self.toLowerCase());
  return group[(i + 1) % group.length];
}

export const referrerPolicy: Policy<ReferrerParams, ReferrerMemory> = (obs, state, rng, p) => {
  const memory = state.memory;
  if (obs.halted || !rng.chance(p.tradeProbability)) return { actions: [], memory };
  const fee = tip(p.tipGwei, 0, 0);
  const frac = BigInt(Math.round(p.fraction * 10_000));
  if (rng.chance(p.sellProbability)) {
    const tokens = (state.account.tokens * frac) / 10_000n;
    return { actions: tokens > 0n ? [sell(obs, tokens, p.slippageBps, fee)] : [], memory };
  }
  const spendable = state.account.reserve - toWei(p.keepEth);
  const amount = spendable > 0n ? (spendable * frac) / 10_000n : 0n;
  if (amount === 0n) return { actions: [], memory };
  return { actions: [buy(obs, amount, p.slippageBps, fee, partnerOf(state.address, state.group))], memory };
};
