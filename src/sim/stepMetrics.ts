// Per-step metrics from the post-block state. The pure part (`computeStepMetrics`) takes measured
// values; `StepMeter` does the measuring around it: the market's sell quotes for realisable wealth,
// the economy's books for the conservation check, the first-step baseline for P&L.
import type { AccountView, Address, MarketObservation } from "../agents/types";
import { toEther } from "../agents/policies/common";
import { giniBig } from "../metrics/gini";
import { aggregatePnl } from "../metrics/pnl";
import { governanceParticipation, stakingRatio } from "../metrics/ratios";
import { pushPrice, windowVolatility, type PriceWindow } from "../metrics/volatility";
import { agentValue, checkLedgers, tokensOf, type AgentValue, type LedgerCheck } from "../metrics/accounting";
import type { BlockResult, Economy, EffectiveSetting } from "./economy";
import type { StepMetrics } from "./records";
import type { Scenario } from "./scenarioTypes";

export interface AgentRow {
  readonly family: string;
  readonly address: Address;
  readonly fundingWei: bigint;
}

/** Votes cast on visible proposals over the staked votes that could have been cast on them. */
export function participationOf(obs: MarketObservation): number {
  const live = obs.proposals.filter((p) => p.state !== "Pending" && p.state !== "Canceled");
  if (live.length === 0 || obs.staking.totalStaked === 0n) return 0;
  const cast = live.reduce((s, p) => s + p.forVotes + p.againstVotes + p.abstainVotes, 0n);
  return governanceParticipation(cast, obs.staking.totalStaked * BigInt(live.length));
}

/** Measured inputs of one step's metrics besides the observation and the block. */
export interface Measured {
  readonly values: readonly AgentValue[];
  /** Each agent's values at the start of the run (the P&L baseline). */
  readonly initial: readonly AgentValue[];
  /** What selling the whole supply would pay back before fees (reserve cover's denominator). */
  readonly wholeSupplyGross: bigint;
  readonly ledger?: LedgerCheck;
  /** Ether the agents paid for gas in this block. */
  readonly gasPaid: bigint;
}

export function computeStepMetrics(
  step: number,
  obs: MarketObservation,
  agents: readonly AgentRow[],
  families: readonly string[],
  block: BlockResult,
  priceWindow: PriceWindow,
  measured: Measured,
): { metrics: StepMetrics; priceWindow: PriceWindow } {
  const window = pushPrice(priceWindow, toEther(obs.spotPrice));
  const { values, initial } = measured;
  const pnl = aggregatePnl(agents.map((a, i) => ({ family: a.family, pnl: values[i].realisable - initial[i].realisable })), families);
  const pnlSpot = aggregatePnl(agents.map((a, i) => ({ family: a.family, pnl: values[i].spot - initial[i].spot })), families);
  const pnlJoint = aggregatePnl(agents.map((a, i) => ({ family: a.family, pnl: values[i].joint - initial[i].joint })), families);
  // agents' transactions only (the economy's own system transactions are logged, not counted)
  const agentTxs = block.outcomes.filter((o) => o.system === undefined);
  const reverts = agentTxs.filter((o) => !o.ok).length;
  const familyOf = new Map(agents.map((a) => [a.address.toLowerCase(), a.family]));
  const familyTxs = families.map(() => 0);
  for (const o of agentTxs) {
    const f = familyOf.get(o.from.toLowerCase());
    if (f !== undefined) familyTxs[families.indexOf(f)] += 1;
  }
  return {
    priceWindow: window,
    metrics: {
      step,
      block: block.number,
      timestamp: block.timestamp,
      price: obs.spotPrice,
      supply: obs.supply,
      reserve: obs.reserve,
      buyVolume: block.flows.buyVolume,
      sellVolume: block.flows.sellVolume,
      fees: block.flows.feesCollected,
      volatility: windowVolatility(window),
      gini: giniBig(values.map((v) => (v.realisable > 0n ? v.realisable : 0n))),
      stakingRatio: stakingRatio(obs.staking.totalStaked, obs.supply),
      participation: participationOf(obs),
      welfare: obs.treasury.welfare,
      solidarity: obs.treasury.solidarity,
      development: obs.treasury.development,
      welfarePaid: block.flows.welfarePaid,
      solidarityPaid: block.flows.solidarityPaid,
      slashes: block.flows.slashesExecuted,
      breakerTrips: block.flows.breakerTrips,
      halted: obs.halted,
      txs: agentTxs.length,
      reverts,
      reserveCover: measured.wholeSupplyGross === 0n ? NaN : toEther(obs.reserve) / toEther(measured.wholeSupplyGross),
      gasPaid: measured.gasPaid,
      ...(measured.ledger !== undefined ? { etherResidual: measured.ledger.ether.residual, tokenResidual: measured.ledger.token.residual } : {}),
      pnl,
      pnlSpot,
      pnlJoint,
      familyTxs,
      ...(block.resources !== undefined ? { resources: block.resources } : {}),
    },
  };
}

