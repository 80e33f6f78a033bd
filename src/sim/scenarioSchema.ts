// The one schema of a scenario file (zod 4): types, defaults, strict keys and cross-field checks in
// one place. `scenarioSchema` parses raw JSON into the resolved `Scenario` (scenarioTypes.ts infers
// its types from here); `scenarioJsonSchema()` is the JSON Schema editors use
// (scenarios/scenario.schema.json, written by `npm run scenario:schema`).
import { z } from "zod";
import { bindPolicy, familyInfo } from "../agents/registry";
import { ParamError, type ParamShape } from "../agents/params";

/**
 * The one place an ether amount from a scenario file (a JSON number, field name ending in `Eth`)
 * becomes wei: micro-ether resolution, deterministic (the same rounding the agents' `toWei` uses).
 */
export function etherToWei(ether: number): bigint {
  if (!Number.isFinite(ether) || ether < 0) throw new RangeError(`not a non-negative amount: ${ether}`);
  return BigInt(Math.round(ether * 1e6)) * 10n ** 12n;
}

const int = (min = 0, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const bps = (min = 0, max = 10_000) => int(min, max);
/** Ether as a JSON number, >= 0. */
const ether = () => z.number().min(0);
/** A decimal in ether units ("0.00001", or a JSON number), kept as its decimal string; converted with parseEther where used. */
const DECIMAL = /^\d+(\.\d{1,18})?$/;
const DECIMAL_ERROR = "expected a non-negative decimal (ether units)";
const decimal = z
  .union([z.string().regex(DECIMAL, { error: DECIMAL_ERROR }), z.number().min(0)])
  .transform((v) => String(v))
  .pipe(z.string().regex(DECIMAL, { error: DECIMAL_ERROR }))
  .describe("non-negative decimal in ether units, preferably a string (\"0.00001\"), at most 18 decimals");

export const CURVE_KINDS = ["linear", "exponential", "sigmoid"] as const;
export const ROLES = ["slasher", "oracle"] as const;
export const FUNDS = ["welfare", "solidarity", "development"] as const;
export const EVENT_KINDS = ["setFees", "setCurveParam", "slash", "dispute", "grant"] as const;

export const DEFAULT_TIERS = [
  { id: 0, lockSeconds: 0, multiplierBps: 10_000 },
  { id: 1, lockSeconds: 30 * 86_400, multiplierBps: 12_500 },
  { id: 2, lockSeconds: 90 * 86_400, multiplierBps: 15_000 },
  { id: 3, lockSeconds: 365 * 86_400, multiplierBps: 20_000 },
] as const;

const curveParams = {
  linear: z.strictObject({ slope: decimal.default("0.00001"), intercept: decimal.default("0.001") }),
  exponential: z.strictObject({ a: decimal.default("0.001"), k: decimal.default("0.00001") }),
  sigmoid: z.strictObject({ K: decimal.default("1"), k: decimal.default("0.0001"), S0: decimal.default("50000") }),
};

const curveSchema = z
  .discriminatedUnion("kind", [
    // kind may be left out: linear
    z.strictObject({ kind: z.literal("linear").optional(), params: curveParams.linear.prefault({}) }),
    z.strictObject({ kind: z.literal("exponential"), params: curveParams.exponential.prefault({}) }),
    z.strictObject({ kind: z.literal("sigmoid"), params: curveParams.sigmoid.prefault({}) }),
  ])
  .transform((c) => ({ kind: c.kind ?? "linear", params: c.params as { readonly [name: string]: string } }))
  .describe("bonding curve: kind (default linear) and its parameters as decimal strings in ether units");

const tierSchema = z.strictObject({ lockSeconds: int(), multiplierBps: int(10_000, 50_000) });

const stakingSchema = z.strictObject({
  tiers: z
    .array(tierSchema)
    .min(1, { error: "at least one tier" })
    .optional()
    .transform((ts) => (ts === undefined ? DEFAULT_TIERS.map((t) => ({ ...t })) : ts.map((t, i) => ({ id: i, ...t })))),
  unbondingSeconds: int().default(7 * 86_400),
  disputeWindowBlocks: int(1).default(20),
  // Slashing's per-offence severity cap: the contract deploys with 1000 and takes 1..5000
  // (MAX_SLASH_CAP_BPS); the chain deployment sets what the scenario asks (deploy/cipher.ts).
  maxSlashBps: bps(1, 5_000).default(1_000),
});

const paramsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).describe("policy parameters: keys and JSON types as the family declares");

