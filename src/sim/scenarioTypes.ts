// The resolved scenario: every field present, validated. JSON files may omit any field that has a
// default (see scenario.ts); numbers that are amounts are ether as JSON numbers.
import type { LockTier, Role, Fund } from "../agents/types";
import type { ParamShape } from "../agents/params";

export type CurveKind = "linear" | "exponential" | "sigmoid";

export interface CurveSpec {
  readonly kind: CurveKind;
  /** Curve parameters as decimal strings in ether units, e.g. linear {slope, intercept}. */
  readonly params: { readonly [name: string]: string };
}

/** From `fromStep` on: other params, idle (`active: false`), or a one-off exit (sell all, then idle). */
export interface Phase {
  readonly fromStep: number;
  /** Overrides of the entry's params (same keys and types as the family declares). */
  readonly params?: ParamShape;
  readonly active: boolean;
  readonly exit: boolean;
}

export interface PopulationEntry {
  readonly family: string;
  readonly count: number;
  readonly params: ParamShape;
  /** Reserve each agent starts with, ether. */
  readonly fundingEth: number;
  readonly roles: readonly Role[];
  /** Scheduled behaviour changes, by increasing fromStep (empty = the params all run long). */
  readonly phases: readonly Phase[];
}

export interface Protections {
  readonly breaker: boolean;
  readonly slippage: boolean;
  readonly breakerThresholdBps: number;
  readonly breakerWindowBlocks: number;
  readonly breakerCooldownBlocks: number;
}

/** "family:k" = the k-th agent (0-based) of that family in population order. */
export type AgentRef = string;

export type ScheduledEvent =
  | { readonly step: number; readonly kind: "setFees"; readonly buyFeeBps: number; readonly sellFeeBps: number }
  | { readonly step: number; readonly kind: "setCurveParam"; readonly param: string; readonly value: string }
  | { readonly step: number; readonly kind: "slash"; readonly target: AgentRef; readonly severityBps: number }
  | { readonly step: number; readonly kind: "dispute"; readonly target: AgentRef }
  | { readonly step: number; readonly kind: "grant"; readonly fund: Fund; readonly recipient: AgentRef; readonly amountEth: number };

export interface Split {
  readonly stakers: number;
  readonly welfare: number;
  readonly solidarity: number;
  readonly development: number;
  readonly burn: number;
}

export interface StakingConfig {
  readonly tiers: readonly LockTier[];
  readonly unbondingSeconds: number;
  readonly disputeWindowBlocks: number;
  readonly maxSlashBps: number;
}

export interface GovernanceConfig {
  readonly votingDelayBlocks: number;
  readonly votingPeriodBlocks: number;
  readonly quorumBps: number;
  readonly timelockBlocks: number;
  /** Staked tokens needed to propose (whole tokens). */
  readonly proposalThreshold: number;
}

export interface MetricsConfig {
  readonly volatilityWindow: number;
  /** Price history length handed to policies. */
  readonly historyWindow: number;
  /** Points kept per chart series (older points are thinned, memory stays bounded). */
  readonly chartPoints: number;
  /** Steps per contribution epoch. */
  readonly epochSteps: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly steps: number;
  readonly secondsPerBlock: number;
  readonly startTimestamp: number;
  readonly curve: CurveSpec;
  /** Reserve a deployer pays into the curve before step 0 (its tokens stay out of the agents). */
  readonly genesis: { readonly buyEth: number };
  readonly fees: { readonly buyBps: number; readonly sellBps: number; readonly referrerShareBps: number };
  readonly split: Split;
  readonly staking: StakingConfig;
  readonly governance: GovernanceConfig;
  readonly protections: Protections;
  readonly adversaries: boolean;
  readonly population: readonly PopulationEntry[];
  readonly events: readonly ScheduledEvent[];
  readonly metrics: MetricsConfig;
}
