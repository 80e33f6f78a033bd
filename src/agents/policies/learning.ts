// Learning agent: an epsilon-greedy bandit over a small action set (hold, buy small/large, sell
// small/large, stake). The reward of the arm pulled last step is the realised change of the
// agent's own mark-to-market wealth, relative to its initial wealth.
import type { Action, AgentState, Observation, Policy } from "../types";
import type { Rng } from "../../sim/prng";
import { banditInit, banditSelect, banditUpdate, type BanditState } from "../learning/bandit";
import { buy, chooseTier, hasStakeSlot, sell, tip, toEther, toWei } from "./common";

export const LEARNING_ARMS = ["hold", "buySmall", "buyLarge", "sellSmall", "sellLarge", "stake"] as const;
export type LearningArm = (typeof LEARNING_ARMS)[number];

export type LearningParams = {
  readonly epsilon: number;
  /** 0 = sample average; otherwise a constant step size for a non-stationary market. */
  readonly stepSize: number;
  readonly smallFraction: number;
  readonly largeFraction: number;
  readonly initialValue: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const learningDefaults: LearningParams = {
  epsilon: 0.1,
  stepSize: 0.1,
  smallFraction: 0.05,
  largeFraction: 0.25,
  initialValue: 0,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
};

export type LearningMemory = {
  readonly q?: readonly number[];
  readonly n?: readonly number[];
  /** Arm pulled last step, -1 before the first. */
  readonly lastArm?: number;
  readonly lastWealth?: bigint;
};

function armAction(arm: LearningArm, obs: Observation, state: AgentState, p: LearningParams, fee: bigint): Action[] {
  const frac = (f: number) => BigInt(Math.round(f * 10_000));
  const spendable = state.account.reserve - toWei(p.keepEth);
  switch (arm) {
    case "hold":
      return [];
    case "buySmall":
    case "buyLarge": {
      const f = arm === "buySmall" ? p.smallFraction : p.largeFraction;
      const amount = spendable > 0n ? (spendable * frac(f)) / 10_000n : 0n;
      return amount > 0n && !obs.halted ? [buy(obs, amount, p.slippageBps, fee)] : [];
    }
    case "sellSmall":
    case "sellLarge": {
      const f = arm === "sellSmall" ? p.smallFraction : p.largeFraction;
      const tokens = (state.account.tokens * frac(f)) / 10_000n;
      return tokens > 0n && !obs.halted ? [sell(obs, tokens, p.slippageBps, fee)] : [];
    }
    case "stake": {
      const tier = chooseTier(obs.staking.tiers, 0);
      const amount = state.account.tokens / 2n;
      return tier !== undefined && amount > 0n && hasStakeSlot(state.account) ? [{ kind: "stake", amount, tier, priorityFee: fee }] : [];
    }
  }
}

/** Reward for the last arm: wealth change relative to initial wealth (scale-free across agents). */
export function realisedReward(lastWealth: bigint, wealth: bigint, initialWealth: bigint): number {
  if (initialWealth === 0n) return 0;
  return toEther(wealth - lastWealth) / toEther(initialWealth);
}

export function learnerStep(
  mem: LearningMemory,
  wealth: bigint,
  initialWealth: bigint,
  rng: Rng,
  p: LearningParams,
): { bandit: BanditState; arm: number } {
  let bandit: BanditState =
    mem.q !== undefined && mem.n !== undefined ? { q: mem.q, n: mem.n } : banditInit(LEARNING_ARMS.length, p.initialValue);
  if (mem.lastArm !== undefined && mem.lastArm >= 0 && mem.lastWealth !== undefined) {
    bandit = banditUpdate(bandit, mem.lastArm, realisedReward(mem.lastWealth, wealth, initialWealth), p.stepSize);
  }
  return { bandit, arm: banditSelect(bandit, p.epsilon, rng) };
}

export const learningPolicy: Policy<LearningParams, LearningMemory> = (obs, state, rng, p) => {
  const { bandit, arm } = learnerStep(state.memory, state.wealth, state.initialWealth, rng, p);
  const fee = tip(p.tipGwei, 0, 0);
  const actions = armAction(LEARNING_ARMS[arm], obs, state, p, fee);
  return { actions, memory: { q: bandit.q, n: bandit.n, lastArm: arm, lastWealth: state.wealth } };
};
