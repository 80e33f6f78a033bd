// The economy's governance side, kept from the governor's and the slashing contract's logs:
// proposals (created, votes, queued, executed; their state is read back from the governor once per
// block in the same batch as the other reads, see ChainEconomy.mine), slash cases, recent voters;
// and the economy's own roles that act on them: the council (proposes scheduled changes, votes
// for them) and the keeper (queues, executes, executes undisputed slashes, distributes revenue).
import { getAddress, ZeroAddress, type Result } from "ethers";
import type { ProposalSpec, ProposalState, ProposalView, SlashView } from "../../agents/types";
import type { Scenario } from "../scenarioTypes";
import { IFACES, decodeSpec, descriptionHash, proposalId, specOperations, type Addresses, type Call, type Operations } from "./encode";
import type { LogRouter } from "./logRouter";
import type { MutableFlows } from "./pending";

export const PROPOSAL_STATES: readonly ProposalState[] = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
/** Steps between two revenue distributions (flush, split, release, buy-back). */
export const REVENUE_EVERY = 10;

/** The curve's parameters as governance last set them (a setCurveParam proposal changes one). */
export interface CurveState {
  readonly names: readonly string[];
  params: bigint[];
}

interface Proposal {
  readonly id: string;
  readonly proposer: string;
  readonly spec: ProposalSpec | undefined;
  readonly ops: Operations;
  readonly description: string;
  readonly snapshotBlock: number;
  readonly deadlineBlock: number;
  state: ProposalState;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  voters: string[];
  /** Scheduled by the council (the keeper votes, queues and executes it). */
  council: boolean;
  eta: number;
}

interface Case {
  readonly id: string;
  readonly target: string;
  readonly severityBps: number;
  disputed: boolean;
  deadline: number;
  open: boolean;
  resolutionProposed: boolean;
}

/** Sends a transaction from the economy's own account (labelled in actions.ndjson). */
export type SystemSender = (label: string, call: Call) => void;

export class Governance {
  private readonly proposals = new Map<string, Proposal>();
  private readonly cases = new Map<string, Case>();
  private readonly caseByTarget = new Map<string, string>();
  private readonly councilIds = new Set<string>();
  private voters: { block: number; voter: string }[] = [];
  private proposalCounter = 0;
  /** Block of the logs being dispatched (set by the caller before dispatching a block). */
  block = 0;

  constructor(
    private readonly a: Addresses,
    private readonly curve: CurveState,
    private readonly deployer: string,
    private readonly system: SystemSender,
  ) {}

  /** Registers the governor's and the slashing contract's events. */
  listen(router: LogRouter, flows: () => MutableFlows): void {
    const g = this.a.governor;
    const sl = this.a.slashing;
    router.on(sl, IFACES.slashing, "SlashProposed", (x) => {
      const id = String(x[0]);
      this.cases.set(id, { id, target: getAddress(String(x[1])), severityBps: Number(x[2]), disputed: false, deadline: Number(x[4]), open: true, resolutionProposed: false });
      this.caseByTarget.set(String(x[1]).toLowerCase(), id);
    });
    router.on(sl, IFACES.slashing, "SlashDisputed", (x) => {
      const c = this.cases.get(String(x[0]));
      if (c !== undefined) {
        c.disputed = true;
        c.deadline = Number(x[2]);
      }
    });
    router.on(sl, IFACES.slashing, "SlashExecuted", (x) => {
      const c = this.cases.get(String(x[0]));
      if (c !== undefined) c.open = false;
      flows().slashesExecuted += 1;
    });
    router.on(sl, IFACES.slashing, "SlashCancelled", (x) => {
      const c = this.cases.get(String(x[0]));
      if (c !== undefined) c.open = false;
    });
    router.on(g, IFACES.governor, "ProposalCreated", (x) => this.created(x));
    router.on(g, IFACES.governor, "VoteCast", (x) => this.voteCast(x));
    router.on(g, IFACES.governor, "ProposalQueued", (x) => {
      const pr = this.proposals.get(BigInt(x[0]).toString());
      if (pr !== undefined) pr.eta = Number(x[1]);
    });
    router.on(g, IFACES.governor, "ProposalExecuted", (x) => {
      const pr = this.proposals.get(BigInt(x[0]).toString());
      if (pr !== undefined && pr.spec?.kind === "setCurveParam") {
        const i = this.curve.names.indexOf(pr.spec.param);
        if (i >= 0) this.curve.params[i] = pr.spec.value;
      }
    });
  }

  private created(x: Result): void {
    const id = BigInt(x[0]).toString();
    const ops: Operations = { targets: (x[2] as string[]).map(String), values: (x[3] as bigint[]).map((v) => BigInt(v)), calldatas: (x[5] as string[]).map(String) };
    this.proposals.set(id, {
      id, proposer: getAddress(String(x[1])), spec: decodeSpec(this.a, ops, this.curve.names, this.curve.params), ops, description: String(x[8]),
      snapshotBlock: Number(x[6]), deadlineBlock: Number(x[7]), state: "Pending", forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [],
      council: this.councilIds.has(id), eta: 0,
    });
  }

