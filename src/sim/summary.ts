// Streaming run summary: O(1) memory per metric (running stats), counters for totals. Which step
// metrics are folded and which run metrics are computed comes from the metric catalogue.
import { emptyStats, pushStat, summarise, type RunningStats } from "../metrics/running";
import { CATALOGUE, numeric, type Catalogue, type RunView } from "../metrics/catalogue";
import { emptyDrawdown, pushDrawdown, type Drawdown } from "../metrics/drawdown";
import { ROUNDING_BOUND_WEI } from "../metrics/accounting";
import type { FamilyPnl } from "../metrics/pnl";
import type { ActionRecord, AccountingSummary, RunSummary, StatSummary, StepMetrics } from "./records";
import type { Scenario } from "./scenarioTypes";
import type { AccountingState } from "./stepMetrics";
import type { EffectiveSetting } from "./economy";
import { toEther } from "../agents/policies/common";

function sortedRecord(m: Map<string, number>): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const k of [...m.keys()].sort()) out[k] = m.get(k) as number;
  return out;
}

export interface RunExtras {
  readonly accounting?: AccountingState;
  readonly effective?: { readonly settings: { readonly [k: string]: string | number | boolean }; readonly changes: readonly EffectiveSetting[] };
}

export class SummaryAccumulator {
  private readonly stats = new Map<string, RunningStats>();
  private readonly sums = new Map<string, number>();
  private last: StepMetrics | undefined;
  private drawdown: Drawdown = emptyDrawdown;
  private familyTxs: number[] = [];
  private txs = 0;
  private reverts = 0;
  private buyVolume = 0n;
  private sellVolume = 0n;
  private fees = 0n;
  private gasPaid = 0n;
  private welfarePaid = 0n;
  private solidarityPaid = 0n;
  private slashes = 0;
  private breakerTrips = 0;
  private readonly revertsByError = new Map<string, number>();
  private readonly systemRevertsByError = new Map<string, number>();
  private readonly rejectedByError = new Map<string, number>();
  private readonly actionsByKind = new Map<string, number>();

  constructor(private readonly catalogue: Catalogue = CATALOGUE) {}

  addStep(m: StepMetrics): void {
    for (const def of this.catalogue.step) {
      if (def.fold === "none") continue;
      const x = numeric(def, m);
      if (!Number.isFinite(x)) continue;
      this.stats.set(def.name, pushStat(this.stats.get(def.name) ?? emptyStats, x));
      if (def.fold === "sum") this.sums.set(def.name, (this.sums.get(def.name) ?? 0) + x);
    }
    this.drawdown = pushDrawdown(this.drawdown, m.step, toEther(m.price));
    this.familyTxs = m.familyTxs.map((n, i) => n + (this.familyTxs[i] ?? 0));
    this.last = m;
    this.txs += m.txs;
    this.reverts += m.reverts;
    this.buyVolume += m.buyVolume;
    this.sellVolume += m.sellVolume;
    this.fees += m.fees;
    this.gasPaid += m.gasPaid;
    this.welfarePaid += m.welfarePaid;
    this.solidarityPaid += m.solidarityPaid;
    this.slashes += m.slashes;
    this.breakerTrips += m.breakerTrips;
  }

  addAction(r: ActionRecord): void {
    const kind = r.event !== undefined ? `event:${r.event.kind}` : r.system !== undefined ? `system:${r.system.split(":").slice(0, 2).join(":")}` : r.action.kind;
    this.actionsByKind.set(kind, (this.actionsByKind.get(kind) ?? 0) + 1);
    if (!r.ok) {
      // Three books, so that revertsByError adds up to totals.reverts (agents' mined transactions).
      const book = r.event !== undefined || r.system !== undefined ? this.systemRevertsByError : r.index >= 0 ? this.revertsByError : this.rejectedByError;
      const e = r.error ?? "unknown";
      book.set(e, (book.get(e) ?? 0) + 1);
    }
  }

