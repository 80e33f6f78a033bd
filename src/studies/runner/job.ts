// One study run: a scenario (raw JSON) at a seed, valued per population entry in realisable wealth.
import { parseScenario, resolveScenario } from "../../sim/scenario";
import { createEconomy, type EconomyKind } from "../../sim/economyFactory";
import { runSimulation } from "../../sim/engine";
import { expandPopulation } from "../../sim/population";
import { familyInfo } from "../../agents/registry";
import { realisableWealth } from "../../agents/learning/realisable";
import { toEther } from "../../agents/policies/common";
import type { RunSink } from "../../sim/records";
import { metricValues } from "../objective";
import { RecordingEconomy } from "./recording";

export interface StudyJob {
  readonly id: number;
  readonly label: string;
  readonly scenario: unknown;
  readonly seed: number;
  readonly steps?: number;
  readonly agents?: number;
  readonly economy: EconomyKind;
  readonly network?: string;
}

export interface EntryOutcome {
  readonly entry: number;
  readonly family: string;
  readonly count: number;
  readonly adversarial: boolean;
  /** Mean realisable P&L per agent, ether. */
  readonly meanPnl: number;
  /** Mean realisable return per agent (P&L over starting realisable wealth). */
  readonly meanReturn: number;
}

export interface StudyResult {
  readonly id: number;
  readonly label: string;
  readonly seed: number;
  readonly metrics: { readonly [name: string]: number };
  readonly entries: readonly EntryOutcome[];
  /** Sum of the adversarial agents' realisable P&L, ether. */
  readonly adversaryProfit: number;
  /** Share of non-adversarial agents whose realisable wealth rose. */
  readonly winnersShare: number;
  readonly error?: string;
}

const nullSink: RunSink = { onStep: () => undefined, onAction: () => undefined, finish: () => undefined };

export async function runStudyJob(job: StudyJob): Promise<StudyResult> {
  const base = { id: job.id, label: job.label, seed: job.seed };
  try {
    const scenario = resolveScenario(parseScenario(job.scenario), { seed: job.seed, steps: job.steps, agents: job.agents });
    const specs = expandPopulation(scenario);
    // A worker runs several jobs: keep its node (anvil, or Hardhat's network) and one deployment
    // across them, each job's settings applied to the deployment's snapshot, as the sweep's workers
    // do (Hardhat loads one network per process; chain/deployment.ts, DeploymentReuse).
    const economy = new RecordingEconomy(await createEconomy(job.economy, job.network, { keepBackend: true, reuseDeployment: true }));
    let summary;
    try {
      summary = await runSimulation({ scenario, economy, sink: nullSink });
    } finally {
      await economy.close();
    }
    const first = economy.first;
    const last = economy.last;
    if (first === undefined || last === undefined) throw new Error("the run recorded no balances");
    const w0 = first.accounts.map((a) => realisableWealth(a, first.market));
    const w1 = last.accounts.map((a) => realisableWealth(a, last.market));
    const entries: EntryOutcome[] = scenario.population.map((p, entry) => {
      const idx = specs.filter((s) => s.entry === entry).map((s) => s.index);
      const pnl = idx.map((i) => toEther(w1[i] - w0[i]));
      const ret = idx.map((i) => (w0[i] > 0n ? toEther(w1[i] - w0[i]) / toEther(w0[i]) : 0));
      const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((s, x) => s + x, 0) / xs.length);
      return { entry, family: p.family, count: idx.length, adversarial: familyInfo(p.family).adversarial, meanPnl: mean(pnl), meanReturn: mean(ret) };
    });
    const adversaryProfit = specs.filter((s) => familyInfo(s.family).adversarial).reduce((t, s) => t + toEther(w1[s.index] - w0[s.index]), 0);
    const honest = specs.filter((s) => !familyInfo(s.family).adversarial);
    const winnersShare = honest.length === 0 ? NaN : honest.filter((s) => w1[s.index] > w0[s.index]).length / honest.length;
    return { ...base, metrics: metricValues(summary), entries, adversaryProfit, winnersShare };
  } catch (e) {
    return { ...base, metrics: {}, entries: [], adversaryProfit: NaN, winnersShare: NaN, error: e instanceof Error ? e.message : String(e) };
  }
}
