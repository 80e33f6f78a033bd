// Scenario files: parse and validate JSON into a fully resolved `Scenario`, with defaults for every
// field a file may omit; command-line overrides (seed, steps, agent count) and sweep parameters.
import type { Fund, LockTier, Role } from "../agents/types";
import { bindPolicy, familyInfo } from "../agents/registry";
import { ParamError, type ParamShape } from "../agents/params";
import { decimalString, isObject, Reader, ScenarioError } from "./jsonReader";
import type {
  CurveKind,
  CurveSpec,
  Phase,
  PopulationEntry,
  Scenario,
  ScheduledEvent,
  StakingConfig,
} from "./scenarioTypes";

export { ScenarioError } from "./jsonReader";

export const CURVE_PARAMS: { readonly [K in CurveKind]: readonly string[] } = {
  linear: ["slope", "intercept"],
  exponential: ["a", "k"],
  sigmoid: ["K", "k", "S0"],
};

export const DEFAULT_TIERS: readonly LockTier[] = [
  { id: 0, lockSeconds: 0, multiplierBps: 10_000 },
  { id: 1, lockSeconds: 30 * 86_400, multiplierBps: 12_500 },
  { id: 2, lockSeconds: 90 * 86_400, multiplierBps: 15_000 },
  { id: 3, lockSeconds: 365 * 86_400, multiplierBps: 20_000 },
];

const ROLES: readonly Role[] = ["slasher", "oracle"];
const FUNDS: readonly Fund[] = ["welfare", "solidarity", "development"];

function parseCurve(r: Reader): CurveSpec {
  r.only(["kind", "params"]);
  const kind = r.oneOf<CurveKind>("kind", ["linear", "exponential", "sigmoid"], "linear");
  const pr = r.child("params");
  const defaults: { [name: string]: string } =
    kind === "linear" ? { slope: "0.00001", intercept: "0.001" } : kind === "exponential" ? { a: "0.001", k: "0.00001" } : { K: "1", k: "0.0001", S0: "50000" };
  pr.only(CURVE_PARAMS[kind]);
  const params: { [name: string]: string } = {};
  for (const name of CURVE_PARAMS[kind]) params[name] = decimalString(pr.raw(name) ?? defaults[name], pr.at(name));
  return { kind, params };
}

function parseTiers(r: Reader): readonly LockTier[] {
  if (!r.has("tiers")) return DEFAULT_TIERS;
  const tiers = r.list("tiers").map((t, i) => {
    const tr = Reader.of(t, `${r.at("tiers")}[${i}]`).only(["lockSeconds", "multiplierBps"]);
    return { id: i, lockSeconds: tr.int("lockSeconds", undefined), multiplierBps: tr.int("multiplierBps", undefined, 10_000, 50_000) };
  });
  if (tiers.length === 0) throw new ScenarioError(`${r.at("tiers")}: at least one tier`);
  return tiers;
}

function parseStaking(r: Reader): StakingConfig {
  r.only(["tiers", "unbondingSeconds", "disputeWindowBlocks", "maxSlashBps"]);
  return {
    tiers: parseTiers(r),
    unbondingSeconds: r.int("unbondingSeconds", 7 * 86_400),
    disputeWindowBlocks: r.int("disputeWindowBlocks", 20, 1),
    maxSlashBps: r.int("maxSlashBps", 3000, 0, 10_000),
  };
}

