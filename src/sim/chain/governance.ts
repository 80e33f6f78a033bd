// The economy's governance side, kept from the governor's, the timelock's and the slashing
// contract's logs: proposals with their state derived from the events and the block number (the
// client's ProposalTracker; one governor.quorum(snapshot) read per proposal, batched with the
// block's other reads in the block its voting ends, see `reads`), slash cases, recent voters; and
// the economy's own roles that act on them: the council (proposes scheduled changes, votes for
// them) and the keeper (queues, executes, credits honest voters, executes undisputed slashes,
// distributes revenue).
import { getAddress, ZeroAddress, type Result } from "ethers";
import type { ProposalSpec, ProposalView, SlashView } from "../../agents/types";
import type { Scenario } from "../scenarioTypes";
import { ProposalTracker, type TrackedProposal } from "../../client/proposalTracker";
import { SlashCaseBook } from "../../client/slashCases";
import { PROPOSAL_STATES, type ProposalStateName } from "../../client/protocol";
import { IFACES, decodeSpec, descriptionHash, encodeCall, proposalId, specOperations, type Addresses, type Call, type Operations } from "./encode";
import type { LogRouter } from "./logRouter";
import type { MutableFlows } from "./pending";

export { PROPOSAL_STATES };
/** Steps between two revenue distributions (flush, split, release, buy-back). */
export const REVENUE_EVERY = 10;
/** creditVote calls the keeper sends per block at most. */
export const CREDITS_PER_BLOCK = 8;
/** GovernorContributionCredit: credits per voter per epoch (INITIAL_VOTE_CREDITS_PER_EPOCH; MaxVoteCreditsPerEpochSet updates it) and the epoch. */
const INITIAL_CREDITS_PER_EPOCH = 5;
const CREDIT_EPOCH_SECONDS = 7 * 24 * 3600;

/** The curve's parameters as governance last set them (a setCurveParam proposal changes one). */
export interface CurveState {
  readonly names: readonly string[];
  params: bigint[];
}

/** What the simulation keeps beside the tracker's facts. */
interface SimProposal {
  readonly spec: ProposalSpec | undefined;
  /** Scheduled by the council (the keeper votes, queues and executes it). */
  readonly council: boolean;
  /** The keeper sent execute (it is not sent twice). */
  executeSent: boolean;
  /** Voters whose credit the keeper has queued or sent. */
  readonly credited: Set<string>;
  /** Vote weight of each voter (VoteCast), lower case. */
  readonly weights: Map<string, bigint>;
}

/** An eth_call the governance needs after a block, and what to do with its answer. */
export interface GovernanceRead {
  readonly to: string;
  readonly data: string;
  absorb(ret: string): void;
}

/** Sends a transaction from the economy's own account (labelled in actions.ndjson). */
export type SystemSender = (label: string, call: Call) => void;

export class Governance {
  private readonly tracker: ProposalTracker;
  private readonly sim = new Map<string, SimProposal>();
  private readonly cases = new SlashCaseBook();
  /** Disputed cases the council has proposed to resolve. */
  private readonly resolutionProposed = new Set<string>();
  private readonly councilIds = new Set<string>();
  private voters: { block: number; voter: string }[] = [];
  private proposalCounter = 0;
  /** creditVote calls waiting for a block (proposal id, voter), in order. */
  private creditQueue: { id: string; voter: string }[] = [];
  /** Credits per voter in the credit epoch (VoteCredited). */
  private readonly creditsByVoter = new Map<string, { epoch: number; count: number }>();
  private maxCreditsPerEpoch = INITIAL_CREDITS_PER_EPOCH;
  /** Block of the logs being dispatched (set by the caller before dispatching a block). */
  block = 0;

  constructor(
    private readonly a: Addresses,
    private readonly curve: CurveState,
    private readonly deployer: string,
    private readonly system: SystemSender,
  ) {
    this.tracker = new ProposalTracker(a.governor);
  }

