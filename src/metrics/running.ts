// Streaming summary statistics (Welford): O(1) memory per metric however many steps are seen.
export interface RunningStats {
  readonly n: number;
  readonly mean: number;
  /** Sum of squared deviations from the mean. */
  readonly m2: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
}

export const emptyStats: RunningStats = { n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity, last: NaN };

export function pushStat(s: RunningStats, x: number): RunningStats {
  const n = s.n + 1;
  const delta = x - s.mean;
  const mean = s.mean + delta / n;
  return { n, mean, m2: s.m2 + delta * (x - mean), min: Math.min(s.min, x), max: Math.max(s.max, x), last: x };
}

/** Sample variance (n - 1); 0 below two observations. */
export function variance(s: RunningStats): number {
  return s.n < 2 ? 0 : s.m2 / (s.n - 1);
}

export function summarise(s: RunningStats): { n: number; mean: number; sd: number; min: number; max: number; last: number } {
  return {
    n: s.n,
    mean: s.n === 0 ? 0 : s.mean,
    sd: Math.sqrt(variance(s)),
    min: s.n === 0 ? 0 : s.min,
    max: s.n === 0 ? 0 : s.max,
    last: s.n === 0 ? 0 : s.last,
  };
}
