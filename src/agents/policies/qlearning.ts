// Q-learning agent: tabular Q-learning over a discretised observation, rewarded by the change of
// its own realisable wealth. The Q-table lives in the policy's memory (a flat number[]), so the
// policy stays a pure function.
//
// State (36 = 3 x 3 x 2 x 2), see docs/studies.md:
//   trend     price change over `trendLookback` steps: down (< -trendBand), flat, up (> trendBand)
//   position  share of realisable wealth held in tokens (liquid + staked): <10%, 10-50%, >=50%
//   breaker   the circuit breaker halts buys: no / yes
//   gov       a proposal is Active or Succeeded/Queued (something may move funds): no / yes
// Actions: hold, buy small, buy large, sell small, sell all, stake half of the liquid tokens.
// Actions that cannot act in the state (buy when halted or without spendable ether, sell without
// tokens, stake without a free slot) are masked out of the choice.
// Reward for the previous action: the step return of realisable wealth, (W_t - W_{t-1}) / W_{t-1}
// (W from learning/realisable.ts): the change of realisable wealth, scale-free across agents and
// over a run in which wealth may grow or shrink many-fold.
import type { Action, AgentState, Observation, Policy } from "../types";
import { epsilonAt, parseScheduleKind } from "../learning/schedule";
import { qInit, qSelect, qUpdate, type QTable } from "../learning/qtable";
import { realisableWealth } from "../learning/realisable";
import { buy, chooseTier, hasStakeSlot, priceChange, sell, tip, toEther, toWei } from "./common";

export const Q_ACTIONS = ["hold", "buySmall", "buyLarge", "sellSmall", "sellAll", "stake"] as const;
export type QAction = (typeof Q_ACTIONS)[number];
export const Q_STATES = 3 * 3 * 2 * 2;

