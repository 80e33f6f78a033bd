// Typed, path-aware reading of untrusted JSON: each getter returns the value or its default and
// throws a ScenarioError naming the exact path on a wrong type or range.
export class ScenarioError extends Error {}

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class Reader {
  constructor(
    private readonly obj: JsonObject,
    readonly path: string,
  ) {}

  static of(v: unknown, path: string): Reader {
    if (v === undefined) return new Reader({}, path);
    if (!isObject(v)) throw new ScenarioError(`${path}: expected an object`);
    return new Reader(v, path);
  }

  at(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  /** Rejects keys not in `known` (typos would otherwise be silently ignored). */
  only(known: readonly string[]): this {
    for (const k of Object.keys(this.obj)) {
      if (!known.includes(k)) throw new ScenarioError(`${this.at(k)}: unknown field (known: ${known.join(", ")})`);
    }
    return this;
  }

  num(key: string, def: number | undefined, opts: { min?: number; max?: number; int?: boolean } = {}): number {
    const v = this.obj[key] ?? def;
    if (v === undefined) throw new ScenarioError(`${this.at(key)}: required`);
    if (typeof v !== "number" || !Number.isFinite(v)) throw new ScenarioError(`${this.at(key)}: expected a number`);
    if (opts.int === true && !Number.isSafeInteger(v)) throw new ScenarioError(`${this.at(key)}: expected an integer`);
    if (opts.min !== undefined && v < opts.min) throw new ScenarioError(`${this.at(key)}: must be >= ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) throw new ScenarioError(`${this.at(key)}: must be <= ${opts.max}, got ${v}`);
    return v;
  }

  int(key: string, def: number | undefined, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    return this.num(key, def, { min, max, int: true });
  }

  str(key: string, def: string | undefined): string {
    const v = this.obj[key] ?? def;
    if (v === undefined) throw new ScenarioError(`${this.at(key)}: required`);
    if (typeof v !== "string") throw new ScenarioError(`${this.at(key)}: expected a string`);
    return v;
  }

  bool(key: string, def: boolean | undefined): boolean {
    const v = this.obj[key] ?? def;
    if (v === undefined) throw new ScenarioError(`${this.at(key)}: required`);
    if (typeof v !== "boolean") throw new ScenarioError(`${this.at(key)}: expected true or false`);
    return v;
  }

  oneOf<T extends string>(key: string, options: readonly T[], def: T | undefined): T {
    const v = this.str(key, def);
    if (!(options as readonly string[]).includes(v)) {
      throw new ScenarioError(`${this.at(key)}: expected one of ${options.join(", ")}, got "${v}"`);
    }
    return v as T;
  }

  child(key: string): Reader {
    return Reader.of(this.obj[key], this.at(key));
  }

  list(key: string): readonly unknown[] {
    const v = this.obj[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new ScenarioError(`${this.at(key)}: expected an array`);
    return v;
  }
}

/** A non-negative decimal string (ether units), e.g. "0.001". */
export function decimalString(v: unknown, path: string): string {
  const s = typeof v === "number" ? String(v) : v;
  if (typeof s !== "string" || !/^\d+(\.\d{1,18})?$/.test(s)) {
    throw new ScenarioError(`${path}: expected a non-negative decimal (ether units), got ${JSON.stringify(v)}`);
  }
  return s;
}
