// Resource-market metrics (issue 12), pure: the best possible allocation of an epoch from the
// agents' true values and costs, and the per-step record the catalogue reads.

export interface DemandUnit {
  /** Units the agent needs this epoch. */
  readonly units: bigint;
  /** What one unit is worth to it, token wei. */
  readonly value: bigint;
}

export interface SupplyUnit {
  /** Units offered this epoch. */
  readonly units: bigint;
  /** Cost of serving one unit, token wei. */
  readonly cost: bigint;
}

/**
 * Highest total surplus (sum of values served - sum of costs incurred) any allocation of this
 * demand to this capacity reaches: serve the highest values from the cheapest units while the
 * value exceeds the cost (the greedy matching is optimal for unit demand and supply), token wei.
 */
export function bestSurplus(demand: readonly DemandUnit[], supply: readonly SupplyUnit[]): bigint {
  const d = demand.filter((x) => x.units > 0n).map((x) => ({ ...x })).sort((a, b) => (a.value > b.value ? -1 : a.value < b.value ? 1 : 0));
  const s = supply.filter((x) => x.units > 0n).map((x) => ({ ...x })).sort((a, b) => (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : 0));
  let i = 0;
  let j = 0;
  let surplus = 0n;
  let dLeft = d[0]?.units ?? 0n;
  let sLeft = s[0]?.units ?? 0n;
  while (i < d.length && j < s.length && d[i].value > s[j].cost) {
    const q = dLeft < sLeft ? dLeft : sLeft;
    surplus += q * (d[i].value - s[j].cost);
    dLeft -= q;
    sLeft -= q;
    if (dLeft === 0n && ++i < d.length) dLeft = d[i].units;
    if (sLeft === 0n && ++j < s.length) sLeft = s[j].units;
  }
  return surplus;
}

/** What one finished (final and settled) epoch came to. */
export interface EpochOutcome {
  readonly epoch: number;
  readonly price: bigint;
  /** Units ordered (sum of the orders' units). */
  readonly requested: bigint;
  /** Units the consumers and bidders needed (their parameters, ordered or not). */
  readonly needed: bigint;
  readonly sold: bigint;
  /** Units the oracles' quorum accepted as delivered. */
  readonly delivered: bigint;
  /** Units the providers offered (standing capacity, every ask). */
  readonly capacity: bigint;
  /** Value of the delivered units to their consumers minus the providers' cost of them, token wei. */
  readonly realisedSurplus: bigint;
  /** Best possible surplus from the agents' true needs, values, capacities and costs, token wei. */
  readonly bestSurplus: bigint;
}

/** The resource market's part of a step's metrics (StepMetrics.resources). */
export interface ResourceStepMetrics {
  /** Price of the last cleared epoch (posted or clearing), token wei per unit. */
  readonly price: bigint;
  /** Last finished epoch: delivered / capacity (NaN before the first). */
  readonly utilisation: number;
  /** Since the start: sum delivered / sum capacity over finished epochs. */
  readonly utilisationCum: number;
  /** Units requested and not delivered, of epochs finished in this block. */
  readonly unmetDemand: bigint;
  /** Units requested, of epochs finished in this block. */
  readonly requested: bigint;
  /** Units the consumers and bidders needed, of epochs finished in this block (ordered or not). */
  readonly needed: bigint;
  /** Units delivered, of epochs finished in this block. */
  readonly delivered: bigint;
  /** Last finished epoch: realised / best surplus (NaN when the best is 0). */
  readonly efficiency: number;
  /** Since the start: sum realised / sum best surplus. */
  readonly efficiencyCum: number;
  /** Realised volatility (sd of log changes) of the prices of the epochs that traded so far. */
  readonly priceVolatility: number;
  /** Providers' earnings paid so far (net of fees), token wei. */
  readonly providerIncome: bigint;
  /** Gini of the provider agents' earnings so far. */
  readonly providerIncomeGini: number;
  /** Escrow books: on-chain escrow - (escrowed - paid to providers and fees - refunded), wei (0 = balanced). */
  readonly escrowResidual: bigint;
  /** Market balance - (bonds + escrow + earnings + fees), wei (0 = balanced). */
  readonly balanceResidual: bigint;
  /** Bond cases opened in this block. */
  readonly bondCases: number;
}

/** Folds finished epochs into the cumulative ratios. */
export class ResourceTally {
  delivered = 0n;
  capacity = 0n;
  realised = 0n;
  best = 0n;
  readonly epochs: EpochOutcome[] = [];

  add(e: EpochOutcome): void {
    this.epochs.push(e);
    this.delivered += e.delivered;
    this.capacity += e.capacity;
    this.realised += e.realisedSurplus;
    this.best += e.bestSurplus;
  }

  get utilisationCum(): number {
    return ratio(this.delivered, this.capacity);
  }

  get efficiencyCum(): number {
    return ratio(this.realised, this.best);
  }
}

export function ratio(a: bigint, b: bigint): number {
  if (b === 0n) return NaN;
  return Number((a * 1_000_000_000n) / b) / 1e9;
}
