// Optimiser outputs: one JSON file per shard (everything needed to merge), and for a whole search
// (one shard, or shards merged) the ranked finalists (optimise.csv) and the report.
import * as fs from "fs";
import * as path from "path";
import { createHash } from "crypto";
import { stableStringify } from "../../report/format";
import { escapeXml } from "../../report/svg";
import { meanCI95, rangeOfRunMetric } from "../../metrics/confidence";
import { commonScores, finalists, type OptimiseResult } from "./optimiser";
import { paretoScatter } from "../svgCharts";
import type { CandidateScore } from "./halving";

export interface ShardOutput extends OptimiseResult {
  readonly scenarioName: string;
  /** Hash of everything that must agree across shards (scenario, space, objectives, budget...). */
  readonly searchHash: string;
}

export function searchHash(parts: unknown): string {
  return createHash("sha256").update(stableStringify(parts)).digest("hex").slice(0, 16);
}

export function shardFile(dir: string, shard: { index: number; count: number }): string {
  return path.join(dir, `optimise-shard-${shard.index}-of-${shard.count}.json`);
}

export function writeShard(dir: string, out: ShardOutput): string {
  fs.mkdirSync(dir, { recursive: true });
  const f = shardFile(dir, out.spec.shard);
  fs.writeFileSync(f, stableStringify(out, 1) + "\n");
  return f;
}

export function mergeShardOutputs(outs: readonly ShardOutput[]): ShardOutput {
  if (outs.length === 0) throw new Error("no optimiser shard files");
  const first = outs[0];
  for (const o of outs) if (o.searchHash !== first.searchHash) throw new Error(`shards come from different searches (${o.searchHash} vs ${first.searchHash})`);
  const seen = new Set<number>();
  for (const o of outs) for (const c of o.candidates) {
    if (seen.has(c.id)) throw new Error(`candidate ${c.id} appears in more than one shard`);
    seen.add(c.id);
  }
  return {
    ...first,
    spec: { ...first.spec, shard: { index: 1, count: 1 } },
    candidates: outs.flatMap((o) => o.candidates).sort((a, b) => a.id - b.id),
    evaluations: outs.flatMap((o) => o.evaluations),
    rungs: [],
  };
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}

function ciText(out: ShardOutput, candidate: number, metric: string): string {
  const xs = out.evaluations.filter((e) => e.candidate === candidate && e.error === undefined && e.seed < out.spec.baseSeed + out.spec.seeds).map((e) => e.values[metric]);
  const ci = meanCI95(xs, rangeOfRunMetric(metric));
  // as computed, clipped to the metric's range (so not symmetric: [lo, hi], not a half-width)
  return ci.n < 2 || !Number.isFinite(ci.mean) ? fmt(ci.mean) : `${fmt(ci.mean)} [${fmt(ci.lo)}, ${fmt(ci.hi)}]`;
}

export function finalistsCsv(out: ShardOutput, rows: readonly CandidateScore[]): string {
  const params = out.spec.dims.map((d) => d.path);
  const metrics = [...out.spec.objectives.map((o) => o.name), ...out.spec.constraints.map((c) => c.metric).filter((m) => !out.spec.objectives.some((o) => o.name === m))];
  const byId = new Map(out.candidates.map((c) => [c.id, c]));
  const lines = [["rank", "candidate", ...params, "seeds", "violation", ...metrics].join(",")];
  rows.forEach((r, i) => {
    const c = byId.get(r.candidate);
    lines.push([i + 1, r.candidate, ...params.map((p) => c?.setting[p] ?? ""), r.seeds, r.violation, ...metrics.map((m) => r.means[m])].join(","));
  });
  return lines.join("\n") + "\n";
}

