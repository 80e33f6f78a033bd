// What the engine emits: one metrics row per step, one record per action, one summary per run.
import type { Action } from "../agents/types";
import type { FamilyPnl } from "../metrics/pnl";

export interface StepMetrics {
  readonly step: number;
  readonly block: number;
  readonly timestamp: number;
  readonly price: bigint;
  readonly supply: bigint;
  readonly reserve: bigint;
  readonly buyVolume: bigint;
  readonly sellVolume: bigint;
  readonly fees: bigint;
  readonly volatility: number;
  readonly gini: number;
  readonly stakingRatio: number;
  readonly participation: number;
  readonly welfare: bigint;
  readonly solidarity: bigint;
  readonly development: bigint;
  readonly welfarePaid: bigint;
  readonly solidarityPaid: bigint;
  readonly slashes: number;
  readonly breakerTrips: number;
  readonly halted: boolean;
  readonly txs: number;
  readonly reverts: number;
  /** Reserve / what selling the whole supply would pay back before fees (>= 1 = solvent). */
  readonly reserveCover: number;
  /** Ether the agents paid for gas in this block, wei. */
  readonly gasPaid: bigint;
  /** Conservation residuals after this block (0 = the books balance); undefined = not checked. */
  readonly etherResidual?: bigint;
  readonly tokenResidual?: bigint;
  /** Per family (scenario order): realisable P&L (wealth now - at the start, both realisable). */
  readonly pnl: readonly FamilyPnl[];
  /** Per family: the same P&L marked to the spot price (second, labelled column). */
  readonly pnlSpot: readonly FamilyPnl[];
  /** Per family: P&L with the agents' tokens valued as all sold together, shared pro rata. */
  readonly pnlJoint: readonly FamilyPnl[];
  /** Per family (scenario order): the family's transactions in this block. */
  readonly familyTxs: readonly number[];
  /** The resource market after this block (runs with one only). */
  readonly resources?: import("../metrics/resources").ResourceStepMetrics;
}

export interface ActionRecord {
  readonly step: number;
  readonly agent: number;
  readonly family: string;
  readonly from: string;
  readonly nonce: number;
  /** Position in the block, -1 if the node refused the transaction. */
  readonly index: number;
  readonly action: Action;
  readonly ok: boolean;
  readonly error?: string;
  /** Set for scheduled governance events (action is then noop, agent -1). */
  readonly event?: import("./economy").EconomyEvent;
  /** Set for the economy's own transactions (family "system", agent -1): what it was. */
  readonly system?: string;
}

/** Where a run's outputs go (files in the CLI, memory in tests). */
export interface RunSink {
  onStep(m: StepMetrics): void;
  onAction(r: ActionRecord): void;
  /** Called once at the end with the summary object the engine built. */
  finish(summary: RunSummary): Promise<void> | void;
}

export interface StatSummary {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
}

export interface AccountingSummary {
  /** "quoteSell": wealth at the market's own sell quote; "spot": tokens at the spot price. */
  readonly valuation: "quoteSell" | "spot";
  /** Whether the economy reported its books (the conservation check ran). */
  readonly checked: boolean;
  /** Every step within the rounding bound, for both ledgers. */
  readonly balanced: boolean;
  readonly roundingBoundWei: string;
  /** Largest absolute ether residual over the steps, wei. */
  readonly residualWei: string;
  /** Largest absolute token residual (holders - (minted - burned)) over the steps, token wei. */
  readonly tokenResidualWei: string;
  /** Largest absolute |totalSupply - (minted - burned)| over the steps, token wei. */
  readonly supplyResidualWei: string;
  /** Ether that entered: the agents' funding plus the genesis purchase, wei. */
  readonly enteredWei: string;
  readonly firstUnbalancedStep?: number;
  /** Both ledgers after the last step (wei strings). */
  readonly final?: {
    readonly ether: { readonly agents: string; readonly protocol: string; readonly gas: string; readonly entered: string };
    readonly token: { readonly agents: string; readonly others: string; readonly minted: string; readonly burned: string; readonly supply: string };
  };
}

export interface FamilySummary {
  readonly family: string;
  readonly count: number;
  /** Agents whose realisable wealth rose. */
  readonly rising: number;
  /** Realisable P&L (wei strings). */
  readonly total: string;
  readonly mean: string;
  /** Mark-to-spot P&L (wei strings; not money a holder can get). */
  readonly totalSpot: string;
  readonly meanSpot: string;
  /** P&L if all agents sold together, shared pro rata by tokens (wei strings). */
  readonly totalJoint: string;
  readonly meanJoint: string;
  /** Transactions the family's agents sent (mined, reverted ones included). */
  readonly txs: number;
}

export interface RunSummary {
  readonly scenario: import("./scenarioTypes").Scenario;
  readonly seed: number;
  readonly steps: number;
  readonly agents: number;
  readonly economy: string;
  readonly final: {
    readonly price: string;
    readonly supply: string;
    readonly reserve: string;
    readonly welfare: string;
    readonly solidarity: string;
    readonly development: string;
  };
  /** Per catalogue step metric (fold stats/sum), in its unit. */
  readonly stats: { readonly [metric: string]: StatSummary };
  /** Per catalogue run metric (the headline and the sweep objectives). */
  readonly metrics: { readonly [metric: string]: number };
  readonly totals: {
    readonly txs: number;
    readonly reverts: number;
    readonly buyVolume: string;
    readonly sellVolume: string;
    readonly fees: string;
    readonly gasPaid: string;
    readonly welfarePaid: string;
    readonly solidarityPaid: string;
    readonly slashes: number;
    readonly breakerTrips: number;
    /** Agents' mined transactions that reverted, by custom error; adds up to `reverts`. */
    readonly revertsByError: { readonly [error: string]: number };
    /** The economy's own transactions (family "system") and scheduled events that failed, by error; not in `reverts`. */
    readonly systemRevertsByError: { readonly [error: string]: number };
    /** Agents' submissions the economy refused before any block (never sent), by reason; not in `txs` or `reverts`. */
    readonly rejectedByError: { readonly [error: string]: number };
    readonly actionsByKind: { readonly [kind: string]: number };
  };
  readonly pnlByFamily: readonly FamilySummary[];
  /** Families with agents that never sent a transaction. */
  readonly inertFamilies: readonly string[];
  readonly accounting: AccountingSummary;
  /** What the deployment actually used (by scenario path) and each setting that differs. */
  readonly settings: {
    readonly effective: { readonly [setting: string]: string | number | boolean };
    readonly changes: readonly import("./economy").EffectiveSetting[];
  };
}

export interface ProgressSink {
  start(totalSteps: number): void;
  update(stepsDone: number): void;
  stop(): void;
}
