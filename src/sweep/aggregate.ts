// Sweep results: per-cell objective values -> per-setting mean and 95% CI, ranked by an objective.
import { meanCI95, rangeOf, type MeanCI } from "../metrics/confidence";
import type { Setting } from "./grid";
import type { Objective } from "./objectives";
import { CATALOGUE, type Catalogue } from "../metrics/catalogue";

export interface CellResult {
  readonly index: number;
  readonly settingKey: string;
  readonly setting: Setting;
  readonly seed: number;
  readonly objectives: { readonly [name: string]: number };
  /** Set when the run failed; such cells are counted but not averaged. */
  readonly error?: string;
}

export interface SettingRow {
  readonly rank: number;
  readonly settingKey: string;
  readonly setting: Setting;
  readonly runs: number;
  readonly failed: number;
  readonly stats: { readonly [objective: string]: MeanCI };
}

/** Groups by setting (first appearance in grid order), computes CIs, ranks by `objective`. */
export function aggregate(results: readonly CellResult[], objective: Objective, c: Catalogue = CATALOGUE): SettingRow[] {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const groups = new Map<string, CellResult[]>();
  for (const r of sorted) groups.set(r.settingKey, [...(groups.get(r.settingKey) ?? []), r]);
  const rows = [...groups.values()].map((cells) => {
    const ok = cells.filter((c) => c.error === undefined);
    const stats: { [name: string]: MeanCI } = {};
    // every run metric of the catalogue; a run where a metric is undefined (NaN) is left out of its mean
    for (const m of c.run) stats[m.name] = meanCI95(ok.map((cell) => cell.objectives[m.name]).filter((x) => x !== undefined && Number.isFinite(x)), rangeOf(m.unit));
    return { settingKey: cells[0].settingKey, setting: cells[0].setting, runs: cells.length, failed: cells.length - ok.length, stats, first: cells[0].index };
  });
  const sign = objective.better === "lower" ? 1 : -1;
  rows.sort((a, b) => {
    const x = a.stats[objective.name].mean;
    const y = b.stats[objective.name].mean;
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    return (x === y || (Number.isNaN(x) && Number.isNaN(y)) ? 0 : sign * (x - y)) || a.first - b.first;
  });
  return rows.map((r, i) => ({ rank: i + 1, settingKey: r.settingKey, setting: r.setting, runs: r.runs, failed: r.failed, stats: r.stats }));
}
