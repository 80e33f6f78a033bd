// The search space: one dimension per `--param name=low..high[:log]`. Bounds written as integers
// make an integer dimension (fees in bps); otherwise the value is a decimal string (curve params).
export interface Dimension {
  readonly path: string;
  readonly low: number;
  readonly high: number;
  readonly integer: boolean;
  readonly log: boolean;
}

export class SpaceError extends Error {}

const NUM = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDimension(s: string): Dimension {
  const eq = s.indexOf("=");
  if (eq <= 0) throw new SpaceError(`--param expects name=low..high, got "${s}"`);
  const path = s.slice(0, eq).trim();
  if (!/^[A-Za-z0-9_.]+$/.test(path)) throw new SpaceError(`--param: bad parameter name "${path}"`);
  let rest = s.slice(eq + 1).trim();
  let log = false;
  if (rest.endsWith(":log")) {
    log = true;
    rest = rest.slice(0, -4);
  }
  const parts = rest.split("..");
  if (parts.length !== 2 || !NUM.test(parts[0]) || !NUM.test(parts[1])) throw new SpaceError(`--param ${path}: expected low..high, got "${rest}"`);
  const low = Number(parts[0]);
  const high = Number(parts[1]);
  if (!(high > low)) throw new SpaceError(`--param ${path}: need low < high`);
  if (log && low <= 0) throw new SpaceError(`--param ${path}: a log scale needs low > 0`);
  const integer = /^-?\d+$/.test(parts[0]) && /^-?\d+$/.test(parts[1]);
  return { path, low, high, integer, log };
}

/** The value at u in [0, 1] along the dimension, as the string a scenario path takes. */
export function valueAt(d: Dimension, u: number): string {
  const x = d.log ? Math.exp(Math.log(d.low) + u * (Math.log(d.high) - Math.log(d.low))) : d.low + u * (d.high - d.low);
  if (d.integer) return String(Math.min(d.high, Math.max(d.low, Math.round(x))));
  return String(Number(x.toPrecision(6)));
}

/** Position in [0, 1] of a value on the dimension (inverse of valueAt up to rounding). */
export function positionOf(d: Dimension, value: number): number {
  return d.log ? (Math.log(value) - Math.log(d.low)) / (Math.log(d.high) - Math.log(d.low)) : (value - d.low) / (d.high - d.low);
}

/**
 * The settings checked against the scenario schema before a search starts: every dimension at its
 * low and at its high bound (the others at their low), and all at their high. The schema's bounds
 * are per field, so a bound it rejects is found here; a rule across fields that only a value inside
 * the box breaks would still fail in its cell.
 */
export function boundSettings(dims: readonly Dimension[]): Array<{ readonly [path: string]: string }> {
  const at = (u: (i: number) => number) => Object.fromEntries(dims.map((d, i) => [d.path, valueAt(d, u(i))]));
  return [at(() => 0), ...dims.map((_, j) => at((i) => (i === j ? 1 : 0))), at(() => 1)];
}
