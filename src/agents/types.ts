// The typed boundary between policies and the economy. Amounts are bigint wei (18 decimals for
// both the token and the reserve). Everything here is plain data so observations and actions can
// be logged, compared and replayed.

/** 0x-prefixed hex address. */
export type Address = string;

/** Governor proposal states (OZ IGovernor.ProposalState order). */
export type ProposalState =
  | "Pending"
  | "Active"
  | "Canceled"
  | "Defeated"
  | "Succeeded"
  | "Queued"
  | "Expired"
  | "Executed";

/** Which treasury account a grant draws from. */
export type Fund = "welfare" | "solidarity" | "development";

/** What a proposal would do; the chain Economy encodes each kind into governor calldata. */
export type ProposalSpec =
  | { readonly kind: "setFees"; readonly buyFeeBps: number; readonly sellFeeBps: number }
  | { readonly kind: "grant"; readonly fund: Fund; readonly recipient: Address; readonly amount: bigint }
  | { readonly kind: "setCurveParam"; readonly param: string; readonly value: bigint }
  | { readonly kind: "resolveSlash"; readonly slashId: string; readonly uphold: boolean };

export interface ProposalView {
  readonly id: string;
  readonly proposer: Address;
  readonly spec: ProposalSpec;
  readonly state: ProposalState;
  /** Votes count as staked at the end of this block (OZ proposalSnapshot); voting opens after it. */
  readonly snapshotBlock: number;
  readonly forVotes: bigint;
  readonly againstVotes: bigint;
  readonly abstainVotes: bigint;
  /** Accounts that already voted on it (so voters do not vote twice). */
  readonly voters: readonly Address[];
}

export interface SlashView {
  readonly id: string;
  readonly target: Address;
  readonly severityBps: number;
  readonly disputed: boolean;
  /** Step after which an undisputed slash may execute. */
  readonly disputeDeadlineStep: number;
}

export interface LockTier {
  readonly id: number;
  readonly lockSeconds: number;
  /** Reward-weight multiplier in basis points (10_000 = 1x). */
  readonly multiplierBps: number;
}

export interface StakingView {
  readonly totalStaked: bigint;
  readonly totalWeight: bigint;
  readonly tiers: readonly LockTier[];
  /** Accounts holding a stake (candidates for slashing and attestation). */
  readonly stakers: readonly Address[];
}

export interface TreasuryView {
  readonly welfare: bigint;
  readonly solidarity: bigint;
  readonly development: bigint;
}

/** A transaction waiting in the pool for the current block (what a searcher can see). */
export interface PendingTx {
  readonly from: Address;
  readonly nonce: number;
  readonly action: Action;
}

/** The market-wide state every agent sees at the start of a step. */
export interface MarketObservation {
  readonly step: number;
  /** Number of the block this step will mine. */
  readonly block: number;
  /** Block timestamp (seconds) of the block this step will mine. */
  readonly timestamp: number;
  /** Reserve wei per whole token (1e18 token wei). */
  readonly spotPrice: bigint;
  readonly supply: bigint;
  readonly reserve: bigint;
  readonly buyFeeBps: number;
  readonly sellFeeBps: number;
  /** Circuit breaker currently halting trades. */
  readonly halted: boolean;
  readonly staking: StakingView;
  readonly proposals: readonly ProposalView[];
  readonly slashes: readonly SlashView[];
  readonly treasury: TreasuryView;
  /** Contribution epoch and the accounts that voted during it (for oracles). */
  readonly epoch: number;
  readonly recentVoters: readonly Address[];
  /** The resource market (chain economy with a `resources` scenario section only). */
  readonly resources?: import("./policies/resources/types").ResourceObservation;
}

/** What a policy receives: the market state, a bounded price window, and the visible pool. */
export interface Observation extends MarketObservation {
  /** Spot prices at the start of the last `window` steps, oldest first, current price last. */
  readonly priceHistory: readonly bigint[];
  /** Pending transactions of this block (non-empty only for agents that read the pool). */
  readonly pending: readonly PendingTx[];
}

export interface StakePosition {
  readonly id: number;
  readonly amount: bigint;
  readonly tier: number;
  /** Timestamp at which the lock ends. */
  readonly unlockAt: number;
  /** Unbonding started; withdrawable at `withdrawableAt`. */
  readonly unbonding: boolean;
  readonly withdrawableAt: number;
  /** Block in which the stake was made (its votes count for snapshots at or after it). */
  readonly sinceBlock: number;
}