function parsePopulation(r: Reader): PopulationEntry[] {
  const raw = r.list("population");
  if (raw.length === 0) throw new ScenarioError(`${r.at("population")}: at least one population entry`);
  return raw.map((e, i) => {
    const er = Reader.of(e, `population[${i}]`).only(["family", "count", "params", "fundingEth", "roles", "phases"]);
    const family = er.str("family", undefined);
    try {
      familyInfo(family);
    } catch (err) {
      throw new ScenarioError(`${er.at("family")}: ${(err as Error).message}`);
    }
    let params;
    try {
      params = bindPolicy(family, er.raw("params")).params;
    } catch (err) {
      if (err instanceof ParamError) throw new ScenarioError(`${er.at("params")}: ${err.message}`);
      throw err;
    }
    const roles = er.list("roles").map((x, j) => {
      if (typeof x !== "string" || !(ROLES as readonly string[]).includes(x)) {
        throw new ScenarioError(`${er.at("roles")}[${j}]: expected one of ${ROLES.join(", ")}`);
      }
      return x as Role;
    });
    const phases = er.list("phases").map((x, j): Phase => {
      const pr = Reader.of(x, `${er.at("phases")}[${j}]`).only(["fromStep", "params", "active", "exit"]);
      const over = pr.raw("params");
      if (over !== undefined) {
        try {
          bindPolicy(family, { ...(params as object), ...(isObject(over) ? over : {}) });
          if (!isObject(over)) throw new ParamError("expected an object");
        } catch (err) {
          if (err instanceof ParamError) throw new ScenarioError(`${pr.at("params")}: ${err.message}`);
          throw err;
        }
      }
      return { fromStep: pr.int("fromStep", undefined), ...(over !== undefined ? { params: over as ParamShape } : {}), active: pr.bool("active", true), exit: pr.bool("exit", false) };
    });
    for (let j = 1; j < phases.length; j++) {
      if (phases[j].fromStep <= phases[j - 1].fromStep) throw new ScenarioError(`${er.at("phases")}[${j}].fromStep: phases must start at increasing steps`);
    }
    return { family, count: er.int("count", undefined), params, fundingEth: er.num("fundingEth", 100, { min: 0 }), roles, phases };
  });
}

function agentRef(v: unknown, path: string, population: readonly PopulationEntry[]): string {
  if (typeof v !== "string" || !/^[A-Za-z]+:\d+$/.test(v)) throw new ScenarioError(`${path}: expected "family:index"`);
  const [family, k] = v.split(":");
  const count = population.filter((p) => p.family === family).reduce((s, p) => s + p.count, 0);
  if (Number(k) >= count) throw new ScenarioError(`${path}: no agent ${v} (the population has ${count} ${family})`);
  return v;
}

function parseEvents(r: Reader, steps: number, population: readonly PopulationEntry[]): ScheduledEvent[] {
  const events = r.list("events").map((e, i): ScheduledEvent => {
    const er = Reader.of(e, `events[${i}]`);
    const step = er.int("step", undefined, 0, Math.max(0, steps - 1));
    const kind = er.oneOf("kind", ["setFees", "setCurveParam", "slash", "dispute", "grant"] as const, undefined);
    switch (kind) {
      case "setFees":
        er.only(["step", "kind", "buyFeeBps", "sellFeeBps"]);
        return { step, kind, buyFeeBps: er.int("buyFeeBps", undefined, 0, 1000), sellFeeBps: er.int("sellFeeBps", undefined, 0, 1000) };
      case "setCurveParam":
        er.only(["step", "kind", "param", "value"]);
        return { step, kind, param: er.str("param", undefined), value: decimalString(er.raw("value"), er.at("value")) };
      case "slash":
        er.only(["step", "kind", "target", "severityBps"]);
        return { step, kind, target: agentRef(er.raw("target"), er.at("target"), population), severityBps: er.int("severityBps", undefined, 1, 10_000) };
      case "dispute":
        er.only(["step", "kind", "target"]);
        return { step, kind, target: agentRef(er.raw("target"), er.at("target"), population) };
      case "grant":
        er.only(["step", "kind", "fund", "recipient", "amountEth"]);
        return {
          step,
          kind,
          fund: er.oneOf<Fund>("fund", FUNDS, undefined),
          recipient: agentRef(er.raw("recipient"), er.at("recipient"), population),
          amountEth: er.num("amountEth", undefined, { min: 0 }),
        };
    }
  });
  // Stable order by step keeps the file order for events of the same step.
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.step - b.e.step || a.i - b.i).map((x) => x.e);
}

