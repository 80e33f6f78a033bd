// Proposal actions: typed ones ("grant from the solidarity fund", "set fee", ...) and raw calls,
// each turned into one or more (target, value, calldata) calls of one proposal. Every typed action
// names the exact contract (its name in deployments/<network>.json, see CONTRACT_NAMES in
// src/deploy/suite.ts) and function of the deployed suite. Functions are encoded from the compiled
// artifacts, and inputs are checked against the contracts' bounds (read on chain where the bound is
// state) before anything is sent, so a typo fails here and not after a week of voting.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { FunctionFragment, Interface } from "ethers";
import type { ProposalAction } from "../../src/client/proposals";
import { CASE_STATUS, DEPLOYMENT_NAMES, fundName, parseFund, type FundName, STAKING_PARAMETERS as CLIENT_STAKING_PARAMETERS, SUITE_KEYS, type SuiteKey } from "../../src/client/protocol";
import type { SuiteAddresses } from "../../src/client/deployment";
import { artifactName, entry, GovTaskError, resolveAddress, type Deployment } from "./lib";

export interface Call {
  target: string;
  value: bigint;
  calldata: string;
}

export interface Action {
  calls: Call[];
  summary: string;
}

/** Options the `gov propose` task accepts; every typed action reads the ones it needs. */
export interface ActionArgs {
  action: string;
  fund?: string;
  asset?: string;
  to?: string;
  amount?: string;
  memo?: string;
  start?: string;
  cliff?: string;
  duration?: string;
  stream?: string;
  value?: string;
  contract?: string;
  function?: string;
  args?: string;
  target?: string;
  calldata?: string;
  signature?: string;
  buyFee?: string;
  sellFee?: string;
  share?: string;
  threshold?: string;
  window?: string;
  cooldown?: string;
  params?: string;
  shares?: string;
  caseId?: string;
  name?: string;
}

/** Every typed action: the contract.function it proposes and the options it reads. */
export const ACTIONS: Record<string, { call: string; options: string }> = {
  grant: { call: "CipherTreasury.grant", options: "--fund --asset --to --amount [--memo]" },
  stream: { call: "CipherTreasury.createStream", options: "--fund --asset --to --amount --duration [--start --cliff]" },
  "cancel-stream": { call: "CipherTreasury.cancelStream", options: "--stream" },
  "set-fee": { call: "BondingCurveMarket.setFees", options: "--buy-fee --sell-fee (bps, <= MAX_FEE_BPS)" },
  "set-referral": { call: "BondingCurveMarket.setReferralShare", options: "--share (bps of the buy fee, <= MAX_REFERRAL_SHARE_BPS)" },
  "set-breaker": { call: "BondingCurveMarket.setBreakerParameters", options: "--threshold (bps) --window --cooldown (blocks)" },
  "set-curve": { call: "BondingCurveMarket.setCurveParameters", options: "--params a,b[,c] (each within MAX_CURVE_STEP_BPS of the current value)" },
  "set-split": { call: "RevenueSplitter.setShares", options: "--shares stakers,welfare,solidarity,development,burn (bps, sum 10000)" },
  "uphold-slash": { call: "Slashing.upholdSlash", options: "--case-id (a Disputed case)" },
  "cancel-slash": { call: "Slashing.cancelSlash", options: "--case-id (a Proposed or Disputed case)" },
  "set-slash-cap": { call: "Slashing.setMaxSeverityBps", options: "--value (bps)" },
  "set-dispute-window": { call: "Slashing.setDisputeWindow", options: "--value (seconds)" },
  pause: { call: "<contract>.grantRole(GUARDIAN, timelock) + pause() + renounceRole", options: "[--contract BondingCurveMarket|CipherStaking]" },
  unpause: { call: "<contract>.unpause", options: "[--contract BondingCurveMarket|CipherStaking]" },
  "set-staking-param": { call: "CipherStaking.setParameter", options: "--name unbondingDelay|rewardsDuration|maxBoostBps|voteBoostBps|decayPeriod --value" },
  "set-voting-delay": { call: "CipherGovernor.setVotingDelay", options: "--value (blocks)" },
  "set-voting-period": { call: "CipherGovernor.setVotingPeriod", options: "--value (blocks)" },
  "set-proposal-threshold": { call: "CipherGovernor.setProposalThreshold", options: "--value (votes in wei)" },
  "set-quorum": { call: "CipherGovernor.updateQuorumNumerator", options: "--value (bps of staked votes)" },
  "set-late-quorum": { call: "CipherGovernor.setLateQuorumVoteExtension", options: "--value (blocks)" },
  "set-timelock-delay": { call: "TimelockController.updateDelay", options: "--value (seconds)" },
  "set-resource-param": {
    call: "ResourceMarket.setParams (one field changed)",
    options: "--name adjustmentBps|maxChangeBps|feeBps|slashBps|attestationWindow|exitDelay|maxCapacity|bondPerUnit --value [--contract ResourceMarket_compute]",
  },
  "set-resource-mechanism": { call: "ResourceMarket.setMechanism", options: "--value posted|auction [--contract ResourceMarket_compute]" },
  "uphold-resource-slash": { call: "ResourceMarket.upholdBondSlash", options: "--case-id (a Disputed bond case) [--contract ResourceMarket_compute]" },
  "cancel-resource-slash": { call: "ResourceMarket.cancelBondSlash", options: "--case-id (a Proposed or Disputed bond case) [--contract ResourceMarket_compute]" },
  call: { call: "any deployed contract", options: "--contract --function [--args JSON] [--value wei]" },
  raw: { call: "any address", options: "--target (--calldata 0x.. | --signature f(uint256) --args JSON) [--value wei]" },
};