  private voteCast(x: Result): void {
    const pr = this.proposals.get(BigInt(x[1]).toString());
    const voter = String(x[0]).toLowerCase();
    this.voters.push({ block: this.block, voter: getAddress(voter) });
    if (this.voters.length > 10_000) this.voters.splice(0, this.voters.length - 5_000);
    if (pr !== undefined) {
      if (!pr.voters.includes(voter)) pr.voters.push(voter);
      const w = BigInt(x[3]);
      if (Number(x[2]) === 0) pr.againstVotes += w;
      else if (Number(x[2]) === 1) pr.forVotes += w;
      else pr.abstainVotes += w;
    }
  }

  /** The operations and description of a proposal seen in the logs. */
  operations(id: string): { ops: Operations; description: string } | undefined {
    const pr = this.proposals.get(id);
    return pr === undefined ? undefined : { ops: pr.ops, description: pr.description };
  }

  caseOf(target: string): string | undefined {
    return this.caseByTarget.get(target.toLowerCase());
  }

  /** Proposals whose state can still change (read back from the governor after each block). */
  liveProposalIds(): string[] {
    const out: string[] = [];
    for (const pr of this.proposals.values()) if (pr.state !== "Executed" && pr.state !== "Canceled" && pr.state !== "Defeated" && pr.state !== "Expired") out.push(pr.id);
    return out;
  }

  setState(id: string, state: number): void {
    const pr = this.proposals.get(id);
    if (pr !== undefined) pr.state = PROPOSAL_STATES[state];
  }

  /** The council proposes a scheduled change (it then votes, queues and executes it as keeper). */
  councilPropose(spec: ProposalSpec, step: number): void {
    const ops = specOperations(this.a, spec, this.curve.params, this.curve.names);
    const description = `council #${++this.proposalCounter} step ${step}: ${spec.kind}#proposer=${this.deployer}`; // bound to the council (OZ suffix): a copy sent first cannot block it
    this.system(`propose:${spec.kind}`, { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("propose", [ops.targets, ops.values, ops.calldatas, description]) });
    this.councilIds.add(proposalId(ops, description).toString());
  }

  /** Keeper and council duties for the block about to be mined (timestamp `ts`, number `n`). */
  keeper(ts: number, n: number, step: number): void {
    const me = this.deployer.toLowerCase();
    for (const pr of this.proposals.values()) {
      if (!pr.council) continue;
      if ((pr.state === "Pending" || pr.state === "Active") && n > pr.snapshotBlock && !pr.voters.includes(me)) {
        pr.voters.push(me);
        this.system("council:vote", { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("castVoteWithReason", [BigInt(pr.id), 1, "council"]) });
      } else if (pr.state === "Succeeded") {
        pr.state = "Queued"; // optimistic; corrected from the governor after the block
        this.system("keeper:queue", { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("queue", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      } else if (pr.state === "Queued" && pr.eta > 0 && ts >= pr.eta) {
        pr.eta = 0;
        this.system(`keeper:execute:${pr.spec?.kind ?? "unknown"}`, { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("execute", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      }
    }
    // Undisputed slashes execute once their window has closed; disputed ones go to governance.
    for (const c of this.cases.values()) {
      if (!c.open) continue;
      if (!c.disputed && ts >= c.deadline) {
        c.open = false;
        this.system("keeper:executeSlash", { to: this.a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("executeSlash", [BigInt(c.id)]) });
      } else if (c.disputed && !c.resolutionProposed) {
        c.resolutionProposed = true;
        this.councilPropose({ kind: "resolveSlash", slashId: c.id, uphold: true }, step);
      }
    }
    if (step > 0 && step % REVENUE_EVERY === 0) {
      this.system("revenue:flushFees", { to: this.a.market, value: 0n, data: IFACES.market.encodeFunctionData("flushFees") });
      for (const bucket of [0, 1, 2, 3]) this.system(`revenue:release${bucket}`, { to: this.a.splitter, value: 0n, data: IFACES.splitter.encodeFunctionData("release", [bucket, ZeroAddress]) });
      this.system("revenue:buyBackAndBurn", { to: this.a.splitter, value: 0n, data: IFACES.splitter.encodeFunctionData("buyBackAndBurn") });
    }
  }

  proposalViews(nextBlock: number): ProposalView[] {
    const out: ProposalView[] = [];
    for (const pr of this.proposals.values()) {
      const live = pr.state === "Pending" || pr.state === "Active" || pr.state === "Succeeded" || pr.state === "Queued";
      if (!live && pr.deadlineBlock < nextBlock - 5) continue;
      if (pr.spec === undefined) continue;
      out.push({ id: pr.id, proposer: pr.proposer, spec: pr.spec, state: pr.state, snapshotBlock: pr.snapshotBlock, forVotes: pr.forVotes, againstVotes: pr.againstVotes, abstainVotes: pr.abstainVotes, voters: [...pr.voters] });
    }
    return out;
  }

  slashViews(s: Scenario): SlashView[] {
    const out: SlashView[] = [];
    for (const c of this.cases.values()) {
      if (!c.open) continue;
      out.push({ id: c.id, target: c.target, severityBps: c.severityBps, disputed: c.disputed, disputeDeadlineStep: Math.floor((c.deadline - s.startTimestamp) / s.secondsPerBlock) - 1 });
    }
    return out;
  }

  /** Voters of blocks after `sinceBlock`, sorted. */
  recentVoters(sinceBlock: number): string[] {
    return [...new Set(this.voters.filter((x) => x.block > sinceBlock).map((x) => x.voter))].sort();
  }
}
