// `simulate` command line: parsing only (pure apart from commander), so it is unit-tested.
import { Command, Option } from "commander";
import { nonNegativeInt, positiveInt } from "./args";
import { ECONOMY_KINDS, type EconomyKind } from "../sim/economyFactory";

export interface SimulateOptions {
  readonly scenario: string;
  readonly seed?: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly out?: string;
  readonly network?: string;
  readonly economy: EconomyKind;
  readonly quiet: boolean;
  /** Attach to deployments/<network>.json (true) or this deployment file instead of deploying. */
  readonly attach?: string | boolean;
  /** Run this many seeds (seed, seed+1, ...) in worker processes and report means with 95% bands. */
  readonly seeds?: number;
  /** Put the node back as it was when the run ends (evm_snapshot/evm_revert); off unless asked. */
  readonly restore?: boolean;
}

export const DEFAULT_SCENARIO = "scenarios/default.json";

export { nonNegativeInt, positiveInt } from "./args";

export function simulateCommand(): Command {
  return new Command("simulate")
    .description("Run an agent simulation of the Cipher economy and write metrics.csv, summary.json, actions.ndjson and report.html")
    .option("--scenario <file>", "scenario JSON file", DEFAULT_SCENARIO)
    .option("--seed <n>", "master seed (default: the scenario's)", nonNegativeInt)
    .option("--steps <n>", "number of steps = blocks; events and phases past the last step are dropped (a warning names them) (default: the scenario's)", positiveInt)
    .option("--agents <n>", "total agents, every family scaled proportionally; a family may round to 0 (a warning names it) (default: the scenario's)", positiveInt)
    .option("--out <dir>", "output directory (default: runs/<scenario>-seed<seed>)")
    .option("--network <name>", "node for the chain economy: default an anvil the tool starts and stops; hardhat = in-process; any other Hardhat network name = that node")
    .option("--restore", "on a node you started: undo the run when it ends (evm_snapshot/evm_revert); by default the run's state stays")
    .addOption(new Option("--economy <kind>", "economy behind the agents").choices(ECONOMY_KINDS as string[]).default("chain"))
    .option("--attach [file]", "chain economy: use the deployment in deployments/<network>.json (or this file) instead of deploying")
    .option("--seeds <n>", "run n seeds (the scenario's seed, +1, ...) on every core; the report shows each metric's mean and 95% band", positiveInt)
    .option("--quiet", "no progress bar and no result lines (warnings and errors still go to stderr; the files are written)", false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Parses `argv` (user arguments only, without node and script paths). */
export function parseSimulateArgs(argv: readonly string[], cmd: Command = simulateCommand()): SimulateOptions {
  cmd.parse([...argv], { from: "user" });
  const o = cmd.opts<{ scenario: string; seed?: number; steps?: number; agents?: number; out?: string; network?: string; economy: EconomyKind; quiet: boolean; attach?: string | boolean; seeds?: number; restore?: boolean }>();
  if (o.network !== undefined && o.economy === "fake") {
    cmd.error("error: --network selects a node for the chain economy; it cannot be used with --economy fake", { exitCode: 1, code: "cipher.networkWithFake" });
  }
  if (o.attach !== undefined && o.economy === "fake") {
    cmd.error("error: --attach needs the chain economy", { exitCode: 1, code: "cipher.attachWithFake" });
  }
  if (o.attach !== undefined && o.network === undefined && o.economy !== "fake") {
    // the default backend is a node this run starts: empty, it holds no deployment to attach to
    cmd.error("error: --attach needs --network <name>: a node you started that holds the deployment (e.g. `npx anvil --order fifo`, then `npx hardhat cipher:deploy --network anvil`); the default backend is a fresh node with nothing deployed", { exitCode: 1, code: "cipher.attachWithoutNetwork" });
  }
  if (o.restore === true && o.economy === "fake") {
    cmd.error("error: --restore needs the chain economy", { exitCode: 1, code: "cipher.restoreWithFake" });
  }
  return {
    scenario: o.scenario, seed: o.seed, steps: o.steps, agents: o.agents, out: o.out, network: o.network, economy: o.economy, quiet: o.quiet,
    ...(o.attach !== undefined ? { attach: o.attach } : {}),
    ...(o.seeds !== undefined ? { seeds: o.seeds } : {}),
    ...(o.restore === true ? { restore: true } : {}),
  };
}
