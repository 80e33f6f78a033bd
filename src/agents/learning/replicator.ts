// Discrete replicator dynamics with mutation over strategy shares.
//
//   selection:  x_i' = x_i exp(beta f_i) / sum_j x_j exp(beta f_j)
//   mutation:   x_i'' = (1 - mu) x_i' + mu / n
//
// The exponential form is the replicator equation integrated over one generation with fitness
// measured relative to the population mean (adding a constant to every f_i changes nothing), and it
// stays a distribution whatever the sign of the fitness. A strategy grows exactly when its fitness
// exceeds (1/beta) ln sum_j x_j exp(beta f_j), which tends to the mean fitness as beta -> 0. beta is the selection strength (per unit
// of fitness), mu the mutation rate (it keeps every strategy alive, so extinct ones can re-enter).

export function normalise(xs: readonly number[]): number[] {
  const s = xs.reduce((a, b) => a + b, 0);
  if (!(s > 0) || xs.some((x) => x < 0 || !Number.isFinite(x))) throw new RangeError("shares must be non-negative with a positive sum");
  return xs.map((x) => x / s);
}

export function replicatorStep(shares: readonly number[], fitness: readonly number[], beta: number, mu: number): number[] {
  if (shares.length !== fitness.length || shares.length === 0) throw new RangeError("one fitness per share");
  if (!(beta >= 0) || !Number.isFinite(beta)) throw new RangeError(`selection strength must be >= 0, got ${beta}`);
  if (!(mu >= 0 && mu <= 1)) throw new RangeError(`mutation rate must lie in [0, 1], got ${mu}`);
  if (fitness.some((f) => !Number.isFinite(f))) throw new RangeError("fitness must be finite");
  const x = normalise(shares);
  const fmax = Math.max(...fitness); // shift for numerical safety; cancels in the normalisation
  const grown = x.map((xi, i) => xi * Math.exp(beta * (fitness[i] - fmax)));
  const selected = normalise(grown);
  const n = selected.length;
  return selected.map((xi) => (1 - mu) * xi + mu / n);
}

/** Share-weighted mean fitness. */
export function meanFitness(shares: readonly number[], fitness: readonly number[]): number {
  const x = normalise(shares);
  return x.reduce((s, xi, i) => s + xi * fitness[i], 0);
}
