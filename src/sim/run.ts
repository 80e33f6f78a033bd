// One run from options: load and resolve the scenario, build the economy, stream outputs.
import * as fs from "fs";
import * as path from "path";
import { parseScenario, resolveScenario } from "./scenario";
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
  readonly progress?: ProgressSink;
}

export function loadScenario(file: string, o: { seed?: number; steps?: number; agents?: number } = {}): Scenario {
  const raw: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  return resolveScenario(parseScenario(raw), o);
}

export function defaultOutDir(s: Scenario): string {
  return path.join("runs", `${s.name}-seed${s.seed}`);
}

export async function runToDir(req: RunRequest): Promise<RunSummary> {
  const economy = await createEconomy(req.economy, req.network);
  try {
    const sink = new FileSink(req.outDir, familiesOf(req.scenario), req.scenario.metrics.chartPoints);
    return await runSimulation({ scenario: req.scenario, economy, sink, progress: req.progress });
  } finally {
    await economy.close();
  }
}
