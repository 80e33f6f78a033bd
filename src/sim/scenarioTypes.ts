// The resolved scenario: every field present, validated. The types are inferred from the one schema
// (scenarioSchema.ts), so they cannot drift from what the parser returns. JSON files may omit any
// field that has a default; amounts ending in `Eth` are ether as JSON numbers, and each has its wei
// twin ending in `Wei` (converted once, by `etherToWei`), which is what the engine should use.
import type { z } from "zod";
import type { scenarioSchema } from "./scenarioSchema";

type DeepReadonly<T> = T extends bigint | number | string | boolean | undefined | null
  ? T
  : T extends readonly (infer U)[]
    ? readonly DeepReadonly<U>[]
    : { readonly [K in keyof T]: DeepReadonly<T[K]> };

/**
 * Something of the scenario file that a command-line override leaves out of the run (an event or
 * phase past the last step, a family scaled to 0 agents): shaped like a setting the deployment
 * changed, so the run records it in summary.json `settings.changes` and prints it as a warning.
 */
export interface OverrideNote {
  readonly setting: string;
  readonly asked: string;
  readonly used: string;
  readonly why: string;
}

/** The parsed scenario; after resolveScenario, `overrideNotes` lists what the overrides dropped (absent: nothing). */
export type Scenario = DeepReadonly<z.output<typeof scenarioSchema>> & { readonly overrideNotes?: readonly OverrideNote[] };
export type CurveKind = Scenario["curve"]["kind"];
export type CurveSpec = Scenario["curve"];
export type PopulationEntry = Scenario["population"][number];
/** From `fromStep` on: other params, idle (`active: false`), or a one-off exit (sell all, then idle). */
export type Phase = PopulationEntry["phases"][number];
export type Protections = Scenario["protections"];
/** "family:k" = the k-th agent (0-based) of that family in population order. */
export type AgentRef = string;
export type ScheduledEvent = Scenario["events"][number];
export type Split = Scenario["split"];
export type StakingConfig = Scenario["staking"];
export type GovernanceConfig = Scenario["governance"];
export type MetricsConfig = Scenario["metrics"];
export type ResourcesConfig = NonNullable<Scenario["resources"]>;
