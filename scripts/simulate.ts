// npm run simulate -- --scenario <file> --seed <n> --steps <n> --agents <n> --out <dir> [--network <name>] [--restore] [--quiet]
import { CommanderError } from "commander";
import * as path from "path";
import { parseSimulateArgs } from "../src/cli/simulateCli";
import { defaultOutDir, loadScenario, runToDir } from "../src/sim/run";
import { progressBar } from "../src/report/progress";
import { formatNumber, formatWei } from "../src/report/format";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseSimulateArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const scenario = loadScenario(opts.scenario, { seed: opts.seed, steps: opts.steps, agents: opts.agents });
  const outDir = opts.out ?? defaultOutDir(scenario);
  const progress = opts.quiet ? undefined : progressBar(scenario.name);
  const t0 = Date.now();
  const summary = await runToDir({ scenario, outDir, economy: opts.economy, network: opts.network, attach: opts.attach, restore: opts.restore, progress });
  const secs = (Date.now() - t0) / 1000;
  if (!opts.quiet) {
    console.log(`\n${scenario.name}: ${summary.steps} steps, ${summary.agents} agents, ${summary.totals.txs} txs (${summary.totals.reverts} reverted) in ${secs.toFixed(1)} s`);
    console.log(`final price ${formatWei(BigInt(summary.final.price))} ether/token, mean volatility ${formatNumber(summary.stats.volatility.mean)}, final Gini ${formatNumber(summary.stats.gini.last)}`);
    console.log(`report: ${path.join(outDir, "report.html")}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