/** An account's balances as read from the economy. */
export interface AccountView {
  readonly address: Address;
  /** Native (or reserve ERC20) balance in wei. */
  readonly reserve: bigint;
  readonly tokens: bigint;
  readonly stakes: readonly StakePosition[];
  /** Unclaimed staking rewards, reserve wei. */
  readonly pendingRewards: bigint;
  readonly roles: readonly Role[];
}

export type Role = "slasher" | "oracle";

/** A value a policy may keep between steps (plain data so it can be logged and compared). */
export type MemoryValue = number | bigint | string | boolean | readonly number[] | readonly string[];
export type Memory = { readonly [key: string]: MemoryValue };

/** Result of one of the agent's own transactions in the previous block. */
export interface OwnOutcome {
  readonly action: Action;
  readonly ok: boolean;
  /** Decoded custom error name (or revert reason) if it failed. */
  readonly error?: string;
}

/** Everything an agent knows about itself. */
export interface AgentState<M extends Memory = Memory> {
  readonly index: number;
  readonly address: Address;
  readonly family: string;
  readonly account: AccountView;
  /** Mark-to-market wealth at the start of the run, reserve wei (for P&L). */
  readonly initialWealth: bigint;
  /** Mark-to-market wealth now, reserve wei. */
  readonly wealth: bigint;
  /** Other agents of the same population entry (cartel members, referral partners). */
  readonly group: readonly Address[];
  /** Outcomes of this agent's transactions in the previous block. */
  readonly lastOutcomes: readonly OwnOutcome[];
  /** Policy-owned memory (learning state, phase of a plan); replaced by what the policy returns. */
  readonly memory: M;
}

interface Tx {
  /** Priority fee (gas price tip) in wei; the block orders transactions by it, highest first. */
  readonly priorityFee: bigint;
}

export type BuyAction = Tx & {
  readonly kind: "buy";
  readonly reserveIn: bigint;
  readonly minOut: bigint;
  readonly referrer?: Address;
};
export type SellAction = Tx & { readonly kind: "sell"; readonly tokens: bigint; readonly minOut: bigint };
export type StakeAction = Tx & { readonly kind: "stake"; readonly amount: bigint; readonly tier: number };
export type UnbondAction = Tx & { readonly kind: "unbond"; readonly stakeId: number };
export type WithdrawAction = Tx & { readonly kind: "withdraw"; readonly stakeId: number };
export type ClaimAction = Tx & { readonly kind: "claim" };
/** support: 0 against, 1 for, 2 abstain (OZ GovernorCountingSimple). */
export type VoteAction = Tx & {
  readonly kind: "vote";
  readonly proposalId: string;
  readonly support: 0 | 1 | 2;
  readonly reason: string;
};
export type ProposeAction = Tx & { readonly kind: "propose"; readonly spec: ProposalSpec; readonly description: string };
export type QueueAction = Tx & { readonly kind: "queue"; readonly proposalId: string };
export type ExecuteAction = Tx & { readonly kind: "execute"; readonly proposalId: string };
export type DisputeAction = Tx & { readonly kind: "dispute"; readonly slashId: string };
export type AttestAction = Tx & {
  readonly kind: "attest";
  readonly epoch: number;
  readonly account: Address;
  readonly score: number;
  readonly evidence: string;
};
export type ProposeSlashAction = Tx & {
  readonly kind: "proposeSlash";
  readonly target: Address;
  readonly severityBps: number;
  readonly evidence: string;
};
/** A call to the resource market (SPEC §1.7, issue 12); see src/agents/policies/resources/types.ts. */
export type ResourceTxAction = Tx & { readonly kind: "resource"; readonly op: import("./policies/resources/types").ResourceOp };
export type NoopAction = { readonly kind: "noop" };

export type Action =
  | BuyAction
  | SellAction
  | StakeAction
  | UnbondAction
  | WithdrawAction
  | ClaimAction
  | VoteAction
  | ProposeAction
  | QueueAction
  | ExecuteAction
  | DisputeAction
  | AttestAction
  | ProposeSlashAction
  | ResourceTxAction
  | NoopAction;

export type ActionKind = Action["kind"];
export type TxAction = Exclude<Action, NoopAction>;

/** What a policy returns: the transactions to send this block and its next memory. */
export interface Decision<M extends Memory = Memory> {
  readonly actions: readonly Action[];
  readonly memory: M;
}

/** A policy: a pure function of its inputs. The rng is the agent's own stream (its only effect). */
export type Policy<P, M extends Memory> = (
  obs: Observation,
  state: AgentState<M>,
  rng: import("../sim/prng").Rng,
  params: P,
) => Decision<M>;

export function isTx(a: Action): a is TxAction {
  return a.kind !== "noop";
}
