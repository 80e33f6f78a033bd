// Profit and loss per policy family.
export interface AgentPnl {
  readonly family: string;
  /** wealth now - initial wealth, reserve wei */
  readonly pnl: bigint;
}

export interface FamilyPnl {
  readonly family: string;
  readonly count: number;
  readonly total: bigint;
  /** total / count, rounded toward zero */
  readonly mean: bigint;
  /** Agents of the family whose P&L is above zero. */
  readonly rising: number;
}

/** Aggregates in the order `families` lists them (families absent from `agents` get zeros). */
export function aggregatePnl(agents: readonly AgentPnl[], families: readonly string[]): FamilyPnl[] {
  const sums = new Map<string, { count: number; total: bigint; rising: number }>(families.map((f) => [f, { count: 0, total: 0n, rising: 0 }]));
  for (const a of agents) {
    const s = sums.get(a.family) ?? { count: 0, total: 0n, rising: 0 };
    sums.set(a.family, { count: s.count + 1, total: s.total + a.pnl, rising: s.rising + (a.pnl > 0n ? 1 : 0) });
  }
  return families.map((family) => {
    const s = sums.get(family) ?? { count: 0, total: 0n, rising: 0 };
    return { family, count: s.count, total: s.total, mean: s.count === 0 ? 0n : s.total / BigInt(s.count), rising: s.rising };
  });
}
