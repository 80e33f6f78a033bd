// The entry point shared by the study scripts (evolve, optimise, study): parse the command line
// (commander prints help and errors itself, so its exit code is kept), run with a logger that
// --quiet silences, print the command's summary line, and exit 1 when any run failed or the
// command threw (its message on stderr); a UsageError (a bad --param, found before anything
// started) prints "error: ..." and exits 2.
import { CommanderError } from "commander";
import { exitOnUsageError, UsageError } from "./usage";

export interface StudyScriptResult {
  /** Runs that failed (exit code 1 when > 0). */
  readonly failed: number;
  /** The closing line, given the wall seconds of the command (none when undefined). */
  readonly summary?: (seconds: number) => string;
}

export function runStudyScript<O extends { readonly quiet?: boolean }>(
  parse: (argv: string[]) => O,
  run: (opts: O, log: (s: string) => void) => Promise<StudyScriptResult>,
): void {
  const main = async (): Promise<void> => {
    let opts: O;
    try {
      opts = parse(process.argv.slice(2));
    } catch (e) {
      if (e instanceof CommanderError) process.exit(e.exitCode);
      throw e;
    }
    const log = opts.quiet ? () => undefined : (s: string) => console.log(s);
    const started = Date.now();
    const r = await run(opts, log);
    if (r.summary !== undefined) log(r.summary((Date.now() - started) / 1000));
    if (r.failed > 0) {
      console.error(`${r.failed} run(s) failed`);
      process.exit(1);
    }
  };
  main().catch((e: unknown) => {
    if (e instanceof UsageError) exitOnUsageError(e);
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
