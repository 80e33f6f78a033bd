// `optimise` command line: parsing, and the run (or merge) it asks for.
import { Command, InvalidArgumentError, Option } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ECONOMY_KINDS, type EconomyKind } from "../../sim/economyFactory";
import { DEFAULT_SCENARIO } from "../../cli/simulateCli";
import { positiveInt, nonNegativeInt } from "../../cli/args";
import { parseShard, SweepError } from "../../sweep/grid";
import { readScenarioJson } from "../../sim/run";
import { parseScenario, resolveScenario } from "../../sim/scenario";
import { compileOnce } from "../../sim/chain/hardhat";
import { metricDirection, metricNames, parseConstraint, type Constraint } from "../objective";
import { boundSettings, parseDimension, SpaceError, type Dimension } from "./space";
import { checkSettings, checkSweep } from "../../sweep/settings";
import { optimise, type OptimiseSpec } from "./optimiser";
import { chainEvaluator } from "./chainEvaluator";
import { mergeShardOutputs, searchHash, writeShard, writeWholeOutputs, type ShardOutput } from "./output";

export interface OptimiseOptions {
  readonly scenario: string;
  readonly dims: readonly Dimension[];
  readonly objectives: readonly string[];
  readonly constraints: readonly Constraint[];
  readonly budget: number;
  readonly seeds: number;
  readonly eta: number;
  readonly sampleSeed: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly out: string;
  readonly shard: { readonly index: number; readonly count: number };
  readonly workers: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly merge: readonly string[];
  readonly quiet: boolean;
}

