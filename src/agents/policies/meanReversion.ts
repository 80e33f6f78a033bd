// Mean-reversion trader: buys when the price is more than `zEntry` standard deviations below its
// moving average, sells when it is that far above.
import type { Policy, Memory } from "../types";
import { buy, sell, tip, toEther, toWei, windowStats } from "./common";

export type MeanReversionParams = {
  readonly window: number;
  readonly zEntry: number;
  readonly fraction: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const meanReversionDefaults: MeanReversionParams = {
  window: 20,
  zEntry: 1.5,
  fraction: 0.1,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
};

export type MeanReversionMemory = Memory;

export const meanReversionPolicy: Policy<MeanReversionParams, MeanReversionMemory> = (obs, state, _rng, p) => {
  const memory = state.memory;
  const stats = windowStats(obs.priceHistory, p.window);
  if (obs.halted || stats === undefined || stats.sd === 0) return { actions: [], memory };
  const z = (toEther(obs.spotPrice) - stats.mean) / stats.sd;
  const frac = BigInt(Math.round(p.fraction * 10_000));
  const fee = tip(p.tipGwei, 0, 0);
  if (z < -p.zEntry) {
    const spendable = state.account.reserve - toWei(p.keepEth);
    const amount = spendable > 0n ? (spendable * frac) / 10_000n : 0n;
    return { actions: amount > 0n ? [buy(obs, amount, p.slippageBps, fee)] : [], memory };
  }
  if (z > p.zEntry) {
    const tokens = (state.account.tokens * frac) / 10_000n;
    return { actions: tokens > 0n ? [sell(obs, tokens, p.slippageBps, fee)] : [], memory };
  }
  return { actions: [], memory };
};
