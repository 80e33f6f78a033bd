// The metric catalogue: every metric is declared once (name, unit, description, how it is computed,
// how it is aggregated over seeds, whether it is a sweep objective and in which direction), and
// every output is derived from it: metrics.csv columns, summary.json (`stats`, `totals`,
// `metrics`), the report's headline table and charts, the sweep objectives, the multi-seed and
// compare reports. Adding a metric = adding one entry here (or passing an extended catalogue).
import { toEther } from "../agents/policies/common";
import type { StepMetrics } from "../sim/records";

/** Units drive formatting (report: human units; CSV: exact). */
/** "share" is a fraction shown as a percentage; "ratio" a plain number (volatility, Gini, cover). */
export type Unit = "ETH" | "wei" | "tokens" | "ETH/token" | "ratio" | "share" | "count" | "steps" | "block" | "seconds" | "flag";

/** A chart the report draws: metrics naming the same chart id share it. */
export interface ChartRef {
  readonly id: string;
  readonly title: string;
  /** "log" for quantities spanning orders of magnitude (positive values only). */
  readonly scale?: "linear" | "log";
}

export interface StepMetric {
  readonly name: string;
  /** metrics.csv column. */
  readonly column: string;
  readonly unit: Unit;
  readonly description: string;
  /** The value after one block (bigint = wei or token wei, exact). */
  readonly value: (m: StepMetrics) => bigint | number | boolean;
  /** How summary.json folds it over the steps: running stats, stats and a total, or not at all. */
  readonly fold: "stats" | "sum" | "none";
  readonly chart?: ChartRef;
  /** Legend label on a shared chart (default: the name). */
  readonly label?: string;
}

/** One column per family (pnl_<family>), in scenario order. */
export interface FamilyMetric {
  readonly name: string;
  readonly column: (family: string) => string;
  readonly unit: Unit;
  readonly description: string;
  readonly value: (m: StepMetrics, familyIndex: number) => bigint | number;
  readonly chart?: ChartRef;
}

/** What a run metric is computed from: the folded step metrics and the run's resilience and P&L. */
export interface RunView {
  /** Per step metric with fold "stats"/"sum": n, mean, sd, min, max, last (floats in the metric's unit). */
  readonly stats: { readonly [metric: string]: { readonly n: number; readonly mean: number; readonly sd: number; readonly min: number; readonly max: number; readonly last: number } };
  /** Per step metric with fold "sum": the total over the run (float in the metric's unit). */
  readonly totals: { readonly [metric: string]: number };
  readonly maxDrawdown: number;
  /** Steps from the deepest trough back to its peak; NaN if it never recovered. */
  readonly recoverySteps: number;
  /** Per family: agents, agents whose realisable wealth rose, realisable and spot P&L totals (ETH). */
  readonly families: readonly { readonly family: string; readonly count: number; readonly rising: number; readonly pnl: number; readonly pnlSpot: number; readonly pnlJoint: number; readonly txs: number }[];
  readonly steps: number;
}

export interface RunMetric {
  readonly name: string;
  readonly unit: Unit;
  readonly description: string;
  readonly compute: (r: RunView) => number;
  /** How the multi-seed report aggregates it: mean with a 95% Student-t band. */
  readonly overSeeds: "mean";
  /** Sweep objective: which direction is better. */
  readonly objective?: "lower" | "higher";
  /** Headline group (the seed framework's §10 question it answers). */
  readonly question?: string;
  /** The values it can take where its unit does not say (a Gini lies in [0, 1], a volatility is >= 0): intervals over seeds are clipped to it (confidence.ts). */
  readonly range?: { readonly min?: number; readonly max?: number };
}

export interface Catalogue {
  readonly step: readonly StepMetric[];
  readonly family: readonly FamilyMetric[];
  readonly run: readonly RunMetric[];
}