  /** Registers the governor's, the timelock's and the slashing contract's events. */
  listen(router: LogRouter, flows: () => MutableFlows): void {
    const g = this.a.governor;
    const sl = this.a.slashing;
    router.on(sl, IFACES.slashing, "SlashProposed", (x) => this.cases.proposed(BigInt(x[0]), String(x[1]), Number(x[2]), Number(x[4])));
    router.on(sl, IFACES.slashing, "SlashDisputed", (x) => this.cases.disputed(BigInt(x[0]), Number(x[2])));
    router.on(sl, IFACES.slashing, "SlashExecuted", (x) => {
      this.cases.closed(BigInt(x[0]));
      flows().slashesExecuted += 1;
    });
    router.on(sl, IFACES.slashing, "SlashCancelled", (x) => this.cases.closed(BigInt(x[0])));
    router.on(g, IFACES.governor, "ProposalCreated", (x) => this.created(x));
    router.on(g, IFACES.governor, "VoteCast", (x) => this.voteCast(x));
    router.on(g, IFACES.governor, "VoteCastWithParams", (x) => this.voteCast(x));
    router.on(g, IFACES.governor, "ProposalExtended", (x) => this.tracker.extended(BigInt(x[0]), Number(x[1])));
    router.on(g, IFACES.governor, "ProposalQueued", (x) => this.tracker.queued(BigInt(x[0]), Number(x[1])));
    router.on(g, IFACES.governor, "ProposalCanceled", (x) => this.tracker.canceled(BigInt(x[0])));
    router.on(g, IFACES.governor, "ProposalExecuted", (x) => {
      const pr = this.tracker.executed(BigInt(x[0]));
      const spec = pr === undefined ? undefined : this.sim.get(pr.id)?.spec;
      if (spec?.kind === "setCurveParam") {
        const i = this.curve.names.indexOf(spec.param);
        if (i >= 0) this.curve.params[i] = spec.value;
      }
    });
    router.on(g, IFACES.governor, "VoteCredited", (x) => {
      this.creditsByVoter.set(String(x[1]).toLowerCase(), { epoch: Number(x[2]), count: Number(x[3]) });
    });
    router.on(g, IFACES.governor, "MaxVoteCreditsPerEpochSet", (x) => {
      this.maxCreditsPerEpoch = Number(x[1]);
    });
    // A proposal run or cancelled on the timelock itself changes the governor's state too.
    router.on(this.a.timelock, IFACES.timelock, "CallExecuted", (x) => this.tracker.timelockDone(String(x[0]), false));
    router.on(this.a.timelock, IFACES.timelock, "Cancelled", (x) => this.tracker.timelockDone(String(x[0]), true));
  }

  private created(x: Result): void {
    const ops: Operations = { targets: (x[2] as string[]).map(String), values: (x[3] as bigint[]).map((v) => BigInt(v)), calldatas: (x[5] as string[]).map(String) };
    const pr = this.tracker.created({ id: BigInt(x[0]), proposer: String(x[1]), ops, description: String(x[8]), snapshotBlock: Number(x[6]), deadlineBlock: Number(x[7]) });
    this.sim.set(pr.id, { spec: decodeSpec(this.a, ops, this.curve.names, this.curve.params), council: this.councilIds.has(pr.id), executeSent: false, credited: new Set(), weights: new Map() });
  }

  private voteCast(x: Result): void {
    const voter = String(x[0]).toLowerCase();
    this.voters.push({ block: this.block, voter: getAddress(voter) });
    if (this.voters.length > 10_000) this.voters.splice(0, this.voters.length - 5_000);
    const pr = this.tracker.voteCast(BigInt(x[1]), voter, Number(x[2]), BigInt(x[3]));
    if (pr !== undefined) this.sim.get(pr.id)?.weights.set(voter, BigInt(x[3]));
  }

