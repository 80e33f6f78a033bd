// A set of runs of one scenario over seeds: every run metric's values, per-family P&L, per-step
// bands of the charted metrics; its outputs (seeds.json, runs.csv, report.html with mean and 95%
// band per metric and per-family P&L with confidence intervals). `loadRunSet` reads either one
// run directory (summary.json) or a --seeds directory (seeds.json), for `npm run compare`.
import * as fs from "fs";
import * as path from "path";
import type { RunSummary } from "../sim/records";
import type { Scenario } from "../sim/scenarioTypes";
import { CATALOGUE, type Catalogue, type StepMetric, type Unit } from "../metrics/catalogue";
import { meanCI95, rangeOf, type MeanCI } from "../metrics/confidence";
import { escapeXml } from "./svg";
import { CSS, table } from "./html";
import { formatNumber, humanValue, stableStringify } from "./format";
import { intervalSpec, renderSvg } from "./vega";

export interface FamilyRuns {
  readonly family: string;
  readonly count: number;
  /** Per run, ETH: realisable P&L total, all-agents-selling-together P&L total; share whose wealth rose. */
  readonly pnl: readonly number[];
  readonly pnlJoint: readonly number[];
  readonly shareRising: readonly number[];
}

export interface StepBand {
  readonly metric: string;
  readonly steps: readonly number[];
  readonly mean: readonly number[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
}

export interface RunSet {
  readonly name: string;
  readonly seeds: readonly number[];
  /** Run metric name -> one value per run (seed order). */
  readonly metrics: { readonly [metric: string]: readonly number[] };
  readonly families: readonly FamilyRuns[];
  /** Directories of the runs (for per-step bands). */
  readonly dirs: readonly string[];
  /** The distinct sizes of its runs, "<steps> steps x <agents> agents" (first appearance order). */
  readonly sizes: readonly string[];
}

const wei = (s: string) => Number(BigInt(s)) / 1e18;

export function runSetOf(name: string, summaries: readonly RunSummary[], dirs: readonly string[], c: Catalogue = CATALOGUE): RunSet {
  const metrics: { [m: string]: number[] } = {};
  for (const m of c.run) metrics[m.name] = summaries.map((s) => s.metrics[m.name] ?? NaN);
  const families = (summaries[0]?.pnlByFamily ?? []).map((f0, i) => ({
    family: f0.family,
    count: f0.count,
    // a run where the family had no agents has no P&L for it (NaN: n/a, left out of the band)
    pnl: summaries.map((s) => (s.pnlByFamily[i].count === 0 ? NaN : wei(s.pnlByFamily[i].total))),
    pnlJoint: summaries.map((s) => (s.pnlByFamily[i].count === 0 ? NaN : wei(s.pnlByFamily[i].totalJoint))),
    shareRising: summaries.map((s) => (s.pnlByFamily[i].count === 0 ? NaN : s.pnlByFamily[i].rising / s.pnlByFamily[i].count)),
  }));
  const sizes = [...new Set(summaries.map((s) => `${s.steps} steps x ${s.agents} agents`))];
  return { name, seeds: summaries.map((s) => s.seed), metrics, families, dirs, sizes };
}

/** Mean and 95% CI of the finite values, the interval clipped to the range of `unit` (a share to [0, 1], a count to >= 0). */
export function band(xs: readonly number[], unit: Unit): MeanCI {
  return meanCI95(xs.filter(Number.isFinite), rangeOf(unit));
}

/** A run directory (summary.json) or a --seeds directory (seeds/cells/*). */
export function loadRunSet(dir: string): RunSet {
  const cells = path.join(dir, "seeds", "cells");
  if (fs.existsSync(cells)) {
    const dirs = fs.readdirSync(cells).sort().map((d) => path.join(cells, d)).filter((d) => fs.existsSync(path.join(d, "summary.json")));
    const sums = dirs.map((d) => JSON.parse(fs.readFileSync(path.join(d, "summary.json"), "utf8")) as RunSummary);
    if (sums.length === 0) throw new Error(`${dir}: no finished runs under seeds/cells`);
    return runSetOf(sums[0].scenario.name, sums, dirs);
  }
  const file = path.join(dir, "summary.json");
  if (!fs.existsSync(file)) throw new Error(`${dir}: neither a run (summary.json) nor a --seeds directory (seeds/cells)`);
  const sum = JSON.parse(fs.readFileSync(file, "utf8")) as RunSummary;
  return runSetOf(sum.scenario.name, [sum], [dir]);
}

/** Per-step mean and 95% band over runs of step metrics, read back from each run's metrics.csv. */
export function stepBands(dirs: readonly string[], metrics: readonly StepMetric[]): StepBand[] {
  const tables = dirs.map((d) => {
    const lines = fs.readFileSync(path.join(d, "metrics.csv"), "utf8").trim().split("\n");
    const header = lines[0].split(",");
    return { header, rows: lines.slice(1).map((l) => l.split(",")) };
  });
  const steps = Math.min(...tables.map((t) => t.rows.length));
  const stride = Math.max(1, Math.ceil(steps / 300));
  return metrics.map((m) => {
    const xs: number[] = [];
    const mean: number[] = [];
    const lo: number[] = [];
    const hi: number[] = [];
    for (let i = 0; i < steps; i += stride) {
      const vals = tables.map((t) => Number(t.rows[i][t.header.indexOf(m.column)])).filter(Number.isFinite);
      const ci = meanCI95(vals, rangeOf(m.unit));
      xs.push(i);
      mean.push(ci.mean);
      lo.push(ci.lo);
      hi.push(ci.hi);
    }
    return { metric: m.name, steps: xs, mean, lo, hi };
  });
}

function bandSpec(title: string, unit: string, b: StepBand): object {
  const values = b.steps.map((s, i) => ({ step: s, mean: b.mean[i], lo: b.lo[i], hi: b.hi[i] })).filter((v) => Number.isFinite(v.mean));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 520, height: 180, title, data: { values },
    encoding: { x: { field: "step", type: "quantitative", axis: { title: "step", format: ",d" }, scale: { nice: false } } },
    layer: [
      { mark: { type: "area", opacity: 0.25, color: "#4e79a7" }, encoding: { y: { field: "lo", type: "quantitative", scale: { zero: false }, axis: { title: unit, format: unit === "share" ? ".0%" : ",.3~g" } }, y2: { field: "hi" } } },
      { mark: { type: "line", color: "#4e79a7", strokeWidth: 1.6 }, encoding: { y: { field: "mean", type: "quantitative" } } },
    ],
    config: { font: "sans-serif", background: "white", view: { stroke: "#ddd" }, title: { fontSize: 13, anchor: "start" } },
  };
}

