// Successive halving with common random numbers. Rung r evaluates its surviving candidates on the
// seeds base .. base + m_r - 1 (every candidate the same seeds; later rungs add seeds, never
// replace them), ranks them on the means over those seeds and keeps the best 1/eta for the next
// rung. Ranking: feasible before infeasible (by total constraint violation), then Pareto rank
// over the objectives, then the first (primary) objective.
import { paretoRanks } from "./pareto";
import type { Constraint, Direction } from "../objective";
import { violation } from "../objective";

export interface Rung {
  readonly candidates: number;
  /** Cumulative seeds per candidate after this rung. */
  readonly seeds: number;
}

export interface Plan {
  readonly rungs: readonly Rung[];
  /** Runs the plan uses (<= the budget). */
  readonly cost: number;
}

export function planCost(rungs: readonly Rung[]): number {
  return rungs.reduce((s, r, i) => s + r.candidates * (r.seeds - (i === 0 ? 0 : rungs[i - 1].seeds)), 0);
}

function rungsFor(n0: number, maxSeeds: number, eta: number, count: number): Rung[] {
  const rungs: Rung[] = [];
  for (let r = 0; r < count; r++) {
    rungs.push({
      candidates: Math.max(1, Math.floor(n0 / Math.pow(eta, r))),
      seeds: Math.max(1, Math.round(maxSeeds / Math.pow(eta, count - 1 - r))),
    });
  }
  return rungs;
}

/**
 * The plan with the most starting candidates that fits `budget` runs and ends with `maxSeeds`
 * seeds per finalist. Rung counts whose seed schedule would not strictly increase are skipped,
 * so with one seed the plan is a plain random (Latin hypercube) search.
 */
export function planHalving(budget: number, maxSeeds: number, eta: number): Plan {
  if (!Number.isInteger(budget) || budget < 1) throw new RangeError(`budget must be a positive integer, got ${budget}`);
  if (!Number.isInteger(maxSeeds) || maxSeeds < 1) throw new RangeError(`seeds must be a positive integer, got ${maxSeeds}`);
  if (!(eta >= 2)) throw new RangeError(`eta must be >= 2, got ${eta}`);
  if (budget < maxSeeds) throw new RangeError(`a budget of ${budget} runs cannot evaluate one candidate on ${maxSeeds} seeds`);
  let best: Plan | undefined;
  for (let count = 1; count <= 20; count++) {
    const probe = rungsFor(1, maxSeeds, eta, count);
    if (probe.some((r, i) => i > 0 && r.seeds <= probe[i - 1].seeds)) break;
    let lo = 1;
    let hi = budget;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (planCost(rungsFor(mid, maxSeeds, eta, count)) <= budget) lo = mid;
      else hi = mid - 1;
    }
    const rungs = rungsFor(lo, maxSeeds, eta, count);
    const cost = planCost(rungs);
    if (cost > budget) continue;
    // more rungs only when they buy more starting candidates
    if (best === undefined || rungs[0].candidates > best.rungs[0].candidates) best = { rungs, cost };
  }
  if (best === undefined) throw new RangeError(`no plan fits a budget of ${budget}`);
  return best;
}

export interface ObjectiveSpec {
  readonly name: string;
  readonly better: Direction;
}

export interface Evaluation {
  readonly candidate: number;
  readonly seed: number;
  readonly values: { readonly [metric: string]: number };
  readonly error?: string;
}

export interface EvalJob {
  readonly candidate: number;
  readonly seed: number;
}

export type Evaluate = (jobs: readonly EvalJob[]) => Promise<readonly Evaluation[]>;

export interface CandidateScore {
  readonly candidate: number;
  readonly seeds: number;
  readonly failed: number;
  /** Mean over the candidate's first `seeds` seeds, per metric. */
  readonly means: { readonly [metric: string]: number };
  readonly violation: number;
}

/** Means over the first `seeds` seeds (base .. base + seeds - 1) of each candidate's evaluations. */
export function scoreCandidate(
  candidate: number,
  evals: readonly Evaluation[],
  baseSeed: number,
  seeds: number,
  metrics: readonly string[],
  constraints: readonly Constraint[],
): CandidateScore {
  const mine = evals.filter((e) => e.candidate === candidate && e.seed >= baseSeed && e.seed < baseSeed + seeds);
  const ok = mine.filter((e) => e.error === undefined);
  const means: { [m: string]: number } = {};
  for (const m of metrics) means[m] = ok.length === 0 ? NaN : ok.reduce((s, e) => s + (e.values[m] ?? NaN), 0) / ok.length;
  const failed = mine.length - ok.length;
  const v = failed > 0 || ok.length === 0 ? Infinity : constraints.reduce((s, c) => s + violation(c, means[c.metric]), 0);
  return { candidate, seeds, failed, means, violation: v };
}

/** Orders scores best first (see the file comment). */
export function rankScores(scores: readonly CandidateScore[], objectives: readonly ObjectiveSpec[]): CandidateScore[] {
  const vec = (s: CandidateScore) => objectives.map((o) => (o.better === "lower" ? 1 : -1) * s.means[o.name]);
  const ranks = paretoRanks(scores.map(vec));
  const primary = objectives[0];
  const sign = primary.better === "lower" ? 1 : -1;
  const key = (x: number) => (Number.isNaN(x) ? Infinity : sign * x);
  return scores
    .map((s, i) => ({ s, r: ranks[i] }))
    .sort((a, b) => a.s.violation - b.s.violation || a.r - b.r || key(a.s.means[primary.name]) - key(b.s.means[primary.name]) || a.s.candidate - b.s.candidate)
    .map((x) => x.s);
}

export interface HalvingResult {
  readonly plan: Plan;
  readonly evaluations: readonly Evaluation[];
  /** Candidates per rung, best first, scored on that rung's seeds. */
  readonly rungs: readonly (readonly CandidateScore[])[];
}

export async function successiveHalving(
  candidates: readonly number[],
  plan: Plan,
  baseSeed: number,
  evaluate: Evaluate,
  objectives: readonly ObjectiveSpec[],
  constraints: readonly Constraint[],
  onRung?: (rung: number, ranked: readonly CandidateScore[]) => void,
): Promise<HalvingResult> {
  if (objectives.length === 0) throw new RangeError("at least one objective");
  const metrics = [...new Set([...objectives.map((o) => o.name), ...constraints.map((c) => c.metric)])];
  const evaluations: Evaluation[] = [];
  const rungs: CandidateScore[][] = [];
  let alive = candidates.slice(0, plan.rungs[0].candidates);
  let done = 0;
  for (let r = 0; r < plan.rungs.length; r++) {
    const { seeds } = plan.rungs[r];
    if (r > 0) alive = rungs[r - 1].slice(0, Math.min(plan.rungs[r].candidates, rungs[r - 1].length)).map((s) => s.candidate);
    const jobs: EvalJob[] = [];
    for (const c of alive) for (let k = done; k < seeds; k++) jobs.push({ candidate: c, seed: baseSeed + k });
    evaluations.push(...(await evaluate(jobs)));
    const ranked = rankScores(alive.map((c) => scoreCandidate(c, evaluations, baseSeed, seeds, metrics, constraints)), objectives);
    rungs.push(ranked);
    onRung?.(r, ranked);
    done = seeds;
  }
  return { plan, evaluations, rungs };
}
