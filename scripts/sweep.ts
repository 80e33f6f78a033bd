// npm run sweep -- --scenario <file> --param <name>=<v1,v2,...> --seeds <n> --out <dir> [--shard i/n] [--workers n]
import { CommanderError } from "commander";
import * as path from "path";
import { parseSweepArgs } from "../src/cli/sweepCli";
import { exitOnUsageError } from "../src/cli/usage";
import { checkSweep } from "../src/sweep/settings";
import { chainWarm, startWorkers, stopWorkers, type StartedWorker } from "../src/sweep/spawn";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseSweepArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  // Every setting of the grid against the scenario schema, before any worker or node starts.
  try {
    checkSweep(opts);
  } catch (e) {
    exitOnUsageError(e);
  }
  const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
  // The workers start now, before this process loads the rest of the sweep (their start overlaps it).
  const started: StartedWorker[] = opts.workers > 1 ? startWorkers(opts.workers - 1, opts.economy === "chain" ? chainWarm(opts.network) : undefined) : [];
  let results;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runSweep } = require("../src/sweep/runSweep") as typeof import("../src/sweep/runSweep");
    ({ results } = await runSweep(opts, log, started));
  } finally {
    stopWorkers(started);
  }
  const failed = results.filter((r) => r.error !== undefined).length;
  if (opts.shard.count === 1) log(`report: ${path.join(opts.out, "sweep-report.html")}`);
  else log(`shard results in ${opts.out}; merge with: npm run sweep-merge -- <shard dirs...> --out <dir>`);
  if (failed > 0) {
    console.error(`${failed} cell(s) failed`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
