// The intelligence-ladder report: a headline that answers the question, per-rung means with 95%
// CIs, paired differences from the rule-based rung, and the evolution of the evolved rung.
import * as fs from "fs";
import * as path from "path";
import { escapeXml } from "../report/svg";
import { stableStringify } from "../report/format";
import { generationLines, intervalPlot } from "./svgCharts";
import { familyShares } from "./evolve";
import { STUDY_METRICS, type RungOutcome, type StudyConfig } from "./intelligence";

function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "–";
  if (x === 0) return "0";
  return Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(2) : String(Number(x.toPrecision(digits)));
}

/** Mean and its 95% interval as computed (clipped to the metric's range, so not symmetric: printed as [lo, hi], not as a half-width). */
function ciCell(ci: { readonly mean: number; readonly lo: number; readonly hi: number; readonly n: number }): string {
  return ci.n < 2 || !Number.isFinite(ci.mean) ? fmt(ci.mean) : `${fmt(ci.mean)} [${fmt(ci.lo)}, ${fmt(ci.hi)}]`;
}

export type Verdict = "better" | "worse" | "no significant change";

/** Whether a paired difference's 95% CI excludes 0, and in which direction that is better. */
export function verdict(diff: { mean: number; lo: number; hi: number; n: number }, better: "lower" | "higher"): Verdict {
  if (diff.n < 2 || !Number.isFinite(diff.lo) || (diff.lo <= 0 && diff.hi >= 0)) return "no significant change";
  const up = diff.lo > 0;
  return (up && better === "higher") || (!up && better === "lower") ? "better" : "worse";
}

export function headline(outcomes: readonly RungOutcome[]): string {
  const measured = outcomes.filter((o) => o.results.some((r) => r.error === undefined));
  if (measured.length < 2 || measured[0] !== outcomes[0]) return "Fewer than two rungs (with the first) have results: nothing to compare.";
  const first = outcomes[0];
  const top = measured[measured.length - 1];
  const missing = outcomes.filter((o) => !measured.includes(o)).map((o) => o.rung.name);
  const parts = STUDY_METRICS.map((m) => ({ m, v: verdict(top.vsFirst[m.name], m.better), d: top.vsFirst[m.name] }));
  const better = parts.filter((p) => p.v === "better").map((p) => p.m.label);
  const worse = parts.filter((p) => p.v === "worse").map((p) => p.m.label);
  const same = parts.filter((p) => p.v === "no significant change").map((p) => p.m.label);
  const answer =
    worse.length === 0
      ? better.length === 0 ? "Not measurably" : better.length >= 3 ? "Yes" : "Partly"
      : better.length === 0 ? "No, it got worse" : "Mixed";
  const detail = parts.map((p) => `${p.m.label} ${fmt(first.stats[p.m.name].mean)} → ${fmt(top.stats[p.m.name].mean)} (paired difference ${fmt(p.d.mean)}, 95% CI ${fmt(p.d.lo)} to ${fmt(p.d.hi)}: ${p.v})`);
  const note = missing.length === 0 ? "" : ` (every run of ${missing.join(", ")} failed: see the table)`;
  return `Does the economy get better as its traders get smarter? ${answer}. From ${first.rung.name} to ${top.rung.name} traders over ${first.stats.volatility.n} paired seeds${note}: better on ${better.length === 0 ? "nothing" : better.join(", ")}; worse on ${worse.length === 0 ? "nothing" : worse.join(", ")}; no significant change in ${same.length === 0 ? "nothing" : same.join(", ")}. ${detail.join("; ")}.`;
}

