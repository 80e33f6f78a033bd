// `study` command line: `npm run study -- intelligence [options]`.
import { Command, Option } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ECONOMY_KINDS, type EconomyKind } from "../sim/economyFactory";
import { positiveInt, nonNegativeInt } from "../cli/args";
import { readScenarioJson } from "../sim/run";
import { parseScenario, resolveScenario } from "../sim/scenario";
import { compileOnce } from "../sim/chain/hardhat";
import { runIntelligenceStudy, type RungOutcome, type StudyConfig } from "./intelligence";
import { headline, writeIntelligenceOutputs } from "./intelligenceReport";
import { runStudyJobs } from "./runner/pool";
import type { StudyResult } from "./runner/job";

export const STUDIES = ["intelligence"] as const;

export interface StudyOptions {
  readonly study: string;
  readonly scenario: string;
  readonly seeds: number;
  readonly baseSeed?: number;
  readonly steps?: number;
  readonly traders: number;
  readonly generations: number;
  readonly evolveSeeds: number;
  readonly out: string;
  readonly workers: number;
  readonly economy: EconomyKind;
  readonly network?: string;
  readonly quiet: boolean;
  /** An earlier intelligence.json whose rungs without failed runs are reused. */
  readonly reuse?: string;
}

export function studyCommand(): Command {
  return new Command("study")
    .description("Run a named study; `intelligence`: the same economy with traders of rising intelligence (rule-based, bandit, Q-learning, evolved), compared with 95% CIs")
    .argument("<study>", `study name: ${STUDIES.join(", ")}`)
    .option("--scenario <file>", "the study's base economy", "scenarios/intelligence-base.json")
    .option("--seeds <n>", "seeds per rung", positiveInt, 10)
    .option("--base-seed <n>", "first seed (default: the scenario's)", nonNegativeInt)
    .option("--steps <n>", "override the scenario's steps", positiveInt)
    .option("--traders <n>", "traders per rung (on top of the base population)", positiveInt, 24)
    .option("--generations <n>", "generations of the evolved rung", positiveInt, 4)
    .option("--evolve-seeds <n>", "seeds per generation of the evolved rung", positiveInt, 2)
    .option("--out <dir>", "output directory", "runs/study-intelligence")
    .option("--workers <n>", "worker processes", positiveInt, Math.max(1, os.cpus().length))
    .addOption(new Option("--economy <kind>", "economy behind the agents").choices(ECONOMY_KINDS as string[]).default("chain"))
    .option("--network <name>", "Hardhat network for the chain economy")
    .option("--reuse <file>", "an earlier intelligence.json (same configuration): its rungs without failed runs are not run again")
    .option("--quiet", "no progress output", false)
    .exitOverride();
}

export function parseStudyArgs(argv: readonly string[], cmd: Command = studyCommand()): StudyOptions {
  cmd.parse([...argv], { from: "user" });
  const study = cmd.args[0];
  if (!(STUDIES as readonly string[]).includes(study)) cmd.error(`error: unknown study "${study}" (known: ${STUDIES.join(", ")})`, { exitCode: 1, code: "cipher.unknownStudy" });
  const o = cmd.opts<Omit<StudyOptions, "study">>();
  return { ...o, study, quiet: o.quiet === true };
}

/** Rungs of an earlier run with the same configuration and no failed run. */
export function reusableRungs(file: string, cfg: StudyConfig): Map<string, StudyResult[]> {
  const prev = JSON.parse(fs.readFileSync(file, "utf8")) as { config: StudyConfig; rungs: { rung: { name: string }; results: StudyResult[] }[] };
  const same = (["traders", "seeds", "baseSeed", "steps", "economy"] as const).every((k) => prev.config[k] === cfg[k]);
  if (!same) throw new Error(`${file} was run with another configuration (${JSON.stringify(prev.config)})`);
  return new Map(prev.rungs.filter((r) => r.results.length > 0 && r.results.every((x) => x.error === undefined)).map((r) => [r.rung.name, r.results]));
}

export async function runStudyCommand(o: StudyOptions, log: (s: string) => void): Promise<{ outcomes: RungOutcome[]; wallSeconds: number }> {
  const started = Date.now();
  const raw = readScenarioJson(o.scenario);
  const base = resolveScenario(parseScenario(raw));
  const cfg: StudyConfig = {
    traders: o.traders, seeds: o.seeds, baseSeed: o.baseSeed ?? base.seed, steps: o.steps, generations: o.generations, evolveSeeds: o.evolveSeeds, economy: o.economy, network: o.network,
  };
  const reuse = o.reuse === undefined ? new Map<string, StudyResult[]>() : reusableRungs(o.reuse, cfg);
  if (o.economy === "chain") compileOnce();
  const outcomes = await runIntelligenceStudy(raw, cfg, (jobs) => runStudyJobs(jobs, {
    workers: o.workers,
    onResult: (r, done, total) => log(`  [${done}/${total}] ${r.label} seed ${r.seed}${r.error !== undefined ? ` FAILED: ${r.error}` : ""}`),
  }), log, undefined, reuse);
  const wallSeconds = (Date.now() - started) / 1000;
  writeIntelligenceOutputs(o.out, outcomes, cfg, base.name, wallSeconds);
  log(headline(outcomes));
  log(`report: ${path.join(o.out, "intelligence-report.html")} (${wallSeconds.toFixed(1)} s)`);
  return { outcomes, wallSeconds };
}
