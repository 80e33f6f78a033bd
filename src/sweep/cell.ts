// Runs one sweep cell: the base scenario with the cell's parameter values and seed.
import * as path from "path";
import { scenarioWithSetting } from "./settings";
import { runToDir } from "../sim/run";
import type { EconomyKind } from "../sim/economyFactory";
import type { Cell } from "./grid";
import type { CellResult } from "./aggregate";
import { objectiveValues } from "./objectives";

export interface CellJob {
  readonly cell: Cell;
  /** The scenario file's JSON, before parameters are applied. */
  readonly baseScenario: unknown;
  readonly steps?: number;
  readonly agents?: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly outDir: string;
}

const printed = new Set<string>();
function printOnce(line: string): void {
  if (printed.has(line)) return;
  printed.add(line);
  process.stderr.write(line + "\n");
}

export function cellDirName(cell: Cell): string {
  const safe = cell.settingKey.replace(/[^A-Za-z0-9.=_-]+/g, "_").slice(0, 80);
  return `${String(cell.index).padStart(5, "0")}-${safe}-seed${cell.seed}`;
}

export async function runCell(job: CellJob): Promise<CellResult> {
  const { cell } = job;
  const base = { index: cell.index, settingKey: cell.settingKey, setting: cell.setting, seed: cell.seed };
  try {
    const scenario = scenarioWithSetting(job.baseScenario, cell.setting, { seed: cell.seed, steps: job.steps, agents: job.agents });
    const summary = await runToDir({
      scenario,
      outDir: path.join(job.outDir, "cells", cellDirName(cell)),
      economy: job.economy,
      network: job.network,
      // one node per worker for all its cells: started (and the contracts compiled) once, put back
      // to its state before the cell after each one (evm_snapshot/evm_revert)
      keepBackend: true,
      // and one deployment: each cell's settings applied to its snapshot (chain/deployment.ts)
      reuseDeployment: true,
      // the cells of a grid share most warnings (a floor the deployment applied, a family that
      // never acts): each distinct one is printed once by this process; every cell's report has them all
      log: printOnce,
    });
    return { ...base, objectives: objectiveValues(summary) };
  } catch (e) {
    return { ...base, objectives: {}, error: e instanceof Error ? e.message : String(e) };
  }
}
