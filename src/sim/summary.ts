// Streaming run summary: O(1) memory per metric (running stats), counters for totals.
import { emptyStats, pushStat, summarise, type RunningStats } from "../metrics/running";
import type { ActionRecord, RunSummary, StatSummary, StepMetrics } from "./records";
import type { Scenario } from "./scenarioTypes";
import { toEther } from "../agents/policies/common";

const STAT_METRICS = ["price", "volatility", "gini", "stakingRatio", "participation", "reserve", "supply"] as const;
type StatMetric = (typeof STAT_METRICS)[number];

function metricValue(m: StepMetrics, k: StatMetric): number {
  switch (k) {
    case "price":
      return toEther(m.price);
    case "reserve":
      return toEther(m.reserve);
    case "supply":
      return toEther(m.supply);
    default:
      return m[k];
  }
}

function sortedRecord(m: Map<string, number>): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const k of [...m.keys()].sort()) out[k] = m.get(k) as number;
  return out;
}

export class SummaryAccumulator {
  private stats = new Map<StatMetric, RunningStats>(STAT_METRICS.map((k) => [k, emptyStats]));
  private last: StepMetrics | undefined;
  private txs = 0;
  private reverts = 0;
  private buyVolume = 0n;
  private sellVolume = 0n;
  private fees = 0n;
  private welfarePaid = 0n;
  private solidarityPaid = 0n;
  private slashes = 0;
  private breakerTrips = 0;
  private readonly revertsByError = new Map<string, number>();
  private readonly actionsByKind = new Map<string, number>();

  addStep(m: StepMetrics): void {
    for (const k of STAT_METRICS) this.stats.set(k, pushStat(this.stats.get(k) as RunningStats, metricValue(m, k)));
    this.last = m;
    this.txs += m.txs;
    this.reverts += m.reverts;
    this.buyVolume += m.buyVolume;
    this.sellVolume += m.sellVolume;
    this.fees += m.fees;
    this.welfarePaid += m.welfarePaid;
    this.solidarityPaid += m.solidarityPaid;
    this.slashes += m.slashes;
    this.breakerTrips += m.breakerTrips;
  }

  addAction(r: ActionRecord): void {
    const kind = r.event !== undefined ? `event:${r.event.kind}` : r.system !== undefined ? `system:${r.system.split(":").slice(0, 2).join(":")}` : r.action.kind;
    this.actionsByKind.set(kind, (this.actionsByKind.get(kind) ?? 0) + 1);
    if (!r.ok) {
      const e = r.error ?? "unknown";
      this.revertsByError.set(e, (this.revertsByError.get(e) ?? 0) + 1);
    }
  }

  build(scenario: Scenario, agents: number, economy: string): RunSummary {
    const last = this.last;
    const stats: { [k: string]: StatSummary } = {};
    for (const k of STAT_METRICS) stats[k] = summarise(this.stats.get(k) as RunningStats);
    return {
      scenario,
      seed: scenario.seed,
      steps: scenario.steps,
      agents,
      economy,
      final: {
        price: (last?.price ?? 0n).toString(),
        supply: (last?.supply ?? 0n).toString(),
        reserve: (last?.reserve ?? 0n).toString(),
        welfare: (last?.welfare ?? 0n).toString(),
        solidarity: (last?.solidarity ?? 0n).toString(),
        development: (last?.development ?? 0n).toString(),
      },
      stats,
      totals: {
        txs: this.txs,
        reverts: this.reverts,
        buyVolume: this.buyVolume.toString(),
        sellVolume: this.sellVolume.toString(),
        fees: this.fees.toString(),
        welfarePaid: this.welfarePaid.toString(),
        solidarityPaid: this.solidarityPaid.toString(),
        slashes: this.slashes,
        breakerTrips: this.breakerTrips,
        revertsByError: sortedRecord(this.revertsByError),
        actionsByKind: sortedRecord(this.actionsByKind),
      },
      pnlByFamily: (last?.pnl ?? []).map((p) => ({ family: p.family, count: p.count, total: p.total.toString(), mean: p.mean.toString() })),
    };
  }
}