export function renderIntelligenceReport(outcomes: readonly RungOutcome[], cfg: StudyConfig, scenarioName: string, wallSeconds: number): string {
  const metrics = [...STUDY_METRICS, { name: "winnersShare", label: "share of honest agents whose realisable wealth rose", better: "higher" as const }];
  const table = outcomes.map((o) => `<tr><td><b>${escapeXml(o.rung.name)}</b></td>${metrics.map((m) => `<td>${ciCell(o.stats[m.name])}</td>`).join("")}<td>${o.results.filter((r) => r.error !== undefined).length}</td></tr>`).join("");
  const diffs = outcomes.slice(1).map((o) => `<tr><td><b>${escapeXml(o.rung.name)}</b></td>${STUDY_METRICS.map((m) => `<td>${fmt(o.vsFirst[m.name].mean)} [${fmt(o.vsFirst[m.name].lo)}, ${fmt(o.vsFirst[m.name].hi)}]<br><i>${verdict(o.vsFirst[m.name], m.better)}</i></td>`).join("")}</tr>`).join("");
  const plots = metrics.map((m) => intervalPlot(`${m.label} (${m.better} is better), mean and 95% CI`, outcomes.map((o) => ({ label: o.rung.name, mean: o.stats[m.name].mean, lo: o.stats[m.name].lo, hi: o.stats[m.name].hi })), m.label));
  const evo = outcomes.find((o) => o.evolution !== undefined)?.evolution;
  let evoHtml = "";
  if (evo !== undefined) {
    const fams = [...new Set(evo.records.flatMap((g) => g.strategies.map((s) => s.family)))];
    const finalFam = new Map<string, number>();
    evo.final.strategies.forEach((s, i) => finalFam.set(s.family, (finalFam.get(s.family) ?? 0) + evo.final.shares[i]));
    const series = fams.map((f) => ({ name: f, ys: [...evo.records.map((g) => familyShares(g).get(f) ?? 0), finalFam.get(f) ?? 0] }));
    evoHtml = `<h2>The evolved rung: trader shares by family</h2><p>Generation ${evo.records.length} is the population evaluated above (after the last selection).</p>${generationLines("share of the trader block", series, "share")}
<table><tr><th>family</th><th>start</th><th>evolved</th></tr>${fams.map((f) => `<tr><td>${escapeXml(f)}</td><td>${fmt((series.find((s) => s.name === f)?.ys[0] ?? 0) * 100)}%</td><td>${fmt((finalFam.get(f) ?? 0) * 100)}%</td></tr>`).join("")}</table>`;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Intelligence ladder</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}.headline{font-size:1.15em;background:#f4f4f8;padding:0.8em}</style></head><body>
<h1>Intelligence ladder: ${escapeXml(scenarioName)}</h1>
<p class="headline">${escapeXml(headline(outcomes))}</p>
<p>${cfg.traders} traders per rung on top of the fixed economy; ${cfg.seeds} seeds per rung (seeds ${cfg.baseSeed}..${cfg.baseSeed + cfg.seeds - 1}, the same for every rung, so differences are paired); ${cfg.steps ?? "scenario"} steps; ${cfg.economy} economy; evolved rung: ${cfg.generations} generation(s) x ${cfg.evolveSeeds} seed(s) on seeds of its own. Wall time ${fmt(wallSeconds, 4)} s.
Values are realisable (tokens at the refund a sale would get, net of fees), not marked to spot.</p>
<h2>Rungs</h2><ul>${outcomes.map((o) => `<li><b>${escapeXml(o.rung.name)}</b>: ${escapeXml(o.rung.description)}</li>`).join("")}</ul>
<h2>Outcomes (mean [95% CI] over seeds)</h2>
<table><tr><th>rung</th>${metrics.map((m) => `<th>${escapeXml(m.label)}<br><small>${m.better} is better</small></th>`).join("")}<th>failed runs</th></tr>${table}</table>
<h2>Paired differences from ${escapeXml(outcomes[0]?.rung.name ?? "")} (mean [95% CI])</h2>
<table><tr><th>rung</th>${STUDY_METRICS.map((m) => `<th>${escapeXml(m.label)}</th>`).join("")}</tr>${diffs}</table>
${plots.join("\n")}
${evoHtml}
</body></html>
`;
}

export function writeIntelligenceOutputs(dir: string, outcomes: readonly RungOutcome[], cfg: StudyConfig, scenarioName: string, wallSeconds: number): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "intelligence.json"), stableStringify({ config: cfg, wallSeconds, headline: headline(outcomes), rungs: outcomes.map((o) => ({ rung: o.rung, stats: o.stats, vsFirst: o.vsFirst, results: o.results, evolution: o.evolution })) }, 1) + "\n");
  const lines = ["rung,seed,error," + [...STUDY_METRICS.map((m) => m.name), "winnersShare"].join(",")];
  for (const o of outcomes) for (const r of o.results) lines.push([o.rung.name, r.seed, JSON.stringify(r.error ?? ""), ...STUDY_METRICS.map((m) => (m.name === "adversaryProfit" ? r.adversaryProfit : r.metrics[m.name])), r.winnersShare].join(","));
  fs.writeFileSync(path.join(dir, "intelligence.csv"), lines.join("\n") + "\n");
  fs.writeFileSync(path.join(dir, "intelligence-report.html"), renderIntelligenceReport(outcomes, cfg, scenarioName, wallSeconds));
}
