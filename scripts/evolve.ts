// npm run evolve -- --scenario <f> --generations <n> --seeds <n> [--steps --agents --out --workers --beta --mu --mutation-rate]
import { CommanderError } from "commander";
import { parseEvolveArgs, runEvolveCommand } from "../src/studies/evolveCli";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseEvolveArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
  const started = Date.now();
  const r = await runEvolveCommand(opts, log);
  const failed = r.records.reduce((s, g) => s + g.failed, 0);
  log(`${r.records.length} generations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (failed > 0) {
    console.error(`${failed} run(s) failed`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
