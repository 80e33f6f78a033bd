// Proposals kept from the governor's and the timelock's events, with each proposal's state derived
// from them and the block number, as CipherGovernor.state() computes it (OZ Governor +
// GovernorPreventLateQuorum + GovernorTimelockControl):
//   executed (ProposalExecuted, or the timelock ran its operation)   -> Executed
//   canceled (ProposalCanceled, or the timelock cancelled it)         -> Canceled
//   clock <= snapshot                                                 -> Pending
//   clock <= deadline (the later of ProposalCreated's and ProposalExtended's) -> Active
//   otherwise: quorum reached and for > against ? (eta ? Queued : Succeeded) : Defeated
// The one fact the events do not give is the quorum: quorum(snapshot) is the votes' total supply
// at the snapshot times the quorum numerator then, and no event carries the supply. Both are
// checkpointed, so the value is fixed once the snapshot has passed: a proposal whose voting has
// ended asks for ONE read, governor.quorum(snapshot), in the block its voting ends (`derive`
// returns it); every other proposal, every block, is derived without a call.
import { AbiCoder, getAddress, keccak256 } from "ethers";
import { descriptionHash, type Operations } from "./proposals";
import type { ProposalStateName } from "./protocol";

export interface TrackedProposal {
  /** Decimal proposal id. */
  readonly id: string;
  /** Checksummed proposer. */
  readonly proposer: string;
  readonly ops: Operations;
  readonly description: string;
  readonly snapshotBlock: number;
  /** The deadline ProposalCreated gave (the late-quorum extension is kept apart). */
  readonly deadlineBlock: number;
  /** ProposalExtended's deadline, 0 if none. */
  extendedDeadline: number;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Voters in the order they voted, lower case. */
  readonly voters: string[];
  /** ProposalQueued's eta (unix seconds), 0 while not queued. */
  eta: number;
  executed: boolean;
  canceled: boolean;
  /** governor.quorum(snapshot), votes; read once, when voting has ended. */
  quorum: bigint | undefined;
  /** The state at the last block derived (or read). */
  state: ProposalStateName;
}

/** Events of the governor and the timelock, decoded (ids as bigint, addresses as text). */
export interface CreatedEvent {
  readonly id: bigint;
  readonly proposer: string;
  readonly ops: Operations;
  readonly description: string;
  readonly snapshotBlock: number;
  readonly deadlineBlock: number;
}

/** Deadline of a proposal at the last block derived: ProposalCreated's, or a late-quorum extension. */
export function effectiveDeadline(p: TrackedProposal): number {
  return Math.max(p.deadlineBlock, p.extendedDeadline);
}

/** The state of `p` as the governor computes it at `clock` (block number), from what the events said. */
export function deriveState(p: TrackedProposal, clock: number): ProposalStateName | undefined {
  if (p.executed) return "Executed";
  if (p.canceled) return "Canceled";
  if (clock <= p.snapshotBlock) return "Pending";
  if (clock <= effectiveDeadline(p)) return "Active";
  if (p.quorum === undefined) return undefined;
  // GovernorCountingSimple: quorum counts for + abstain; success needs for > against.
  if (p.forVotes + p.abstainVotes < p.quorum || p.forVotes <= p.againstVotes) return "Defeated";
  return p.eta === 0 ? "Succeeded" : "Queued";
}

export class ProposalTracker {
  private readonly byId = new Map<string, TrackedProposal>();
  /** Timelock operation id -> proposal id (set when the proposal is queued). */
  private readonly byOperation = new Map<string, string>();

  /** @param governor the governor's address (part of the timelock salt of its operations). */
  constructor(private readonly governor: string) {}

  get(id: string): TrackedProposal | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<TrackedProposal> {
    return this.byId.values();
  }

  created(e: CreatedEvent): TrackedProposal {
    const p: TrackedProposal = {
      id: e.id.toString(), proposer: getAddress(e.proposer), ops: e.ops, description: e.description, snapshotBlock: e.snapshotBlock, deadlineBlock: e.deadlineBlock,
      extendedDeadline: 0, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [], eta: 0, executed: false, canceled: false, quorum: undefined, state: "Pending",
    };
    this.byId.set(p.id, p);
    return p;
  }

  /** VoteCast / VoteCastWithParams (support 0 against, 1 for, 2 abstain; weight in votes). */
  voteCast(id: bigint, voter: string, support: number, weight: bigint): TrackedProposal | undefined {
    const p = this.byId.get(id.toString());
    if (p === undefined) return undefined;
    const v = voter.toLowerCase();
    if (!p.voters.includes(v)) p.voters.push(v);
    if (support === 0) p.againstVotes += weight;
    else if (support === 1) p.forVotes += weight;
    else p.abstainVotes += weight;
    return p;
  }

  extended(id: bigint, deadline: number): void {
    const p = this.byId.get(id.toString());
    if (p !== undefined) p.extendedDeadline = deadline;
  }

  /** ProposalQueued: the eta, and the timelock operation it scheduled (GovernorTimelockControl's salt). */
  queued(id: bigint, eta: number): void {
    const p = this.byId.get(id.toString());
    if (p === undefined) return;
    p.eta = eta;
    this.byOperation.set(timelockOperationId(this.governor, p.ops, p.description), p.id);
  }

  executed(id: bigint): TrackedProposal | undefined {
    const p = this.byId.get(id.toString());
    if (p !== undefined) p.executed = true;
    return p;
  }

  canceled(id: bigint): void {
    const p = this.byId.get(id.toString());
    if (p !== undefined) p.canceled = true;
  }

  /** The timelock's CallExecuted / Cancelled of an operation (a proposal run or cancelled on the timelock itself). */
  timelockDone(operation: string, cancelled: boolean): void {
    const p = this.byId.get(this.byOperation.get(operation.toLowerCase()) ?? "");
    if (p === undefined) return;
    if (cancelled) p.canceled = true;
    else p.executed = true;
  }

  /**
   * Derives every proposal's state at `clock` and returns those whose voting has ended with the
   * quorum unknown: read governor.quorum(snapshotBlock) and give it to `setQuorum`.
   */
  derive(clock: number): TrackedProposal[] {
    const reads: TrackedProposal[] = [];
    for (const p of this.byId.values()) {
      const s = deriveState(p, clock);
      if (s === undefined) reads.push(p);
      else p.state = s;
    }
    return reads;
  }

  /** governor.quorum(snapshot) for `id`; derives its state at `clock`. */
  setQuorum(id: string, quorum: bigint, clock: number): void {
    const p = this.byId.get(id);
    if (p === undefined) return;
    p.quorum = quorum;
    p.state = deriveState(p, clock) ?? p.state;
  }
}

/** GovernorTimelockControl's timelock operation id: hashOperationBatch(targets, values, calldatas, 0, bytes20(governor) ^ descriptionHash). */
export function timelockOperationId(governor: string, ops: Operations, description: string): string {
  const salt = (BigInt(governor) << 96n) ^ BigInt(descriptionHash(description));
  const enc = AbiCoder.defaultAbiCoder().encode(
    ["address[]", "uint256[]", "bytes[]", "bytes32", "bytes32"],
    [ops.targets, ops.values, ops.calldatas, "0x" + "0".repeat(64), "0x" + salt.toString(16).padStart(64, "0")],
  );
  return keccak256(enc).toLowerCase();
}