const eth = (x: bigint) => toEther(x);
const PRICE: ChartRef = { id: "price", title: "Spot price (ETH per token)", scale: "log" };
const RESERVE: ChartRef = { id: "reserve", title: "Market reserve (ETH)" };
const FUNDS: ChartRef = { id: "funds", title: "Treasury funds (ETH)" };
const COVER: ChartRef = { id: "cover", title: "Reserve cover (reserve / refund of the whole supply)" };
const VOL: ChartRef = { id: "volatility", title: "Realised volatility (sd of log returns)" };
const GINI: ChartRef = { id: "gini", title: "Gini of realisable agent wealth" };
const GOV: ChartRef = { id: "staking", title: "Staking ratio and governance participation" };
const TRADE: ChartRef = { id: "volume", title: "Buy and sell volume per step (ETH)" };
const PNL: ChartRef = { id: "pnl", title: "Realisable P&L per family (ETH)" };

export const STEP_METRICS: readonly StepMetric[] = [
  { name: "step", column: "step", unit: "steps", description: "step number (one block each)", value: (m) => m.step, fold: "none" },
  { name: "block", column: "block", unit: "block", description: "block number", value: (m) => m.block, fold: "none" },
  { name: "timestamp", column: "timestamp", unit: "seconds", description: "block timestamp", value: (m) => m.timestamp, fold: "none" },
  { name: "price", column: "price", unit: "ETH/token", description: "spot price after the block", value: (m) => m.price, fold: "stats", chart: PRICE, label: "spot price" },
  { name: "supply", column: "supply", unit: "tokens", description: "token supply", value: (m) => m.supply, fold: "stats", chart: { id: "supply", title: "Token supply (tokens)" } },
  { name: "reserve", column: "reserve", unit: "ETH", description: "the market's reserve", value: (m) => m.reserve, fold: "stats", chart: RESERVE, label: "reserve" },
  { name: "reserveCover", column: "reserve_cover", unit: "ratio", description: "reserve / what selling the whole supply would pay back (>= 1: solvent)", value: (m) => m.reserveCover, fold: "stats", chart: COVER, label: "cover" },
  { name: "buyVolume", column: "buy_volume", unit: "ETH", description: "ether paid into buys (gross of fees)", value: (m) => m.buyVolume, fold: "sum", chart: TRADE, label: "buys" },
  { name: "sellVolume", column: "sell_volume", unit: "ETH", description: "ether paid out by sells (net of fees)", value: (m) => m.sellVolume, fold: "sum", chart: TRADE, label: "sells" },
  { name: "fees", column: "fees", unit: "ETH", description: "trading fees collected", value: (m) => m.fees, fold: "sum" },
  { name: "gasPaid", column: "gas_paid", unit: "ETH", description: "ether the agents paid for gas in this step", value: (m) => m.gasPaid, fold: "sum" },
  { name: "volatility", column: "volatility", unit: "ratio", description: "realised volatility of log returns over the window", value: (m) => m.volatility, fold: "stats", chart: VOL, label: "volatility" },
  { name: "gini", column: "gini", unit: "ratio", description: "Gini of the agents' realisable wealth", value: (m) => m.gini, fold: "stats", chart: GINI, label: "Gini" },
  { name: "stakingRatio", column: "staking_ratio", unit: "share", description: "staked / supply", value: (m) => m.stakingRatio, fold: "stats", chart: GOV, label: "staking ratio" },
  { name: "participation", column: "participation", unit: "share", description: "votes cast / stake that could vote on live proposals", value: (m) => m.participation, fold: "stats", chart: GOV, label: "participation" },
  { name: "welfare", column: "welfare_fund", unit: "ETH", description: "welfare fund balance", value: (m) => m.welfare, fold: "stats", chart: FUNDS, label: "welfare fund" },
  { name: "solidarity", column: "solidarity_fund", unit: "ETH", description: "solidarity fund balance", value: (m) => m.solidarity, fold: "stats", chart: FUNDS, label: "solidarity fund" },
  { name: "development", column: "development_fund", unit: "ETH", description: "development fund balance", value: (m) => m.development, fold: "stats", chart: FUNDS, label: "development fund" },
  { name: "welfarePaid", column: "welfare_paid", unit: "ETH", description: "welfare grants paid out", value: (m) => m.welfarePaid, fold: "sum" },
  { name: "solidarityPaid", column: "solidarity_paid", unit: "ETH", description: "solidarity grants paid out", value: (m) => m.solidarityPaid, fold: "sum" },
  { name: "slashes", column: "slashes", unit: "count", description: "slashes executed", value: (m) => m.slashes, fold: "sum" },
  { name: "breakerTrips", column: "breaker_trips", unit: "count", description: "circuit-breaker trips", value: (m) => m.breakerTrips, fold: "sum" },
  { name: "halted", column: "halted", unit: "flag", description: "trading halted by the breaker", value: (m) => m.halted, fold: "stats" },
  { name: "txs", column: "txs", unit: "count", description: "agent transactions mined", value: (m) => m.txs, fold: "sum" },
  { name: "reverts", column: "reverts", unit: "count", description: "agent transactions that reverted", value: (m) => m.reverts, fold: "sum" },
  { name: "etherResidual", column: "ether_residual_wei", unit: "wei", description: "ether ledger: agents + protocol + gas - entered (0 = balanced)", value: (m) => m.etherResidual ?? 0n, fold: "none" },
  { name: "tokenResidual", column: "token_residual_wei", unit: "wei", description: "token ledger: holders - (minted - burned) (0 = balanced)", value: (m) => m.tokenResidual ?? 0n, fold: "none" },
];

