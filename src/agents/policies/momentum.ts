// Momentum trader: buys after the price rose by more than a threshold over a lookback, sells
// after it fell by more than the threshold.
import type { Policy, Memory } from "../types";
import { buy, priceChange, sell, tip, toWei } from "./common";

export type MomentumParams = {
  readonly lookback: number;
  readonly threshold: number;
  readonly fraction: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const momentumDefaults: MomentumParams = {
  lookback: 5,
  threshold: 0.02,
  fraction: 0.1,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1.5,
};

export type MomentumMemory = Memory;

export const momentumPolicy: Policy<MomentumParams, MomentumMemory> = (obs, state, _rng, p) => {
  const memory = state.memory;
  const change = priceChange(obs.priceHistory, p.lookback);
  if (obs.halted || change === undefined) return { actions: [], memory };
  const frac = BigInt(Math.round(p.fraction * 10_000));
  const fee = tip(p.tipGwei, 0, 0);
  if (change > p.threshold) {
    const spendable = state.account.reserve - toWei(p.keepEth);
    const amount = spendable > 0n ? (spendable * frac) / 10_000n : 0n;
    return { actions: amount > 0n ? [buy(obs, amount, p.slippageBps, fee)] : [], memory };
  }
  if (change < -p.threshold) {
    const tokens = (state.account.tokens * frac) / 10_000n;
    return { actions: tokens > 0n ? [sell(obs, tokens, p.slippageBps, fee)] : [], memory };
  }
  return { actions: [], memory };
};
