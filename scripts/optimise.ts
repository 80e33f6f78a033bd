// npm run optimise -- --scenario <f> --param <name>=<low>..<high> ... --objective <metric> [--constraint <metric><=<v>] --budget <runs> [--seeds --steps --agents --out --shard i/n]
import { runStudyScript } from "../src/cli/studyScript";
import { parseOptimiseArgs, runOptimiseCommand } from "../src/studies/optimise/cli";

runStudyScript(parseOptimiseArgs, async (opts, log) => {
  const out = await runOptimiseCommand(opts, log);
  return {
    failed: out.evaluations.filter((e) => e.error !== undefined).length,
    summary: (s) => `${out.evaluations.length} runs in ${s.toFixed(1)} s`,
  };
});
