// Sweep outputs: sweep.csv, sweep.json and sweep-report.html (mean and 95% CI per setting and
// objective, ranked by the chosen objective).
import * as fs from "fs";
import * as path from "path";
import type { CellResult, SettingRow } from "../sweep/aggregate";
import { CATALOGUE } from "../metrics/catalogue";
import { objectivesOf, type Objective } from "../sweep/objectives";
import type { MeanCI } from "../metrics/confidence";
import type { SweepMeta } from "../sweep/shardFile";
import { formatNumber, humanValue, stableStringify, type HumanUnit } from "./format";
import { escapeXml } from "./svg";
import { table } from "./html";
import { whiskerChart } from "./whisker";

export function sweepCsv(rows: readonly SettingRow[]): string {
  const header = ["rank", "setting", "runs", "failed", ...objectivesOf().flatMap((o) => [`${o.name}_mean`, `${o.name}_ci95_lo`, `${o.name}_ci95_hi`])];
  const lines = rows.map((r) =>
    [String(r.rank), `"${r.settingKey.replace(/"/g, '""')}"`, String(r.runs), String(r.failed),
      // one run per setting (--seeds 1) has no interval: its bounds are left empty, not the mean twice
      ...objectivesOf().flatMap((o) => {
        const ci = r.stats[o.name];
        return [formatNumber(ci.mean), ci.n < 2 ? "" : formatNumber(ci.lo), ci.n < 2 ? "" : formatNumber(ci.hi)];
      })].join(","),
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}

/** "mean [lo, hi]" of an objective's interval (clipped to its range by aggregate), as the seeds report prints it. */
export function pm(ci: MeanCI, unit: HumanUnit = "ratio"): string {
  if (!Number.isFinite(ci.mean)) return "n/a";
  const u = unit === "flag" ? "share" : unit;
  if (ci.n < 2) return humanValue(ci.mean, u);
  return `${humanValue(ci.mean, u)} [${humanValue(ci.lo, u)}, ${humanValue(ci.hi, u)}]`;
}

export function renderSweepReport(meta: SweepMeta, rows: readonly SettingRow[], objective: Objective, missing: readonly number[]): string {
  const headers = ["rank", "setting", "runs", ...objectivesOf().map((o) => `${o.name} (${o.better} is better)`)];
  const body = rows.map((r) => [String(r.rank), r.settingKey, `${r.runs - r.failed}/${r.runs}`, ...objectivesOf().map((o) => pm(r.stats[o.name], o.unit))]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cipher sweep: ${escapeXml(meta.scenarioName)}</title>
<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}td:nth-child(2){text-align:left}</style>
</head><body>
<h1>Cipher sweep: ${escapeXml(meta.scenarioName)}</h1>
<p>${meta.cells} runs: ${meta.params.map((p) => `${escapeXml(p.path)} ∈ {${p.values.map(escapeXml).join(", ")}}`).join(" × ") || "scenario as is"} × ${meta.seeds} seeds (from ${meta.baseSeed}). Ranked by <b>${escapeXml(objective.name)}</b> (${escapeXml(objective.description)}, ${objective.better} is better). Values are the mean with the 95% confidence interval of the mean (Student t, clipped to the metric's range) in brackets.</p>
${missing.length ? `<p><b>Missing cells:</b> ${missing.join(", ")}</p>` : ""}
${whiskerChart(`${objective.name}: mean and 95% CI per setting (rank order)`, rows.map((r) => ({ label: `${r.rank}. ${r.settingKey}`, mean: r.stats[objective.name].mean, lo: r.stats[objective.name].lo, hi: r.stats[objective.name].hi })))}
${table(headers, body)}
</body></html>
`;
}

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** runs.csv: one row per run (cell) with every swept parameter, the seed and every run metric (tidy). */
export function runsCsv(meta: SweepMeta, results: readonly CellResult[]): string {
  const params = meta.params.map((p) => p.path);
  const metrics = CATALOGUE.run.map((m) => m.name);
  const header = ["cell", ...params, "seed", "ok", "error", ...metrics];
  const lines = [...results].sort((a, b) => a.index - b.index).map((r) =>
    [String(r.index), ...params.map((p) => csvCell(r.setting[p] ?? "")), String(r.seed), r.error === undefined ? "1" : "0", csvCell(r.error ?? ""),
      ...metrics.map((m) => formatNumber(r.objectives[m] ?? NaN))].join(","),
  );
  return [header.map(csvCell).join(","), ...lines].join("\n") + "\n";
}

export function writeSweepOutputs(dir: string, meta: SweepMeta, rows: readonly SettingRow[], objective: Objective, missing: readonly number[], results?: readonly CellResult[]): void {
  fs.mkdirSync(dir, { recursive: true });
  if (results !== undefined) fs.writeFileSync(path.join(dir, "runs.csv"), runsCsv(meta, results));
  fs.writeFileSync(path.join(dir, "sweep.csv"), sweepCsv(rows));
  fs.writeFileSync(path.join(dir, "sweep.json"), stableStringify({ meta, objective: objective.name, missing, rows }, 2) + "\n");
  fs.writeFileSync(path.join(dir, "sweep-report.html"), renderSweepReport(meta, rows, objective, missing));
}