  /** The operations and description of a proposal seen in the logs. */
  operations(id: string): { ops: Operations; description: string } | undefined {
    const pr = this.tracker.get(id);
    return pr === undefined ? undefined : { ops: pr.ops, description: pr.description };
  }

  caseOf(target: string): string | undefined {
    return this.cases.caseOf(target);
  }

  /**
   * After the block `this.block` was dispatched: derives every proposal's state at that block
   * (as governor.state() answers an eth_call at it) and returns the reads that derivation cannot
   * do without, governor.quorum(snapshot) of each proposal whose voting has just ended. The
   * caller batches them with the block's other reads and hands each answer to `absorb`.
   */
  reads(): GovernanceRead[] {
    const clock = this.block;
    return this.tracker.derive(clock).map((pr) => ({
      to: this.a.governor,
      data: encodeCall(IFACES.governor, "quorum", [BigInt(pr.snapshotBlock)]),
      absorb: (ret: string) => this.quorumRead(pr, BigInt(ret.length <= 2 ? "0x0" : ret.slice(0, 66)), clock),
    }));
  }

  private quorumRead(pr: TrackedProposal, quorum: bigint, clock: number): void {
    this.tracker.setQuorum(pr.id, quorum, clock);
    // GovernorContributionCredit: a voter is credited if it is not the proposer, had votes at the
    // snapshot, and quorum was reached without its own votes (the keeper sends exactly those).
    const sp = this.sim.get(pr.id);
    if (sp === undefined || pr.canceled) return;
    const counted = pr.forVotes + pr.abstainVotes;
    const proposer = pr.proposer.toLowerCase();
    for (const voter of pr.voters) {
      const w = sp.weights.get(voter) ?? 0n;
      if (voter === proposer || w === 0n || sp.credited.has(voter)) continue;
      if ((counted > w ? counted - w : 0n) < quorum) continue;
      sp.credited.add(voter);
      this.creditQueue.push({ id: pr.id, voter });
    }
  }

  /** The derived state of every proposal seen (for checks against governor.state()). */
  states(): Map<string, ProposalStateName> {
    return new Map([...this.tracker.all()].map((p) => [p.id, p.state]));
  }

  /** The council proposes a scheduled change (it then votes, queues and executes it as keeper). */
  councilPropose(spec: ProposalSpec, step: number): void {
    const ops = specOperations(this.a, spec, this.curve.params, this.curve.names);
    const description = `council #${++this.proposalCounter} step ${step}: ${spec.kind}#proposer=${this.deployer}`; // bound to the council (OZ suffix): a copy sent first cannot block it
    this.system(`propose:${spec.kind}`, { to: this.a.governor, value: 0n, data: encodeCall(IFACES.governor, "propose", [ops.targets, ops.values, ops.calldatas, description]) });
    this.councilIds.add(proposalId(ops, description).toString());
  }

