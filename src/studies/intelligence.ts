// The intelligence ladder (SPEC 2.5): the same economy (scenarios/intelligence-base.json: stakers,
// voters, an oracle, noise traders for liquidity and adversaries) with a block of traders whose
// intelligence rises rung by rung, each rung over the same seeds (paired comparison):
//   rule-based  value, momentum, mean-reversion and noise traders (a quarter each)
//   bandit      epsilon-greedy bandits (the "learning" family)
//   qlearning   tabular Q-learners (the "qlearning" family)
//   evolved     all of the above as one population whose strategy shares (and parameters)
//               co-evolve with the economy by replicator dynamics over a few generations (on seeds
//               of their own), then the evolved population on the study's seeds.
import { meanCI95, rangeOf, rangeOfRunMetric, UNBOUNDED, type MeanCI, type Range } from "../metrics/confidence";
import { isObject } from "../sim/jsonReader";
import { parseScenario } from "../sim/scenario";
import { evolve, evolvedScenario, evolveDefaults, type EvolveResult } from "./evolve";
import type { StudyJob, StudyResult } from "./runner/job";

export interface TraderBlock {
  readonly family: string;
  readonly share: number;
  readonly params?: { readonly [k: string]: number | string | boolean };
}

export interface Rung {
  readonly name: string;
  readonly description: string;
  readonly traders: readonly TraderBlock[];
  /** Evolve the trader block before evaluating it. */
  readonly evolved: boolean;
}

const RULES: readonly TraderBlock[] = [
  { family: "value", share: 0.25 },
  { family: "momentum", share: 0.25 },
  { family: "meanReversion", share: 0.25 },
  { family: "noise", share: 0.25 },
];

export const LADDER: readonly Rung[] = [
  { name: "rule-based", description: "value, momentum, mean-reversion and noise traders", traders: RULES, evolved: false },
  { name: "bandit", description: "epsilon-greedy bandits over six trade/stake arms, rewarded by one step's wealth change", traders: [{ family: "learning", share: 1 }], evolved: false },
  { name: "qlearning", description: "tabular Q-learners over trend, position, breaker and governance state, rewarded by realisable wealth", traders: [{ family: "qlearning", share: 1 }], evolved: false },
  {
    name: "evolved",
    description: "rule-based, bandit and Q-learning traders co-evolving by replicator dynamics with mutation",
    traders: [...RULES.map((r) => ({ ...r, share: r.share / 2 })), { family: "learning", share: 0.25 }, { family: "qlearning", share: 0.25 }],
    evolved: true,
  },
];

export const STUDY_METRICS = [
  { name: "volatility", label: "volatility", better: "lower" },
  { name: "adversaryProfit", label: "adversaries' profit (ETH)", better: "lower" },
  { name: "gini", label: "Gini (final)", better: "lower" },
  { name: "welfarePaid", label: "welfare paid (ETH)", better: "higher" },
  { name: "participation", label: "participation", better: "higher" },
] as const;

export interface StudyConfig {
  readonly traders: number;
  readonly seeds: number;
  readonly baseSeed: number;
  readonly steps?: number;
  readonly generations: number;
  readonly evolveSeeds: number;
  readonly economy: StudyJob["economy"];
  readonly network?: string;
}

/** Counts summing to `total` in proportion to the shares (largest remainder). */
function counts(blocks: readonly TraderBlock[], total: number): number[] {
  const exact = blocks.map((b) => b.share * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) if (left-- > 0) out[i] += 1;
  return out;
}

/** The base scenario with the rung's trader block appended to its population. */
export function rungScenario(base: unknown, rung: Rung, traders: number, fundingEth = 50): unknown {
  const b = isObject(base) ? base : {};
  const pop = Array.isArray(b.population) ? b.population : [];
  const n = counts(rung.traders, traders);
  const block = rung.traders.map((t, i) => ({ family: t.family, count: n[i], fundingEth, ...(t.params !== undefined ? { params: t.params } : {}) })).filter((e) => e.count > 0);
  return { ...b, name: `${String(b.name ?? "intelligence")}-${rung.name}`, population: [...pop, ...block] };
}

export function metricOf(r: StudyResult, name: string): number {
  return name === "adversaryProfit" ? r.adversaryProfit : name === "winnersShare" ? r.winnersShare : r.metrics[name] ?? NaN;
}

