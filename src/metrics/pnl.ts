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
}

/** Aggregates in the order `families` lists them (families absent from `agents` get zeros). */
export function aggregatePnl(agents: readonly AgentPnl[], families: readonly string[]): FamilyPnl[] {
  const sums = new Map<string, { count: number; total: bigint }>(families.map((f) => [f, { count: 0, total: 0n }]));
  for (const a of agents) {
    const s = sums.get(a.family) ?? { count: 0, total: 0n };
    sums.set(a.family, { count: s.count + 1, total: s.total + a.pnl });
  }
  return families.map((family) => {
    const s = sums.get(family) ?? { count: 0, total: 0n };
    return { family, count: s.count, total: s.total, mean: s.count === 0 ? 0n : s.total / BigInt(s.count) };
  });
}
