// Collects the bounded series the run report charts, one point per step: one series per catalogue
// step metric with a chart, one per family for each family metric with a chart.
import type { StepMetrics } from "../sim/records";
import { CATALOGUE, familyNumeric, numeric, type Catalogue, type ChartRef, type Unit } from "../metrics/catalogue";
import { emptySeries, pushPoint, type Series } from "./series";

export interface ChartData {
  readonly families: readonly string[];
  /** Keyed by step metric name, or `<familyMetric>:<family>`. */
  readonly series: { readonly [name: string]: Series };
}

export interface ChartGroup {
  readonly chart: ChartRef;
  readonly unit: Unit;
  /** Series in the chart: legend label and key into ChartData.series. */
  readonly lines: readonly { readonly label: string; readonly key: string }[];
  /** Whether the lines are families (coloured by the family palette). */
  readonly byFamily: boolean;
}

/** The charts the catalogue declares, in catalogue order (step charts first, then family charts). */
export function chartGroups(families: readonly string[], c: Catalogue = CATALOGUE): ChartGroup[] {
  const groups = new Map<string, { chart: ChartRef; unit: Unit; lines: { label: string; key: string }[]; byFamily: boolean }>();
  for (const m of c.step) {
    if (m.chart === undefined) continue;
    const g = groups.get(m.chart.id) ?? { chart: m.chart, unit: m.unit, lines: [], byFamily: false };
    g.lines.push({ label: m.label ?? m.name, key: m.name });
    groups.set(m.chart.id, g);
  }
  for (const fm of c.family) {
    if (fm.chart === undefined) continue;
    const g = groups.get(fm.chart.id) ?? { chart: fm.chart, unit: fm.unit, lines: [], byFamily: true };
    for (const f of families) g.lines.push({ label: f, key: `${fm.name}:${f}` });
    groups.set(fm.chart.id, g);
  }
  return [...groups.values()];
}

export function emptyChartData(families: readonly string[], capacity: number, c: Catalogue = CATALOGUE): ChartData {
  const series: { [name: string]: Series } = {};
  for (const g of chartGroups(families, c)) for (const l of g.lines) series[l.key] = emptySeries(capacity);
  return { families, series };
}

export function addStep(d: ChartData, m: StepMetrics, c: Catalogue = CATALOGUE): ChartData {
  const values: { [name: string]: number } = {};
  for (const def of c.step) if (def.chart !== undefined) values[def.name] = numeric(def, m);
  for (const fm of c.family) if (fm.chart !== undefined) d.families.forEach((f, i) => (values[`${fm.name}:${f}`] = familyNumeric(fm, m, i)));
  const series: { [name: string]: Series } = {};
  for (const [name, s] of Object.entries(d.series)) series[name] = pushPoint(s, m.step, values[name] ?? NaN);
  return { families: d.families, series };
}