// The resource market (issue 12): blank (NaN) in runs without one, so their summaries skip them.
const RES_PRICE: ChartRef = { id: "resourcePrice", title: "Resource price (tokens per unit, last cleared epoch)" };
const RES_USE: ChartRef = { id: "resourceUse", title: "Resource utilisation and allocation efficiency (last finished epoch)" };
const RES_INCOME: ChartRef = { id: "resourceIncome", title: "Providers' resource income (tokens, cumulative)" };
const res = (f: (r: NonNullable<StepMetrics["resources"]>) => number | bigint) => (m: StepMetrics): number | bigint => (m.resources === undefined ? NaN : f(m.resources));
const noBig = (f: (r: NonNullable<StepMetrics["resources"]>) => bigint) => (m: StepMetrics): number | bigint => (m.resources === undefined ? NaN : f(m.resources));

export const RESOURCE_STEP_METRICS: readonly StepMetric[] = [
  { name: "resourcePrice", column: "resource_price", unit: "tokens", description: "resource price of the last cleared epoch (posted or clearing), tokens per unit", value: noBig((r) => r.price), fold: "stats", chart: RES_PRICE, label: "price" },
  { name: "resourceUtilisation", column: "resource_utilisation", unit: "share", description: "units delivered / capacity offered, last finished epoch", value: res((r) => r.utilisation), fold: "stats", chart: RES_USE, label: "utilisation" },
  { name: "resourceUtilisationCum", column: "resource_utilisation_cum", unit: "share", description: "units delivered / capacity offered over the finished epochs so far", value: res((r) => r.utilisationCum), fold: "stats" },
  { name: "unmetDemand", column: "unmet_demand", unit: "count", description: "units requested and not delivered, of the epochs finished in this block", value: res((r) => Number(r.unmetDemand)), fold: "sum" },
  { name: "resourceRequested", column: "resource_requested", unit: "count", description: "units requested, of the epochs finished in this block", value: res((r) => Number(r.requested)), fold: "sum" },
  { name: "resourceNeeded", column: "resource_needed", unit: "count", description: "units the consumers and bidders needed (ordered or not: under a posted price above its value an agent does not order), of the epochs finished in this block", value: res((r) => Number(r.needed)), fold: "sum" },
  { name: "resourceDelivered", column: "resource_delivered", unit: "count", description: "units delivered (accepted by the oracles' quorum), of the epochs finished in this block", value: res((r) => Number(r.delivered)), fold: "sum" },
  { name: "allocationEfficiency", column: "allocation_efficiency", unit: "share", description: "(value of delivered units - providers' cost) / best possible surplus from the agents' true needs, values, capacities and costs, last finished epoch", value: res((r) => r.efficiency), fold: "stats", chart: RES_USE, label: "efficiency" },
  { name: "allocationEfficiencyCum", column: "allocation_efficiency_cum", unit: "share", description: "realised / best surplus summed over the finished epochs so far", value: res((r) => r.efficiencyCum), fold: "stats" },
  { name: "resourcePriceVolatility", column: "resource_price_volatility", unit: "ratio", description: "realised volatility (sd of log changes) of the prices of the cleared epochs that traded, so far", value: res((r) => r.priceVolatility), fold: "stats" },
  { name: "providerIncome", column: "provider_income", unit: "tokens", description: "providers' earnings for attested deliveries so far (net of the market fee)", value: noBig((r) => r.providerIncome), fold: "stats", chart: RES_INCOME, label: "income" },
  { name: "providerIncomeGini", column: "provider_income_gini", unit: "ratio", description: "Gini of the provider agents' earnings so far", value: res((r) => r.providerIncomeGini), fold: "stats" },
  { name: "resourceBondCases", column: "resource_bond_cases", unit: "count", description: "bond cases opened against providers that did not deliver", value: res((r) => r.bondCases), fold: "sum" },
  { name: "resourceEscrowResidual", column: "resource_escrow_residual_wei", unit: "wei", description: "market escrow - (escrowed - paid to providers and fees - refunded), from the events (0 = balanced)", value: noBig((r) => r.escrowResidual), fold: "none" },
  { name: "resourceBalanceResidual", column: "resource_balance_residual_wei", unit: "wei", description: "market token balance - (bonds + escrow + earnings + fees) (0 = balanced)", value: noBig((r) => r.balanceResidual), fold: "none" },
];

