// `sweep` and `sweep-merge` command lines: parsing only.
import { Command, InvalidArgumentError, Option } from "commander";
import * as os from "os";
import { ECONOMY_KINDS, type EconomyKind } from "../sim/economyFactory";
import { parseParamSpec, parseShard, SweepError, type ParamSpec, type Shard } from "../sweep/grid";
import { OBJECTIVES } from "../sweep/objectives";
import { DEFAULT_SCENARIO } from "./simulateCli";
import { positiveInt } from "./args";

export interface SweepOptions {
  readonly scenario: string;
  readonly params: readonly ParamSpec[];
  readonly seeds: number;
  readonly out: string;
  readonly shard: Shard;
  readonly workers: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly objective: string;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly quiet: boolean;
}

function wrap<T>(f: (s: string) => T): (s: string) => T {
  return (s) => {
    try {
      return f(s);
    } catch (e) {
      if (e instanceof SweepError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

export function sweepCommand(): Command {
  return new Command("sweep")
    .description("Run a scenario over a grid of parameter values x seeds in worker processes; rank settings by an objective with 95% confidence intervals")
    .option("--scenario <file>", "scenario JSON file", DEFAULT_SCENARIO)
    .addOption(new Option("--param <name=v1,v2,...>", "parameter path and values (repeatable), e.g. fees.buyBps=50,100,200").argParser((v: string, acc: ParamSpec[]) => [...acc, wrap(parseParamSpec)(v)]).default([] as ParamSpec[], "none"))
    .option("--seeds <n>", "seeds per setting", positiveInt, 3)
    .option("--out <dir>", "output directory", "runs/sweep")
    .addOption(new Option("--shard <i/n>", "run only shard i of n of the grid (1-based)").argParser(wrap(parseShard)).default({ index: 1, count: 1 }, "1/1"))
    .option("--workers <n>", "worker processes", positiveInt, Math.max(1, os.cpus().length))
    .option("--steps <n>", "override the scenario's steps", positiveInt)
    .option("--agents <n>", "override the scenario's agent count (families scaled proportionally; one rounded to 0 is named in a warning)", positiveInt)
    .addOption(new Option("--objective <name>", "objective that ranks settings").choices(OBJECTIVES.map((o) => o.name)).default("volatility"))
    .addOption(new Option("--economy <kind>", "economy behind the agents").choices(ECONOMY_KINDS as string[]).default("chain"))
    .option("--network <name>", "Hardhat network for the chain economy")
    .option("--quiet", "no progress output", false)
    .exitOverride();
}

export function parseSweepArgs(argv: readonly string[], cmd: Command = sweepCommand()): SweepOptions {
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{
    scenario: string; param: ParamSpec[]; seeds: number; out: string; shard: Shard; workers: number;
    steps?: number; agents?: number; objective: string; economy: EconomyKind; network?: string; quiet: boolean;
  }>();
  return {
    scenario: o.scenario, params: o.param, seeds: o.seeds, out: o.out, shard: o.shard, workers: o.workers,
    steps: o.steps, agents: o.agents, objective: o.objective, economy: o.economy, network: o.network, quiet: o.quiet,
  };
}

export interface MergeOptions {
  readonly inputs: readonly string[];
  readonly out: string;
  readonly objective: string;
}

export function mergeCommand(): Command {
  return new Command("sweep-merge")
    .description("Merge sweep shard results (results-shard-*.ndjson) into one table and report")
    .argument("<inputs...>", "shard result files or directories holding them")
    .option("--out <dir>", "output directory", "runs/sweep-merged")
    .addOption(new Option("--objective <name>", "objective that ranks settings").choices(OBJECTIVES.map((o) => o.name)).default("volatility"))
    .exitOverride();
}

export function parseMergeArgs(argv: readonly string[], cmd: Command = mergeCommand()): MergeOptions {
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{ out: string; objective: string }>();
  return { inputs: cmd.args, out: o.out, objective: o.objective };
}
