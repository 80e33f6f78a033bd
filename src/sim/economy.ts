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
  /** The receipt's gasUsed, where the economy read the transaction's receipt (a chain on anvil reads none for agents' transactions: the books take each block's total). */
  readonly gasUsed?: bigint;
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
  /** The resource market's metrics after this block (economies running one only). */
  readonly resources?: import("../metrics/resources").ResourceStepMetrics;
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

/** What selling tokens would fetch now, per account (see `Economy.valuation`). */
export interface Valuation {
  /** Net reserve wei the market would pay for selling `amounts[i]` alone now (its quoteSell). */
  readonly sellNet: readonly bigint[];
  /** The sell fee of that quote, reserve wei. */
  readonly sellFee: readonly bigint[];
  /** Claimable referral credit of each account, reserve wei (0 where the economy pays at once). */
  readonly referralCredit: readonly bigint[];
}

/**
 * Where value sits outside the agents, measured (balances read, not derived from flows), for the
 * per-step conservation check (src/metrics/accounting.ts). Buckets are named, e.g. "market",
 * "staking", "treasury", "splitter", "council".
 */
export interface Books {
  /** Ether held by the protocol's contracts (reserve, unflushed fees, referral credit, split buckets, funds, rewards, streams), wei. */
  readonly etherHeld: { readonly [bucket: string]: bigint };
  /** Token wei held by anyone who is not an agent: the protocol's contracts (stakes included) and the deployer/council. */
  readonly tokensHeld: { readonly [bucket: string]: bigint };
  /** The token's total supply, token wei. */
  readonly tokenSupply: bigint;
  /** Cumulative token wei minted and burned since setup began (Transfer from/to address 0). */
  readonly tokensMinted: bigint;
  readonly tokensBurned: bigint;
  /** Cumulative ether the agents paid for gas since setup began (incl. setup transactions), wei. */
  readonly agentGasWei: bigint;
}

/** A setting the economy applied differently from what the scenario asked (a floor or bound). */
export interface EffectiveSetting {
  /** Scenario path, e.g. "governance.timelockBlocks". */
  readonly setting: string;
  readonly asked: string;
  readonly used: string;
  readonly why: string;
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
  /** Quotes for the accounting (realisable wealth); economies without it fall back to mark-to-spot. */
  valuation?(accounts: readonly Address[], amounts: readonly bigint[]): Promise<Valuation>;
  /** Protocol and non-agent holdings for the conservation check. */
  books?(): Promise<Books>;
  /** Every setting the deployment used, by scenario path (after floors and bounds), once set up. */
  effectiveSettings?(): { readonly [setting: string]: string | number | boolean };
  /** The settings that differ from the scenario's (each is printed as a warning). */
  settingChanges?(): readonly EffectiveSetting[];
}