function wrap<T>(f: (s: string) => T): (s: string) => T {
  return (s) => {
    try {
      return f(s);
    } catch (e) {
      if (e instanceof SpaceError || e instanceof SweepError || e instanceof RangeError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

export function optimiseCommand(): Command {
  return new Command("optimise")
    .description("Search scenario parameters beyond a grid: Latin hypercube + successive halving with common random numbers; objectives, constraints, Pareto front")
    .option("--scenario <file>", "scenario JSON file", DEFAULT_SCENARIO)
    .option("--param <name=low..high[:log]>", "parameter path and range (repeatable); integer bounds search integers", (v: string, acc: Dimension[]) => [...acc, wrap(parseDimension)(v)], [] as Dimension[])
    .option("--objective <metric>", `objective (repeatable; the first ranks, several give a Pareto front): ${metricNames().join(", ")}`, (v: string, acc: string[]) => [...acc, wrap((s) => (metricDirection(s), s))(v)], [] as string[])
    .option("--constraint <metric<=value>", "constraint on a seed-mean metric (repeatable), metric<=value or metric>=value", (v: string, acc: Constraint[]) => [...acc, wrap(parseConstraint)(v)], [] as Constraint[])
    .option("--budget <runs>", "simulation runs for the whole search (all shards)", positiveInt, 24)
    .option("--seeds <n>", "seeds each finalist is evaluated on (the first rung uses fewer)", positiveInt, 4)
    .option("--eta <n>", "keep 1/eta of the candidates per rung", positiveInt, 2)
    .option("--sample-seed <n>", "seed of the Latin hypercube", nonNegativeInt, 1)
    .option("--steps <n>", "override the scenario's steps", positiveInt)
    .option("--agents <n>", "override the scenario's agent count (families scaled proportionally; one rounded to 0 is named in a warning)", positiveInt)
    .option("--out <dir>", "output directory", "runs/optimise")
    .option("--shard <i/n>", "run only shard i of n (candidates i, i+n, ...; budget/n)", wrap(parseShard), { index: 1, count: 1 })
    .option("--workers <n>", "worker processes", positiveInt, Math.max(1, os.cpus().length))
    .addOption(new Option("--economy <kind>", "economy behind the agents").choices(ECONOMY_KINDS as string[]).default("chain"))
    .option("--network <name>", "Hardhat network for the chain economy")
    .option("--merge <dirs...>", "merge shard outputs (optimise-shard-*.json in these directories) into --out instead of searching")
    .option("--quiet", "no progress output", false)
    .exitOverride();
}

export function parseOptimiseArgs(argv: readonly string[], cmd: Command = optimiseCommand()): OptimiseOptions {
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{
    scenario: string; param: Dimension[]; objective: string[]; constraint: Constraint[]; budget: number; seeds: number; eta: number; sampleSeed: number;
    steps?: number; agents?: number; out: string; shard: { index: number; count: number }; workers: number; economy: EconomyKind; network?: string; merge?: string[]; quiet: boolean;
  }>();
  const merge = o.merge ?? [];
  if (merge.length === 0) {
    if (o.param.length === 0) cmd.error("error: at least one --param name=low..high", { exitCode: 1, code: "cipher.noParam" });
    if (new Set(o.param.map((d) => d.path)).size !== o.param.length) cmd.error("error: --param: the same parameter twice", { exitCode: 1, code: "cipher.repeatedParam" });
    if (o.eta < 2) cmd.error("error: --eta must be at least 2", { exitCode: 1, code: "cipher.eta" });
  }
  return {
    scenario: o.scenario, dims: o.param, objectives: o.objective.length > 0 ? o.objective : ["volatility"], constraints: o.constraint, budget: o.budget, seeds: o.seeds,
    eta: o.eta, sampleSeed: o.sampleSeed, steps: o.steps, agents: o.agents, out: o.out, shard: o.shard, workers: o.workers, economy: o.economy, network: o.network, merge, quiet: o.quiet,
  };
}

export async function runOptimiseCommand(o: OptimiseOptions, log: (s: string) => void): Promise<ShardOutput> {
  if (o.merge.length > 0) {
    const files = o.merge.flatMap((d) => fs.readdirSync(d).filter((f) => /^optimise-shard-\d+-of-\d+\.json$/.test(f)).map((f) => path.join(d, f)));
    const merged = mergeShardOutputs(files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")) as ShardOutput));
    writeWholeOutputs(o.out, merged);
    log(`merged ${files.length} shard file(s): ${path.join(o.out, "optimise-report.html")}`);
    return merged;
  }
  // The scenario and every dimension's bounds against the schema, before any worker or node starts.
  checkSweep({ scenario: o.scenario, params: [], steps: o.steps, agents: o.agents });
  const raw = readScenarioJson(o.scenario);
  checkSettings(raw, boundSettings(o.dims), { steps: o.steps, agents: o.agents });
  const base = resolveScenario(parseScenario(raw));
  const spec: OptimiseSpec = {
    dims: o.dims,
    objectives: o.objectives.map((name) => ({ name, better: metricDirection(name) })),
    constraints: o.constraints,
    budget: o.budget,
    seeds: o.seeds,
    baseSeed: base.seed,
    eta: o.eta,
    sampleSeed: o.sampleSeed,
    shard: o.shard,
  };
  if (o.economy === "chain") compileOnce();
  const evaluate = chainEvaluator({ baseScenario: raw, steps: o.steps, agents: o.agents, economy: o.economy, network: o.network, outDir: o.out, workers: o.workers, log });
  const res = await optimise(spec, evaluate, log);
  const out: ShardOutput = {
    ...res,
    scenarioName: base.name,
    searchHash: searchHash({ raw, dims: o.dims, objectives: o.objectives, constraints: o.constraints, budget: o.budget, seeds: o.seeds, eta: o.eta, sampleSeed: o.sampleSeed, steps: o.steps, agents: o.agents, economy: o.economy, shards: o.shard.count }),
  };
  writeShard(o.out, out);
  if (o.shard.count === 1) {
    writeWholeOutputs(o.out, out);
    log(`report: ${path.join(o.out, "optimise-report.html")}`);
  } else log(`shard results in ${o.out}; merge with: npm run optimise -- --merge <shard dirs...> --out <dir>`);
  return out;
}
