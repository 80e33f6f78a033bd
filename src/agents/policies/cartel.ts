// Colluding cartel: every member runs this policy with the same (shared) parameters and knows the
// other members (its group). They buy together at the start of each period, sell together after
// `holdSteps`, keep part of their tokens staked, and vote as a bloc: for proposals made by a
// member, against everything else.
//
// With `adaptive` on each member adapts to what failed last time (docs/studies.md):
//   - its buy reverted (breaker halt, slippage): the next buys are half the size;
//   - a round trip (period start to the step after the sell) lost realisable wealth (ether plus
//     liquid and staked tokens at the refund a sale would get, learning/realisable.ts): hold twice as long next
//     time (at most period - 2 steps) and buy no more; after `maxLosses` losing trips in a row it
//     stops pumping and only votes;
//   - a round trip gained: the next buy is 1.5x (at most `maxBuyEth`), losses reset;
//   - a proposal the bloc voted against passed anyway: raise the staked fraction by 0.25 (<= 1)
//     and top the stake up at the next period.
import type { Action, Policy, ProposalView } from "../types";
import { buy, chooseTier, hasStakeSlot, sell, stakedOf, tip, toWei, votesAt } from "./common";
import { realisableWealth } from "../learning/realisable";

export type CartelParams = {
  readonly period: number;
  readonly holdSteps: number;
  readonly buyEthPerMember: number;
  readonly stakeFraction: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
  /** Adapt to what failed last time (see the file comment). */
  readonly adaptive: boolean;
  readonly maxBuyEth: number;
  readonly maxLosses: number;
};

export const cartelDefaults: CartelParams = {
  period: 30,
  holdSteps: 10,
  buyEthPerMember: 5,
  stakeFraction: 0.3,
  slippageBps: 10_000,
  tipGwei: 2,
  adaptive: false,
  maxBuyEth: 40,
  maxLosses: 3,
};

export type CartelMemory = {
  /** Adaptive plan and bookkeeping. */
  readonly buyEth?: number;
  readonly hold?: number;
  readonly stakeFrac?: number;
  readonly losses?: number;
  /** Realisable wealth (wei) at the start of the current round trip; -1 when none is open. */
  readonly startWealth?: bigint;
  readonly stopped?: boolean;
  /** Proposals the bloc voted against, and those of them already learned from. */
  readonly opposed?: readonly string[];
  readonly learned?: readonly string[];
};

/** The bloc's vote on a proposal: for a member's proposal, against any other. */
export function cartelVote(proposer: string, group: readonly string[]): 0 | 1 {
  return group.some((g) => g.toLowerCase() === proposer.toLowerCase()) ? 1 : 0;
}

export interface CartelPlan {
  readonly buyEth: number;
  readonly hold: number;
  readonly stakeFrac: number;
  readonly losses: number;
  readonly stopped: boolean;
}

/** The adaptive rules as a pure function of the plan and what happened. */
export function adaptCartel(
  plan: CartelPlan,
  event: { kind: "buyReverted" } | { kind: "roundTrip"; profitWei: bigint } | { kind: "outvoted" },
  p: CartelParams,
): CartelPlan {
  switch (event.kind) {
    case "buyReverted":
      return { ...plan, buyEth: plan.buyEth / 2 };
    case "roundTrip":
      if (event.profitWei < 0n) {
        const losses = plan.losses + 1;
        return { ...plan, hold: Math.min(Math.max(1, p.period - 2), plan.hold * 2), losses, stopped: losses >= p.maxLosses };
      }
      return { ...plan, buyEth: Math.min(p.maxBuyEth, plan.buyEth * 1.5), losses: 0 };
    case "outvoted":
      return { ...plan, stakeFrac: Math.min(1, plan.stakeFrac + 0.25) };
  }
}

