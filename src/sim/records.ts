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
  readonly pnl: readonly FamilyPnl[];
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
  readonly stats: { readonly [metric: string]: StatSummary };
  readonly totals: {
    readonly txs: number;
    readonly reverts: number;
    readonly buyVolume: string;
    readonly sellVolume: string;
    readonly fees: string;
    readonly welfarePaid: string;
    readonly solidarityPaid: string;
    readonly slashes: number;
    readonly breakerTrips: number;
    readonly revertsByError: { readonly [error: string]: number };
    readonly actionsByKind: { readonly [kind: string]: number };
  };
  readonly pnlByFamily: readonly { readonly family: string; readonly count: number; readonly total: string; readonly mean: string }[];
}

export interface ProgressSink {
  start(totalSteps: number): void;
  update(stepsDone: number): void;
  stop(): void;
}
