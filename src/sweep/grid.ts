// The sweep grid: parameter settings x seeds, enumerated in a fixed order, and sharding of it.
export interface ParamSpec {
  /** Dotted path into the scenario JSON, e.g. "fees.buyBps" or "curve.params.slope". */
  readonly path: string;
  readonly values: readonly string[];
}

export class SweepError extends Error {}

/** "name=v1,v2,..." */
export function parseParamSpec(s: string): ParamSpec {
  const eq = s.indexOf("=");
  if (eq <= 0) throw new SweepError(`--param expects name=v1,v2,... got "${s}"`);
  const path = s.slice(0, eq).trim();
  const values = s.slice(eq + 1).split(",").map((v) => v.trim());
  if (!/^[A-Za-z0-9_.]+$/.test(path)) throw new SweepError(`--param: bad parameter name "${path}"`);
  if (values.length === 0 || values.some((v) => v === "")) throw new SweepError(`--param ${path}: empty value in "${s}"`);
  if (new Set(values).size !== values.length) throw new SweepError(`--param ${path}: repeated value`);
  return { path, values };
}

export interface Shard {
  /** 1-based index. */
  readonly index: number;
  readonly count: number;
}

/** "i/n" with 1 <= i <= n. */
export function parseShard(s: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (m === null) throw new SweepError(`--shard expects i/n (for example 1/4), got "${s}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new SweepError(`--shard ${s}: need 1 <= i <= n`);
  return { index, count };
}

export type Setting = { readonly [path: string]: string };

export interface Cell {
  /** Position in the full grid (stable across shards and machines). */
  readonly index: number;
  readonly setting: Setting;
  /** Canonical text of the setting, e.g. "fees.buyBps=50;fees.sellBps=50". */
  readonly settingKey: string;
  readonly seed: number;
}

export function settingKey(setting: Setting): string {
  const keys = Object.keys(setting);
  return keys.length === 0 ? "(scenario)" : keys.map((k) => `${k}=${setting[k]}`).join(";");
}

/** Cartesian product of the parameters (first parameter slowest), each with seeds base..base+n-1. */
export function buildGrid(params: readonly ParamSpec[], seeds: number, baseSeed: number): Cell[] {
  if (!Number.isSafeInteger(seeds) || seeds < 1) throw new SweepError(`--seeds must be a positive integer, got ${seeds}`);
  const paths = params.map((p) => p.path);
  if (new Set(paths).size !== paths.length) throw new SweepError("--param: the same parameter twice");
  const settings = gridSettings(params);
  const cells: Cell[] = [];
  for (const setting of settings) {
    for (let k = 0; k < seeds; k++) cells.push({ index: cells.length, setting, settingKey: settingKey(setting), seed: baseSeed + k });
  }
  return cells;
}

/** The cells of one shard: round-robin by grid index, so every shard gets a mix of settings. */
export function shardCells(cells: readonly Cell[], shard: Shard): Cell[] {
  return cells.filter((c) => c.index % shard.count === shard.index - 1);
}

/** Every setting of the grid once: the cartesian product, first parameter slowest ({} without parameters). */
export function gridSettings(params: readonly ParamSpec[]): Setting[] {
  let settings: Setting[] = [{}];
  for (const p of params) settings = settings.flatMap((s) => p.values.map((v) => ({ ...s, [p.path]: v })));
  return settings;
}
