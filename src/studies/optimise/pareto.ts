// Pareto dominance and non-dominated sorting over objective vectors already oriented so that lower
// is better (negate "higher is better" metrics first).

/** a dominates b: no worse in every objective and better in one. NaN counts as worst. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    const x = Number.isNaN(a[i]) ? Infinity : a[i];
    const y = Number.isNaN(b[i]) ? Infinity : b[i];
    if (x > y) return false;
    if (x < y) better = true;
  }
  return better;
}

/** Indices of the non-dominated points. */
export function paretoFront(points: readonly (readonly number[])[]): number[] {
  return points.map((_, i) => i).filter((i) => !points.some((q, j) => j !== i && dominates(q, points[i])));
}

/** Rank of each point: 0 for the front, 1 for the front of the rest, and so on. */
export function paretoRanks(points: readonly (readonly number[])[]): number[] {
  const rank = new Array<number>(points.length).fill(-1);
  let left = points.map((_, i) => i);
  for (let r = 0; left.length > 0; r++) {
    const front = left.filter((i) => !left.some((j) => j !== i && dominates(points[j], points[i])));
    for (const i of front) rank[i] = r;
    left = left.filter((i) => rank[i] < 0);
  }
  return rank;
}
