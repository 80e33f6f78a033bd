// Co-evolution of a population with its economy. Strategies are (family, parameters) pairs; their
// shares of the evolving agents replicate by fitness between generations (replicator dynamics with
// mutation, learning/replicator.ts), and strategies spawn parameter mutants. Adversaries and agents
// with roles (oracles) are the fixed environment; everything else evolves. See docs/studies.md.
import type { ParamShape, ParamValue } from "../agents/params";
import { familyInfo } from "../agents/registry";
import { replicatorStep } from "../agents/learning/replicator";
import { meanCI95, rangeOfRunMetric, UNBOUNDED, type MeanCI } from "../metrics/confidence";
import { Rng } from "../sim/prng";
import { apportion, parseScenario } from "../sim/scenario";
import { isObject } from "../sim/jsonReader";
import type { PopulationEntry } from "../sim/scenarioTypes";
import type { StudyJob, StudyResult } from "./runner/job";

export interface Strategy {
  readonly id: number;
  readonly family: string;
  readonly params: ParamShape;
  readonly fundingEth: number;
  /** Strategy it mutated from (-1 for the scenario's own). */
  readonly parent: number;
}

export interface EvolveConfig {
  readonly generations: number;
  readonly seeds: number;
  /** First seed of generation 0; generation g uses baseSeed + g * seeds .. (fresh seeds each generation). */
  readonly baseSeed: number;
  /** Selection strength per unit of fitness (realisable return). */
  readonly beta: number;
  /** Mutation rate of the replicator (share spread evenly over strategies). */
  readonly mu: number;
  /** Probability per strategy and generation of spawning a parameter mutant. */
  readonly mutationRate: number;
  /** Log-normal scale of a parameter mutation. */
  readonly sigma: number;
  /** Share a new mutant takes from its parent. */
  readonly mutantShare: number;
  readonly maxStrategies: number;
  readonly rngSeed: number;
}

export const evolveDefaults: Omit<EvolveConfig, "generations" | "seeds" | "baseSeed"> = {
  beta: 5,
  mu: 0.02,
  mutationRate: 0.3,
  sigma: 0.3,
  mutantShare: 0.3,
  maxStrategies: 12,
  rngSeed: 1,
};

export interface GenerationRecord {
  readonly generation: number;
  readonly strategies: readonly Strategy[];
  readonly shares: readonly number[];
  readonly counts: readonly number[];
  /** Mean realisable return per agent over the seeds (NaN when the strategy had no agent). */
  readonly fitness: readonly MeanCI[];
  readonly outcomes: { readonly [metric: string]: MeanCI };
  readonly failed: number;
}

/** Parameters never mutated: execution details, not strategy. */
const FIXED_PARAMS = new Set(["tipGwei", "slippageBps", "keepEth", "schedule"]);

/**
 * A mutant of `params`: every numeric parameter multiplied by exp(N(0, sigma)), except fractions
 * (values strictly between 0 and 1), which move by N(0, sigma) in logit space and so stay inside
 * (0.001, 0.999); integers stay integers (and >= 1 when they were); strings and booleans kept.
 */
export function mutateParams(params: ParamShape, rng: Rng, sigma: number): ParamShape {
  const out: Record<string, ParamValue> = {};
  for (const [k, v] of Object.entries(params)) {
    const z = rng.normal(0, 1); // always drawn: the stream does not depend on which keys are numbers
    if (typeof v !== "number" || FIXED_PARAMS.has(k) || v === 0) {
      out[k] = v;
      continue;
    }
    let x: number;
    if (v > 0 && v < 1) {
      // fractions mutate in logit space: they stay strictly inside (0, 1) (a discount of 1 or a
      // probability of 0 may be invalid for the family)
      const l = Math.log(v / (1 - v)) + sigma * z;
      x = Math.min(0.999, Math.max(0.001, 1 / (1 + Math.exp(-l))));
    } else {
      x = v * Math.exp(sigma * z);
      if (Number.isInteger(v)) x = Math.max(v >= 1 ? 1 : 0, Math.round(x));
    }
    out[k] = Number.isInteger(x) ? x : Number(x.toPrecision(4));
  }
  return out;
}

