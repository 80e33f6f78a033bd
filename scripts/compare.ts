// npm run compare -- <runA> <runB> [--out <dir>]: metric-by-metric differences with 95% CIs between
// two run directories (one run, or a `simulate --seeds` directory) as compare.json + report.html.
import { CommanderError } from "commander";
import { compareCommand } from "../src/cli/toolCommands";
import * as path from "path";
import { loadRunSet } from "../src/report/seedsReport";
import { compareSets, verdict, writeCompare } from "../src/report/compare";

async function main(): Promise<void> {
  const cmd = compareCommand();
  try {
    cmd.parse(process.argv.slice(2), { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const [dirA, dirB] = cmd.args;
  const out = (cmd.opts() as { out?: string }).out ?? path.join("runs", `compare-${path.basename(dirA)}-vs-${path.basename(dirB)}`);
  const a = loadRunSet(dirA);
  const b = loadRunSet(dirB);
  await writeCompare(out, a, b, [dirA, dirB]);
  const r = compareSets(a, b);
  console.log(`${a.name} (${a.seeds.length} run(s)) vs ${b.name} (${b.seeds.length} run(s)): ${verdict(a, b, r)}`);
  console.log(`report: ${path.join(out, "report.html")}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
