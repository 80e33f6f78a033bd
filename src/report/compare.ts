// `npm run compare -- <runA> <runB>`: what changed between two runs or seed sets, metric by
// metric: each side's mean and 95% CI, the difference B - A with its 95% CI (Welch), and whether
// the interval excludes 0; per-family P&L likewise. Writes compare.json and report.html.
import * as fs from "fs";
import * as path from "path";
import { CATALOGUE, type Catalogue, type Unit } from "../metrics/catalogue";
import { tCritical95, type MeanCI } from "../metrics/confidence";
import { band, pmHuman, type RunSet } from "./seedsReport";
import { CSS, table } from "./html";
import { escapeXml } from "./svg";
import { humanValue, stableStringify } from "./format";
import { intervalSpec, renderSvg } from "./vega";

const capitalise = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);

export interface Difference {
  readonly mean: number;
  /** Half-width of the 95% CI of the difference (NaN when neither side has two runs). */
  readonly halfWidth: number;
  readonly lo: number;
  readonly hi: number;
  /** The interval excludes 0 (false when there is no interval). */
  readonly significant: boolean;
}

/** B - A with a Welch 95% interval (a side with one run counts as exact). */
export function difference(a: MeanCI, b: MeanCI): Difference {
  const mean = b.mean - a.mean;
  const va = a.n >= 2 ? (a.sd * a.sd) / a.n : 0;
  const vb = b.n >= 2 ? (b.sd * b.sd) / b.n : 0;
  const se = Math.sqrt(va + vb);
  if (!Number.isFinite(mean) || (a.n < 2 && b.n < 2)) return { mean, halfWidth: NaN, lo: NaN, hi: NaN, significant: false };
  if (se === 0) return { mean, halfWidth: 0, lo: mean, hi: mean, significant: mean !== 0 };
  const df = (va + vb) ** 2 / ((a.n >= 2 ? va * va / (a.n - 1) : 0) + (b.n >= 2 ? vb * vb / (b.n - 1) : 0));
  const half = tCritical95(Math.max(1, Math.floor(df))) * se;
  return { mean, halfWidth: half, lo: mean - half, hi: mean + half, significant: mean - half > 0 || mean + half < 0 };
}

export interface CompareRow {
  readonly name: string;
  readonly unit: Unit;
  readonly description: string;
  readonly a: MeanCI;
  readonly b: MeanCI;
  readonly diff: Difference;
}

export function compareSets(a: RunSet, b: RunSet, c: Catalogue = CATALOGUE): { metrics: CompareRow[]; families: CompareRow[] } {
  const metrics = c.run.map((m) => {
    const x = band(a.metrics[m.name] ?? [], m.unit);
    const y = band(b.metrics[m.name] ?? [], m.unit);
    return { name: m.name, unit: m.unit, description: m.description, a: x, b: y, diff: difference(x, y) };
  });
  const names = [...new Set([...a.families.map((f) => f.family), ...b.families.map((f) => f.family)])];
  const families = names.map((f) => {
    const x = band(a.families.find((g) => g.family === f)?.pnl ?? [], "ETH");
    const y = band(b.families.find((g) => g.family === f)?.pnl ?? [], "ETH");
    return { name: f, unit: "ETH" as Unit, description: `realisable P&L of ${f}`, a: x, b: y, diff: difference(x, y) };
  });
  return { metrics, families };
}

/**
 * The one-line verdict of a comparison (CLI and report): which metrics changed beyond noise; that
 * nothing can be told from noise when no metric has an interval (one run per side); and a warning
 * when the two sides ran different sizes (the difference then mixes the setting with the size).
 */
export function verdict(a: RunSet, b: RunSet, r: { metrics: readonly CompareRow[] }): string {
  const changed = r.metrics.filter((x) => x.diff.significant).map((x) => x.name);
  const anyInterval = r.metrics.some((x) => Number.isFinite(x.diff.halfWidth));
  const head = changed.length
    ? `changed beyond noise: ${changed.join(", ")}`
    : anyInterval
      ? "no metric changed beyond its 95% interval"
      : "one run per side: no interval, so no change can be told from noise (run each side with --seeds n)";
  const same = a.sizes.length === b.sizes.length && a.sizes.every((x, i) => x === b.sizes[i]);
  return same ? head : `${head}; warning: the sides ran different sizes (A: ${a.sizes.join(", ")}; B: ${b.sizes.join(", ")}), so the differences mix the setting with the size`;
}

function diffText(d: Difference, unit: Unit): string {
  if (!Number.isFinite(d.mean)) return "n/a";
  const u = unit === "share" ? "share" : unit;
  const sign = d.mean > 0 ? "+" : "";
  if (!Number.isFinite(d.halfWidth)) return `${sign}${humanValue(d.mean, u)} (one run each: no interval)`;
  return `${sign}${humanValue(d.mean, u)} [${humanValue(d.lo, u)}, ${humanValue(d.hi, u)}]${d.significant ? " *" : ""}`;
}

export async function renderCompare(a: RunSet, b: RunSet, labels: readonly [string, string], c: Catalogue = CATALOGUE): Promise<string> {
  const r = compareSets(a, b, c);
  const rows = (xs: readonly CompareRow[]) => xs.map((x) => [x.name, x.description, pmHuman(x.a, x.unit), pmHuman(x.b, x.unit), diffText(x.diff, x.unit)]);
  const chart = await renderSvg(intervalSpec(`Realisable P&L per family: ${labels[1]} - ${labels[0]} (ETH, 95% CI)`, "ETH", r.families.map((f) => ({ label: f.name, mean: f.diff.mean, lo: f.diff.lo, hi: f.diff.hi }))));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cipher compare: ${escapeXml(labels[0])} vs ${escapeXml(labels[1])}</title>
<style>${CSS}</style></head><body>
<h1>Compare: A = ${escapeXml(labels[0])} (${escapeXml(a.name)}, ${a.seeds.length} run(s)) vs B = ${escapeXml(labels[1])} (${escapeXml(b.name)}, ${b.seeds.length} run(s))</h1>
<p>Each side: mean over its runs with the 95% confidence interval (Student t) in brackets. B - A: the difference of the means with its 95% interval (Welch); * marks an interval that excludes 0. With one run per side there is no interval: run <code>npm run simulate -- --seeds n</code> for each side.</p>
<p><b>${escapeXml(capitalise(verdict(a, b, r)))}.</b></p>
<h2>Metrics</h2>
${table(["metric", "description", "A", "B", "B - A"], rows(r.metrics), [1])}
<h2>Realisable P&L per family</h2>
${table(["family", "description", "A", "B", "B - A"], rows(r.families))}
<div class="charts">${chart}</div>
</body></html>
`;
}

export async function writeCompare(dir: string, a: RunSet, b: RunSet, labels: readonly [string, string]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "compare.json"), stableStringify({ a: { dir: labels[0], name: a.name, seeds: a.seeds }, b: { dir: labels[1], name: b.name, seeds: b.seeds }, ...compareSets(a, b) }, 2) + "\n");
  fs.writeFileSync(path.join(dir, "report.html"), await renderCompare(a, b, labels));
}
