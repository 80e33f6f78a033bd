// Colluding cartel: every member runs this policy with the same (shared) parameters and knows the
// other members (its group). They buy together at the start of each period, sell together after
// `holdSteps`, keep part of their tokens staked, and vote as a bloc: for proposals made by a
// member, against everything else.
import type { Action, Policy, Memory } from "../types";
import { buy, chooseTier, sell, stakedOf, tip, toWei, votesAt } from "./common";

export type CartelParams = {
  readonly period: number;
  readonly holdSteps: number;
  readonly buyEthPerMember: number;
  readonly stakeFraction: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const cartelDefaults: CartelParams = {
  period: 30,
  holdSteps: 10,
  buyEthPerMember: 5,
  stakeFraction: 0.3,
  slippageBps: 10_000,
  tipGwei: 2,
};

export type CartelMemory = Memory;

/** The bloc's vote on a proposal: for a member's proposal, against any other. */
export function cartelVote(proposer: string, group: readonly string[]): 0 | 1 {
  return group.some((g) => g.toLowerCase() === proposer.toLowerCase()) ? 1 : 0;
}

export const cartelPolicy: Policy<CartelParams, CartelMemory> = (obs, state, _rng, p) => {
  const memory = state.memory;
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const phase = obs.step % Math.max(1, p.period);
  if (!obs.halted && phase === 0 && state.account.reserve > toWei(p.buyEthPerMember)) {
    actions.push(buy(obs, toWei(p.buyEthPerMember), p.slippageBps, fee));
  } else if (phase === 1 && stakedOf(state.account) === 0n && state.account.tokens > 0n) {
    const tier = chooseTier(obs.staking.tiers, 0);
    const amount = (state.account.tokens * BigInt(Math.round(p.stakeFraction * 10_000))) / 10_000n;
    if (tier !== undefined && amount > 0n) actions.push({ kind: "stake", amount, tier, priorityFee: fee });
  } else if (!obs.halted && phase === p.holdSteps && state.account.tokens > 0n) {
    actions.push(sell(obs, state.account.tokens, p.slippageBps, fee));
  }
  if (stakedOf(state.account) > 0n) {
    const me = state.address.toLowerCase();
    for (const prop of obs.proposals) {
      if (prop.state !== "Active" || prop.voters.some((v) => v.toLowerCase() === me)) continue;
      if (votesAt(state.account, prop.snapshotBlock) === 0n) continue;
      actions.push({ kind: "vote", proposalId: prop.id, support: cartelVote(prop.proposer, state.group), reason: "bloc", priorityFee: fee });
    }
  }
  return { actions, memory };
};
