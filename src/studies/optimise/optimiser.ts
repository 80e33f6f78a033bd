// The optimiser: a Latin hypercube of candidate settings, searched by successive halving with
// common random numbers; one shard takes every n-th candidate and 1/n of the budget.
import { Rng } from "../../sim/prng";
import type { Setting } from "../../sweep/grid";
import type { Constraint } from "../objective";
import { latinHypercube } from "./lhs";
import { valueAt, type Dimension } from "./space";
import { planHalving, rankScores, scoreCandidate, successiveHalving, type CandidateScore, type Evaluate, type Evaluation, type ObjectiveSpec, type Plan } from "./halving";
import { paretoFront } from "./pareto";

export interface OptimiseSpec {
  readonly dims: readonly Dimension[];
  readonly objectives: readonly ObjectiveSpec[];
  readonly constraints: readonly Constraint[];
  /** Runs for the whole search (all shards together). */
  readonly budget: number;
  /** Seeds each finalist is evaluated on. */
  readonly seeds: number;
  readonly baseSeed: number;
  readonly eta: number;
  /** Seed of the Latin hypercube (the same for every shard). */
  readonly sampleSeed: number;
  readonly shard: { readonly index: number; readonly count: number };
}

export interface Candidate {
  readonly id: number;
  readonly setting: Setting;
}

export interface OptimiseResult {
  readonly spec: OptimiseSpec;
  readonly plan: Plan;
  readonly candidates: readonly Candidate[];
  readonly evaluations: readonly Evaluation[];
  readonly rungs: readonly (readonly CandidateScore[])[];
}

/** The shard's plan and its candidates (ids global: every shard samples the same hypercube). */
export function shardPlan(spec: OptimiseSpec): { plan: Plan; candidates: Candidate[] } {
  const budget = Math.floor(spec.budget / spec.shard.count);
  const plan = planHalving(budget, spec.seeds, spec.eta);
  const total = plan.rungs[0].candidates * spec.shard.count;
  const pts = latinHypercube(total, spec.dims.length, Rng.derive(spec.sampleSeed, 0x5eed));
  const all = pts.map((u, id) => ({ id, setting: Object.fromEntries(spec.dims.map((d, j) => [d.path, valueAt(d, u[j])])) as Setting }));
  return { plan, candidates: all.filter((c) => c.id % spec.shard.count === spec.shard.index - 1) };
}

export async function optimise(spec: OptimiseSpec, evaluate: (jobs: readonly { candidate: Candidate; seed: number }[]) => Promise<readonly Evaluation[]>, log: (s: string) => void = () => undefined): Promise<OptimiseResult> {
  const { plan, candidates } = shardPlan(spec);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const ev: Evaluate = (jobs) => evaluate(jobs.map((j) => ({ candidate: byId.get(j.candidate) as Candidate, seed: j.seed })));
  log(`plan: ${plan.rungs.map((r) => `${r.candidates} x ${r.seeds} seeds`).join(" -> ")} = ${plan.cost} runs`);
  const res = await successiveHalving(candidates.map((c) => c.id), plan, spec.baseSeed, ev, spec.objectives, spec.constraints, (r, ranked) => log(rungLine(r, ranked, spec.objectives)));
  return { spec, plan, candidates, evaluations: res.evaluations, rungs: res.rungs };
}

/**
 * The progress line after a rung: its best candidate's objective means, or, where none of its runs
 * gave a value (every one failed), "n/a" and how many failed, not "NaN".
 */
export function rungLine(rung: number, ranked: readonly CandidateScore[], objectives: readonly { readonly name: string }[]): string {
  const b = ranked[0];
  if (b === undefined) return `rung ${rung}: no candidates`;
  const value = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? "n/a" : String(x));
  const failed = b.failed > 0 ? ` (${b.failed} of ${b.seeds} runs failed)` : "";
  return `rung ${rung}: ${ranked.length} candidates; best #${b.candidate} ${objectives.map((o) => `${o.name}=${value(b.means[o.name])}`).join(" ")}${failed}`;
}

/** Finalists across shards: every candidate evaluated on all `seeds`, ranked. */
export function finalists(r: Pick<OptimiseResult, "spec" | "evaluations" | "candidates">): CandidateScore[] {
  const metrics = [...new Set([...r.spec.objectives.map((o) => o.name), ...r.spec.constraints.map((c) => c.metric)])];
  const full = r.candidates.filter((c) => new Set(r.evaluations.filter((e) => e.candidate === c.id).map((e) => e.seed)).size >= r.spec.seeds);
  return rankScores(full.map((c) => scoreCandidate(c.id, r.evaluations, r.spec.baseSeed, r.spec.seeds, metrics, r.spec.constraints)), r.spec.objectives);
}

/** Every candidate scored on the first seed(s) all of them share (the common random numbers), with its front flag. */
export function commonScores(r: Pick<OptimiseResult, "spec" | "evaluations" | "candidates">): { score: CandidateScore; front: boolean }[] {
  const metrics = [...new Set([...r.spec.objectives.map((o) => o.name), ...r.spec.constraints.map((c) => c.metric)])];
  const seedsOf = r.candidates.map((c) => new Set(r.evaluations.filter((e) => e.candidate === c.id).map((e) => e.seed)).size);
  const common = Math.max(1, Math.min(...seedsOf));
  const scores = r.candidates.map((c) => scoreCandidate(c.id, r.evaluations, r.spec.baseSeed, common, metrics, r.spec.constraints));
  const feasible = scores.map((s) => s.violation === 0);
  const vecs = scores.map((s) => r.spec.objectives.map((o) => (o.better === "lower" ? 1 : -1) * s.means[o.name]));
  const idx = feasible.map((f, i) => (f ? i : -1)).filter((i) => i >= 0);
  const front = new Set(paretoFront(idx.map((i) => vecs[i])).map((k) => idx[k]));
  return scores.map((score, i) => ({ score, front: front.has(i) }));
}
