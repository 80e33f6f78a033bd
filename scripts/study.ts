// npm run study -- intelligence [--seeds 10 --steps --traders --generations --evolve-seeds --out --workers --economy]
import { runStudyScript } from "../src/cli/studyScript";
import { parseStudyArgs, runStudyCommand } from "../src/studies/studyCli";

runStudyScript(parseStudyArgs, async (opts, log) => {
  const { outcomes } = await runStudyCommand(opts, log);
  return { failed: outcomes.reduce((s, o) => s + o.results.filter((r) => r.error !== undefined).length, 0) };
});
