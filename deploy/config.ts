// Deployment configuration: one JSON file per network in deploy/parameters/<network>.json.
// Every value is validated here so a typo fails before any transaction is sent.
import * as fs from "fs";
import * as path from "path";

import { CURVE_CONTRACT } from "../src/math/curveDefaults";
import type { CurveKind } from "../src/math/curveReference";

export type { CurveKind };

export interface DeployConfig {
  readonly token: { readonly name: string; readonly symbol: string };
  readonly curve: { readonly kind: CurveKind; readonly parameters: readonly string[] };
  /** address(0) = native ETH. */
  readonly reserveAsset: string;
  readonly market: {
    readonly buyFeeBps: number;
    readonly sellFeeBps: number;
    readonly referralShareBps: number;
    readonly breakerThresholdBps: number;
    readonly breakerWindowBlocks: number;
    readonly breakerCooldownBlocks: number;
  };
  /** Revenue split in bps, RevenueBuckets order: stakers, welfare, solidarity, development, burn. */
  readonly revenueShares: readonly [number, number, number, number, number];
  readonly governance: {
    readonly timelockDelaySeconds: number;
    readonly votingDelayBlocks: number;
    readonly votingPeriodBlocks: number;
    readonly proposalThreshold: string;
    readonly quorumBps: number;
    readonly lateQuorumExtensionBlocks: number;
  };
  /** May only pause the market and staking. "deployer" = the deploying account. */
  readonly guardian: string;
  /** Contribution oracles (ORACLE_ROLE) and the slasher (SLASHER_ROLE); may be empty. */
  readonly oracles: readonly string[];
  readonly slasher: string | null;
  /**
   * Slashing's per-offence severity cap, bps (Slashing.setMaxSeverityBps: 1..5000). Without it the
   * contract's own default (SLASHING_DEFAULT_MAX_SEVERITY_BPS) stays and no call is made.
   */
  readonly slashMaxSeverityBps?: number;
  /** Resource markets (SPEC §1.7), one per kind; a file without the key gets DEFAULT_RESOURCES. */
  readonly resources: readonly ResourceMarketConfig[];
}

/** Price mechanism of a resource market (the contract's enum order). */
export const RESOURCE_MECHANISMS = ["posted", "auction"] as const;
export type ResourceMechanism = (typeof RESOURCE_MECHANISMS)[number];

/** One resource market. Prices and bonds are token wei (decimal strings); bounds are the contract's. */
export interface ResourceMarketConfig {
  /** Resource kind, e.g. "compute" (at most 31 ASCII bytes; stored as bytes32). */
  readonly kind: string;
  readonly mechanism: ResourceMechanism;
  readonly epochLengthSeconds: number;
  /** Price grid: tick k costs minPrice + k x tickSize wei per unit, k < numTicks (2..100). */
  readonly minPrice: string;
  readonly tickSize: string;
  readonly numTicks: number;
  /** First posted price (wei per unit), on [minPrice, top of the grid]. */
  readonly initialPrice: string;
  readonly adjustmentBps: number;
  readonly maxChangeBps: number;
  readonly feeBps: number;
  readonly slashBps: number;
  readonly attestationWindowSeconds: number;
  readonly exitDelaySeconds: number;
  readonly maxCapacity: number;
  readonly bondPerUnit: string;
}

/** The default: one compute market with a posted price. */
export const DEFAULT_RESOURCES: readonly ResourceMarketConfig[] = [
  {
    kind: "compute",
    mechanism: "posted",
    epochLengthSeconds: 3600,
    minPrice: "1000000000000000",
    tickSize: "1000000000000000",
    numTicks: 100,
    initialPrice: "10000000000000000",
    adjustmentBps: 1250,
    maxChangeBps: 1250,
    feeBps: 200,
    slashBps: 10000,
    attestationWindowSeconds: 1800,
    exitDelaySeconds: 86400,
    maxCapacity: 1000000,
    bondPerUnit: "10000000000000000",
  },
];

export { CURVE_CONTRACT };

/** Slashing's severity cap as deployed (the constructor's `maxSeverityBps = 1_000`), bps. */
export const SLASHING_DEFAULT_MAX_SEVERITY_BPS = 1_000;
/** Slashing.MAX_SLASH_CAP_BPS: the highest cap governance may set, bps. */
export const SLASHING_MAX_CAP_BPS = 5_000;

export const PARAMETERS_DIR = path.join(__dirname, "parameters");

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

