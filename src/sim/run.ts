// One run from options: load and resolve the scenario, build the economy, stream outputs.
import * as fs from "fs";
import * as path from "path";
import { parseScenario, resolveScenario } from "./scenario";
import { readScenarioJson } from "./scenarioFile";
import type { Scenario } from "./scenarioTypes";
import { createEconomy, type EconomyKind } from "./economyFactory";
import { runSimulation } from "./engine";
import { FileSink } from "../report/fileSink";
import { familiesOf } from "./population";
import type { ProgressSink, RunSummary } from "./records";

export interface RunRequest {
  readonly scenario: Scenario;
  readonly outDir: string;
  readonly economy: EconomyKind;
  readonly network?: string;
  /** Chain economy: attach to an existing deployment file instead of deploying. */
  readonly attach?: string | boolean;
  /** Chain economy: put the node back as it was when the run ends (evm_snapshot/evm_revert). */
  readonly restore?: boolean;
  /** Chain economy: keep the node open for later runs in this process, restored after each (sweep workers). */
  readonly keepBackend?: boolean;
  /** Chain economy, with keepBackend: one deployment for every run on the kept node, each run's settings applied to its snapshot. */
  readonly reuseDeployment?: boolean;
  readonly progress?: ProgressSink;
  /** Where the run's errors and warnings are printed at its end (stderr by default; sweep cells print each distinct line once per process). */
  readonly log?: (line: string) => void;
}

export function loadScenario(file: string, o: { seed?: number; steps?: number; agents?: number } = {}): Scenario {
  return resolveScenario(parseScenario(readScenarioJson(file)), o);
}

export { readScenarioJson } from "./scenarioFile";

export function defaultOutDir(s: Scenario): string {
  return path.join("runs", `${s.name}-seed${s.seed}`);
}

export async function runToDir(req: RunRequest): Promise<RunSummary> {
  const economy = await createEconomy(req.economy, req.network, { attach: req.attach, restore: req.restore, keepBackend: req.keepBackend, reuseDeployment: req.reuseDeployment });
  try {
    const sink = new FileSink(req.outDir, familiesOf(req.scenario), req.scenario.metrics.chartPoints, undefined, req.log);
    return await runSimulation({ scenario: req.scenario, economy, sink, progress: req.progress });
  } finally {
    await economy.close();
  }
}
