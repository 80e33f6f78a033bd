// Collects the bounded series the run report charts, one point per step.
import type { StepMetrics } from "../sim/records";
import { toEther } from "../agents/policies/common";
import { emptySeries, pushPoint, type Series } from "./series";

export interface ChartData {
  readonly families: readonly string[];
  readonly series: { readonly [name: string]: Series };
}

export function emptyChartData(families: readonly string[], capacity: number): ChartData {
  const names = ["price", "supply", "volatility", "gini", "welfare", "solidarity", "development", "stakingRatio", "participation", ...families.map((f) => `pnl:${f}`)];
  const series: { [name: string]: Series } = {};
  for (const n of names) series[n] = emptySeries(capacity);
  return { families, series };
}

export function addStep(d: ChartData, m: StepMetrics): ChartData {
  const values: { [name: string]: number } = {
    price: toEther(m.price),
    supply: toEther(m.supply),
    volatility: m.volatility,
    gini: m.gini,
    welfare: toEther(m.welfare),
    solidarity: toEther(m.solidarity),
    development: toEther(m.development),
    stakingRatio: m.stakingRatio,
    participation: m.participation,
  };
  for (const p of m.pnl) values[`pnl:${p.family}`] = toEther(p.total);
  const series: { [name: string]: Series } = {};
  for (const [name, s] of Object.entries(d.series)) series[name] = pushPoint(s, m.step, values[name] ?? NaN);
  return { families: d.families, series };
}