function isAddress(v: unknown): v is string {
  return typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v);
}

function bps(file: string, name: string, v: unknown, max = 10_000): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) fail(file, `${name} must be an integer in [0, ${max}]`);
  return v;
}

function posInt(file: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) fail(file, `${name} must be a non-negative integer`);
  return v;
}

function decimal(file: string, name: string, v: unknown): string {
  if (typeof v !== "string" || !/^[0-9]+$/.test(v)) fail(file, `${name} must be a decimal string`);
  return v;
}

function intIn(file: string, name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) fail(file, `${name} must be an integer in [${lo}, ${hi}]`);
  return v;
}

/** Validates one resource market; the bounds mirror ResourceMarket/ResourceRules so a bad file fails before deploying. */
export function validateResource(raw: unknown, file: string, at: string): ResourceMarketConfig {
  if (typeof raw !== "object" || raw === null) fail(file, `${at} must be an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.kind !== "string" || !/^[\x20-\x7e]{1,31}$/.test(r.kind)) fail(file, `${at}.kind must be 1..31 printable ASCII characters`);
  if (!RESOURCE_MECHANISMS.includes(r.mechanism as ResourceMechanism)) fail(file, `${at}.mechanism must be ${RESOURCE_MECHANISMS.join(" or ")}`);
  const minPrice = decimal(file, `${at}.minPrice`, r.minPrice);
  const tickSize = decimal(file, `${at}.tickSize`, r.tickSize);
  const numTicks = intIn(file, `${at}.numTicks`, r.numTicks, 2, 100);
  const initialPrice = decimal(file, `${at}.initialPrice`, r.initialPrice);
  const top = BigInt(minPrice) + BigInt(numTicks - 1) * BigInt(tickSize);
  if (BigInt(minPrice) === 0n || BigInt(tickSize) === 0n || top > 10n ** 24n) fail(file, `${at}: minPrice and tickSize must be positive and the grid's top at most 1e24`);
  if (BigInt(initialPrice) < BigInt(minPrice) || BigInt(initialPrice) > top) fail(file, `${at}.initialPrice must lie on [minPrice, ${top}]`);
  const bondPerUnit = decimal(file, `${at}.bondPerUnit`, r.bondPerUnit);
  if (BigInt(bondPerUnit) === 0n || BigInt(bondPerUnit) > 10n ** 24n) fail(file, `${at}.bondPerUnit must be in [1, 1e24]`);
  return {
    kind: r.kind,
    mechanism: r.mechanism as ResourceMechanism,
    epochLengthSeconds: intIn(file, `${at}.epochLengthSeconds`, r.epochLengthSeconds, 60, 30 * 86400),
    minPrice,
    tickSize,
    numTicks,
    initialPrice,
    adjustmentBps: intIn(file, `${at}.adjustmentBps`, r.adjustmentBps, 0, 10_000),
    maxChangeBps: intIn(file, `${at}.maxChangeBps`, r.maxChangeBps, 1, 5_000),
    feeBps: intIn(file, `${at}.feeBps`, r.feeBps, 0, 1_000),
    slashBps: intIn(file, `${at}.slashBps`, r.slashBps, 1, 10_000),
    attestationWindowSeconds: intIn(file, `${at}.attestationWindowSeconds`, r.attestationWindowSeconds, 60, 7 * 86400),
    exitDelaySeconds: intIn(file, `${at}.exitDelaySeconds`, r.exitDelaySeconds, 3600, 60 * 86400),
    maxCapacity: intIn(file, `${at}.maxCapacity`, r.maxCapacity, 1, Number.MAX_SAFE_INTEGER),
    bondPerUnit,
  };
}

/** Validates a parsed parameters object (also used for overrides built in code). */
export function validateConfig(raw: unknown, file = "config"): DeployConfig {
  if (typeof raw !== "object" || raw === null) fail(file, "must be a JSON object");
  const r = raw as Record<string, Record<string, unknown> & unknown>;
  const token = r.token as Record<string, unknown> | undefined;
  if (!token || typeof token.name !== "string" || typeof token.symbol !== "string") fail(file, "token.name and token.symbol are required strings");
  const curve = r.curve as Record<string, unknown> | undefined;
  if (!curve || !["linear", "exponential", "sigmoid"].includes(String(curve.kind))) fail(file, "curve.kind must be linear, exponential or sigmoid");
  if (!Array.isArray(curve.parameters) || !curve.parameters.every((p) => typeof p === "string" && /^[0-9]+$/.test(p))) fail(file, "curve.parameters must be decimal strings");
  const reserveAsset = r.reserveAsset ?? "0x0000000000000000000000000000000000000000";
  if (!isAddress(reserveAsset)) fail(file, "reserveAsset must be an address");
  const m = r.market as Record<string, unknown> | undefined;
  if (!m) fail(file, "market is required");
  const shares = r.revenueShares;
  if (!Array.isArray(shares) || shares.length !== 5) fail(file, "revenueShares must list 5 bps values");
  const sh = shares.map((s, i) => bps(file, `revenueShares[${i}]`, s)) as unknown as [number, number, number, number, number];
  if (sh.reduce((a, b) => a + b, 0) !== 10_000) fail(file, "revenueShares must sum to 10000");
  const g = r.governance as Record<string, unknown> | undefined;
  if (!g) fail(file, "governance is required");
  if (typeof g.proposalThreshold !== "string" || !/^[0-9]+$/.test(g.proposalThreshold)) fail(file, "governance.proposalThreshold must be a decimal string");
  const guardian: unknown = r.guardian ?? "deployer";
  if (guardian !== "deployer" && !isAddress(guardian)) fail(file, "guardian must be an address or \"deployer\"");
  const oracles = r.oracles ?? [];
  if (!Array.isArray(oracles) || !oracles.every(isAddress)) fail(file, "oracles must be a list of addresses");
  const slasher = r.slasher ?? null;
  if (slasher !== null && !isAddress(slasher)) fail(file, "slasher must be an address or null");
  const slashMax = r.slashMaxSeverityBps === undefined ? undefined : intIn(file, "slashMaxSeverityBps", r.slashMaxSeverityBps, 1, SLASHING_MAX_CAP_BPS);
  const rawResources = r.resources ?? DEFAULT_RESOURCES;
  if (!Array.isArray(rawResources)) fail(file, "resources must be a list");
  const resources = rawResources.map((x, i) => validateResource(x, file, `resources[${i}]`));
  if (new Set(resources.map((x) => x.kind)).size !== resources.length) fail(file, "resources must not repeat a kind");
  return {
    token: { name: token.name as string, symbol: token.symbol as string },
    curve: { kind: curve.kind as CurveKind, parameters: curve.parameters as string[] },
    reserveAsset,
    market: {
      buyFeeBps: bps(file, "market.buyFeeBps", m.buyFeeBps, 1_000),
      sellFeeBps: bps(file, "market.sellFeeBps", m.sellFeeBps, 1_000),
      referralShareBps: bps(file, "market.referralShareBps", m.referralShareBps),
      breakerThresholdBps: bps(file, "market.breakerThresholdBps", m.breakerThresholdBps),
      breakerWindowBlocks: posInt(file, "market.breakerWindowBlocks", m.breakerWindowBlocks),
      breakerCooldownBlocks: posInt(file, "market.breakerCooldownBlocks", m.breakerCooldownBlocks),
    },
    revenueShares: sh,
    governance: {
      timelockDelaySeconds: posInt(file, "governance.timelockDelaySeconds", g.timelockDelaySeconds),
      votingDelayBlocks: posInt(file, "governance.votingDelayBlocks", g.votingDelayBlocks),
      votingPeriodBlocks: posInt(file, "governance.votingPeriodBlocks", g.votingPeriodBlocks),
      proposalThreshold: g.proposalThreshold,
      quorumBps: bps(file, "governance.quorumBps", g.quorumBps),
      lateQuorumExtensionBlocks: posInt(file, "governance.lateQuorumExtensionBlocks", g.lateQuorumExtensionBlocks),
    },
    guardian: guardian as string,
    oracles: oracles as string[],
    slasher: slasher as string | null,
    ...(slashMax !== undefined ? { slashMaxSeverityBps: slashMax } : {}),
    resources,
  };
}

/** Reads deploy/parameters/<network>.json (falling back to hardhat.json for unnamed local networks). */
export function loadConfig(network: string, file?: string): DeployConfig {
  const chosen = file ?? path.join(PARAMETERS_DIR, `${network}.json`);
  const resolved = fs.existsSync(chosen) ? chosen : path.join(PARAMETERS_DIR, "hardhat.json");
  return validateConfig(JSON.parse(fs.readFileSync(resolved, "utf8")), path.relative(process.cwd(), resolved));
}
