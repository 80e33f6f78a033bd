// Named objectives a sweep ranks settings by: the metric catalogue's run metrics that declare a
// direction (src/metrics/catalogue.ts), read from a run summary's `metrics`.
import type { RunSummary } from "../sim/records";
import { CATALOGUE, objectives, type Catalogue, type Unit } from "../metrics/catalogue";

export interface Objective {
  readonly name: string;
  readonly description: string;
  readonly unit: Unit;
  /** Which direction ranks first. */
  readonly better: "lower" | "higher";
  value(s: RunSummary): number;
}

export function objectivesOf(c: Catalogue = CATALOGUE): readonly Objective[] {
  return objectives(c).map((m) => ({
    name: m.name,
    description: m.description,
    unit: m.unit,
    better: m.objective as "lower" | "higher",
    value: (s: RunSummary) => s.metrics[m.name] ?? NaN,
  }));
}

export const OBJECTIVES: readonly Objective[] = objectivesOf();

export function objectiveByName(name: string, c: Catalogue = CATALOGUE): Objective {
  const all = objectivesOf(c);
  const o = all.find((x) => x.name === name);
  if (o === undefined) throw new Error(`unknown objective "${name}" (known: ${all.map((x) => x.name).join(", ")})`);
  return o;
}

/** Every run metric of the catalogue (objective or not) by name: what a sweep cell records. */
export function objectiveValues(s: RunSummary, c: Catalogue = CATALOGUE): { [name: string]: number } {
  const out: { [name: string]: number } = {};
  for (const m of c.run) out[m.name] = s.metrics[m.name] ?? NaN;
  return out;
}
