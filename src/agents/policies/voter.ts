// Simple voter: keeps a stake (votes come from staked tokens) and votes once on every active
// proposal by a fixed rule: against self-dealing or oversized grants and extreme fees, otherwise
// for with a probability.
import type { Action, Observation, Policy, ProposalView, Memory } from "../types";
import { buy, chooseTier, hasStakeSlot, stakedOf, tip, toWei, votesAt } from "./common";

export type VoterParams = {
  readonly buyEth: number;
  readonly stakeFraction: number;
  readonly forProbability: number;
  /** Vote against grants larger than this share of their fund. */
  readonly maxGrantShare: number;
  /** Vote against fee proposals above this. */
  readonly maxFeeBps: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const voterDefaults: VoterParams = {
  buyEth: 2,
  stakeFraction: 1,
  forProbability: 0.7,
  maxGrantShare: 0.2,
  maxFeeBps: 500,
  slippageBps: 500,
  tipGwei: 1,
};

export type VoterMemory = Memory;

/** 0 against, 1 for, 2 abstain; the rule is deterministic except the final coin. */
export function judge(obs: Observation, prop: ProposalView, forProbability: number, u: number, p: VoterParams): 0 | 1 | 2 {
  const s = prop.spec;
  if (s.kind === "grant") {
    const fund = obs.treasury[s.fund];
    const share = fund === 0n ? 1 : Number((s.amount * 10_000n) / fund) / 10_000;
    if (s.recipient.toLowerCase() === prop.proposer.toLowerCase() || share > p.maxGrantShare) return 0;
  }
  if (s.kind === "setFees" && (s.buyFeeBps > p.maxFeeBps || s.sellFeeBps > p.maxFeeBps)) return 0;
  return u < forProbability ? 1 : 0;
}

export const voterPolicy: Policy<VoterParams, VoterMemory> = (obs, state, rng, p) => {
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const me = state.address.toLowerCase();
  if (stakedOf(state.account) > 0n) {
    for (const prop of obs.proposals) {
      if (prop.state !== "Active" || prop.voters.some((v) => v.toLowerCase() === me)) continue;
      if (votesAt(state.account, prop.snapshotBlock) === 0n) continue;
      const support = judge(obs, prop, p.forProbability, rng.uniform(), p);
      actions.push({ kind: "vote", proposalId: prop.id, support, reason: "simple-voter rule", priorityFee: fee });
    }
  }
  if (state.account.tokens > 0n && stakedOf(state.account) === 0n && hasStakeSlot(state.account)) {
    const tier = chooseTier(obs.staking.tiers, 0);
    const amount = (state.account.tokens * BigInt(Math.round(p.stakeFraction * 10_000))) / 10_000n;
    if (tier !== undefined && amount > 0n) actions.push({ kind: "stake", amount, tier, priorityFee: fee });
  } else if (state.account.tokens === 0n && !obs.halted && stakedOf(state.account) === 0n && state.account.reserve > toWei(p.buyEth)) {
    actions.push(buy(obs, toWei(p.buyEth), p.slippageBps, fee));
  }
  return { actions, memory: state.memory };
};