const phaseSchema = z.strictObject({
  fromStep: int(),
  params: paramsSchema.optional(),
  active: z.boolean().default(true),
  exit: z.boolean().default(false),
});

const populationSchema = z
  .strictObject({
    family: z.string(),
    count: int(),
    params: paramsSchema.optional(),
    fundingEth: ether().default(100).describe("reserve each agent starts with, ether"),
    roles: z.array(z.enum(ROLES)).default([]),
    phases: z.array(phaseSchema).default([]),
  })
  .superRefine((e, ctx) => {
    try {
      familyInfo(e.family);
    } catch (err) {
      ctx.addIssue({ code: "custom", path: ["family"], message: (err as Error).message });
      return;
    }
    const bind = (raw: unknown, path: (string | number)[]): boolean => {
      try {
        bindPolicy(e.family, raw);
        return true;
      } catch (err) {
        if (!(err instanceof ParamError)) throw err;
        ctx.addIssue({ code: "custom", path, message: err.message });
        return false;
      }
    };
    if (!bind(e.params, ["params"])) return;
    e.phases.forEach((p, j) => {
      if (p.params !== undefined) bind({ ...bindPolicy(e.family, e.params).params, ...p.params }, ["phases", j, "params"]);
      if (j > 0 && p.fromStep <= e.phases[j - 1].fromStep) ctx.addIssue({ code: "custom", path: ["phases", j, "fromStep"], message: "phases must start at increasing steps" });
    });
  })
  .transform((e) => ({
    family: e.family,
    count: e.count,
    params: bindPolicy(e.family, e.params).params as ParamShape,
    fundingEth: e.fundingEth,
    fundingWei: etherToWei(e.fundingEth),
    roles: e.roles,
    phases: e.phases.map((p) => ({ fromStep: p.fromStep, ...(p.params !== undefined ? { params: p.params as ParamShape } : {}), active: p.active, exit: p.exit })),
  }));

const agentRef = z.string().regex(/^[A-Za-z]+:\d+$/, { error: 'expected "family:index"' }).describe('"family:k" = the k-th agent (0-based) of that family in population order');

const eventSchema = z.discriminatedUnion("kind", [
  z.strictObject({ step: int(), kind: z.literal("setFees"), buyFeeBps: bps(0, 1000), sellFeeBps: bps(0, 1000) }),
  z.strictObject({ step: int(), kind: z.literal("setCurveParam"), param: z.string(), value: decimal }),
  z.strictObject({ step: int(), kind: z.literal("slash"), target: agentRef, severityBps: bps(1) }),
  z.strictObject({ step: int(), kind: z.literal("dispute"), target: agentRef }),
  z.strictObject({
    step: int(),
    kind: z.literal("grant"),
    fund: z.enum(FUNDS),
    recipient: agentRef,
    amountEth: ether(),
  }).transform((g) => ({ ...g, amountWei: etherToWei(g.amountEth) })),
]);

const splitSchema = z.strictObject({
  stakers: bps().default(4000),
  welfare: bps().default(1500),
  solidarity: bps().default(1500),
  development: bps().default(2000),
  burn: bps().default(1000),
});

