// Bounded chart series: keeps at most `capacity` points of an arbitrarily long run by dropping
// every other point and doubling the stride whenever it fills. Deterministic, O(capacity) memory.
export interface Series {
  readonly capacity: number;
  readonly stride: number;
  /** Count of values offered so far. */
  readonly seen: number;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

export function emptySeries(capacity: number): Series {
  if (capacity < 2) throw new RangeError("a series needs room for at least two points");
  return { capacity, stride: 1, seen: 0, xs: [], ys: [] };
}

export function pushPoint(s: Series, x: number, y: number): Series {
  const seen = s.seen + 1;
  if ((seen - 1) % s.stride !== 0) return { ...s, seen };
  let xs = [...s.xs, x];
  let ys = [...s.ys, y];
  let stride = s.stride;
  if (xs.length > s.capacity) {
    xs = xs.filter((_, i) => i % 2 === 0);
    ys = ys.filter((_, i) => i % 2 === 0);
    stride *= 2;
  }
  return { capacity: s.capacity, stride, seen, xs, ys };
}
