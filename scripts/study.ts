// npm run study -- intelligence [--seeds 10 --steps --traders --generations --evolve-seeds --out --workers --economy]
import { CommanderError } from "commander";
import { parseStudyArgs, runStudyCommand } from "../src/studies/studyCli";

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseStudyArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
  const { outcomes } = await runStudyCommand(opts, log);
  const failed = outcomes.reduce((s, o) => s + o.results.filter((r) => r.error !== undefined).length, 0);
  if (failed > 0) {
    console.error(`${failed} run(s) failed`);
    process.exit(1);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
