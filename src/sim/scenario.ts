// Scenario files: parse and validate JSON into a fully resolved `Scenario` through the one schema
// (scenarioSchema.ts: defaults, strict keys, ether to wei); command-line overrides (seed, steps,
// agent count) and sweep parameters.
import type { LockTier } from "../agents/types";
import { familyInfo } from "../agents/registry";
import { isObject, ScenarioError } from "./jsonReader";
import { DEFAULT_TIERS as SCHEMA_DEFAULT_TIERS, formatIssues, scenarioSchema } from "./scenarioSchema";
import type { CurveKind, OverrideNote, Scenario } from "./scenarioTypes";

export { ScenarioError } from "./jsonReader";

export const CURVE_PARAMS: { readonly [K in CurveKind]: readonly string[] } = {
  linear: ["slope", "intercept"],
  exponential: ["a", "k"],
  sigmoid: ["K", "k", "S0"],
};

export const DEFAULT_TIERS: readonly LockTier[] = SCHEMA_DEFAULT_TIERS;

/** Validates a scenario JSON value and fills every default (scenarioSchema.ts). Throws ScenarioError naming the path. */
export function parseScenario(raw: unknown): Scenario {
  const r = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throw new ScenarioError(formatIssues(r.error.issues)[0]);
  return r.data;
}

/**
 * Counts summing exactly to `total`, proportional to `counts` (largest remainder; ties go to the
 * earlier entry). Entries with count 0 stay 0.
 */
export function apportion(counts: readonly number[], total: number): number[] {
  const sum = counts.reduce((s, c) => s + c, 0);
  if (!Number.isSafeInteger(total) || total < 0) throw new ScenarioError(`--agents must be a non-negative integer, got ${total}`);
  if (sum === 0) return counts.map(() => 0);
  const exact = counts.map((c) => (c * total) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => ({ i, rem: x - Math.floor(x) })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (counts[i] > 0) {
      out[i] += 1;
      left -= 1;
    }
  }
  return out;
}

export interface Overrides {
  readonly seed?: number;
  readonly steps?: number;
  readonly agents?: number;
}

/** Applies command-line overrides and drops adversaries when the scenario turns them off. */
export function resolveScenario(s: Scenario, o: Overrides = {}): Scenario {
  let population = s.adversaries ? s.population : s.population.map((p) => (familyInfo(p.family).adversarial ? { ...p, count: 0 } : p));
  if (o.agents !== undefined) {
    const counts = apportion(population.map((p) => p.count), o.agents);
    population = population.map((p, i) => ({ ...p, count: counts[i] }));
  }
  const steps = o.steps ?? s.steps;
  if (!Number.isSafeInteger(steps) || steps < 1) throw new ScenarioError(`steps must be a positive integer, got ${steps}`);
  const seed = o.seed ?? s.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ScenarioError(`seed must be a non-negative integer, got ${seed}`);
  const { overrideNotes: _earlier, ...rest } = s;
  const resolved: Scenario = { ...rest, seed, steps, population, events: s.events.filter((e) => e.step < steps) };
  const notes = overrideNotes(s, resolved, o);
  return notes.length > 0 ? { ...resolved, overrideNotes: notes } : resolved;
}

const PHASE_KIND = (p: Scenario["population"][number]["phases"][number]): string => (p.exit ? "exit" : !p.active ? "idle" : "new params");

/**
 * What `--steps` and `--agents` leave out of the run, one note each: an event at or after the last
 * step, a phase of a population entry that still has agents starting at or after it, a family that
 * had agents and is scaled to 0 (families the scenario itself turns off with `adversaries: false`
 * are not notes: the file asked for that).
 */
export function overrideNotes(s: Scenario, resolved: Scenario, o: Overrides): OverrideNote[] {
  const notes: OverrideNote[] = [];
  if (o.steps !== undefined) {
    const why = `--steps ${o.steps} ends the run after step ${o.steps - 1}`;
    for (const e of s.events) if (e.step >= o.steps) notes.push({ setting: `events: ${e.kind}`, asked: `at step ${e.step}`, used: "not run", why });
    resolved.population.forEach((p, i) => {
      if (p.count === 0) return;
      p.phases.forEach((ph, j) => {
        if (ph.fromStep >= resolved.steps) notes.push({ setting: `population[${i}] (${p.family}): phases[${j}]`, asked: `${PHASE_KIND(ph)} from step ${ph.fromStep}`, used: "never reached", why });
      });
    });
  }
  if (o.agents !== undefined) {
    const before = new Map<string, number>();
    const after = new Map<string, number>();
    const asked = s.adversaries ? s.population : s.population.filter((p) => !familyInfo(p.family).adversarial);
    for (const p of asked) before.set(p.family, (before.get(p.family) ?? 0) + p.count);
    for (const p of resolved.population) after.set(p.family, (after.get(p.family) ?? 0) + p.count);
    const scaled = asked.reduce((n, p) => n + p.count, 0);
    for (const [family, n] of before) {
      if (n > 0 && (after.get(family) ?? 0) === 0) {
        notes.push({
          setting: `population: ${family}`, asked: `${n} agent${n === 1 ? "" : "s"}`, used: "0 agents",
          why: `--agents ${o.agents} scales the scenario's ${scaled} agents proportionally, by largest remainder`,
        });
      }
    }
  }
  return notes;
}

/**
 * Sets `path` (dotted, array indices as numbers: "fees.buyBps", "population.0.count",
 * "curve.params.slope") in a raw scenario, returning a new value. The new value keeps the JSON type
 * of the old one where there was one (a sweep value "0.5" stays a string for curve params).
 */
export function setPath(raw: unknown, path: string, value: string): unknown {
  const keys = path.split(".");
  const go = (node: unknown, i: number): unknown => {
    const key = keys[i];
    const last = i === keys.length - 1;
    if (Array.isArray(node)) {
      const idx = Number(key);
      if (!Number.isInteger(idx) || idx < 0 || idx >= node.length) throw new ScenarioError(`--param ${path}: no index ${key}`);
      return node.map((child, j) => (j === idx ? (last ? coerce(child, value, path) : go(child, i + 1)) : child));
    }
    const obj = isObject(node) ? node : {};
    return { ...obj, [key]: last ? coerce(obj[key], value, path) : go(obj[key], i + 1) };
  };
  return go(raw, 0);
}

function coerce(old: unknown, value: string, path: string): unknown {
  if (typeof old === "string") return value;
  if (typeof old === "boolean" || value === "true" || value === "false") {
    if (value !== "true" && value !== "false") throw new ScenarioError(`--param ${path}: expected true or false`);
    return value === "true";
  }
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) {
    if (old === undefined) return value;
    throw new ScenarioError(`--param ${path}: expected a number, got "${value}"`);
  }
  return n;
}