const TOP_LEVEL = [
  "name", "description", "seed", "steps", "secondsPerBlock", "startTimestamp", "curve", "genesis", "fees", "split",
  "staking", "governance", "protections", "adversaries", "population", "events", "metrics",
];

/** Validates a scenario JSON value and fills every default. Throws ScenarioError naming the path. */
export function parseScenario(raw: unknown): Scenario {
  const r = Reader.of(raw, "").only(TOP_LEVEL);
  const steps = r.int("steps", 200, 1, 10_000_000);
  const fr = r.child("fees").only(["buyBps", "sellBps", "referrerShareBps"]);
  const sr = r.child("split").only(["stakers", "welfare", "solidarity", "development", "burn"]);
  const split = {
    stakers: sr.int("stakers", 4000, 0, 10_000),
    welfare: sr.int("welfare", 1500, 0, 10_000),
    solidarity: sr.int("solidarity", 1500, 0, 10_000),
    development: sr.int("development", 2000, 0, 10_000),
    burn: sr.int("burn", 1000, 0, 10_000),
  };
  const splitSum = split.stakers + split.welfare + split.solidarity + split.development + split.burn;
  if (splitSum !== 10_000) throw new ScenarioError(`split: shares must sum to 10000 bps, got ${splitSum}`);
  const gr = r.child("governance").only(["votingDelayBlocks", "votingPeriodBlocks", "quorumBps", "timelockBlocks", "proposalThreshold"]);
  const pr = r.child("protections").only(["breaker", "slippage", "breakerThresholdBps", "breakerWindowBlocks", "breakerCooldownBlocks"]);
  const mr = r.child("metrics").only(["volatilityWindow", "historyWindow", "chartPoints", "epochSteps"]);
  const population = parsePopulation(r);
  if (population.reduce((s, p) => s + p.count, 0) === 0) throw new ScenarioError("population: at least one agent");
  return {
    name: r.str("name", "unnamed"),
    description: r.str("description", ""),
    seed: r.int("seed", 1),
    steps,
    secondsPerBlock: r.int("secondsPerBlock", 12, 1, 86_400),
    startTimestamp: r.int("startTimestamp", 1_800_000_000, 1),
    curve: parseCurve(r.child("curve")),
    genesis: { buyEth: r.child("genesis").only(["buyEth"]).num("buyEth", 0, { min: 0 }) },
    fees: {
      buyBps: fr.int("buyBps", 100, 0, 1000),
      sellBps: fr.int("sellBps", 100, 0, 1000),
      referrerShareBps: fr.int("referrerShareBps", 2000, 0, 10_000),
    },
    split,
    staking: parseStaking(r.child("staking")),
    governance: {
      votingDelayBlocks: gr.int("votingDelayBlocks", 1),
      votingPeriodBlocks: gr.int("votingPeriodBlocks", 20, 1),
      quorumBps: gr.int("quorumBps", 400, 0, 10_000),
      timelockBlocks: gr.int("timelockBlocks", 2),
      proposalThreshold: gr.num("proposalThreshold", 0, { min: 0 }),
    },
    protections: {
      breaker: pr.bool("breaker", true),
      slippage: pr.bool("slippage", true),
      breakerThresholdBps: pr.int("breakerThresholdBps", 2000, 1, 10_000),
      breakerWindowBlocks: pr.int("breakerWindowBlocks", 10, 1),
      breakerCooldownBlocks: pr.int("breakerCooldownBlocks", 10, 1),
    },
    adversaries: r.bool("adversaries", true),
    population,
    events: parseEvents(r, steps, population),
    metrics: {
      volatilityWindow: mr.int("volatilityWindow", 20, 2, 10_000),
      historyWindow: mr.int("historyWindow", 30, 2, 10_000),
      chartPoints: mr.int("chartPoints", 400, 10, 100_000),
      epochSteps: mr.int("epochSteps", 50, 1),
    },
  };
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
  return { ...s, seed, steps, population, events: s.events.filter((e) => e.step < steps) };
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
