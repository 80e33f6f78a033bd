// Latin hypercube sample: n points in [0,1)^d, each dimension split into n equal strata with
// exactly one point per stratum (random position inside it), strata permuted independently.
import type { Rng } from "../../sim/prng";

export function latinHypercube(n: number, d: number, rng: Rng): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`need at least one point, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`need at least one dimension, got ${d}`);
  const cols: number[][] = [];
  for (let j = 0; j < d; j++) {
    const perm = [...Array(n).keys()];
    for (let i = n - 1; i > 0; i--) {
      const k = rng.int(0, i);
      [perm[i], perm[k]] = [perm[k], perm[i]];
    }
    cols.push(perm.map((stratum) => (stratum + rng.uniform()) / n));
  }
  return [...Array(n).keys()].map((i) => cols.map((c) => c[i]));
}