/** How the run was valued and checked (summary.json `accounting`). */
export interface AccountingState {
  /** "quoteSell": the market's own quote; "spot": the economy has no quotes (tokens at spot). */
  readonly valuation: "quoteSell" | "spot";
  readonly checked: boolean;
  readonly enteredWei: bigint;
  /** Largest absolute residuals over the steps, and the first step where a ledger did not balance. */
  readonly maxEtherResidual: bigint;
  readonly maxTokenResidual: bigint;
  readonly maxSupplyResidual: bigint;
  readonly firstUnbalancedStep: number | undefined;
  readonly last: LedgerCheck | undefined;
}

function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** Measures each step (quotes, books) and keeps the P&L baseline and the ledger's worst residuals. */
export class StepMeter {
  private priceWindow: PriceWindow;
  private initial: readonly AgentValue[] = [];
  private acct: AccountingState;
  private lastGas = 0n;

  constructor(
    private readonly s: Scenario,
    private readonly economy: Economy,
    private readonly agents: readonly AgentRow[],
    private readonly families: readonly string[],
  ) {
    this.priceWindow = { window: s.metrics.volatilityWindow, prices: [] };
    const enteredWei = agents.reduce((t, a) => t + a.fundingWei, 0n) + s.genesis.buyWei;
    this.acct = {
      valuation: economy.valuation !== undefined ? "quoteSell" : "spot", checked: economy.books !== undefined, enteredWei,
      maxEtherResidual: 0n, maxTokenResidual: 0n, maxSupplyResidual: 0n, firstUnbalancedStep: undefined, last: undefined,
    };
  }

  /** Values every agent (and the whole supply) at the current state. */
  async value(obs: MarketObservation, accounts: readonly AccountView[]): Promise<{ values: AgentValue[]; wholeSupplyGross: bigint }> {
    const amounts = accounts.map(tokensOf);
    const all = amounts.reduce((t, x) => t + x, 0n);
    const atSpot = (x: bigint) => (x * obs.spotPrice) / 10n ** 18n;
    if (this.economy.valuation === undefined) {
      const values = accounts.map((a) => agentValue(a, obs.spotPrice, atSpot(tokensOf(a)), 0n, atSpot(all), all));
      return { values, wholeSupplyGross: atSpot(obs.supply) };
    }
    const nobody = "0x0000000000000000000000000000000000000000";
    const q = await this.economy.valuation([...this.agents.map((a) => a.address), nobody, nobody], [...amounts, all, obs.supply]);
    const n = accounts.length;
    const values = accounts.map((a, i) => agentValue(a, obs.spotPrice, q.sellNet[i], q.referralCredit[i], q.sellNet[n], all));
    return { values, wholeSupplyGross: q.sellNet[n + 1] + q.sellFee[n + 1] };
  }

  /** The P&L baseline: every agent's value before step 0. */
  async open(obs: MarketObservation, accounts: readonly AccountView[]): Promise<void> {
    this.initial = (await this.value(obs, accounts)).values;
    if (this.economy.books !== undefined) this.lastGas = (await this.economy.books()).agentGasWei;
  }

  /**
   * Measures the state the economy is in when this is called: the quotes and the books are both
   * asked for before anything is awaited (the economy pins them to its last mined block), so the
   * engine may mine the next block while they are in flight.
   */
  async measure(step: number, obs: MarketObservation, accounts: readonly AccountView[], block: BlockResult): Promise<StepMetrics> {
    const [{ values, wholeSupplyGross }, books] = await Promise.all([this.value(obs, accounts), this.economy.books?.()]);
    // The arithmetic below (and the engine's writing of its row) waits for the event loop's next
    // turn: the engine reaches it when it first waits for the node in the next step (its sends,
    // then evm_mine), so these ~1.4 ms per step (200 agents) run while the node works instead of
    // before the next step's sends. Everything used is in hand: the arguments, `values`, `books`.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let ledger: LedgerCheck | undefined;
    let gasPaid = 0n;
    if (books !== undefined) {
      ledger = checkLedgers(accounts, books, this.acct.enteredWei);
      gasPaid = books.agentGasWei - this.lastGas;
      this.lastGas = books.agentGasWei;
      this.fold(step, ledger);
    }
    const r = computeStepMetrics(step, obs, this.agents, this.families, block, this.priceWindow, { values, initial: this.initial, wholeSupplyGross, ledger, gasPaid });
    this.priceWindow = r.priceWindow;
    return r.metrics;
  }

  private fold(step: number, c: LedgerCheck): void {
    const a = this.acct;
    const e = absBig(c.ether.residual);
    const t = absBig(c.token.residual);
    const sr = absBig(c.token.supplyResidual);
    this.acct = {
      ...a,
      maxEtherResidual: e > a.maxEtherResidual ? e : a.maxEtherResidual,
      maxTokenResidual: t > a.maxTokenResidual ? t : a.maxTokenResidual,
      maxSupplyResidual: sr > a.maxSupplyResidual ? sr : a.maxSupplyResidual,
      firstUnbalancedStep: a.firstUnbalancedStep ?? (e > 0n || t > 0n || sr > 0n ? step : undefined),
      last: c,
    };
  }

  accounting(): AccountingState {
    return this.acct;
  }

  effective(): { settings: { readonly [k: string]: string | number | boolean }; changes: readonly EffectiveSetting[] } {
    return { settings: this.economy.effectiveSettings?.() ?? {}, changes: this.economy.settingChanges?.() ?? [] };
  }
}
