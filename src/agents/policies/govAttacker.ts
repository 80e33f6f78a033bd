// Governance attacker: tries to pass a treasury drain. Buys tokens, stakes them (votes come from
// stake), proposes a grant of a fund to itself, votes for it, then queues and executes it.
//
// With `adaptive` on it is strategic: it adapts to what failed last time (docs/studies.md).
//   - Defeated (or expired, cancelled): the ask was too greedy or its votes too few: the next
//     attempt asks for half the share and first buys and stakes twice as much as last time.
//   - The proposal transaction reverted (e.g. below the proposal threshold): buy and stake more
//     (twice as much) before proposing again.
//   - Executed: the drain worked: repeat it with the same ask.
//   - It stops after `maxAttempts` proposals and never spends below its reserve's floor; it waits
//     `retryDelay` steps between attempts.
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
  /** Adapt to what failed last time (see the file comment). */
  readonly adaptive: boolean;
  readonly maxAttempts: number;
  readonly retryDelay: number;
};

export const govAttackerDefaults: GovAttackerParams = {
  startStep: 5,
  acquireEth: 100,
  acquireSteps: 5,
  fund: "welfare",
  drainShare: 1,
  slippageBps: 10_000,
  tipGwei: 2,
  adaptive: false,
  maxAttempts: 4,
  retryDelay: 5,
};

export type GovAttackerMemory = {
  readonly phase?: string;
  readonly since?: number;
  /** Adaptive: proposals made so far, the current plan, and proposals already settled. */
  readonly attempts?: number;
  readonly acquireEth?: number;
  readonly drainShare?: number;
  readonly settled?: readonly string[];
  readonly lastLesson?: string;
};

function ownDrains(proposals: readonly ProposalView[], self: string): ProposalView[] {
  const me = self.toLowerCase();
  return proposals.filter((pr) => pr.proposer.toLowerCase() === me && pr.spec.kind === "grant" && pr.spec.recipient.toLowerCase() === me);
}

function asFund(name: string): Fund {
  return name === "solidarity" || name === "development" ? name : "welfare";
}

const FINISHED = new Set(["Defeated", "Expired", "Canceled", "Executed"]);

export type Lesson = "defeated" | "proposeReverted" | "executed";

/** The adaptive rule: the next plan after an attempt ended with `lesson`. */
export function adaptPlan(plan: { acquireEth: number; drainShare: number }, lesson: Lesson): { acquireEth: number; drainShare: number } {
  switch (lesson) {
    case "defeated":
      return { acquireEth: plan.acquireEth * 2, drainShare: plan.drainShare / 2 };
    case "proposeReverted":
      return { acquireEth: plan.acquireEth * 2, drainShare: plan.drainShare };
    case "executed":
      return plan;
  }
}

export const govAttackerPolicy: Policy<GovAttackerParams, GovAttackerMemory> = (obs, state, _rng, p) => {
  const m = state.memory;
  let phase = m.phase ?? "wait";
  let since = m.since ?? 0;
  let attempts = m.attempts ?? 0;
  let plan = { acquireEth: m.acquireEth ?? p.acquireEth, drainShare: m.drainShare ?? p.drainShare };
  let settled = m.settled ?? [];
  let lastLesson = m.lastLesson ?? "";
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  const me = state.address;
  const mem = (): GovAttackerMemory =>
    p.adaptive ? { phase, since, attempts, acquireEth: plan.acquireEth, drainShare: plan.drainShare, settled, lastLesson } : { phase, since };
  const current = () => ownDrains(obs.proposals, me).find((pr) => !settled.includes(pr.id));
  const learn = (lesson: Lesson) => {
    plan = adaptPlan(plan, lesson);
    lastLesson = lesson;
    phase = attempts >= p.maxAttempts ? "done" : "retry";
    since = obs.step;
  };

  // adaptive: a propose that reverted last block is a lesson too
  if (p.adaptive && phase === "push" && current() === undefined && state.lastOutcomes.some((o) => o.action.kind === "propose" && !o.ok)) {
    learn("proposeReverted");
  }
  if (phase === "retry" && obs.step - since >= p.retryDelay) {
    phase = "acquire";
    since = obs.step;
  }
  if (phase === "wait" && obs.step >= p.startStep) {
    phase = "acquire";
    since = obs.step;
  }
  if (phase === "acquire") {
    const perStep = toWei(plan.acquireEth / Math.max(1, p.acquireSteps));
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
      return { actions, memory: mem() };
    }
    if (stakedOf(state.account) > 0n) phase = "propose";
  }
  if (phase === "propose") {
    const fund = asFund(p.fund);
    const amount = (obs.treasury[fund] * BigInt(Math.round(plan.drainShare * 10_000))) / 10_000n;
    const existing = p.adaptive ? current() : ownDrains(obs.proposals, me)[0];
    if (existing !== undefined) {
      phase = "push";
    } else if (amount > 0n) {
      actions.push({
        kind: "propose",
        spec: { kind: "grant", fund, recipient: me, amount },
        description: p.adaptive ? `Grant to ${me} from the ${fund} fund (attempt ${attempts + 1})` : `Grant to ${me} from the ${fund} fund`,
        priorityFee: fee,
      });
      attempts += 1;
      phase = "push";
      since = obs.step;
      return { actions, memory: mem() };
    }
  }
  if (phase === "push") {
    const prop = p.adaptive ? current() : ownDrains(obs.proposals, me)[0];
    if (prop === undefined) return { actions, memory: mem() };
    const voted = prop.voters.some((v) => v.toLowerCase() === me.toLowerCase());
    if (prop.state === "Active" && !voted && votesAt(state.account, prop.snapshotBlock) > 0n) {
      actions.push({ kind: "vote", proposalId: prop.id, support: 1, reason: "", priorityFee: fee });
    } else if (prop.state === "Succeeded") {
      actions.push({ kind: "queue", proposalId: prop.id, priorityFee: fee });
    } else if (prop.state === "Queued") {
      actions.push({ kind: "execute", proposalId: prop.id, priorityFee: fee });
    } else if (prop.state !== "Active" && prop.state !== "Pending") {
      if (p.adaptive && FINISHED.has(prop.state)) {
        settled = [...settled, prop.id];
        learn(prop.state === "Executed" ? "executed" : "defeated");
      } else phase = "done";
    }
  }
  return { actions, memory: mem() };
};