  build(scenario: Scenario, agents: number, economy: string, extras: RunExtras = {}): RunSummary {
    const last = this.last;
    const stats: { [k: string]: StatSummary } = {};
    for (const def of this.catalogue.step) {
      const st = this.stats.get(def.name);
      if (st !== undefined) stats[def.name] = summarise(st);
    }
    const sums: { [k: string]: number } = {};
    for (const [k, v] of this.sums) sums[k] = v;
    const pnl: readonly FamilyPnl[] = last?.pnl ?? [];
    const spot: readonly FamilyPnl[] = last?.pnlSpot ?? [];
    const joint: readonly FamilyPnl[] = last?.pnlJoint ?? [];
    const families = pnl.map((p, i) => ({
      family: p.family, count: p.count, rising: p.rising, pnl: toEther(p.total), pnlSpot: toEther(spot[i]?.total ?? 0n), pnlJoint: toEther(joint[i]?.total ?? 0n), txs: this.familyTxs[i] ?? 0,
    }));
    const view: RunView = {
      stats, totals: sums, maxDrawdown: this.drawdown.max, recoverySteps: this.drawdown.recoverySteps ?? NaN, families, steps: scenario.steps,
    };
    const metrics: { [k: string]: number } = {};
    for (const def of this.catalogue.run) metrics[def.name] = def.compute(view);
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
      metrics,
      totals: {
        txs: this.txs,
        reverts: this.reverts,
        buyVolume: this.buyVolume.toString(),
        sellVolume: this.sellVolume.toString(),
        fees: this.fees.toString(),
        gasPaid: this.gasPaid.toString(),
        welfarePaid: this.welfarePaid.toString(),
        solidarityPaid: this.solidarityPaid.toString(),
        slashes: this.slashes,
        breakerTrips: this.breakerTrips,
        revertsByError: sortedRecord(this.revertsByError),
        systemRevertsByError: sortedRecord(this.systemRevertsByError),
        rejectedByError: sortedRecord(this.rejectedByError),
        actionsByKind: sortedRecord(this.actionsByKind),
      },
      pnlByFamily: pnl.map((p, i) => ({
        family: p.family, count: p.count, rising: p.rising, total: p.total.toString(), mean: p.mean.toString(),
        totalSpot: (spot[i]?.total ?? 0n).toString(), meanSpot: (spot[i]?.mean ?? 0n).toString(),
        totalJoint: (joint[i]?.total ?? 0n).toString(), meanJoint: (joint[i]?.mean ?? 0n).toString(), txs: this.familyTxs[i] ?? 0,
      })),
      inertFamilies: pnl.filter((p, i) => p.count > 0 && (this.familyTxs[i] ?? 0) === 0).map((p) => p.family),
      accounting: accountingSummary(extras.accounting),
      settings: { effective: extras.effective?.settings ?? {}, changes: extras.effective?.changes ?? [] },
    };
  }
}

function accountingSummary(a: AccountingState | undefined): AccountingSummary {
  if (a === undefined || !a.checked) {
    return { valuation: a?.valuation ?? "spot", checked: false, balanced: true, roundingBoundWei: ROUNDING_BOUND_WEI.toString(), residualWei: "0", tokenResidualWei: "0", supplyResidualWei: "0", enteredWei: (a?.enteredWei ?? 0n).toString() };
  }
  const balanced = a.maxEtherResidual <= ROUNDING_BOUND_WEI && a.maxTokenResidual <= ROUNDING_BOUND_WEI && a.maxSupplyResidual <= ROUNDING_BOUND_WEI;
  const c = a.last;
  return {
    valuation: a.valuation,
    checked: true,
    balanced,
    roundingBoundWei: ROUNDING_BOUND_WEI.toString(),
    residualWei: a.maxEtherResidual.toString(),
    tokenResidualWei: a.maxTokenResidual.toString(),
    supplyResidualWei: a.maxSupplyResidual.toString(),
    enteredWei: a.enteredWei.toString(),
    ...(a.firstUnbalancedStep !== undefined ? { firstUnbalancedStep: a.firstUnbalancedStep } : {}),
    ...(c !== undefined
      ? {
          final: {
            ether: { agents: c.ether.agents.toString(), protocol: c.ether.protocol.toString(), gas: c.ether.gas.toString(), entered: c.ether.entered.toString() },
            token: { agents: c.token.agents.toString(), others: c.token.others.toString(), minted: c.token.minted.toString(), burned: c.token.burned.toString(), supply: c.token.supply.toString() },
          },
        }
      : {}),
  };
}