export type QLearningParams = {
  /** Learning rate alpha in (0, 1]. */
  readonly alpha: number;
  /** Discount factor gamma in [0, 1). */
  readonly gamma: number;
  /** Exploration schedule: constant, linear or exponential (see learning/schedule.ts). */
  readonly schedule: string;
  readonly epsilonStart: number;
  readonly epsilonEnd: number;
  /** Decisions to reach epsilonEnd (linear) or the half-life (exponential). */
  readonly epsilonSteps: number;
  readonly trendLookback: number;
  /** Relative price change that counts as a trend. */
  readonly trendBand: number;
  readonly smallFraction: number;
  readonly largeFraction: number;
  readonly initialValue: number;
  readonly keepEth: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const qlearningDefaults: QLearningParams = {
  alpha: 0.1,
  gamma: 0.9,
  schedule: "exponential",
  epsilonStart: 0.3,
  epsilonEnd: 0.02,
  epsilonSteps: 50,
  trendLookback: 3,
  trendBand: 0.002,
  smallFraction: 0.05,
  largeFraction: 0.25,
  initialValue: 0,
  keepEth: 0.1,
  slippageBps: 500,
  tipGwei: 1,
};

export type QLearningMemory = {
  readonly q?: readonly number[];
  /** Decisions taken so far (drives the exploration schedule). */
  readonly t?: number;
  readonly lastState?: number;
  readonly lastAction?: number;
  readonly lastWealth?: bigint;
};

export interface QFeatures {
  readonly trend: 0 | 1 | 2;
  readonly position: 0 | 1 | 2;
  readonly halted: boolean;
  readonly governance: boolean;
}

export function qFeatures(obs: Observation, state: AgentState, p: QLearningParams, wealth: bigint): QFeatures {
  const ch = priceChange(obs.priceHistory, p.trendLookback) ?? 0;
  const trend = ch < -p.trendBand ? 0 : ch > p.trendBand ? 2 : 1;
  const tokenValue = wealth - state.account.reserve - state.account.pendingRewards;
  const share = wealth > 0n ? toEther(tokenValue) / toEther(wealth) : 0;
  const position = share < 0.1 ? 0 : share < 0.5 ? 1 : 2;
  const governance = obs.proposals.some((pr) => pr.state === "Active" || pr.state === "Succeeded" || pr.state === "Queued");
  return { trend, position, halted: obs.halted, governance };
}

export function stateIndex(f: QFeatures): number {
  return ((f.trend * 3 + f.position) * 2 + (f.halted ? 1 : 0)) * 2 + (f.governance ? 1 : 0);
}

function spendable(state: AgentState, p: QLearningParams): bigint {
  const s = state.account.reserve - toWei(p.keepEth);
  return s > 0n ? s : 0n;
}

const frac = (f: number, x: bigint) => (x * BigInt(Math.round(f * 10_000))) / 10_000n;

/** Which actions can do something in this state (hold always can). */
export function allowedActions(obs: Observation, state: AgentState, p: QLearningParams): boolean[] {
  const canBuy = !obs.halted && frac(p.smallFraction, spendable(state, p)) > 0n;
  const canSell = state.account.tokens > 0n;
  const canStake = state.account.tokens / 2n > 0n && hasStakeSlot(state.account) && obs.staking.tiers.length > 0;
  return Q_ACTIONS.map((a) => (a === "hold" ? true : a.startsWith("buy") ? canBuy : a.startsWith("sell") ? canSell : canStake));
}

function actionFor(a: QAction, obs: Observation, state: AgentState, p: QLearningParams): Action[] {
  const fee = tip(p.tipGwei, 0, 0);
  switch (a) {
    case "hold":
      return [];
    case "buySmall":
    case "buyLarge": {
      const amount = frac(a === "buySmall" ? p.smallFraction : p.largeFraction, spendable(state, p));
      return amount > 0n && !obs.halted ? [buy(obs, amount, p.slippageBps, fee)] : [];
    }
    case "sellSmall":
    case "sellAll": {
      const tokens = a === "sellAll" ? state.account.tokens : frac(p.smallFraction, state.account.tokens);
      return tokens > 0n ? [sell(obs, tokens, p.slippageBps, fee)] : [];
    }
    case "stake": {
      const tier = chooseTier(obs.staking.tiers, 0);
      const amount = state.account.tokens / 2n;
      return tier !== undefined && amount > 0n && hasStakeSlot(state.account) ? [{ kind: "stake", amount, tier, priorityFee: fee }] : [];
    }
  }
}

/** Reward of the previous action: realisable wealth change relative to the wealth before it. */
export function qReward(lastWealth: bigint, wealth: bigint): number {
  if (lastWealth <= 0n) return 0;
  return toEther(wealth - lastWealth) / toEther(lastWealth);
}

export const qlearningPolicy: Policy<QLearningParams, QLearningMemory> = (obs, state, rng, p) => {
  const mem = state.memory;
  const wealth = realisableWealth(state.account, obs);
  const s = stateIndex(qFeatures(obs, state, p, wealth));
  let table: QTable = mem.q !== undefined ? { states: Q_STATES, actions: Q_ACTIONS.length, q: mem.q } : qInit(Q_STATES, Q_ACTIONS.length, p.initialValue);
  if (mem.lastState !== undefined && mem.lastAction !== undefined && mem.lastWealth !== undefined) {
    table = qUpdate(table, mem.lastState, mem.lastAction, qReward(mem.lastWealth, wealth), s, p.alpha, p.gamma);
  }
  const t = mem.t ?? 0;
  const eps = epsilonAt({ kind: parseScheduleKind(p.schedule), start: p.epsilonStart, end: p.epsilonEnd, steps: p.epsilonSteps }, t);
  const a = qSelect(table, s, eps, rng, allowedActions(obs, state, p));
  return {
    actions: actionFor(Q_ACTIONS[a], obs, state, p),
    memory: { q: table.q, t: t + 1, lastState: s, lastAction: a, lastWealth: wealth },
  };
};

