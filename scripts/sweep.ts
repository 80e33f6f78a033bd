// npm run sweep -- --scenario <file> --param <name>=<v1,v2,...> --seeds <n> --out <dir> [--shard i/n] [--workers n]
import { CommanderError } from "commander";
import * as path from "path";
import { parseSweepArgs } from "../src/cli/sweepCli";
import { runSweep } from "../src/sweep/runSweep";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseSweepArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
  const { results } = await runSweep(opts, log);
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
