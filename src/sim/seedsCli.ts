// The --seeds branch of `npm run simulate`: options -> runSeeds, with a one-line summary per metric.
import * as os from "os";
import * as path from "path";
import type { SimulateOptions } from "../cli/simulateCli";
import { loadScenario } from "./run";
import { runSeeds } from "./seeds";
import { seedsSummaryLines } from "../report/seedsReport";

export async function runSeedsCli(opts: SimulateOptions): Promise<void> {
  const base = loadScenario(opts.scenario, { seed: opts.seed, steps: opts.steps, agents: opts.agents });
  const outDir = opts.out ?? path.join("runs", `${base.name}-seeds${base.seed}-${base.seed + (opts.seeds ?? 1) - 1}`);
  const log = opts.quiet ? undefined : (l: string) => console.log(l);
  const set = await runSeeds({
    scenarioFile: opts.scenario, seeds: opts.seeds ?? 1, seed: opts.seed, steps: opts.steps, agents: opts.agents,
    economy: opts.economy, network: opts.network, outDir, workers: Math.max(1, os.cpus().length), log,
  });
  if (!opts.quiet) {
    for (const line of seedsSummaryLines(set)) console.log(line);
    console.log(`report: ${path.join(outDir, "report.html")}`);
  }
}
