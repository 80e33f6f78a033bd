// Command lines of the smaller tools (bench, profile, compare, scenario:schema): definitions only, so that a test
// can print every command's help in-process (test/sim/cliHelp.test.ts).
import { Command } from "commander";
import { positiveInt } from "./args";

export function benchCommand(): Command {
  return new Command("bench")
    .description("Agent transactions per second of the simulation next to the naive loop and the pure-EVM ceiling of the same run")
    .option("--agents <n>", "agents in the simulated population", positiveInt, 200)
    .option("--steps <n>", "steps (blocks) of the simulation", positiveInt, 100)
    .option("--naive <n>", "transactions in the naive loop", positiveInt, 500)
    .option("--scenario <file>", "scenario", "scenarios/default.json")
    .option("--network <name>", "backend of the simulation (default: an anvil node the tool starts; hardhat = in-process)")
    .option("--naive-only", "(internal) run only the naive loop and print its JSON");
}

export function profileCommand(): Command {
  return new Command("profile")
    .description("Time the parts of one simulation run (engine, encoding, node) on the chain backend")
    .option("--agents <n>", "agents", positiveInt, 200)
    .option("--steps <n>", "steps", positiveInt, 100)
    .option("--scenario <file>", "scenario", "scenarios/default.json")
    .option("--network <name>", "backend (default: an anvil node the tool starts; hardhat = in-process)")
    .option("--cpu-prof <file>", "also write a V8 CPU profile of the step loop alone (open in Chrome DevTools)");
}

export function compareCommand(): Command {
  return new Command("compare")
    .description("Compare two runs or seed sets metric by metric (means, 95% CIs, differences)")
    .argument("<runA>", "run directory (summary.json) or a --seeds directory")
    .argument("<runB>", "the other run directory")
    .option("--out <dir>", "output directory (default: runs/compare-<A>-vs-<B>)")
    .exitOverride();
}

export function schemaCommand(): Command {
  return new Command("scenario:schema")
    .description("Write scenarios/scenario.schema.json (JSON Schema for editors) from the one scenario schema (src/sim/scenarioSchema.ts)")
    .option("--check", "write nothing; exit 1 when the committed file differs from the schema");
}