export const FAMILY_METRICS: readonly FamilyMetric[] = [
  { name: "pnl", column: (f) => `pnl_${f}`, unit: "ETH", description: "realisable P&L of the family (total)", value: (m, i) => m.pnl[i].total, chart: PNL },
  { name: "pnlJoint", column: (f) => `pnl_joint_${f}`, unit: "ETH", description: "P&L if all agents sold together (their joint quote shared pro rata by tokens)", value: (m, i) => m.pnlJoint[i].total },
  { name: "pnlSpot", column: (f) => `pnl_spot_${f}`, unit: "ETH", description: "P&L marked to the spot price (not realisable)", value: (m, i) => m.pnlSpot[i].total },
];

const mean = (k: string) => (r: RunView) => r.stats[k]?.mean ?? NaN;
const last = (k: string) => (r: RunView) => r.stats[k]?.last ?? NaN;
const total = (k: string) => (r: RunView) => r.totals[k] ?? NaN;
const VOLATILITY = "Price volatility";
const STABILITY = "Stability under shocks";
const PERFORMANCE = "Agent performance";
const PARTICIPATION = "Participation";
const INEQUALITY = "Inequality";
const WELFARE = "Welfare";
const RESOURCES = "Resource economy";

export const RUN_METRICS: readonly RunMetric[] = [
  { name: "volatility", unit: "ratio", description: "mean realised volatility of log returns", compute: mean("volatility"), overSeeds: "mean", objective: "lower", question: VOLATILITY, range: { min: 0 } },
  { name: "maxDrawdown", unit: "share", description: "deepest peak-to-trough fall of the price", compute: (r) => r.maxDrawdown, overSeeds: "mean", objective: "lower", question: STABILITY },
  { name: "recoverySteps", unit: "steps", description: "steps from the deepest trough back to its peak (shown n/a if it never recovered: blank in CSV, null in JSON)", compute: (r) => r.recoverySteps, overSeeds: "mean", question: STABILITY },
  { name: "minReserveCover", unit: "ratio", description: "lowest reserve cover over the run (< 1 = insolvent)", compute: (r) => r.stats.reserveCover?.min ?? NaN, overSeeds: "mean", objective: "higher", question: STABILITY, range: { min: 0 } },
  { name: "breakerTrips", unit: "count", description: "circuit-breaker trips", compute: total("breakerTrips"), overSeeds: "mean", objective: "lower", question: STABILITY },
  {
    name: "shareRising", unit: "share", description: "share of all agents whose realisable wealth rose",
    compute: (r) => { const n = r.families.reduce((s, f) => s + f.count, 0); return n === 0 ? NaN : r.families.reduce((s, f) => s + f.rising, 0) / n; },
    overSeeds: "mean", objective: "higher", question: PERFORMANCE,
  },
  { name: "agentsPnl", unit: "ETH", description: "sum of the agents' realisable P&L (each selling alone, first)", compute: (r) => r.families.reduce((s, f) => s + f.pnl, 0), overSeeds: "mean", question: PERFORMANCE },
  { name: "agentsPnlJoint", unit: "ETH", description: "P&L of all agents if they all sold together (what the group can take out)", compute: (r) => r.families.reduce((s, f) => s + f.pnlJoint, 0), overSeeds: "mean", objective: "higher", question: PERFORMANCE },
  { name: "fees", unit: "ETH", description: "trading fees the agents paid", compute: total("fees"), overSeeds: "mean", question: PERFORMANCE },
  { name: "gasPaid", unit: "ETH", description: "gas the agents paid in the run's steps (their setup approvals before step 0 not included)", compute: total("gasPaid"), overSeeds: "mean", question: PERFORMANCE },
  { name: "participation", unit: "share", description: "mean governance participation", compute: mean("participation"), overSeeds: "mean", objective: "higher", question: PARTICIPATION },
  { name: "stakingRatio", unit: "share", description: "mean staking ratio", compute: mean("stakingRatio"), overSeeds: "mean", objective: "higher", question: PARTICIPATION },
  {
    // a family left with 0 agents (a small --agents) is not a family of the run: not counted as inactive
    name: "activeFamilies", unit: "share", description: "share of the families with agents that sent at least one transaction",
    compute: (r) => { const fs = r.families.filter((f) => f.count > 0); return fs.length === 0 ? NaN : fs.filter((f) => f.txs > 0).length / fs.length; },
    overSeeds: "mean", question: PARTICIPATION,
  },
  { name: "gini", unit: "ratio", description: "final Gini of realisable agent wealth", compute: last("gini"), overSeeds: "mean", objective: "lower", question: INEQUALITY, range: { min: 0, max: 1 } },
  { name: "welfarePaid", unit: "ETH", description: "welfare and solidarity paid out", compute: (r) => (r.totals.welfarePaid ?? 0) + (r.totals.solidarityPaid ?? 0), overSeeds: "mean", objective: "higher", question: WELFARE },
  { name: "revertRate", unit: "share", description: "share of agent transactions that reverted", compute: (r) => ((r.totals.txs ?? 0) === 0 ? 0 : (r.totals.reverts ?? 0) / r.totals.txs), overSeeds: "mean", objective: "lower" },
  { name: "finalPrice", unit: "ETH/token", description: "final spot price", compute: last("price"), overSeeds: "mean", objective: "higher" },
];

