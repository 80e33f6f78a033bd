// Mean and 95% confidence interval across sweep seeds, Student t for small samples.
import { CATALOGUE, type Catalogue, type Unit } from "./catalogue";

/** Two-sided 95% critical values t_{0.975, df} for df = 1..30 (standard tables). */
const T975: readonly number[] = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12,
  2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

const Z975 = 1.959963984540054;

/**
 * t_{0.975, df}: the table up to 30 degrees of freedom, then the Cornish-Fisher expansion of t in
 * powers of 1/df around the normal quantile (error < 1e-4 for df > 30).
 */
export function tCritical95(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be a positive integer, got ${df}`);
  if (df <= T975.length) return T975[df - 1];
  const z = Z975;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3;
}

export interface MeanCI {
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  /** Half-width of the 95% interval (0 for n < 2). */
  readonly halfWidth: number;
  readonly lo: number;
  readonly hi: number;
}

/** The values a metric can take; a t interval does not know them. */
export interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** No bounds: for differences, P&L and other values of either sign. */
export const UNBOUNDED: Range = {};

/** The range of a metric in `unit`: shares and flags lie in [0, 1], counts and durations are >= 0, the rest is unbounded. */
export function rangeOf(unit: Unit): Range {
  switch (unit) {
    case "share":
    case "flag":
      return { min: 0, max: 1 };
    case "count":
    case "steps":
    case "seconds":
    case "block":
      return { min: 0 };
    default:
      return {};
  }
}

/** The range of the run metric `name` (its catalogue range, else by its unit); unbounded for a name the catalogue does not know. */
export function rangeOfRunMetric(name: string, c: Catalogue = CATALOGUE): Range {
  const m = c.run.find((x) => x.name === name);
  return m === undefined ? UNBOUNDED : (m.range ?? rangeOf(m.unit));
}

/**
 * Mean and 95% Student-t interval of `xs`, `lo` and `hi` clipped to `range` (with two seeds the t
 * interval of a share can reach past 100%, of a count below 0); `halfWidth` stays the t half-width.
 * The range is required: every interval the tool writes is clipped here, once (`UNBOUNDED` for
 * values of either sign, e.g. differences and P&L).
 */
export function meanCI95(xs: readonly number[], range: Range): MeanCI {
  const n = xs.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, halfWidth: NaN, lo: NaN, hi: NaN };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  if (n === 1) return { n, mean, sd: 0, halfWidth: 0, lo: mean, hi: mean };
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const halfWidth = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return clipped({ n, mean, sd, halfWidth, lo: mean - halfWidth, hi: mean + halfWidth }, range);
}

/** `ci` with `lo` and `hi` clipped to `range` (the rest unchanged). */
export function clipped(ci: MeanCI, range: Range): MeanCI {
  return { ...ci, lo: Math.max(range.min ?? -Infinity, ci.lo), hi: Math.min(range.max ?? Infinity, ci.hi) };
}