export const TYPED_ACTIONS = Object.keys(ACTIONS);

export const STAKING_PARAMETERS: readonly string[] = CLIENT_STAKING_PARAMETERS;

/** The suite's addresses from the deployment, each looked up when an action reads it (a missing one is named then). */
function suiteOf(d: Deployment): SuiteAddresses {
  const out = {} as Record<SuiteKey, string>;
  for (const k of SUITE_KEYS) Object.defineProperty(out, k, { get: () => entry(d, DEPLOYMENT_NAMES[k]).address, enumerable: true });
  return out;
}

/**
 * The client's encoders and ABIs, loaded when an action is built: they are made from TypeChain's
 * output, which exists only after `hardhat compile`, and the Hardhat config loads this file first
 * (a fresh clone has no typechain-types until it compiles).
 */
function client(): { readonly ifaceOf: (contract: string) => Interface; readonly actionOperations: typeof import("../../src/client/proposals").actionOperations } {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { IFACES } = require("../../src/client/abis") as typeof import("../../src/client/abis");
  const { actionOperations } = require("../../src/client/proposals") as typeof import("../../src/client/proposals");
  /* eslint-enable @typescript-eslint/no-require-imports */
  const byName: Readonly<Record<string, Interface>> = {
    CipherTreasury: IFACES.treasury, BondingCurveMarket: IFACES.market, RevenueSplitter: IFACES.splitter, Slashing: IFACES.slashing,
    CipherStaking: IFACES.staking, CipherGovernor: IFACES.governor, TimelockController: IFACES.timelock,
  };
  return { ifaceOf: (c) => byName[c], actionOperations };
}

/** A typed action encoded by the client: one call on `contract`, summarised as contract.function(args). */
function typed(d: Deployment, contract: string, action: ProposalAction): Action {
  const c = client();
  const ops = c.actionOperations(suiteOf(d), action);
  const calls = ops.targets.map((target, i) => ({ target, value: ops.values[i], calldata: ops.calldatas[i] }));
  const f = c.ifaceOf(contract).parseTransaction({ data: ops.calldatas[0] });
  return { calls, summary: `${contract}.${f?.name ?? "?"}(${show([...(f?.args ?? [])])})` };
}