export const RESOURCE_RUN_METRICS: readonly RunMetric[] = [
  { name: "resourcePrice", unit: "tokens", description: "mean resource price over the steps (last cleared epoch's)", compute: mean("resourcePrice"), overSeeds: "mean", question: RESOURCES },
  { name: "resourcePriceVolatility", unit: "ratio", description: "realised volatility of the epochs' resource prices over the run", compute: last("resourcePriceVolatility"), overSeeds: "mean", objective: "lower", question: RESOURCES, range: { min: 0 } },
  { name: "resourceUtilisation", unit: "share", description: "units delivered / capacity offered over the finished epochs", compute: last("resourceUtilisationCum"), overSeeds: "mean", objective: "higher", question: RESOURCES },
  { name: "unmetDemand", unit: "count", description: "units requested and not delivered over the finished epochs", compute: total("unmetDemand"), overSeeds: "mean", objective: "lower", question: RESOURCES },
  { name: "unmetShare", unit: "share", description: "unmet / requested units over the finished epochs", compute: (r) => ((r.totals.resourceRequested ?? 0) === 0 ? NaN : (r.totals.unmetDemand ?? 0) / r.totals.resourceRequested), overSeeds: "mean", objective: "lower", question: RESOURCES },
  { name: "unservedNeedShare", unit: "share", description: "1 - delivered / needed units over the finished epochs (need counted whether ordered or not)", compute: (r) => ((r.totals.resourceNeeded ?? 0) === 0 ? NaN : 1 - (r.totals.resourceDelivered ?? 0) / r.totals.resourceNeeded), overSeeds: "mean", objective: "lower", question: RESOURCES },
  { name: "allocationEfficiency", unit: "share", description: "realised / best possible surplus over the finished epochs", compute: last("allocationEfficiencyCum"), overSeeds: "mean", objective: "higher", question: RESOURCES },
  { name: "providerIncome", unit: "tokens", description: "providers' resource earnings over the run", compute: last("providerIncome"), overSeeds: "mean", question: RESOURCES },
  { name: "providerIncomeGini", unit: "ratio", description: "final Gini of the providers' resource earnings", compute: last("providerIncomeGini"), overSeeds: "mean", objective: "lower", question: RESOURCES, range: { min: 0, max: 1 } },
];

