// The one place studies read a metric of a run: the metric catalogue's objectives
// (src/metrics/catalogue.ts through src/sweep/objectives.ts: name, better direction, value from a
// run summary), read live, so a metric added with extendCatalogue is an objective and a
// constraint of every study at once.
import type { RunSummary } from "../sim/records";
import { objectivesOf, objectiveValues } from "../sweep/objectives";

export type Direction = "lower" | "higher";

export function metricNames(): readonly string[] {
  return objectivesOf().map((o) => o.name);
}

export function metricDirection(name: string): Direction {
  const o = objectivesOf().find((x) => x.name === name);
  if (o === undefined) throw new RangeError(`unknown metric "${name}" (known: ${metricNames().join(", ")})`);
  return o.better;
}

/** Every metric of one run, by name. */
export function metricValues(summary: RunSummary): { [name: string]: number } {
  return objectiveValues(summary);
}

/** One metric from a run's values (a CellResult's `objectives`), checked. */
export function objectiveValue(values: { readonly [name: string]: number }, name: string): number {
  const v = values[name];
  if (v === undefined) throw new RangeError(`the run has no metric "${name}"`);
  return v;
}

export interface Constraint {
  readonly metric: string;
  readonly op: "<=" | ">=";
  readonly bound: number;
}

/** "metric<=value" or "metric>=value". */
export function parseConstraint(s: string): Constraint {
  const m = /^([A-Za-z][A-Za-z0-9_.]*)\s*(<=|>=)\s*(-?[0-9.eE+-]+)$/.exec(s.trim());
  if (m === null) throw new RangeError(`--constraint expects metric<=value or metric>=value, got "${s}"`);
  const bound = Number(m[3]);
  if (!Number.isFinite(bound)) throw new RangeError(`--constraint ${s}: bound is not a number`);
  metricDirection(m[1]);
  return { metric: m[1], op: m[2] as "<=" | ">=", bound };
}

/** How far a value lies outside the constraint (0 when satisfied). */
export function violation(c: Constraint, value: number): number {
  if (Number.isNaN(value)) return Infinity;
  return c.op === "<=" ? Math.max(0, value - c.bound) : Math.max(0, c.bound - value);
}
