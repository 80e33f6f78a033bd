// Pump-and-dump whale: waits, accumulates with large buys until the price is up by a target (or
// time runs out), then dumps its whole position over a few steps. Repeats for `cycles` cycles.
import type { Action, Policy } from "../types";
import { buy, sell, toEther, toWei, tip } from "./common";

export type WhaleParams = {
  readonly startStep: number;
  readonly pumpSteps: number;
  readonly buyEthPerStep: number;
  readonly targetGain: number;
  readonly dumpSteps: number;
  readonly cycles: number;
  readonly restSteps: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const whaleDefaults: WhaleParams = {
  startStep: 10,
  pumpSteps: 10,
  buyEthPerStep: 20,
  targetGain: 0.3,
  dumpSteps: 3,
  cycles: 2,
  restSteps: 20,
  slippageBps: 10_000,
  tipGwei: 3,
};

export type WhalePhase = "wait" | "pump" | "dump" | "rest" | "done";
export type WhaleMemory = {
  readonly phase?: string;
  readonly since?: number;
  readonly entryPrice?: bigint;
  readonly cycle?: number;
};

export const whalePolicy: Policy<WhaleParams, WhaleMemory> = (obs, state, _rng, p) => {
  let phase = (state.memory.phase ?? "wait") as WhalePhase;
  let since = state.memory.since ?? 0;
  let entryPrice = state.memory.entryPrice ?? 0n;
  let cycle = state.memory.cycle ?? 0;
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const elapsed = obs.step - since;

  if (phase === "wait" && obs.step >= p.startStep) {
    phase = "pump";
    since = obs.step;
    entryPrice = obs.spotPrice;
  } else if (phase === "rest" && elapsed >= p.restSteps) {
    phase = cycle >= p.cycles ? "done" : "pump";
    since = obs.step;
    entryPrice = obs.spotPrice;
  }
  if (phase === "pump") {
    const gain = entryPrice === 0n ? 0 : toEther(obs.spotPrice) / toEther(entryPrice) - 1;
    if (gain >= p.targetGain || obs.step - since >= p.pumpSteps) {
      phase = "dump";
      since = obs.step;
    } else if (!obs.halted && state.account.reserve > toWei(p.buyEthPerStep)) {
      actions.push(buy(obs, toWei(p.buyEthPerStep), p.slippageBps, fee));
    }
  }
  if (phase === "dump") {
    const left = Math.max(1, p.dumpSteps - (obs.step - since));
    const tokens = state.account.tokens / BigInt(left);
    if (tokens > 0n && !obs.halted) actions.push(sell(obs, tokens, p.slippageBps, fee));
    if (state.account.tokens === 0n || obs.step - since >= p.dumpSteps) {
      cycle += 1;
      phase = "rest";
      since = obs.step;
    }
  }
  return { actions, memory: { phase, since, entryPrice, cycle } };
};
