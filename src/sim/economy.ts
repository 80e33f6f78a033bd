// The chain boundary. The engine drives any `Economy`: the in-memory fake (tests, --fake) or the
// contracts on a node (ethers v6, impersonated accounts, automine off, explicit timestamps).
import type { AccountView, Action, Address, Fund, MarketObservation, Role, TxAction } from "../agents/types";
import type { Scenario } from "./scenarioTypes";

export interface AgentSetup {
  readonly index: number;
  readonly family: string;
  readonly fundingWei: bigint;
  readonly roles: readonly Role[];
}

export interface FundedAgent {
  readonly address: Address;
  /** Next nonce of the account (the engine assigns nonces from here on). */
  readonly nonce: number;
}

export interface SubmittedTx {
  readonly from: Address;
  readonly nonce: number;
  readonly action: TxAction;
}

export interface SubmitResult {
  readonly accepted: boolean;
  /** Why the node refused it (never mined, nonce not consumed). */
  readonly error?: string;
}

export interface TxOutcome {
  readonly from: Address;
  readonly nonce: number;
  readonly action: Action;
  /** Position in the block (0 = first). */
  readonly index: number;
  readonly ok: boolean;
  /** Decoded custom error name (e.g. "SlippageExceeded") or revert reason. */
  readonly error?: string;
  readonly gasUsed: bigint;
  /** Set for the economy's own transactions (keeper, council, revenue distribution): their label. */
  readonly system?: string;
}

/** Flows inside one block, for the per-step metrics. */
export interface BlockFlows {
  /** Reserve paid into buys (gross of fees). */
  readonly buyVolume: bigint;
  /** Reserve paid out by sells (net of fees). */
  readonly sellVolume: bigint;
  readonly feesCollected: bigint;
  readonly welfarePaid: bigint;
  readonly solidarityPaid: bigint;
  readonly slashesExecuted: number;
  readonly breakerTrips: number;
}

export interface BlockResult {
  readonly number: number;
  readonly timestamp: number;
  /** In block order, which is priority-fee order (highest first), nonce order per sender. */
  readonly outcomes: readonly TxOutcome[];
  readonly flows: BlockFlows;
}

/** A scheduled governance event with agent references resolved to addresses. */
export type EconomyEvent =
  | { readonly kind: "setFees"; readonly buyFeeBps: number; readonly sellFeeBps: number }
  | { readonly kind: "setCurveParam"; readonly param: string; readonly value: string }
  | { readonly kind: "slash"; readonly target: Address; readonly severityBps: number }
  | { readonly kind: "dispute"; readonly target: Address }
  | { readonly kind: "grant"; readonly fund: Fund; readonly recipient: Address; readonly amount: bigint };

export interface EventOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

export interface Economy {
  readonly name: string;
  /** Deploy or attach, fund the agents and grant their roles; one entry per agent, in order. */
  setup(scenario: Scenario, agents: readonly AgentSetup[]): Promise<readonly FundedAgent[]>;
  /** Market-wide state at the start of `step`, whose block will carry `timestamp`. */
  observe(step: number, timestamp: number): Promise<MarketObservation>;
  accounts(addresses: readonly Address[]): Promise<readonly AccountView[]>;
  /** Adds a transaction to the pending pool of the next block (automine off). */
  submit(tx: SubmittedTx): Promise<SubmitResult>;
  /** Governance acts from the scenario schedule, executed as the timelock would. */
  applyEvent(event: EconomyEvent, step: number): Promise<EventOutcome>;
  /** Mines every pending transaction in one block with this timestamp. */
  mine(timestamp: number): Promise<BlockResult>;
  close(): Promise<void>;
}
