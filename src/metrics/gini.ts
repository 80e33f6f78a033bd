// Gini coefficient of a wealth distribution, exact in bigint up to the final division.
// With values sorted ascending and ranks i = 1..n:
//   G = (2 * sum_i i*x_i) / (n * sum_i x_i) - (n + 1) / n
// which equals sum_i sum_j |x_i - x_j| / (2 n^2 mean). Negative wealth is clamped to 0 (Gini is
// defined for non-negative values); an empty or all-zero population has G = 0.
export function giniBig(values: readonly bigint[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const xs = values.map((v) => (v < 0n ? 0n : v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let total = 0n;
  let ranked = 0n;
  for (let i = 0; i < n; i++) {
    total += xs[i];
    ranked += BigInt(i + 1) * xs[i];
  }
  if (total === 0n) return 0;
  const N = BigInt(n);
  const num = 2n * ranked - (N + 1n) * total;
  const den = N * total;
  const SCALE = 10n ** 15n;
  return Number((num * SCALE) / den) / 1e15;
}

/** Same for floats. */
export function gini(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const xs = values.map((v) => Math.max(0, v)).sort((a, b) => a - b);
  let total = 0;
  let ranked = 0;
  for (let i = 0; i < n; i++) {
    total += xs[i];
    ranked += (i + 1) * xs[i];
  }
  if (total === 0) return 0;
  return (2 * ranked) / (n * total) - (n + 1) / n;
}