/** The resource market of the run (SPEC §1.7, issue 12): chain economy only. Prices in tokens per unit. */
export const RESOURCE_MECHANISMS = ["posted", "auction"] as const;
const resourcesSchema = z
  .strictObject({
    mechanism: z.enum(RESOURCE_MECHANISMS).default("posted").describe("posted price (7.4) or uniform-price batch auction (7.2)"),
    epochSeconds: int(60, 30 * 86_400).default(60).describe("delivery epoch length, seconds (immutable per market)"),
    attestationWindowSeconds: int(60, 7 * 86_400).default(60).describe("time the oracles have after an epoch ends, seconds"),
    minPrice: decimal.default("0.001").describe("lowest grid price, tokens per unit"),
    tickSize: decimal.default("0.001").describe("grid step, tokens per unit"),
    numTicks: int(2, 100).default(100),
    initialPrice: decimal.default("0.01").describe("posted price of the first epoch, tokens per unit"),
    adjustmentBps: bps().default(1250).describe("d of P(t+1) = P(t)(1 + d(D - O)/O)"),
    maxChangeBps: bps(1, 5000).default(1250).describe("clamp of the posted price's change per epoch"),
    feeBps: bps(0, 1000).default(200),
    bondPerUnit: decimal.default("0.01").describe("bond per unit of capacity, tokens"),
    slashUndelivered: z.boolean().default(true).describe("the slasher agent opens a bond case for each provider's undelivered units"),
  })
  .optional();

/** The whole file. Every object is strict (an unknown key is an error); every field but `population` has a default. */
export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe("path of this JSON Schema, for editors (ignored)"),
    name: z.string().default("unnamed"),
    description: z.string().default(""),
    seed: int().default(1),
    steps: int(1, 10_000_000).default(200),
    secondsPerBlock: int(1, 86_400).default(12),
    startTimestamp: int(1).default(1_800_000_000),
    curve: curveSchema.prefault({}),
    genesis: z
      .strictObject({ buyEth: ether().default(0).describe("reserve a deployer pays into the curve before step 0, ether") })
      .prefault({})
      .transform((g) => ({ buyEth: g.buyEth, buyWei: etherToWei(g.buyEth) })),
    fees: z.strictObject({ buyBps: bps(0, 1000).default(100), sellBps: bps(0, 1000).default(100), referrerShareBps: bps().default(2000) }).prefault({}),
    split: splitSchema.prefault({}).check((ctx) => {
      const s = ctx.value;
      const sum = s.stakers + s.welfare + s.solidarity + s.development + s.burn;
      if (sum !== 10_000) ctx.issues.push({ code: "custom", input: s, message: `shares must sum to 10000 bps, got ${sum}` });
    }),
    staking: stakingSchema.prefault({}),
    governance: z
      .strictObject({
        votingDelayBlocks: int().default(1),
        votingPeriodBlocks: int(1).default(20),
        quorumBps: bps().default(400),
        timelockBlocks: int().default(2),
        proposalThreshold: z.number().min(0).default(0).describe("staked tokens needed to propose (whole tokens)"),
      })
      .prefault({}),
    protections: z
      .strictObject({
        breaker: z.boolean().default(true),
        slippage: z.boolean().default(true),
        breakerThresholdBps: bps(1).default(2000),
        breakerWindowBlocks: int(1).default(10),
        breakerCooldownBlocks: int(1).default(10),
      })
      .prefault({}),
    adversaries: z.boolean().default(true),
    population: z.array(populationSchema).min(1, { error: "at least one population entry" }),
    events: z.array(eventSchema).default([]),
    resources: resourcesSchema,
    metrics: z
      .strictObject({
        volatilityWindow: int(2, 10_000).default(20),
        historyWindow: int(2, 10_000).default(30),
        chartPoints: int(10, 100_000).default(400),
        epochSteps: int(1).default(50),
      })
      .prefault({}),
  })
  .superRefine((s, ctx) => {
    if (s.population.reduce((t, p) => t + p.count, 0) === 0) ctx.addIssue({ code: "custom", path: ["population"], message: "at least one agent" });
    s.events.forEach((e, i) => {
      if (e.step > s.steps - 1) ctx.addIssue({ code: "custom", path: ["events", i, "step"], message: `must be <= ${Math.max(0, s.steps - 1)}, got ${e.step}` });
      // a slash above the cap can never be opened (Slashing: InvalidSeverity), on chain or in the fake economy
      if (e.kind === "slash" && e.severityBps > s.staking.maxSlashBps) ctx.addIssue({ code: "custom", path: ["events", i, "severityBps"], message: `must be <= staking.maxSlashBps (${s.staking.maxSlashBps}), got ${e.severityBps}: a larger slash is refused (InvalidSeverity)` });
      const refs: [string, string][] = e.kind === "slash" || e.kind === "dispute" ? [["target", e.target]] : e.kind === "grant" ? [["recipient", e.recipient]] : [];
      for (const [key, ref] of refs) {
        const [family, k] = ref.split(":");
        const count = s.population.filter((p) => p.family === family).reduce((t, p) => t + p.count, 0);
        if (Number(k) >= count) ctx.addIssue({ code: "custom", path: ["events", i, key], message: `no agent ${ref} (the population has ${count} ${family})` });
      }
    });
  })
  .transform(({ $schema: _ignored, ...s }) => ({
    ...s,
    // Stable order by step keeps the file order for events of the same step.
    events: s.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.step - b.e.step || a.i - b.i).map((x) => x.e),
  }));