/** Adversaries and agents with roles are the fixed environment; every other entry evolves. */
export function isFixed(p: PopulationEntry): boolean {
  return familyInfo(p.family).adversarial || p.roles.length > 0;
}

/** Which population entries are held fixed (default: adversaries and agents with roles). */
export type FixedRule = (p: PopulationEntry, index: number) => boolean;

/** The scenario's evolving strategies and shares (by count), and its fixed entries. */
export function initialPopulation(raw: unknown, fixedRule: FixedRule = isFixed): { strategies: Strategy[]; shares: number[]; fixed: PopulationEntry[]; total: number } {
  const s = parseScenario(raw);
  const evolving = s.population.filter((p, i) => !fixedRule(p, i) && p.count > 0);
  const fixed = s.population.filter((p, i) => fixedRule(p, i));
  const total = evolving.reduce((t, p) => t + p.count, 0);
  if (total === 0) throw new RangeError("the scenario has no evolving agents (non-adversarial, without roles)");
  const strategies = evolving.map((p, id) => ({ id, family: p.family, params: p.params, fundingEth: p.fundingEth, parent: -1 }));
  return { strategies, shares: evolving.map((p) => p.count / total), fixed, total };
}

/** The raw scenario with its population replaced: fixed entries first, then strategies with agents. */
export function populationScenario(raw: unknown, fixed: readonly PopulationEntry[], strategies: readonly Strategy[], counts: readonly number[]): unknown {
  const entry = (p: { family: string; count: number; params: ParamShape; fundingEth: number; roles?: readonly string[] }) => ({ family: p.family, count: p.count, params: p.params, fundingEth: p.fundingEth, roles: p.roles ?? [] });
  const population = [
    ...fixed.map((p) => entry({ ...p, roles: p.roles })),
    ...strategies.map((st, i) => entry({ family: st.family, count: counts[i], params: st.params, fundingEth: st.fundingEth })).filter((e) => e.count > 0),
  ];
  return { ...(isObject(raw) ? raw : {}), population };
}

/** Mean realisable return per strategy from the runs (entries after the fixed ones, in order). */
export function strategyFitness(results: readonly StudyResult[], fixedCount: number, counts: readonly number[]): MeanCI[] {
  const present = counts.map((c, i) => ({ c, i })).filter((x) => x.c > 0).map((x) => x.i);
  const per: number[][] = counts.map(() => []);
  for (const r of results) {
    if (r.error !== undefined) continue;
    present.forEach((strategyIndex, k) => {
      const e = r.entries[fixedCount + k];
      if (e !== undefined && Number.isFinite(e.meanReturn)) per[strategyIndex].push(e.meanReturn);
    });
  }
  return per.map((xs) => meanCI95(xs, UNBOUNDED)); // a mean return has either sign
}

export type RunJobs = (jobs: readonly StudyJob[]) => Promise<readonly StudyResult[]>;

export interface EvolveInput {
  readonly raw: unknown;
  readonly steps?: number;
  readonly agents?: number;
  readonly economy: StudyJob["economy"];
  readonly network?: string;
  readonly fixedRule?: FixedRule;
  /** Prefix of the jobs' labels. */
  readonly label?: string;
}

export const OUTCOME_METRICS = ["volatility", "gini", "welfarePaid", "participation"] as const;

export interface EvolveResult {
  readonly records: readonly GenerationRecord[];
  /** Strategies and shares after the last generation's selection and mutation. */
  readonly final: { readonly strategies: readonly Strategy[]; readonly shares: readonly number[] };
}

