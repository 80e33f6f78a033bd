// Proposal actions: typed ones ("grant from the solidarity fund", "set fee", ...) and raw calls,
// each turned into one (target, value, calldata) triple. Functions are resolved from the compiled
// artifacts at run time, so a misspelt function or wrong argument count fails before anything is sent.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { FunctionFragment, Interface } from "ethers";
import { artifactName, FUNDS, GovTaskError, resolveAddress, type Deployment } from "./lib";

export interface Action {
  target: string;
  value: bigint;
  calldata: string;
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
}

/**
 * Typed actions on contracts built on other branches: the function is the first candidate name the
 * contract's ABI has, arguments come from --args (JSON array). Adding an action is one line here.
 */
export const PRESETS: Record<string, { contract: string; candidates: string[]; what: string }> = {
  "set-fee": { contract: "BondingCurveMarket", candidates: ["setFees", "setFee", "setFeeBps", "setTradingFees"], what: "market buy/sell fee" },
  "set-referral": { contract: "BondingCurveMarket", candidates: ["setReferralShare", "setReferrerShare", "setReferralBps"], what: "referrer's share of the fee" },
  "set-curve": { contract: "BondingCurveMarket", candidates: ["setCurveParameters", "updateCurveParameters", "setParameters"], what: "curve parameters" },
  "set-circuit-breaker": { contract: "BondingCurveMarket", candidates: ["setCircuitBreaker", "setCircuitBreakerParameters"], what: "circuit breaker" },
  "set-split": { contract: "RevenueSplitter", candidates: ["setSplit", "setSplitBps", "setShares", "setBucketShares"], what: "revenue split (bps, sum 10,000)" },
  "uphold-slash": { contract: "CipherStaking", candidates: ["upholdSlash", "executeDisputedSlash", "resolveSlash"], what: "uphold a disputed slash" },
  "cancel-slash": { contract: "CipherStaking", candidates: ["cancelSlash", "rejectSlash", "overturnSlash"], what: "cancel a disputed slash" },
};

export const TYPED_ACTIONS = [
  "grant",
  "stream",
  "cancel-stream",
  "set-voting-delay",
  "set-voting-period",
  "set-proposal-threshold",
  "set-quorum",
  "set-late-quorum",
  "set-timelock-delay",
  ...Object.keys(PRESETS),
  "call",
  "raw",
];

function need(a: ActionArgs, key: keyof ActionArgs): string {
  const v = a[key];
  if (v === undefined || v === "") throw new GovTaskError(`--action ${a.action} needs --${key}`);
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

async function interfaceOf(hre: HardhatRuntimeEnvironment, name: string): Promise<Interface> {
  try {
    const art = await hre.artifacts.readArtifact(artifactName(name));
    return new hre.ethers.Interface(art.abi);
  } catch {
    throw new GovTaskError(`no compiled artifact for ${name}: run \`npx hardhat compile\``);
  }
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

async function callOn(hre: HardhatRuntimeEnvironment, d: Deployment, contract: string, fn: string, args: unknown[], value = 0n): Promise<Action> {
  const iface = await interfaceOf(hre, contract);
  const { data, fragment } = encode(iface, contract, fn, args);
  const shown = args.map((x) => (typeof x === "bigint" ? x.toString() : JSON.stringify(x))).join(", ");
  return { target: resolveAddress(d, contract), value, calldata: data, summary: `${contract}.${fragment.name}(${shown})` };
}

/** The fund id for --fund (welfare | solidarity | development | 1 | 2 | 3). */
export function fundId(v: string): number {
  const id = FUNDS[v.toLowerCase()] ?? (/^[123]$/.test(v) ? Number(v) : undefined);
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

/** Builds the action described by the task's options. */
export async function buildAction(hre: HardhatRuntimeEnvironment, d: Deployment, a: ActionArgs): Promise<Action> {
  switch (a.action) {
    case "grant": {
      const asset = await assetOf(hre, d, need(a, "asset"));
      const amount = parseAmount(hre, need(a, "amount"), asset.decimals);
      const to = need(a, "to");
      if (!hre.ethers.isAddress(to)) throw new GovTaskError(`--to must be an address, got "${to}"`);
      return callOn(hre, d, "CipherTreasury", "grant", [fundId(need(a, "fund")), asset.address, to, amount, a.memo ?? ""]);
    }
    case "stream": {
      const asset = await assetOf(hre, d, need(a, "asset"));
      const amount = parseAmount(hre, need(a, "amount"), asset.decimals);
      const to = need(a, "to");
      if (!hre.ethers.isAddress(to)) throw new GovTaskError(`--to must be an address, got "${to}"`);
      return callOn(hre, d, "CipherTreasury", "createStream", [
        fundId(need(a, "fund")),
        asset.address,
        to,
        amount,
        parseInteger("start", a.start ?? "0"),
        parseInteger("cliff", a.cliff ?? "0"),
        parseInteger("duration", need(a, "duration")),
      ]);
    }
    case "cancel-stream":
      return callOn(hre, d, "CipherTreasury", "cancelStream", [parseInteger("stream", need(a, "stream"))]);
    case "set-voting-delay":
      return callOn(hre, d, "CipherGovernor", "setVotingDelay", [parseInteger("value", need(a, "value"))]);
    case "set-voting-period":
      return callOn(hre, d, "CipherGovernor", "setVotingPeriod", [parseInteger("value", need(a, "value"))]);
    case "set-proposal-threshold":
      return callOn(hre, d, "CipherGovernor", "setProposalThreshold", [parseInteger("value", need(a, "value"))]);
    case "set-quorum":
      return callOn(hre, d, "CipherGovernor", "updateQuorumNumerator", [parseInteger("value", need(a, "value"))]);
    case "set-late-quorum":
      return callOn(hre, d, "CipherGovernor", "setLateQuorumVoteExtension", [parseInteger("value", need(a, "value"))]);
    case "set-timelock-delay":
      return callOn(hre, d, "TimelockController", "updateDelay", [parseInteger("value", need(a, "value"))]);
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
        return { target, value, calldata: data, summary: `${target}.${a.signature} ${a.args ?? "[]"}` };
      }
      const calldata = a.calldata ?? "0x";
      if (!hre.ethers.isHexString(calldata)) throw new GovTaskError(`--calldata must be 0x-prefixed hex`);
      return { target, value, calldata, summary: `raw call to ${target} (${(calldata.length - 2) / 2} bytes, ${value} wei)` };
    }
    default: {
      const preset = PRESETS[a.action];
      if (!preset) throw new GovTaskError(`unknown --action "${a.action}"; one of: ${TYPED_ACTIONS.join(", ")}`);
      const iface = await interfaceOf(hre, preset.contract);
      const fn = preset.candidates.find((c) => {
        try {
          return iface.getFunction(c) !== null;
        } catch {
          return true; // overloaded: present, encode() asks for a full signature
        }
      });
      if (!fn) {
        throw new GovTaskError(
          `${preset.contract} has none of ${preset.candidates.join(", ")} (for ${preset.what}); use --action call --contract ${preset.contract} --function <name>`,
        );
      }
      return callOn(hre, d, preset.contract, fn, parseJsonArgs(a.args));
    }
  }
}