function blocVotes(props: readonly ProposalView[], me: string, group: readonly string[], account: Parameters<typeof votesAt>[0], fee: bigint): Action[] {
  const out: Action[] = [];
  for (const prop of props) {
    if (prop.state !== "Active" || prop.voters.some((v) => v.toLowerCase() === me)) continue;
    if (votesAt(account, prop.snapshotBlock) === 0n) continue;
    out.push({ kind: "vote", proposalId: prop.id, support: cartelVote(prop.proposer, group), reason: "bloc", priorityFee: fee });
  }
  return out;
}

const staticPolicy: Policy<CartelParams, CartelMemory> = (obs, state, _rng, p) => {
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
  if (stakedOf(state.account) > 0n) actions.push(...blocVotes(obs.proposals, state.address.toLowerCase(), state.group, state.account, fee));
  return { actions, memory };
};

const adaptivePolicy: Policy<CartelParams, CartelMemory> = (obs, state, _rng, p) => {
  const m = state.memory;
  let plan: CartelPlan = { buyEth: m.buyEth ?? p.buyEthPerMember, hold: m.hold ?? p.holdSteps, stakeFrac: m.stakeFrac ?? p.stakeFraction, losses: m.losses ?? 0, stopped: m.stopped ?? false };
  let startWealth = m.startWealth ?? -1n;
  const wealth = realisableWealth(state.account, obs);
  let opposed = m.opposed ?? [];
  let learned = m.learned ?? [];
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const phase = obs.step % Math.max(1, p.period);
  const hold = Math.max(1, Math.min(plan.hold, p.period - 2));

  if (state.lastOutcomes.some((o) => o.action.kind === "buy" && !o.ok)) plan = adaptCartel(plan, { kind: "buyReverted" }, p);
  // the round trip closes the step after the sell
  if (startWealth >= 0n && phase === hold + 1) {
    plan = adaptCartel(plan, { kind: "roundTrip", profitWei: wealth - startWealth }, p);
    startWealth = -1n;
  }
  for (const prop of obs.proposals) {
    if (opposed.includes(prop.id) && !learned.includes(prop.id) && (prop.state === "Succeeded" || prop.state === "Queued" || prop.state === "Executed")) {
      plan = adaptCartel(plan, { kind: "outvoted" }, p);
      learned = [...learned, prop.id];
    }
  }

  const buyWei = toWei(Math.max(0, Number(plan.buyEth.toFixed(6))));
  if (!plan.stopped && !obs.halted && phase === 0 && buyWei > 0n && state.account.reserve > buyWei) {
    startWealth = wealth;
    actions.push(buy(obs, buyWei, p.slippageBps, fee));
  } else if (phase === 1 && state.account.tokens > 0n) {
    const staked = stakedOf(state.account);
    const target = ((state.account.tokens + staked) * BigInt(Math.round(plan.stakeFrac * 10_000))) / 10_000n;
    const tier = chooseTier(obs.staking.tiers, 0);
    const amount = target > staked ? target - staked : 0n;
    if (tier !== undefined && amount > 0n && hasStakeSlot(state.account)) actions.push({ kind: "stake", amount: amount > state.account.tokens ? state.account.tokens : amount, tier, priorityFee: fee });
  } else if (!obs.halted && phase === hold && state.account.tokens > 0n && startWealth >= 0n) {
    actions.push(sell(obs, state.account.tokens, p.slippageBps, fee));
  }
  if (stakedOf(state.account) > 0n) {
    const votes = blocVotes(obs.proposals, state.address.toLowerCase(), state.group, state.account, fee);
    for (const v of votes) if (v.kind === "vote" && v.support === 0) opposed = [...opposed, v.proposalId];
    actions.push(...votes);
  }
  return {
    actions,
    memory: { buyEth: plan.buyEth, hold: plan.hold, stakeFrac: plan.stakeFrac, losses: plan.losses, stopped: plan.stopped, startWealth, opposed, learned },
  };
};

export const cartelPolicy: Policy<CartelParams, CartelMemory> = (obs, state, rng, p) =>
  p.adaptive ? adaptivePolicy(obs, state, rng, p) : staticPolicy(obs, state, rng, p);
