// Value (threshold) trader: holds a private fair value; buys below it by more than a band and
// sells above it by more than the band. Defaults: beliefs spread +-30% around the first spot price
// and a 3% band, so about 40% of a population starts below its fair value and buys, and holders
// sell once the price runs past their belief (with +-10% and 5% no value trader ever traded in
// the default scenario, whose price only rises at first).
import type { Policy } from "../types";
import { buy, sell, tip, toEther, toWei } from "./common";

export type ValueParams = {
  /** Fair price in ether per whole token; 0 = the spot price the agent first sees. */
  readonly fairPrice: number;
  /** Relative noise on the fair value per agent draw (heterogeneous beliefs). */
  readonly fairJitter: number;
  readonly bandBps: number;
  readonly fraction: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const valueDefaults: ValueParams = {
  fairPrice: 0,
  fairJitter: 0.3,
  bandBps: 300,
  fraction: 0.1,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
};

/** `fair` is drawn once (first step) so each agent keeps one belief. */
export type ValueMemory = { readonly fair?: number };

export const valuePolicy: Policy<ValueParams, ValueMemory> = (obs, state, rng, p) => {
  const anchor = p.fairPrice > 0 ? p.fairPrice : toEther(obs.spotPrice);
  const fair = state.memory.fair ?? anchor * (1 + p.fairJitter * (2 * rng.uniform() - 1));
  const memory: ValueMemory = { fair };
  if (obs.halted) return { actions: [], memory };
  const price = toEther(obs.spotPrice);
  const band = p.bandBps / 10_000;
  const fee = tip(p.tipGwei, 0, 0);
  if (price < fair * (1 - band)) {
    const spendable = state.account.reserve - toWei(p.keepEth);
    const amount = spendable > 0n ? (spendable * BigInt(Math.round(p.fraction * 10_000))) / 10_000n : 0n;
    return { actions: amount > 0n ? [buy(obs, amount, p.slippageBps, fee)] : [], memory };
  }
  if (price > fair * (1 + band)) {
    const tokens = (state.account.tokens * BigInt(Math.round(p.fraction * 10_000))) / 10_000n;
    return { actions: tokens > 0n ? [sell(obs, tokens, p.slippageBps, fee)] : [], memory };
  }
  return { actions: [], memory };
};
