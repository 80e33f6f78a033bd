// Sandwich attacker: reads the pending pool, picks the largest buy by another account and brackets
// it: a buy with a higher priority fee (mined before the victim, pushing the price up) and a sell
// with a lower fee (mined after it, selling into the victim's price impact).
import type { Action, BuyAction, PendingTx, Policy } from "../types";
import { buy, sell, tokensAtSpot, toWei } from "./common";

export type SandwichParams = {
  /** Smallest victim buy worth attacking, ether. */
  readonly minVictimEth: number;
  /** Front-run size as a multiple of the victim's size. */
  readonly frontMultiple: number;
  /** Largest front-run, ether. */
  readonly maxFrontEth: number;
  /** Fee step above / below the victim's tip, gwei. */
  readonly tipStepGwei: number;
  /** Share of the spot-price token estimate sold back (the curve gives fewer tokens than spot). */
  readonly backrunFraction: number;
  readonly slippageBps: number;
};

export const sandwichDefaults: SandwichParams = {
  minVictimEth: 0.5,
  frontMultiple: 1,
  maxFrontEth: 50,
  tipStepGwei: 1,
  backrunFraction: 0.9,
  slippageBps: 10_000,
};

export type SandwichMemory = { readonly attacks?: number };

type PendingBuy = PendingTx & { readonly action: BuyAction };

/** The largest pending buy from someone else at least `min` in size (ties: earliest in the pool). */
export function largestVictim(pending: readonly PendingTx[], self: string, min: bigint): PendingBuy | undefined {
  let best: PendingBuy | undefined;
  for (const tx of pending) {
    if (tx.action.kind !== "buy" || tx.from.toLowerCase() === self.toLowerCase()) continue;
    if (tx.action.reserveIn < min) continue;
    if (best === undefined || tx.action.reserveIn > best.action.reserveIn) best = tx as PendingBuy;
  }
  return best;
}

export const sandwichPolicy: Policy<SandwichParams, SandwichMemory> = (obs, state, _rng, p) => {
  const attacks = state.memory.attacks ?? 0;
  const victim = obs.halted ? undefined : largestVictim(obs.pending, state.address, toWei(p.minVictimEth));
  if (victim === undefined) return { actions: [], memory: { attacks } };
  const wanted = (victim.action.reserveIn * BigInt(Math.round(p.frontMultiple * 10_000))) / 10_000n;
  const cap = toWei(p.maxFrontEth) < state.account.reserve ? toWei(p.maxFrontEth) : state.account.reserve;
  const front = wanted < cap ? wanted : cap;
  if (front === 0n) return { actions: [], memory: { attacks } };
  const step = BigInt(Math.round(p.tipStepGwei * 1e3)) * 10n ** 6n;
  const victimFee = victim.action.priorityFee;
  const backFee = victimFee > step ? victimFee - step : 0n;
  const estimate = (tokensAtSpot(obs, front) * BigInt(Math.round(p.backrunFraction * 10_000))) / 10_000n;
  const actions: Action[] = [
    buy(obs, front, p.slippageBps, victimFee + step),
    // Leftover inventory from earlier attacks is sold with it.
    sell(obs, estimate + state.account.tokens, p.slippageBps, backFee),
  ];
  return { actions, memory: { attacks: attacks + 1 } };
};
