// `evolve` command line: parsing and the run.
import { Command, InvalidArgumentError, Option } from "commander";
import * as os from "os";
import * as path from "path";
import { ECONOMY_KINDS, type EconomyKind } from "../sim/economyFactory";
import { DEFAULT_SCENARIO } from "../cli/simulateCli";
import { fraction, nonNegativeInt, nonNegativeNumber, positiveInt } from "../cli/args";
import { readScenarioJson } from "../sim/run";
import { parseScenario, resolveScenario } from "../sim/scenario";
import { compileOnce } from "../sim/chain/hardhat";
import { evolve, evolveDefaults, scaleAgents, type EvolveResult } from "./evolve";
import { writeEvolveOutputs } from "./evolveReport";
import { runStudyJobs } from "./runner/pool";

export interface EvolveOptions {
  readonly scenario: string;
  readonly generations: number;
  readonly seeds: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly out: string;
  readonly workers: number;
  readonly beta: number;
  readonly mu: number;
  readonly mutationRate: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly rngSeed: number;
  readonly quiet: boolean;
}


export function evolveCommand(): Command {
  return new Command("evolve")
    .description("Co-evolve a scenario's population with its economy: strategy shares (families and parameters) replicate by realisable return, with mutation")
    .option("--scenario <file>", "scenario JSON file", DEFAULT_SCENARIO)
    .option("--generations <n>", "generations", positiveInt, 5)
    .option("--seeds <n>", "runs (seeds) per generation", positiveInt, 2)
    .option("--steps <n>", "override the scenario's steps", positiveInt)
    .option("--agents <n>", "override the scenario's agent count (families scaled proportionally; one rounded to 0 is named in a warning)", positiveInt)
    .option("--out <dir>", "output directory", "runs/evolve")
    .option("--workers <n>", "worker processes", positiveInt, Math.max(1, os.cpus().length))
    .option("--beta <x>", "selection strength per unit of return", nonNegativeNumber, evolveDefaults.beta)
    .option("--mu <x>", "replicator mutation rate", fraction, evolveDefaults.mu)
    .option("--mutation-rate <x>", "probability a strategy spawns a parameter mutant per generation", fraction, evolveDefaults.mutationRate)
    .option("--rng-seed <n>", "seed of the mutation stream", nonNegativeInt, evolveDefaults.rngSeed)
    .addOption(new Option("--economy <kind>", "economy behind the agents").choices(ECONOMY_KINDS as string[]).default("chain"))
    .option("--network <name>", "Hardhat network for the chain economy")
    .option("--quiet", "no progress output", false)
    .exitOverride();
}

export function parseEvolveArgs(argv: readonly string[], cmd: Command = evolveCommand()): EvolveOptions {
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<EvolveOptions & { mutationRate: number }>();
  return { ...o, quiet: o.quiet === true };
}

export async function runEvolveCommand(o: EvolveOptions, log: (s: string) => void): Promise<EvolveResult> {
  const raw = scaleAgents(readScenarioJson(o.scenario), o.agents);
  const base = resolveScenario(parseScenario(raw));
  if (o.economy === "chain") compileOnce();
  const result = await evolve(
    { raw, steps: o.steps, economy: o.economy, network: o.network },
    { ...evolveDefaults, generations: o.generations, seeds: o.seeds, baseSeed: base.seed, beta: o.beta, mu: o.mu, mutationRate: o.mutationRate, rngSeed: o.rngSeed },
    (jobs) => runStudyJobs(jobs, { workers: o.workers }),
    log,
  );
  writeEvolveOutputs(o.out, `Evolution: ${base.name}`, result);
  log(`report: ${path.join(o.out, "evolve-report.html")}`);
  return result;
}