export function renderOptimiseReport(out: ShardOutput): string {
  const fin = finalists(out);
  const byId = new Map(out.candidates.map((c) => [c.id, c]));
  const spec = out.spec;
  const best = fin[0];
  const params = spec.dims.map((d) => d.path);
  const runs = out.evaluations.length;
  const head = best === undefined
    ? "<p><b>No candidate reached the final rung.</b></p>"
    : `<p class="headline"><b>Best setting:</b> ${params.map((p) => `<code>${escapeXml(p)}=${escapeXml(byId.get(best.candidate)?.setting[p] ?? "")}</code>`).join(", ")}: ${spec.objectives.map((o) => `${escapeXml(o.name)} ${ciText(out, best.candidate, o.name)} (${o.better} is better)`).join("; ")} over seeds ${spec.baseSeed}..${spec.baseSeed + spec.seeds - 1}${best.violation > 0 ? " <b>(violates a constraint: no feasible candidate)</b>" : ""}.</p>`;
  const finRows = fin.map((r, i) => `<tr><td>${i + 1}</td><td>${r.candidate}</td>${params.map((p) => `<td>${escapeXml(byId.get(r.candidate)?.setting[p] ?? "")}</td>`).join("")}${spec.objectives.map((o) => `<td>${ciText(out, r.candidate, o.name)}</td>`).join("")}<td>${r.violation === 0 ? "yes" : fmt(r.violation)}</td></tr>`).join("");
  const common = commonScores(out);
  const charts: string[] = [];
  const label = (s: CandidateScore) => `#${s.candidate} ${params.map((p) => `${p}=${byId.get(s.candidate)?.setting[p]}`).join(" ")}`;
  if (spec.objectives.length >= 2) {
    for (let i = 0; i + 1 < spec.objectives.length; i++) {
      const [a, b] = [spec.objectives[i], spec.objectives[i + 1]];
      charts.push(paretoScatter(`Pareto front: ${a.name} vs ${b.name}`, common.map((c) => ({ x: c.score.means[a.name], y: c.score.means[b.name], front: c.front, label: label(c.score) })), `${a.name} (${a.better} is better)`, `${b.name} (${b.better} is better)`));
    }
  }
  for (const d of spec.dims) {
    const o = spec.objectives[0];
    charts.push(paretoScatter(`${o.name} by ${d.path}`, common.map((c) => ({ x: Number(byId.get(c.score.candidate)?.setting[d.path]), y: c.score.means[o.name], front: c.score.candidate === best?.candidate, label: label(c.score) })), d.path + (d.log ? " (log-sampled)" : ""), o.name));
  }
  const frontRows = common.filter((c) => c.front).map((c) => `<tr><td>${c.score.candidate}</td>${params.map((p) => `<td>${escapeXml(byId.get(c.score.candidate)?.setting[p] ?? "")}</td>`).join("")}${spec.objectives.map((o) => `<td>${fmt(c.score.means[o.name])}</td>`).join("")}</tr>`).join("");
  const commonSeeds = common.length > 0 ? Math.min(...common.map((c) => c.score.seeds)) : 0;
  return `<!doctype html><html><head><meta charset="utf-8"><title>optimise ${escapeXml(out.scenarioName)}</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}.headline{font-size:1.15em}</style></head><body>
<h1>Optimisation: ${escapeXml(out.scenarioName)}</h1>
${head}
<p>Search: ${spec.dims.map((d) => `<code>${escapeXml(d.path)}</code> in [${d.low}, ${d.high}]${d.log ? " (log)" : ""}${d.integer ? " (integer)" : ""}`).join(", ")}; objectives ${spec.objectives.map((o) => `<b>${escapeXml(o.name)}</b> (${o.better})`).join(", ")}${spec.constraints.length > 0 ? `; constraints ${spec.constraints.map((c) => `<code>${escapeXml(c.metric)} ${c.op} ${c.bound}</code>`).join(", ")}` : ""}.
Method: Latin hypercube of ${out.candidates.length} candidates, successive halving (eta ${spec.eta}) with common random numbers (every candidate of a rung sees the same seeds); ${runs} runs of a budget of ${spec.budget}.</p>
<h2>Finalists (all ${spec.seeds} seeds, mean [95% CI])</h2>
<table><tr><th>rank</th><th>candidate</th>${params.map((p) => `<th>${escapeXml(p)}</th>`).join("")}${spec.objectives.map((o) => `<th>${escapeXml(o.name)}</th>`).join("")}<th>feasible</th></tr>${finRows}</table>
<h2>Every candidate on the common seed${commonSeeds === 1 ? "" : "s"} (${commonSeeds})</h2>
${charts.join("\n")}
<h3>Pareto front (feasible candidates, common seeds)</h3>
<table><tr><th>candidate</th>${params.map((p) => `<th>${escapeXml(p)}</th>`).join("")}${spec.objectives.map((o) => `<th>${escapeXml(o.name)}</th>`).join("")}</tr>${frontRows}</table>
</body></html>
`;
}

export function writeWholeOutputs(dir: string, out: ShardOutput): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "optimise.csv"), finalistsCsv(out, finalists(out)));
  fs.writeFileSync(path.join(dir, "optimise-report.html"), renderOptimiseReport(out));
}
