// npm run optimise -- --scenario <f> --param <name>=<low>..<high> ... --objective <metric> [--constraint <metric><=<v>] --budget <runs> [--seeds --steps --agents --out --shard i/n]
import { CommanderError } from "commander";
import { parseOptimiseArgs, runOptimiseCommand } from "../src/studies/optimise/cli";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseOptimiseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
  const started = Date.now();
  const out = await runOptimiseCommand(opts, log);
  const failed = out.evaluations.filter((e) => e.error !== undefined).length;
  log(`${out.evaluations.length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed > 0) {
    console.error(`${failed} run(s) failed`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
