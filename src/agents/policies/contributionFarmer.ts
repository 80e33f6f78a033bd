// Contribution farmer (adversarial, issue 9 §2): buys and stakes once, then farms the vote credit
// of Proof-of-Contribution staking for the cost of gas: every `proposeEvery` steps it proposes a
// change that changes nothing (the fees the market already has), votes for each of its own
// proposals while they are Active, and touches its account (claim) every `claimEvery` steps so any
// credit reaches its reward weight at once. Before issue 9 each such vote raised its boost (the
// 1.5x cap after ten votes); now a vote on one's own proposal earns nothing.
import type { Action, Policy } from "../types";
import { buy, chooseTier, hasStakeSlot, stakedOf, tip, toWei, votesAt } from "./common";

export type ContributionFarmerParams = {
  /** Ether spent on the single purchase that is staked. */
  readonly buyEth: number;
  /** Steps between two no-op proposals. */
  readonly proposeEvery: number;
  /** Steps between two claims (the touch that folds any vote credit into the weight). */
  readonly claimEvery: number;
  /** At most this many proposals over the run. */
  readonly maxProposals: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const contributionFarmerDefaults: ContributionFarmerParams = {
  buyEth: 5,
  proposeEvery: 5,
  claimEvery: 3,
  maxProposals: 40,
  slippageBps: 500,
  tipGwei: 1,
};

export type ContributionFarmerMemory = { readonly proposals?: number; readonly lastProposeStep?: number };

export const contributionFarmerPolicy: Policy<ContributionFarmerParams, ContributionFarmerMemory> = (obs, state, _rng, p) => {
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const me = state.address.toLowerCase();
  let proposals = state.memory.proposals ?? 0;
  let lastProposeStep = state.memory.lastProposeStep ?? -p.proposeEvery;
  const staked = stakedOf(state.account);

  if (staked === 0n) {
    if (state.account.tokens > 0n && hasStakeSlot(state.account)) {
      const tier = chooseTier(obs.staking.tiers, 0);
      if (tier !== undefined) actions.push({ kind: "stake", amount: state.account.tokens, tier, priorityFee: fee });
    } else if (state.account.tokens === 0n && state.account.stakes.length === 0 && !obs.halted && state.account.reserve > toWei(p.buyEth)) {
      actions.push(buy(obs, toWei(p.buyEth), p.slippageBps, fee));
    }
    return { actions, memory: { proposals, lastProposeStep } };
  }

  // Vote for every own proposal that is open and that its stake can vote on.
  for (const prop of obs.proposals) {
    if (prop.proposer.toLowerCase() !== me || prop.state !== "Active") continue;
    if (prop.voters.some((v) => v.toLowerCase() === me) || votesAt(state.account, prop.snapshotBlock) === 0n) continue;
    actions.push({ kind: "vote", proposalId: prop.id, support: 1, reason: "farm", priorityFee: fee });
  }
  if (proposals < p.maxProposals && obs.step - lastProposeStep >= p.proposeEvery) {
    actions.push({
      kind: "propose",
      spec: { kind: "setFees", buyFeeBps: obs.buyFeeBps, sellFeeBps: obs.sellFeeBps },
      description: `keep fees ${obs.buyFeeBps}/${obs.sellFeeBps} (#${proposals + 1})`,
      priorityFee: fee,
    });
    proposals += 1;
    lastProposeStep = obs.step;
  }
  if (obs.step % Math.max(1, p.claimEvery) === 0) actions.push({ kind: "claim", priorityFee: fee });
  return { actions, memory: { proposals, lastProposeStep } };
};
