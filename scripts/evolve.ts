// npm run evolve -- --scenario <f> --generations <n> --seeds <n> [--steps --agents --out --workers --beta --mu --mutation-rate]
import { runStudyScript } from "../src/cli/studyScript";
import { parseEvolveArgs, runEvolveCommand } from "../src/studies/evolveCli";

runStudyScript(parseEvolveArgs, async (opts, log) => {
  const r = await runEvolveCommand(opts, log);
  return {
    failed: r.records.reduce((s, g) => s + g.failed, 0),
    summary: (s) => `${r.records.length} generations in ${s.toFixed(1)} s`,
  };
});