function need(a: ActionArgs, key: keyof ActionArgs, flag = key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())): string {
  const v = a[key];
  if (v === undefined || v === "") throw new GovTaskError(`--action ${a.action} needs --${flag}`);
  return v;
}

function parseJsonArgs(json: string | undefined): unknown[] {
  if (json === undefined || json === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new GovTaskError(`--args is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new GovTaskError(`--args must be a JSON array, e.g. '[30, 30]'`);
  return parsed;
}

function parseInteger(name: string, v: string): bigint {
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(v)) throw new GovTaskError(`--${name} must be a non-negative integer, got "${v}"`);
  return BigInt(v);
}

function parseList(name: string, v: string): bigint[] {
  return v.split(",").map((x, i) => {
    const t = x.trim();
    if (!/^\d+$/.test(t)) throw new GovTaskError(`--${name}: item ${i} ("${t}") is not a non-negative integer; give a comma-separated list`);
    return BigInt(t);
  });
}

function atMost(name: string, v: bigint, max: bigint): bigint {
  if (v > max) throw new GovTaskError(`--${name} ${v} is above the contract's bound ${max}`);
  return v;
}

function within(name: string, v: bigint, min: bigint, max: bigint): bigint {
  if (v < min || v > max) throw new GovTaskError(`--${name} ${v} is outside the contract's bounds [${min}, ${max}]`);
  return v;
}

async function interfaceOf(hre: HardhatRuntimeEnvironment, name: string): Promise<Interface> {
  try {
    const art = await hre.artifacts.readArtifact(artifactName(name));
    return new hre.ethers.Interface(art.abi);
  } catch {
    throw new GovTaskError(`no compiled artifact for ${name}: run \`npx hardhat compile\``);
  }
}

/** A read-only handle on a deployed contract of the suite. */
async function reader(hre: HardhatRuntimeEnvironment, d: Deployment, name: string) {
  return hre.ethers.getContractAt(artifactName(name), resolveAddress(d, name));
}

function encode(iface: Interface, contract: string, fn: string, args: unknown[]): { data: string; fragment: FunctionFragment } {
  let fragment: FunctionFragment | null;
  try {
    fragment = iface.getFunction(fn);
  } catch {
    fragment = null; // ambiguous overloads: ask for a full signature
  }
  if (!fragment) {
    const setters = iface.fragments
      .filter((f): f is FunctionFragment => f.type === "function" && !(f as FunctionFragment).constant)
      .map((f) => f.format("sighash"));
    throw new GovTaskError(`${contract} has no function "${fn}" (give a full signature if overloaded). State-changing functions: ${setters.join(", ")}`);
  }
  if (fragment.inputs.length !== args.length) {
    throw new GovTaskError(`${contract}.${fragment.format("sighash")} takes ${fragment.inputs.length} arguments, --args gave ${args.length}`);
  }
  try {
    return { data: iface.encodeFunctionData(fragment, args), fragment };
  } catch (e) {
    throw new GovTaskError(`cannot encode ${contract}.${fragment.format("sighash")}(${JSON.stringify(args)}): ${(e as Error).message}`);
  }
}

function show(args: unknown[]): string {
  return args.map((x) => (typeof x === "bigint" ? x.toString() : JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))).join(", ");
}

async function callData(hre: HardhatRuntimeEnvironment, d: Deployment, contract: string, fn: string, args: unknown[], value = 0n): Promise<{ call: Call; summary: string }> {
  const iface = await interfaceOf(hre, contract);
  const { data, fragment } = encode(iface, contract, fn, args);
  return { call: { target: resolveAddress(d, contract), value, calldata: data }, summary: `${contract}.${fragment.name}(${show(args)})` };
}

async function callOn(hre: HardhatRuntimeEnvironment, d: Deployment, contract: string, fn: string, args: unknown[], value = 0n): Promise<Action> {
  const { call, summary } = await callData(hre, d, contract, fn, args, value);
  return { calls: [call], summary };
}

/** The fund id for --fund (welfare | solidarity | development | 1 | 2 | 3). */
export function fundId(v: string): number {
  const id = parseFund(v);
  if (id === undefined) throw new GovTaskError(`--fund must be welfare, solidarity or development, got "${v}"`);
  return id;
}

/** Asset address and decimals for --asset (eth | a deployment name | an address). */
async function assetOf(hre: HardhatRuntimeEnvironment, d: Deployment, v: string): Promise<{ address: string; decimals: number }> {
  if (v.toLowerCase() === "eth") return { address: hre.ethers.ZeroAddress, decimals: 18 };
  const address = resolveAddress(d, v);
  const erc20 = new hre.ethers.Contract(address, ["function decimals() view returns (uint8)"], hre.ethers.provider);
  let decimals = 18;
  try {
    decimals = Number(await erc20.decimals());
  } catch {
    /* no decimals(): assume 18 */
  }
  return { address, decimals };
}

function parseAmount(hre: HardhatRuntimeEnvironment, v: string, decimals: number): bigint {
  try {
    const amount = hre.ethers.parseUnits(v, decimals);
    if (amount <= 0n) throw new Error("not positive");
    return amount;
  } catch {
    throw new GovTaskError(`--amount must be a positive number of whole units (e.g. 1.5), got "${v}"`);
  }
}

function recipient(hre: HardhatRuntimeEnvironment, a: ActionArgs): string {
  const to = need(a, "to");
  if (!hre.ethers.isAddress(to)) throw new GovTaskError(`--to must be an address, got "${to}"`);
  return to;
}

/** --contract for pause/unpause: the market (default) or staking. */
function pausable(a: ActionArgs): string {
  const c = a.contract ?? "BondingCurveMarket";
  if (c !== "BondingCurveMarket" && c !== "CipherStaking") throw new GovTaskError(`--action ${a.action}: --contract must be BondingCurveMarket or CipherStaking, got "${c}"`);
  return c;
}

async function slashCase(hre: HardhatRuntimeEnvironment, d: Deployment, a: ActionArgs, allowed: string[]): Promise<bigint> {
  const id = parseInteger("case-id", need(a, "caseId"));
  const slashing = await reader(hre, d, "Slashing");
  const c = await slashing.slashCase(id);
  const status = CASE_STATUS[Number(c.status)] ?? String(c.status);
  if (!allowed.includes(status)) {
    const what = status === "None" ? "does not exist" : `is ${status}`;
    throw new GovTaskError(`slash case ${id} ${what}; --action ${a.action} needs a ${allowed.join(" or ")} case`);
  }
  return id;
}

// ------------------------------------------------------------------ resource markets (SPEC §1.7)

/** Governed parameters of a resource market and their bounds (ResourceRules). */
export const RESOURCE_PARAMETERS: Record<string, readonly [bigint, bigint]> = {
  adjustmentBps: [0n, 10_000n],
  maxChangeBps: [1n, 5_000n],
  feeBps: [0n, 1_000n],
  slashBps: [1n, 10_000n],
  attestationWindow: [60n, 7n * 86_400n],
  exitDelay: [3_600n, 60n * 86_400n],
  maxCapacity: [1n, 10n ** 12n],
  bondPerUnit: [1n, 10n ** 24n],
};
export const RESOURCE_MECHANISMS: Record<string, number> = { posted: 0, auction: 1 };

/** Deployment name of the resource market an action targets (--contract, default the compute market). */
function resourceMarketName(a: ActionArgs): string {
  const c = a.contract ?? "ResourceMarket_compute";
  if (!c.startsWith("ResourceMarket_")) throw new GovTaskError(`--action ${a.action}: --contract must name a resource market (ResourceMarket_<kind>), got "${c}"`);
  return c;
}

async function resourceCall(hre: HardhatRuntimeEnvironment, d: Deployment, name: string, fn: string, args: unknown[]): Promise<Action> {
  const iface = await interfaceOf(hre, "ResourceMarket");
  const { data, fragment } = encode(iface, name, fn, args);
  return { calls: [{ target: resolveAddress(d, name), value: 0n, calldata: data }], summary: `${name}.${fragment.name}(${show(args)})` };
}

async function resourceAction(hre: HardhatRuntimeEnvironment, d: Deployment, a: ActionArgs): Promise<Action> {
  const name = resourceMarketName(a);
  const rm = await hre.ethers.getContractAt("ResourceMarket", resolveAddress(d, name));
  switch (a.action) {
    case "set-resource-param": {
      const field = need(a, "name");
      const bounds = RESOURCE_PARAMETERS[field];
      if (!bounds) throw new GovTaskError(`--name must be one of ${Object.keys(RESOURCE_PARAMETERS).join(", ")}, got "${field}"`);
      const value = within("value", parseInteger("value", need(a, "value")), bounds[0], bounds[1]);
      const p = await rm.params();
      const next: Record<string, bigint> = {};
      for (const k of Object.keys(RESOURCE_PARAMETERS)) next[k] = (p as unknown as Record<string, bigint>)[k];
      next[field] = value;
      return resourceCall(hre, d, name, "setParams", [next]);
    }
    case "set-resource-mechanism": {
      const m = RESOURCE_MECHANISMS[need(a, "value")];
      if (m === undefined) throw new GovTaskError(`--value must be posted or auction, got "${a.value}"`);
      return resourceCall(hre, d, name, "setMechanism", [m]);
    }
    default: {
      const uphold = a.action === "uphold-resource-slash";
      const allowed = uphold ? ["Disputed"] : ["Proposed", "Disputed"];
      const id = parseInteger("case-id", need(a, "caseId"));
      const status = CASE_STATUS[Number((await rm.bondCase(id)).status)];
      if (!allowed.includes(status)) {
        const what = status === "None" ? "does not exist" : `is ${status}`;
        throw new GovTaskError(`bond case ${id} of ${name} ${what}; --action ${a.action} needs a ${allowed.join(" or ")} case`);
      }
      return resourceCall(hre, d, name, uphold ? "upholdBondSlash" : "cancelBondSlash", [id]);
    }
  }
}

/** Builds the action described by the task's options. */
export async function buildAction(hre: HardhatRuntimeEnvironment, d: Deployment, a: ActionArgs): Promise<Action> {
  const v = (key: keyof ActionArgs = "value") => parseInteger(key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase()), need(a, key));
  switch (a.action) {
    case "grant": {
      const fund = fundId(need(a, "fund"));
      const asset = await assetOf(hre, d, need(a, "asset"));
      const amount = parseAmount(hre, need(a, "amount"), asset.decimals);
      return typed(d, "CipherTreasury", { kind: "grant", fund: fundName(fund) as FundName, asset: asset.address, to: recipient(hre, a), amount, memo: a.memo ?? "" });
    }
    case "stream": {
      const fund = fundId(need(a, "fund"));
      const asset = await assetOf(hre, d, need(a, "asset"));
      const amount = parseAmount(hre, need(a, "amount"), asset.decimals);
      return typed(d, "CipherTreasury", {
        kind: "stream",
        fund: fundName(fund) as FundName,
        asset: asset.address,
        to: recipient(hre, a),
        amount,
        start: parseInteger("start", a.start ?? "0"),
        cliff: parseInteger("cliff", a.cliff ?? "0"),
        duration: parseInteger("duration", need(a, "duration")),
      });
    }
    case "cancel-stream":
      return typed(d, "CipherTreasury", { kind: "cancelStream", stream: v("stream") });

    // ---------------------------------------------------------------- market
    case "set-fee": {
      const market = await reader(hre, d, "BondingCurveMarket");
      const max = (await market.MAX_FEE_BPS()) as bigint;
      return typed(d, "BondingCurveMarket", { kind: "setFees", buyFeeBps: atMost("buy-fee", v("buyFee"), max), sellFeeBps: atMost("sell-fee", v("sellFee"), max) });
    }
    case "set-referral": {
      const market = await reader(hre, d, "BondingCurveMarket");
      return typed(d, "BondingCurveMarket", { kind: "setReferralShare", shareBps: atMost("share", v("share"), (await market.MAX_REFERRAL_SHARE_BPS()) as bigint) });
    }
    case "set-breaker": {
      const m = await reader(hre, d, "BondingCurveMarket");
      const [tMin, tMax, wMin, wMax, cMin, cMax] = (await Promise.all([
        m.MIN_BREAKER_THRESHOLD_BPS(),
        m.MAX_BREAKER_THRESHOLD_BPS(),
        m.MIN_BREAKER_WINDOW(),
        m.MAX_BREAKER_WINDOW(),
        m.MIN_BREAKER_COOLDOWN(),
        m.MAX_BREAKER_COOLDOWN(),
      ])) as bigint[];
      return typed(d, "BondingCurveMarket", {
        kind: "setBreaker",
        thresholdBps: within("threshold", v("threshold"), tMin, tMax),
        windowBlocks: within("window", v("window"), wMin, wMax),
        cooldownBlocks: within("cooldown", v("cooldown"), cMin, cMax),
      });
    }
    case "set-curve": {
      const wanted = parseList("params", need(a, "params"));
      const market = await reader(hre, d, "BondingCurveMarket");
      const curve = await hre.ethers.getContractAt("ICurve", (await market.curve()) as string);
      const current = [...((await curve.parameters()) as bigint[])];
      if (wanted.length !== current.length) throw new GovTaskError(`--params: the curve takes ${current.length} parameters (now ${current.join(",")}), got ${wanted.length}`);
      const stepBps = (await market.MAX_CURVE_STEP_BPS()) as bigint;
      wanted.forEach((n, i) => {
        const o = current[i];
        const step = n > o ? n - o : o - n;
        if (step * 10_000n > o * stepBps) {
          const lim = (o * stepBps) / 10_000n;
          throw new GovTaskError(`--params: parameter ${i} moves from ${o} to ${n}, more than ${stepBps} bps of its value in one step (allowed about ${o - lim} .. ${o + lim})`);
        }
      });
      return typed(d, "BondingCurveMarket", { kind: "setCurveParameters", params: wanted });
    }
    case "set-split": {
      const shares = parseList("shares", need(a, "shares"));
      if (shares.length !== 5) throw new GovTaskError(`--shares needs 5 values (stakers,welfare,solidarity,development,burn), got ${shares.length}`);
      const sum = shares.reduce((x, y) => x + y, 0n);
      if (sum !== 10_000n) throw new GovTaskError(`--shares must sum to 10000 bps, got ${sum}`);
      const max = (await (await reader(hre, d, "RevenueSplitter")).MAX_SHARE_BPS()) as bigint;
      shares.forEach((s, i) => atMost(`shares[${i}]`, s, max));
      return typed(d, "RevenueSplitter", { kind: "setSplit", shares });
    }

    // ---------------------------------------------------------------- slashing
    case "uphold-slash":
      return typed(d, "Slashing", { kind: "upholdSlash", caseId: await slashCase(hre, d, a, ["Disputed"]) });
    case "cancel-slash":
      return typed(d, "Slashing", { kind: "cancelSlash", caseId: await slashCase(hre, d, a, ["Proposed", "Disputed"]) });
    case "set-slash-cap": {
      const s = await reader(hre, d, "Slashing");
      return typed(d, "Slashing", { kind: "setSlashCap", bps: within("value", v(), 1n, (await s.MAX_SLASH_CAP_BPS()) as bigint) });
    }
    case "set-dispute-window": {
      const s = await reader(hre, d, "Slashing");
      return typed(d, "Slashing", { kind: "setDisputeWindow", seconds: within("value", v(), (await s.MIN_DISPUTE_WINDOW()) as bigint, (await s.MAX_DISPUTE_WINDOW()) as bigint) });
    }

    // ---------------------------------------------------------------- pause
    case "pause": {
      // pause() is GUARDIAN_ROLE only (the timelock is admin, not guardian): the proposal grants
      // the timelock the guardian role, pauses, and renounces it, leaving the roles as they were.
      const c = pausable(a);
      const { calls } = typed(d, c, { kind: "pause", contract: c === "BondingCurveMarket" ? "market" : "staking" });
      return { calls, summary: `${c}: grant GUARDIAN_ROLE to the timelock, pause(), renounce it` };
    }
    case "unpause":
      return typed(d, pausable(a), { kind: "unpause", contract: pausable(a) === "BondingCurveMarket" ? "market" : "staking" });
    case "set-staking-param": {
      const name = need(a, "name");
      if (!STAKING_PARAMETERS.includes(name)) throw new GovTaskError(`--name must be one of ${STAKING_PARAMETERS.join(", ")}, got "${name}"`);
      return typed(d, "CipherStaking", { kind: "setStakingParameter", name, value: v() });
    }

    // ---------------------------------------------------------------- governor, timelock
    case "set-voting-delay":
      return typed(d, "CipherGovernor", { kind: "setVotingDelay", blocks: v() });
    case "set-voting-period":
      return typed(d, "CipherGovernor", { kind: "setVotingPeriod", blocks: v() });
    case "set-proposal-threshold":
      return typed(d, "CipherGovernor", { kind: "setProposalThreshold", votes: v() });
    case "set-quorum":
      return typed(d, "CipherGovernor", { kind: "setQuorum", numerator: v() });
    case "set-late-quorum":
      return typed(d, "CipherGovernor", { kind: "setLateQuorum", blocks: v() });
    case "set-timelock-delay":
      return typed(d, "TimelockController", { kind: "setTimelockDelay", seconds: v() });

    // ---------------------------------------------------------------- resource markets
    case "set-resource-param":
    case "set-resource-mechanism":
    case "uphold-resource-slash":
    case "cancel-resource-slash":
      return resourceAction(hre, d, a);

    // ---------------------------------------------------------------- generic
    case "call": {
      const value = parseInteger("value", a.value ?? "0");
      return callOn(hre, d, need(a, "contract"), need(a, "function"), parseJsonArgs(a.args), value);
    }
    case "raw": {
      const target = resolveAddress(d, need(a, "target"));
      const value = parseInteger("value", a.value ?? "0");
      if (a.signature) {
        let iface: Interface;
        try {
          iface = new hre.ethers.Interface([`function ${a.signature}`]);
        } catch {
          throw new GovTaskError(`--signature "${a.signature}" is not a function signature like "setFee(uint256)"`);
        }
        const { data } = encode(iface, target, (iface.fragments[0] as FunctionFragment).name, parseJsonArgs(a.args));
        return { calls: [{ target, value, calldata: data }], summary: `${target}.${a.signature} ${a.args ?? "[]"}` };
      }
      const calldata = a.calldata ?? "0x";
      if (!hre.ethers.isHexString(calldata)) throw new GovTaskError(`--calldata must be 0x-prefixed hex`);
      return { calls: [{ target, value, calldata }], summary: `raw call to ${target} (${(calldata.length - 2) / 2} bytes, ${value} wei)` };
    }
    default:
      throw new GovTaskError(`unknown --action "${a.action}"; one of: ${TYPED_ACTIONS.join(", ")}`);
  }
}
