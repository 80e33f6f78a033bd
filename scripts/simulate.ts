// npm run simulate -- --scenario <file> --seed <n> --steps <n> --agents <n> --out <dir> [--network <name>] [--economy chain|fake] [--attach [file]] [--seeds <n>] [--restore] [--quiet]
import { settingWarning } from "../src/report/warnings";
import { CommanderError } from "commander";
import * as path from "path";
import { parseSimulateArgs } from "../src/cli/simulateCli";
import { defaultOutDir, loadScenario, runToDir } from "../src/sim/run";
import { progressBar } from "../src/report/progress";
import { humanNumber, humanValue, humanWei } from "../src/report/format";
import { runSeedsCli } from "../src/sim/seedsCli";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseSimulateArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  if (opts.seeds !== undefined) return runSeedsCli(opts); // multi-seed orchestration (src/sim/seeds.ts)
  const scenario = loadScenario(opts.scenario, { seed: opts.seed, steps: opts.steps, agents: opts.agents });
  // What --steps/--agents leave out, said before the run (and again with the run's warnings at the end).
  for (const n of scenario.overrideNotes ?? []) console.error(`warning: ${settingWarning(n)}`);
  const outDir = opts.out ?? defaultOutDir(scenario);
  // Ctrl-C: say what is left, then end as the signal would have (a listener keeps the process
  // alive otherwise: on the in-process network and the fake economy no node hook re-raises it; a
  // spawned node's hook runs in the same emit and stops the node before the signal is delivered)
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      process.stderr.write(`\ninterrupted (${sig}): ${outDir} holds a partial run (actions.ndjson and metrics.csv as far as written; no summary.json, no report)\n`);
      process.kill(process.pid, sig);
    });
  }
  const progress = opts.quiet ? undefined : progressBar(scenario.name);
  const t0 = Date.now();
  const summary = await runToDir({ scenario, outDir, economy: opts.economy, network: opts.network, attach: opts.attach, restore: opts.restore, progress });
  const secs = (Date.now() - t0) / 1000;
  if (!opts.quiet) {
    console.log(`\n${scenario.name}: ${summary.steps} steps, ${summary.agents} agents, ${summary.totals.txs} txs (${summary.totals.reverts} reverted) in ${secs.toFixed(1)} s`);
    console.log(`final price ${humanWei(BigInt(summary.final.price), "ETH/token")}, mean volatility ${humanNumber(summary.stats.volatility.mean)}, final Gini ${humanNumber(summary.stats.gini.last)}`);
    console.log(`agents: realisable P&L ${humanValue(summary.metrics.agentsPnl, "ETH")} (each selling alone), ${humanValue(summary.metrics.agentsPnlJoint, "ETH")} if all sold together; fees paid ${humanWei(BigInt(summary.totals.fees))}; books ${summary.accounting.checked ? (summary.accounting.balanced ? "balance (residual 0 wei)" : "DO NOT BALANCE") : "not checked"}`);
    const m = summary.metrics;
    if (Number.isFinite(m.resourcePrice)) {
      console.log(`resource market: mean price ${humanNumber(m.resourcePrice)} tokens/unit, utilisation ${humanValue(m.resourceUtilisation, "share")}, unserved need ${humanValue(m.unservedNeedShare, "share")}, allocation efficiency ${humanValue(m.allocationEfficiency, "share")}`);
    }
    console.log(`report: ${path.join(outDir, "report.html")}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
