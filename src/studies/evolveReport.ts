// The evolution report: per-generation strategy shares, fitness and economy outcomes.
import * as fs from "fs";
import * as path from "path";
import { escapeXml } from "../report/svg";
import { stableStringify } from "../report/format";
import { generationLines } from "./svgCharts";
import { familyShares, OUTCOME_METRICS, type EvolveResult, type Strategy } from "./evolve";

function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return "–";
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(Number(x.toPrecision(digits)));
}

/** Mean and its 95% interval as computed (clipped to the metric's range, so not symmetric: printed as [lo, hi], not as a half-width). */
function ciCell(ci: { readonly mean: number; readonly lo: number; readonly hi: number; readonly n: number }): string {
  return ci.n < 2 || !Number.isFinite(ci.mean) ? fmt(ci.mean) : `${fmt(ci.mean)} [${fmt(ci.lo, 3)}, ${fmt(ci.hi, 3)}]`;
}

export function strategyLabel(s: Strategy): string {
  return s.parent < 0 ? `${s.family}#${s.id}` : `${s.family}#${s.id} (from #${s.parent})`;
}

export function evolveCsv(r: EvolveResult): string {
  const lines = ["generation,strategy,family,parent,share,count,fitnessMean,fitnessHalfWidth,params"];
  for (const g of r.records) {
    g.strategies.forEach((s, i) => {
      lines.push([g.generation, s.id, s.family, s.parent, g.shares[i], g.counts[i], g.fitness[i].mean, g.fitness[i].halfWidth, JSON.stringify(stableStringify(s.params))].join(","));
    });
  }
  return lines.join("\n") + "\n";
}

export function renderEvolveReport(title: string, r: EvolveResult, note = ""): string {
  const recs = r.records;
  const families = [...new Set(recs.flatMap((g) => g.strategies.map((s) => s.family)))];
  const famLines = families.map((f) => ({ name: f, ys: recs.map((g) => familyShares(g).get(f) ?? 0) }));
  const finalFam = new Map<string, number>();
  r.final.strategies.forEach((s, i) => finalFam.set(s.family, (finalFam.get(s.family) ?? 0) + r.final.shares[i]));
  const first = recs[0];
  const firstFam = first === undefined ? new Map<string, number>() : familyShares(first);
  const moves = families.map((f) => ({ f, d: (finalFam.get(f) ?? 0) - (firstFam.get(f) ?? 0) })).sort((a, b) => b.d - a.d);
  const headline = moves.length === 0 ? "" : `<p class="headline"><b>After ${recs.length} generation${recs.length === 1 ? "" : "s"}:</b> ${moves.map((m) => `${escapeXml(m.f)} ${fmt((firstFam.get(m.f) ?? 0) * 100, 3)}% → ${fmt((finalFam.get(m.f) ?? 0) * 100, 3)}%`).join(", ")}.</p>`;
  const outcomeCharts = [...OUTCOME_METRICS, "adversaryProfit"].map((m) => generationLines(`${m} (mean over seeds)`, [{ name: m, ys: recs.map((g) => g.outcomes[m]?.mean ?? NaN) }], m));
  const fitnessChart = generationLines("fitness: mean realisable return per agent, by family (best strategy)", families.map((f) => ({
    name: f,
    ys: recs.map((g) => Math.max(...g.strategies.map((s, i) => (s.family === f && Number.isFinite(g.fitness[i].mean) ? g.fitness[i].mean : -Infinity)))).map((x) => (x === -Infinity ? NaN : x)),
  })), "return");
  const rows = recs.map((g) => `<tr><td>${g.generation}</td>${[...OUTCOME_METRICS, "adversaryProfit"].map((m) => `<td>${ciCell(g.outcomes[m])}</td>`).join("")}<td>${g.failed}</td></tr>`).join("");
  const strat = recs.map((g) => g.strategies.map((s, i) => `<tr><td>${g.generation}</td><td>${escapeXml(strategyLabel(s))}</td><td>${fmt(g.shares[i] * 100, 3)}%</td><td>${g.counts[i]}</td><td>${ciCell(g.fitness[i])}</td><td><code>${escapeXml(stableStringify(s.params))}</code></td></tr>`).join("")).join("");
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto}table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px}.headline{font-size:1.15em}code{font-size:10px}</style></head><body>
<h1>${escapeXml(title)}</h1>${headline}${note}
<p>Replicator dynamics with mutation over strategy shares (family + parameters); fitness = mean realisable return per agent over the generation's seeds (95% CI over seeds). Adversaries and agents with roles are the fixed environment.</p>
${generationLines("share of the evolving agents, by family", famLines, "share")}
${fitnessChart}
<h2>Economy outcomes per generation (mean [95% CI] over seeds)</h2>
<table><tr><th>gen</th>${[...OUTCOME_METRICS, "adversaryProfit (ETH)"].map((m) => `<th>${m}</th>`).join("")}<th>failed runs</th></tr>${rows}</table>
${outcomeCharts.join("\n")}
<h2>Strategies per generation</h2>
<table><tr><th>gen</th><th>strategy</th><th>share</th><th>agents</th><th>fitness</th><th>params</th></tr>${strat}</table>
</body></html>
`;
}

export function writeEvolveOutputs(dir: string, title: string, r: EvolveResult): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "evolve.json"), stableStringify(r, 1) + "\n");
  fs.writeFileSync(path.join(dir, "evolve.csv"), evolveCsv(r));
  fs.writeFileSync(path.join(dir, "evolve-report.html"), renderEvolveReport(title, r));
}