/**
 * "mean [lo, hi]" of an interval from `band` (already clipped to the unit's range). A mean of counts
 * keeps its decimals (humanValue); a mean of flags over runs is the share of runs, printed as one.
 */
export function pmHuman(ci: MeanCI, unit: Parameters<typeof humanValue>[1]): string {
  if (!Number.isFinite(ci.mean)) return "n/a";
  if (ci.n < 2) return humanValue(ci.mean, unit);
  const u = unit === "flag" ? "share" : unit;
  return `${humanValue(ci.mean, u)} [${humanValue(ci.lo, u)}, ${humanValue(ci.hi, u)}]`;
}

export async function renderSeedsReport(set: RunSet, scenario: Scenario, failed: readonly { seed: number; error: string }[], c: Catalogue = CATALOGUE): Promise<string> {
  // a metric with no value in any run (e.g. the resource market's, in runs without one) gets no row
  const metricRows = c.run.filter((m) => set.metrics[m.name].some((x) => Number.isFinite(x))).map((m) => [m.question ?? "", m.description, String(band(set.metrics[m.name], m.unit).n), pmHuman(band(set.metrics[m.name], m.unit), m.unit)]);
  const famRows = set.families.map((f) => [f.family, String(f.count), pmHuman(band(f.pnl, "ETH"), "ETH"), pmHuman(band(f.pnlJoint, "ETH"), "ETH"), pmHuman(band(f.shareRising, "share"), "share")]);
  const pnlChart = await renderSvg(intervalSpec("Realisable P&L per family (ETH): mean and 95% CI over seeds", "ETH", set.families.map((f) => ({ label: f.family, ...band(f.pnl, "ETH") }))));
  const charted = c.step.filter((m) => m.chart !== undefined && m.fold !== "none");
  const bands = set.dirs.length > 0 ? stepBands(set.dirs, charted) : [];
  const bandSvgs: string[] = [];
  for (const b of bands) {
    const m = charted.find((x) => x.name === b.metric) as StepMetric;
    bandSvgs.push(await renderSvg(bandSpec(`${m.label ?? m.name}: mean and 95% band over seeds`, m.unit, b)));
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cipher simulation over seeds: ${escapeXml(set.name)}</title>
<style>${CSS}</style></head><body>
<h1>Cipher simulation over ${set.seeds.length} seeds: ${escapeXml(set.name)}</h1>
<p class="sub">${escapeXml(scenario.description)}</p>
<p>seeds ${set.seeds.join(", ")} · ${scenario.steps} steps. Values are the mean over seeds with the 95% confidence interval of the mean (Student t) in brackets. Each run's own report is under <code>seeds/cells/</code>.</p>
${failed.map((f) => `<p class="err">seed ${f.seed} failed: ${escapeXml(f.error)}</p>`).join("\n")}
<h2>Metrics over seeds</h2>
${table(["question", "metric", "runs", "mean [95% CI]"], metricRows, [1])}
<h2>Profit and loss per family over seeds</h2>
${table(["family", "agents", "realisable P&L (each selling alone)", "if all agents sold together", "share whose realisable wealth rose"], famRows)}
<div class="charts">${pnlChart}</div>
<h2>Per-step bands</h2>
<div class="charts">
${bandSvgs.join("\n")}
</div>
</body></html>
`;
}

export function seedsCsv(set: RunSet, c: Catalogue = CATALOGUE): string {
  const header = ["seed", ...c.run.map((m) => m.name), ...set.families.flatMap((f) => [`pnl_${f.family}`, `pnl_joint_${f.family}`])];
  const rows = set.seeds.map((seed, i) => [String(seed), ...c.run.map((m) => formatNumber(set.metrics[m.name][i])), ...set.families.flatMap((f) => [formatNumber(f.pnl[i]), formatNumber(f.pnlJoint[i])])].join(","));
  return [header.join(","), ...rows].join("\n") + "\n";
}

export interface SeedsJson {
  readonly scenario: string;
  readonly seeds: readonly number[];
  readonly failed: readonly { seed: number; error: string }[];
  readonly metrics: { readonly [metric: string]: MeanCI };
  readonly families: readonly { family: string; count: number; pnl: MeanCI; pnlJoint: MeanCI; shareRising: MeanCI }[];
}

/** seeds.json: every run metric's mean and 95% interval, per-family P&L and share rising likewise. */
export function seedsJson(set: RunSet, failed: readonly { seed: number; error: string }[], c: Catalogue = CATALOGUE): SeedsJson {
  const stats: { [m: string]: MeanCI } = {};
  for (const m of c.run) if (set.metrics[m.name] !== undefined) stats[m.name] = band(set.metrics[m.name], m.unit);
  const families = set.families.map((f) => ({ family: f.family, count: f.count, pnl: band(f.pnl, "ETH"), pnlJoint: band(f.pnlJoint, "ETH"), shareRising: band(f.shareRising, "share") }));
  return { scenario: set.name, seeds: set.seeds, failed, metrics: stats, families };
}

/** The console summary of a --seeds run: one line per headline metric, "name: mean [lo, hi]". */
export function seedsSummaryLines(set: RunSet, c: Catalogue = CATALOGUE): string[] {
  // like the report: a metric with no value in any run (the resource market's, in runs without one) gets no line
  return c.run.filter((x) => x.question !== undefined && (set.metrics[x.name] ?? []).some(Number.isFinite)).map((m) => `${m.name}: ${pmHuman(band(set.metrics[m.name], m.unit), m.unit)}`);
}

export async function writeSeedOutputs(dir: string, set: RunSet, scenario: Scenario, failed: readonly { seed: number; error: string }[]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "seeds.json"), stableStringify(seedsJson(set, failed), 2) + "\n");
  fs.writeFileSync(path.join(dir, "runs.csv"), seedsCsv(set));
  fs.writeFileSync(path.join(dir, "report.html"), await renderSeedsReport(set, scenario, failed));
}