const registry = { step: [...STEP_METRICS, ...RESOURCE_STEP_METRICS], family: [...FAMILY_METRICS], run: [...RUN_METRICS, ...RESOURCE_RUN_METRICS] };

/** The catalogue every output reads by default. Extend it with `extendCatalogue`, not by mutation. */
export const CATALOGUE: Catalogue = registry;

/**
 * Adds metrics to the default catalogue (every output picks them up: metrics.csv, summary.json,
 * report, sweep objectives, multi-seed and compare reports). Returns a function that removes them.
 */
export function extendCatalogue(extra: Partial<Catalogue>): () => void {
  const taken = new Set([...registry.step, ...registry.family, ...registry.run].map((m) => m.name));
  for (const m of [...(extra.step ?? []), ...(extra.family ?? []), ...(extra.run ?? [])]) {
    if (taken.has(m.name)) throw new Error(`metric "${m.name}" is already in the catalogue`);
  }
  registry.step.push(...(extra.step ?? []));
  registry.family.push(...(extra.family ?? []));
  registry.run.push(...(extra.run ?? []));
  return () => {
    const drop = <T extends { name: string }>(xs: T[], gone: readonly T[] | undefined) => {
      for (const g of gone ?? []) xs.splice(xs.indexOf(g), 1);
    };
    drop(registry.step, extra.step);
    drop(registry.family, extra.family);
    drop(registry.run, extra.run);
  };
}

/** A step metric's value as a float in its unit (wei amounts to ETH/tokens, flags to 0/1). */
export function numeric(m: StepMetric, s: StepMetrics): number {
  const v = m.value(s);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return m.unit === "wei" ? Number(v) : eth(v);
  return v;
}

/** Family metric value as a float in ETH / its unit. */
export function familyNumeric(m: FamilyMetric, s: StepMetrics, i: number): number {
  const v = m.value(s, i);
  return typeof v === "bigint" ? (m.unit === "wei" ? Number(v) : eth(v)) : v;
}

export function objectives(c: Catalogue = CATALOGUE): readonly RunMetric[] {
  return c.run.filter((m) => m.objective !== undefined);
}
