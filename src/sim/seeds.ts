// `npm run simulate -- --seeds <n>`: n seeds of one scenario (seed, seed+1, ...) in worker
// processes (the sweep's pool, one per core), each run's own outputs in <out>/seeds/, then the
// aggregate: every run metric's mean and 95% band over seeds, per-family P&L with confidence
// intervals, per-step bands of the charted metrics (seeds.json, runs.csv, report.html).
import * as fs from "fs";
import * as path from "path";
import { readScenarioJson } from "./run";
import { parseScenario, resolveScenario } from "./scenario";
import type { Scenario } from "./scenarioTypes";
import type { EconomyKind } from "./economyFactory";
import type { RunSummary } from "./records";
import { runPool } from "../sweep/pool";
import { cellDirName } from "../sweep/cell";
import type { Cell } from "../sweep/grid";
import { compileOnce } from "./chain/hardhat";
import { runSetOf, writeSeedOutputs, type RunSet } from "../report/seedsReport";

export interface SeedsRequest {
  readonly scenarioFile: string;
  readonly seeds: number;
  readonly seed?: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly outDir: string;
  readonly workers: number;
  readonly log?: (line: string) => void;
}

export function seedCells(base: Scenario, n: number): Cell[] {
  return Array.from({ length: n }, (_, i) => ({ index: i, settingKey: "", setting: {}, seed: base.seed + i }));
}

export async function runSeeds(req: SeedsRequest): Promise<RunSet> {
  const raw = readScenarioJson(req.scenarioFile);
  const base = resolveScenario(parseScenario(raw), { seed: req.seed, steps: req.steps, agents: req.agents });
  const cells = seedCells(base, req.seeds);
  const log = req.log ?? (() => undefined);
  if (req.economy === "chain") compileOnce();
  const runsDir = path.join(req.outDir, "seeds");
  // seeds are set per cell; steps and agents as asked (the scenario's own when not)
  const jobs = cells.map((cell) => ({ cell, baseScenario: raw, steps: base.steps, agents: req.agents, economy: req.economy, network: req.network, outDir: runsDir }));
  log(`${base.name}: ${cells.length} seeds (${cells[0].seed}..${cells[cells.length - 1].seed}) on ${Math.min(req.workers, cells.length)} workers`);
  const results = await runPool(jobs, { workers: req.workers, onResult: (r, done, total) => log(`  [${done}/${total}] seed ${r.seed}${r.error ? ` FAILED: ${r.error}` : ""}`) });
  const failed = results.filter((r) => r.error !== undefined);
  if (failed.length === results.length) throw new Error(`every seed failed, e.g. seed ${failed[0].seed}: ${failed[0].error}`);
  const dirs = results.filter((r) => r.error === undefined).map((r) => path.join(runsDir, "cells", cellDirName(cells[r.index])));
  const summaries = dirs.map((d) => JSON.parse(fs.readFileSync(path.join(d, "summary.json"), "utf8")) as RunSummary);
  const set = runSetOf(base.name, summaries, dirs);
  await writeSeedOutputs(req.outDir, set, base, failed.map((f) => ({ seed: f.seed, error: f.error ?? "" })));
  return set;
}