  /** Keeper and council duties for the block about to be mined (timestamp `ts`, number `n`). */
  keeper(ts: number, n: number, step: number): void {
    const me = this.deployer.toLowerCase();
    for (const pr of this.tracker.all()) {
      const sp = this.sim.get(pr.id);
      if (sp === undefined || !sp.council) continue;
      if ((pr.state === "Pending" || pr.state === "Active") && n > pr.snapshotBlock && !pr.voters.includes(me)) {
        pr.voters.push(me);
        this.system("council:vote", { to: this.a.governor, value: 0n, data: encodeCall(IFACES.governor, "castVoteWithReason", [BigInt(pr.id), 1, "council"]) });
      } else if (pr.state === "Succeeded") {
        pr.state = "Queued"; // optimistic (not queued twice); derived again after the block
        this.system("keeper:queue", { to: this.a.governor, value: 0n, data: encodeCall(IFACES.governor, "queue", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      } else if (pr.state === "Queued" && pr.eta > 0 && ts >= pr.eta && !sp.executeSent) {
        sp.executeSent = true;
        this.system(`keeper:execute:${sp.spec?.kind ?? "unknown"}`, { to: this.a.governor, value: 0n, data: encodeCall(IFACES.governor, "execute", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      }
    }
    // Undisputed slashes execute once their window has closed; disputed ones go to governance.
    for (const c of this.cases.open()) {
      if (!c.disputed && ts >= c.deadline) {
        this.cases.closed(c.id); // optimistic (not executed twice); SlashExecuted confirms it
        this.system("keeper:executeSlash", { to: this.a.slashing, value: 0n, data: encodeCall(IFACES.slashing, "executeSlash", [BigInt(c.id)]) });
      } else if (c.disputed && !this.resolutionProposed.has(c.id)) {
        this.resolutionProposed.add(c.id);
        this.councilPropose({ kind: "resolveSlash", slashId: c.id, uphold: true }, step);
      }
    }
    if (step > 0 && step % REVENUE_EVERY === 0) {
      this.system("revenue:flushFees", { to: this.a.market, value: 0n, data: encodeCall(IFACES.market, "flushFees") });
      for (const bucket of [0, 1, 2, 3]) this.system(`revenue:release${bucket}`, { to: this.a.splitter, value: 0n, data: encodeCall(IFACES.splitter, "release", [bucket, ZeroAddress]) });
      this.system("revenue:buyBackAndBurn", { to: this.a.splitter, value: 0n, data: encodeCall(IFACES.splitter, "buyBackAndBurn") });
    }
    this.credit(ts);
  }

  /**
   * creditVote for the voters queued when their proposal's voting ended (at most CREDITS_PER_BLOCK
   * a block). A voter at the epoch's credit cap would revert (GovernorCreditEpochCapReached): its
   * credit is dropped, as the contract would refuse it now.
   */
  private credit(ts: number): void {
    const epoch = Math.floor(ts / CREDIT_EPOCH_SECONDS);
    let sent = 0;
    while (sent < CREDITS_PER_BLOCK && this.creditQueue.length > 0) {
      const c = this.creditQueue.shift() as { id: string; voter: string };
      const had = this.creditsByVoter.get(c.voter);
      const count = had !== undefined && had.epoch === epoch ? had.count : 0;
      if (count >= this.maxCreditsPerEpoch) continue;
      this.creditsByVoter.set(c.voter, { epoch, count: count + 1 }); // VoteCredited confirms it after the block
      this.system("keeper:creditVote", { to: this.a.governor, value: 0n, data: encodeCall(IFACES.governor, "creditVote", [BigInt(c.id), getAddress(c.voter)]) });
      sent++;
    }
  }

  proposalViews(nextBlock: number): ProposalView[] {
    const out: ProposalView[] = [];
    for (const pr of this.tracker.all()) {
      const spec = this.sim.get(pr.id)?.spec;
      const live = pr.state === "Pending" || pr.state === "Active" || pr.state === "Succeeded" || pr.state === "Queued";
      if (!live && pr.deadlineBlock < nextBlock - 5) continue;
      if (spec === undefined) continue;
      out.push({ id: pr.id, proposer: pr.proposer, spec, state: pr.state, snapshotBlock: pr.snapshotBlock, forVotes: pr.forVotes, againstVotes: pr.againstVotes, abstainVotes: pr.abstainVotes, voters: [...pr.voters] });
    }
    return out;
  }

  slashViews(s: Scenario): SlashView[] {
    const out: SlashView[] = [];
    for (const c of this.cases.open()) {
      out.push({ id: c.id, target: c.target, severityBps: c.severityBps, disputed: c.disputed, disputeDeadlineStep: Math.floor((c.deadline - s.startTimestamp) / s.secondsPerBlock) - 1 });
    }
    return out;
  }

  /** Voters of blocks after `sinceBlock`, sorted. */
  recentVoters(sinceBlock: number): string[] {
    return [...new Set(this.voters.filter((x) => x.block > sinceBlock).map((x) => x.voter))].sort();
  }
}
