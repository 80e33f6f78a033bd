// Revert data -> the custom error that caused it: "SlippageExceeded", Error(string)'s reason, or
// Panic(code). One decoder for every caller; the ABIs are passed in (ALL_INTERFACES in abis.ts
// covers the whole suite), so this file is pure and needs no artifacts.
import { AbiCoder, type ErrorFragment, type Interface } from "ethers";

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";

export interface DecodedRevert {
  /** Error name: a custom error, "Error" or "Panic", "Reverted" without data, "UnknownError" otherwise. */
  readonly name: string;
  readonly args: readonly unknown[];
  /** Short form the logs record: "SlippageExceeded", "Error(reason)", "Panic(0x11)". */
  readonly short: string;
  /** With the arguments: "SlippageExceeded(10, 12)". */
  readonly full: string;
}

function show(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return String(v);
}

interface Known {
  readonly iface: Interface;
  readonly fragment: ErrorFragment;
}

const maps = new WeakMap<readonly Interface[], Map<string, Known>>();

/**
 * Selector -> error of a set of interfaces, built once per set: ethers' getError(selector)
 * recomputes every error's selector (a keccak each) on every call, ~14 ms per revert with the
 * suite's interfaces, which the simulation's hot path cannot afford. The first interface that
 * declares a selector wins, as in a search in order.
 */
function selectors(interfaces: readonly Interface[]): Map<string, Known> {
  let m = maps.get(interfaces);
  if (m === undefined) {
    const built = new Map<string, Known>();
    for (const iface of interfaces) iface.forEachError((fragment) => { if (!built.has(fragment.selector)) built.set(fragment.selector, { iface, fragment }); });
    maps.set(interfaces, built);
    m = built;
  }
  return m;
}

export function decodeRevertDetailed(data: string | undefined | null, interfaces: readonly Interface[]): DecodedRevert {
  if (data === undefined || data === null || data === "0x" || data.length < 10) {
    return { name: "Reverted", args: [], short: "Reverted(no data)", full: "Reverted(no data)" };
  }
  const selector = data.slice(0, 10).toLowerCase();
  if (selector === ERROR_STRING) {
    const [reason] = AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10));
    const s = `Error(${String(reason)})`;
    return { name: "Error", args: [String(reason)], short: s, full: s };
  }
  if (selector === PANIC) {
    const [code] = AbiCoder.defaultAbiCoder().decode(["uint256"], "0x" + data.slice(10));
    const s = `Panic(0x${(code as bigint).toString(16)})`;
    return { name: "Panic", args: [code], short: s, full: s };
  }
  const known = selectors(interfaces).get(selector);
  if (known !== undefined) {
    const err = known.fragment;
    let args: unknown[] = [];
    try {
      args = [...known.iface.decodeErrorResult(err, data)];
    } catch {
      args = [];
    }
    return { name: err.name, args, short: err.name, full: `${err.name}(${args.map(show).join(", ")})` };
  }
  return { name: "UnknownError", args: [selector], short: `UnknownError(${selector})`, full: `UnknownError(${selector})` };
}

/** The short name of the revert ("SlippageExceeded"): what action logs record. */
export function decodeRevert(data: string | undefined | null, interfaces: readonly Interface[]): string {
  if (data !== undefined && data !== null && data.length >= 10) {
    // Hot path (the simulation names every revert): the name only, without decoding arguments.
    const known = selectors(interfaces).get(data.slice(0, 10).toLowerCase());
    if (known !== undefined) return known.fragment.name;
  }
  return decodeRevertDetailed(data, interfaces).short;
}

/** Revert data carried by an error thrown by ethers or a JSON-RPC node, if any. */
export function revertDataOf(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown, depth: number): string | undefined => {
    if (x === null || typeof x !== "object" || seen.has(x) || depth > 6) return undefined;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]*$/.test(o.data) && o.data.length >= 10) return o.data;
    for (const k of ["error", "info", "cause", "data", "revert"]) {
      const r = walk(o[k], depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return walk(e, 0);
}