export async function evolve(input: EvolveInput, cfg: EvolveConfig, runJobs: RunJobs, log: (s: string) => void = () => undefined): Promise<EvolveResult> {
  const init = initialPopulation(input.raw, input.fixedRule);
  let strategies = init.strategies;
  let shares = init.shares;
  const lastFitness = new Map<number, number>();
  const rng = Rng.derive(cfg.rngSeed, 0xe70);
  const records: GenerationRecord[] = [];
  let nextId = strategies.length;
  let jobId = 0;
  for (let g = 0; g < cfg.generations; g++) {
    const counts = apportion(shares, init.total);
    const raw = populationScenario(input.raw, init.fixed, strategies, counts);
    const jobs: StudyJob[] = [];
    for (let k = 0; k < cfg.seeds; k++) {
      jobs.push({ id: jobId++, label: `${input.label ?? ""}gen${g}`, scenario: raw, seed: cfg.baseSeed + g * cfg.seeds + k, steps: input.steps, agents: undefined, economy: input.economy, network: input.network });
    }
    const results = await runJobs(jobs);
    const fitness = strategyFitness(results, init.fixed.length, counts);
    const ok = results.filter((r) => r.error === undefined);
    const outcomes: { [m: string]: MeanCI } = {};
    for (const m of OUTCOME_METRICS) outcomes[m] = meanCI95(ok.map((r) => r.metrics[m]), rangeOfRunMetric(m));
    outcomes.adversaryProfit = meanCI95(ok.map((r) => r.adversaryProfit), UNBOUNDED);
    records.push({ generation: g, strategies, shares, counts, fitness, outcomes, failed: results.length - ok.length });
    log(`generation ${g}: ${strategies.map((s, i) => `${s.family}#${s.id} ${(shares[i] * 100).toFixed(1)}% f=${fitness[i].mean.toFixed(4)}`).join(", ")}`);
    if (ok.length === 0) throw new Error(`generation ${g}: every run failed (${results[0]?.error ?? "no runs"})`);
    // strategies without agents this generation keep their last fitness (or the mean, if never measured)
    const measured = fitness.map((f) => f.mean).filter(Number.isFinite);
    const avg = measured.length === 0 ? 0 : measured.reduce((s, x) => s + x, 0) / measured.length;
    const f = strategies.map((s, i) => {
      const v = Number.isFinite(fitness[i].mean) ? fitness[i].mean : lastFitness.get(s.id) ?? avg;
      lastFitness.set(s.id, v);
      return v;
    });
    shares = replicatorStep(shares, f, cfg.beta, cfg.mu);
    // parameter mutants
    const nextStrategies = [...strategies];
    const nextShares = [...shares];
    for (let i = 0; i < strategies.length; i++) {
      const spawn = rng.chance(cfg.mutationRate);
      if (!spawn || nextStrategies.length >= cfg.maxStrategies) continue;
      const parent = strategies[i];
      const take = nextShares[i] * cfg.mutantShare;
      nextShares[i] -= take;
      nextStrategies.push({ id: nextId++, family: parent.family, params: mutateParams(parent.params, rng, cfg.sigma), fundingEth: parent.fundingEth, parent: parent.id });
      nextShares.push(take);
      lastFitness.set(nextId - 1, f[i]);
    }
    // prune: drop strategies under 0.5% whose family has another strategy, keeping the list bounded
    const keep = nextStrategies.map((s, i) => nextShares[i] >= 0.005 || !nextStrategies.some((o, j) => j !== i && o.family === s.family && nextShares[j] >= 0.005));
    strategies = nextStrategies.filter((_, i) => keep[i]);
    const kept = nextShares.filter((_, i) => keep[i]);
    const sum = kept.reduce((a, b) => a + b, 0);
    shares = kept.map((x) => x / sum);
  }
  return { records, final: { strategies, shares } };
}

/** Share of each family in a generation (strategies of one family summed). */
export function familyShares(r: GenerationRecord): Map<string, number> {
  const m = new Map<string, number>();
  r.strategies.forEach((s, i) => m.set(s.family, (m.get(s.family) ?? 0) + r.shares[i]));
  return m;
}

/** The scenario with the evolved population (the final strategies at their shares). */
export function evolvedScenario(raw: unknown, result: EvolveResult, fixedRule: FixedRule = isFixed): unknown {
  const init = initialPopulation(raw, fixedRule);
  return populationScenario(raw, init.fixed, result.final.strategies, apportion(result.final.shares, init.total));
}

/** The raw scenario with its population counts scaled to `agents` in total (as --agents does). */
export function scaleAgents(raw: unknown, agents: number | undefined): unknown {
  if (agents === undefined) return raw;
  const s = parseScenario(raw);
  const counts = apportion(s.population.map((p) => p.count), agents);
  return { ...(isObject(raw) ? raw : {}), population: s.population.map((p, i) => ({ family: p.family, count: counts[i], params: p.params, fundingEth: p.fundingEth, roles: p.roles })) };
}
