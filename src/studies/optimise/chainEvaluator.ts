// Evaluates candidates by running the scenario through the sweep's worker pool (src/sweep/pool.ts,
// one process per core): each (candidate, seed) is one sweep cell whose setting is the candidate's.
import type { EconomyKind } from "../../sim/economyFactory";
import { runPool } from "../../sweep/pool";
import { settingKey } from "../../sweep/grid";
import type { Evaluation } from "./halving";
import type { Candidate } from "./optimiser";

export interface ChainEvalOptions {
  readonly baseScenario: unknown;
  readonly steps?: number;
  readonly agents?: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly outDir: string;
  readonly workers: number;
  readonly log?: (s: string) => void;
}

export function chainEvaluator(o: ChainEvalOptions): (jobs: readonly { candidate: Candidate; seed: number }[]) => Promise<Evaluation[]> {
  let next = 0;
  return async (jobs) => {
    const cellJobs = jobs.map((j) => ({
      cell: { index: next++, setting: j.candidate.setting, settingKey: `c${j.candidate.id};${settingKey(j.candidate.setting)}`, seed: j.seed },
      baseScenario: o.baseScenario,
      steps: o.steps,
      agents: o.agents,
      economy: o.economy,
      network: o.network,
      outDir: o.outDir,
    }));
    const byIndex = new Map(cellJobs.map((c, i) => [c.cell.index, jobs[i]]));
    const results = await runPool(cellJobs, {
      workers: o.workers,
      onResult: (r, done, total) => o.log?.(`  [${done}/${total}] ${r.settingKey} seed ${r.seed}${r.error !== undefined ? ` FAILED: ${r.error}` : ""}`),
    });
    return results.map((r) => {
      const j = byIndex.get(r.index) as { candidate: Candidate; seed: number };
      return { candidate: j.candidate.id, seed: r.seed, values: r.objectives, ...(r.error !== undefined ? { error: r.error } : {}) };
    });
  };
}
