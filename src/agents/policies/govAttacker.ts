// Governance attacker: tries to pass a treasury drain. Buys tokens, stakes them (votes come from
// stake), proposes a grant of a fund to itself, votes for it, then queues and executes it.
import type { Action, Fund, Policy, ProposalView } from "../types";
import { buy, chooseTier, stakedOf, tip, toWei, votesAt } from "./common";

export type GovAttackerParams = {
  readonly startStep: number;
  readonly acquireEth: number;
  readonly acquireSteps: number;
  readonly fund: string;
  /** Share of the fund requested. */
  readonly drainShare: number;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const govAttackerDefaults: GovAttackerParams = {
  startStep: 5,
  acquireEth: 100,
  acquireSteps: 5,
  fund: "welfare",
  drainShare: 1,
  slippageBps: 10_000,
  tipGwei: 2,
};

export type GovAttackerMemory = { readonly phase?: string; readonly since?: number };

function ownDrain(proposals: readonly ProposalView[], self: string): ProposalView | undefined {
  const me = self.toLowerCase();
  return proposals.find(
    (pr) => pr.proposer.toLowerCase() === me && pr.spec.kind === "grant" && pr.spec.recipient.toLowerCase() === me,
  );
}

function asFund(name: string): Fund {
  return name === "solidarity" || name === "development" ? name : "welfare";
}

export const govAttackerPolicy: Policy<GovAttackerParams, GovAttackerMemory> = (obs, state, _rng, p) => {
  let phase = state.memory.phase ?? "wait";
  let since = state.memory.since ?? 0;
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const me = state.address;

  if (phase === "wait" && obs.step >= p.startStep) {
    phase = "acquire";
    since = obs.step;
  }
  if (phase === "acquire") {
    const perStep = toWei(p.acquireEth / Math.max(1, p.acquireSteps));
    if (obs.step - since >= p.acquireSteps || state.account.reserve <= perStep) {
      phase = "stake";
    } else if (!obs.halted) {
      actions.push(buy(obs, perStep, p.slippageBps, fee));
    }
  }
  if (phase === "stake") {
    const tier = chooseTier(obs.staking.tiers, 0);
    if (state.account.tokens > 0n && tier !== undefined) {
      actions.push({ kind: "stake", amount: state.account.tokens, tier, priorityFee: fee });
      return { actions, memory: { phase, since } };
    }
    if (stakedOf(state.account) > 0n) phase = "propose";
  }
  if (phase === "propose") {
    const fund = asFund(p.fund);
    const amount = (obs.treasury[fund] * BigInt(Math.round(p.drainShare * 10_000))) / 10_000n;
    const existing = ownDrain(obs.proposals, me);
    if (existing !== undefined) {
      phase = "push";
    } else if (amount > 0n) {
      actions.push({
        kind: "propose",
        spec: { kind: "grant", fund, recipient: me, amount },
        description: `Grant to ${me} from the ${fund} fund`,
        priorityFee: fee,
      });
      return { actions, memory: { phase: "push", since: obs.step } };
    }
  }
  if (phase === "push") {
    const prop = ownDrain(obs.proposals, me);
    if (prop === undefined) return { actions, memory: { phase, since } };
    const voted = prop.voters.some((v) => v.toLowerCase() === me.toLowerCase());
    if (prop.state === "Active" && !voted && votesAt(state.account, prop.snapshotBlock) > 0n) {
      actions.push({ kind: "vote", proposalId: prop.id, support: 1, reason: "", priorityFee: fee });
    } else if (prop.state === "Succeeded") {
      actions.push({ kind: "queue", proposalId: prop.id, priorityFee: fee });
    } else if (prop.state === "Queued") {
      actions.push({ kind: "execute", proposalId: prop.id, priorityFee: fee });
    } else if (prop.state !== "Active" && prop.state !== "Pending") {
      phase = "done";
    }
  }
  return { actions, memory: { phase, since } };
};
