// Fake Governor + timelock: proposals over staked votes (snapshot before the proposal), simple
// counting, quorum as a share of staked tokens, queue/execute after a timelock delay.
import type { ProposalSpec, ProposalState } from "../../agents/types";
import type { FakeAccount, FakeProposal, FakeState } from "./state";
import type { Flows } from "./flows";
import { check } from "./revert";
import { executeSlash, votesAt } from "./staking";
import { buyCost } from "./linearCurve";

export function proposalState(st: FakeState, p: FakeProposal): ProposalState {
  if (p.executed) return "Executed";
  if (st.block <= p.snapshotBlock) return "Pending";
  if (st.block <= p.endBlock) return "Active";
  const passed = p.forVotes > p.againstVotes && p.forVotes + p.abstainVotes >= p.quorum;
  if (!passed) return "Defeated";
  return p.queuedEta > 0 ? "Queued" : "Succeeded";
}

export function propose(st: FakeState, proposer: string, spec: ProposalSpec, votes: bigint): FakeProposal {
  check(votes >= st.cfg.proposalThreshold, "BelowProposalThreshold");
  const snapshot = st.block + st.cfg.votingDelayBlocks;
  const p: FakeProposal = {
    id: `p${st.proposals.length + 1}`,
    proposer,
    spec,
    snapshotBlock: snapshot,
    endBlock: snapshot + st.cfg.votingPeriodBlocks,
    quorum: (st.totalStaked * BigInt(st.cfg.quorumBps)) / 10_000n,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    voters: [],
    queuedEta: 0,
    executed: false,
  };
  st.proposals.push(p);
  return p;
}

export function find(st: FakeState, id: string): FakeProposal {
  const p = st.proposals.find((x) => x.id === id);
  check(p !== undefined, "UnknownProposal");
  return p;
}

export function vote(st: FakeState, a: FakeAccount, id: string, support: 0 | 1 | 2): void {
  const p = find(st, id);
  check(proposalState(st, p) === "Active", "ProposalNotActive");
  check(!p.voters.includes(a.address), "AlreadyVoted");
  const w = votesAt(a, p.snapshotBlock);
  check(w > 0n, "NoVotingPower");
  p.voters.push(a.address);
  if (support === 1) p.forVotes += w;
  else if (support === 0) p.againstVotes += w;
  else p.abstainVotes += w;
  st.epochVoters.add(a.address);
}

export function queue(st: FakeState, id: string): void {
  const p = find(st, id);
  check(proposalState(st, p) === "Succeeded", "ProposalNotSuccessful");
  p.queuedEta = st.block + st.cfg.timelockBlocks;
}

export function execute(st: FakeState, id: string, flows: Flows): void {
  const p = find(st, id);
  check(proposalState(st, p) === "Queued", "ProposalNotQueued");
  check(st.block >= p.queuedEta, "TimelockNotReady");
  applySpec(st, p.spec, flows);
  p.executed = true;
}

/** What the timelock does when a proposal (or a scheduled event) executes. */
export function applySpec(st: FakeState, spec: ProposalSpec, flows: Flows): void {
  switch (spec.kind) {
    case "setFees":
      check(spec.buyFeeBps <= 1000 && spec.sellFeeBps <= 1000, "FeeTooHigh");
      st.buyFeeBps = spec.buyFeeBps;
      st.sellFeeBps = spec.sellFeeBps;
      return;
    case "grant": {
      check(st.funds[spec.fund] >= spec.amount, "InsufficientFund");
      const to = st.accounts.get(spec.recipient.toLowerCase());
      check(to !== undefined, "UnknownRecipient");
      st.funds[spec.fund] -= spec.amount;
      to.reserve += spec.amount;
      if (spec.fund === "welfare") flows.welfarePaid += spec.amount;
      if (spec.fund === "solidarity") flows.solidarityPaid += spec.amount;
      return;
    }
    case "setCurveParam":
      check(spec.param === "slope" || spec.param === "intercept", "UnknownCurveParam");
    {
      const next = spec.param === "slope" ? { ...st.curve, slope: spec.value } : { ...st.curve, intercept: spec.value };
      // Only a change that keeps the whole supply redeemable is allowed (SPEC 1.2 dynamic parameters).
      check(st.reserve >= buyCost(next, 0n, st.supply), "WouldBeInsolvent");
      st.curve = next;
      return;
    }
    case "resolveSlash": {
      const c = st.slashes.find((x) => x.id === spec.slashId);
      check(c !== undefined && !c.done, "UnknownSlash");
      c.done = true;
      const t = st.accounts.get(c.target);
      if (spec.uphold && t !== undefined) {
        executeSlash(st, t, c.severityBps, c.held);
        flows.slashesExecuted += 1;
      }
      return;
    }
  }
}