/** `a.b[0].c` */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, k) => (typeof k === "number" ? `${out}[${k}]` : out === "" ? String(k) : `${out}.${String(k)}`), "");
}

function describeIssue(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = issuePath(issue.path);
  const input: unknown = "input" in issue ? issue.input : undefined;
  const got = typeof input === "string" || typeof input === "number" || typeof input === "boolean" ? `, got ${JSON.stringify(input)}` : "";
  switch (issue.code) {
    case "unrecognized_keys":
      return { path: issuePath([...issue.path, issue.keys[0]]), message: `unknown field${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(", ")})` : ""}` };
    case "too_big":
      return { path, message: issue.origin === "array" ? issue.message : `must be <= ${String(issue.maximum)}${got}` };
    case "too_small":
      return { path, message: issue.origin === "array" ? issue.message : `must be >= ${String(issue.minimum)}${got}` };
    case "invalid_type":
      return { path, message: issue.expected === "int" ? `expected an integer${got}` : issue.input === undefined ? "required" : `expected ${issue.expected === "number" ? "a number" : issue.expected === "boolean" ? "true or false" : issue.expected === "object" || issue.expected === "array" ? `an ${issue.expected}` : `a ${issue.expected}`}${got}` };
    case "invalid_value":
      return { path, message: `expected one of ${issue.values.map(String).join(", ")}${got}` };
    case "invalid_union":
      // a discriminated union with an unknown discriminator ("kind")
      if (issue.errors.length === 0) {
        const kinds = issue.path[0] === "curve" ? CURVE_KINDS : EVENT_KINDS;
        const at = issue.path[issue.path.length - 1] === "kind" ? issue.path : [...issue.path, "kind"];
        return { path: issuePath(at), message: `expected one of ${kinds.join(", ")}${got}` };
      }
      {
        // a plain union: the first branch's most specific issue (not a type mismatch), under this path
        const subs = issue.errors.flat();
        const sub = subs.find((x) => x.code !== "invalid_type") ?? subs[0];
        return sub === undefined ? { path, message: issue.message } : describeIssue({ ...sub, path: [...issue.path, ...sub.path] });
      }
    default:
      return { path, message: issue.message };
  }
}

/** Zod issues as "path: message" lines (the first issue first). */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) => {
    const d = describeIssue(i);
    return d.path === "" ? d.message : `${d.path}: ${d.message}`;
  });
}

/** The JSON Schema of a scenario file (what a file may contain, with defaults), for editors. */
export function scenarioJsonSchema(): object {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12", unrepresentable: "throw" }),
    title: "Cipher simulation scenario",
    description: "A scenario for `npm run simulate -- --scenario FILE` (see docs/simulation.md). Amounts ending in Eth are ether.",
  };
}

/** The committed file's exact text (2-space JSON, trailing newline). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify(scenarioJsonSchema(), null, 2) + "\n";
}
