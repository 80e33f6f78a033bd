// Noise trader: trades a random fraction of its balance in a random direction with some probability.
import type { Policy, Memory } from "../types";
import { buy, sell, tip, toWei } from "./common";

export type NoiseParams = {
  readonly tradeProbability: number;
  readonly buyProbability: number;
  readonly minFraction: number;
  readonly maxFraction: number;
  /** Reserve kept back for gas, ether. */
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
  readonly tipJitterGwei: number;
};

export const noiseDefaults: NoiseParams = {
  tradeProbability: 0.3,
  buyProbability: 0.5,
  minFraction: 0.01,
  maxFraction: 0.1,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
  tipJitterGwei: 1,
};

export type NoiseMemory = Memory;

export const noisePolicy: Policy<NoiseParams, NoiseMemory> = (obs, state, rng, p) => {
  const memory = state.memory;
  if (obs.halted || !rng.chance(p.tradeProbability)) return { actions: [], memory };
  const wantBuy = rng.chance(p.buyProbability);
  const fee = tip(p.tipGwei, p.tipJitterGwei, rng.uniform());
  if (wantBuy) {
    const spendable = state.account.reserve - toWei(p.keepEth);
    if (spendable <= 0n) return { actions: [], memory };
    const amount = rng.fractionOf(spendable, p.minFraction, p.maxFraction);
    return amount > 0n ? { actions: [buy(obs, amount, p.slippageBps, fee)], memory } : { actions: [], memory };
  }
  const tokens = rng.fractionOf(state.account.tokens, p.minFraction, p.maxFraction);
  return tokens > 0n ? { actions: [sell(obs, tokens, p.slippageBps, fee)], memory } : { actions: [], memory };
};