/** The range of a study metric: adversaries' profit is unbounded, winners' share a share, the rest the catalogue's. */
function studyRange(name: string): Range {
  return name === "adversaryProfit" ? UNBOUNDED : name === "winnersShare" ? rangeOf("share") : rangeOfRunMetric(name);
}

export interface RungOutcome {
  readonly rung: Rung;
  readonly results: readonly StudyResult[];
  readonly stats: { readonly [metric: string]: MeanCI };
  /** Paired (same seed) difference from the first rung, per metric. */
  readonly vsFirst: { readonly [metric: string]: MeanCI };
  readonly evolution?: EvolveResult;
}

export function summariseRungs(rungs: readonly { rung: Rung; results: readonly StudyResult[]; evolution?: EvolveResult }[]): RungOutcome[] {
  const names = [...STUDY_METRICS.map((m) => m.name), "winnersShare"];
  const first = rungs[0];
  return rungs.map((r) => {
    const ok = r.results.filter((x) => x.error === undefined);
    const stats: { [m: string]: MeanCI } = {};
    const vsFirst: { [m: string]: MeanCI } = {};
    for (const m of names) {
      stats[m] = meanCI95(ok.map((x) => metricOf(x, m)), studyRange(m));
      const diffs: number[] = [];
      for (const x of ok) {
        const y = first.results.find((f) => f.seed === x.seed && f.error === undefined);
        if (y !== undefined) diffs.push(metricOf(x, m) - metricOf(y, m));
      }
      vsFirst[m] = meanCI95(diffs, UNBOUNDED); // a difference has either sign
    }
    return { ...r, stats, vsFirst };
  });
}

export type RunJobs = (jobs: readonly StudyJob[]) => Promise<readonly StudyResult[]>;

/**
 * `reuse`: results of rungs already run with the same configuration (by rung name, from an earlier
 * intelligence.json); those rungs are not run again.
 */
export async function runIntelligenceStudy(
  base: unknown,
  cfg: StudyConfig,
  runJobs: RunJobs,
  log: (s: string) => void = () => undefined,
  ladder: readonly Rung[] = LADDER,
  reuse: ReadonlyMap<string, readonly StudyResult[]> = new Map(),
): Promise<RungOutcome[]> {
  const baseCount = parseScenario(base).population.length;
  const out: { rung: Rung; results: readonly StudyResult[]; evolution?: EvolveResult }[] = [];
  let id = 0;
  const seedJobs = (scenario: unknown, label: string): StudyJob[] =>
    [...Array(cfg.seeds).keys()].map((k) => ({ id: id++, label, scenario, seed: cfg.baseSeed + k, steps: cfg.steps, economy: cfg.economy, network: cfg.network }));
  // every non-evolved rung's runs go to the pool together (both cores stay busy)
  const plain = ladder.filter((r) => !r.evolved && !reuse.has(r.name));
  const all = await runJobs(plain.flatMap((r) => seedJobs(rungScenario(base, r, cfg.traders), r.name)));
  for (const r of ladder) {
    const again = reuse.get(r.name);
    if (again !== undefined) {
      log(`${r.name}: reusing ${again.length} earlier run(s)`);
      out.push({ rung: r, results: again });
      continue;
    }
    if (!r.evolved) {
      out.push({ rung: r, results: all.filter((x) => x.label === r.name) });
      continue;
    }
    const raw = rungScenario(base, r, cfg.traders);
    log(`${r.name}: evolving ${cfg.generations} generation(s) x ${cfg.evolveSeeds} seed(s)`);
    const evolution = await evolve(
      { raw, steps: cfg.steps, economy: cfg.economy, network: cfg.network, fixedRule: (_p, i) => i < baseCount, label: "evolve-" },
      // evolution seeds lie past the study's seeds, so selection never sees the evaluation seeds
      { ...evolveDefaults, generations: cfg.generations, seeds: cfg.evolveSeeds, baseSeed: cfg.baseSeed + 10_000 },
      runJobs,
      log,
    );
    const evolved = evolvedScenario(raw, evolution, (_p, i) => i < baseCount);
    out.push({ rung: r, results: await runJobs(seedJobs(evolved, r.name)), evolution });
  }
  return summariseRungs(out);
}
