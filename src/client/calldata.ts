// Calldata with each function's selector computed once. ethers' Interface.encodeFunctionData looks
// the function up by name and reads `fragment.selector`, a keccak of its signature, on every call;
// the simulation encodes thousands of calls a step, so every encoder of the client goes through
// here. The bytes are the ABI coder's (tested against encodeFunctionData for every action kind).
import { AbiCoder, type FunctionFragment, type Interface } from "ethers";

const coder = AbiCoder.defaultAbiCoder();

interface FunctionEncoder {
  readonly selector: string;
  readonly fragment: FunctionFragment;
}

const encoders = new WeakMap<Interface, Map<string, FunctionEncoder>>();

/** The function `name` (or full signature) of `iface`, with its selector, looked up once. */
export function functionOf(iface: Interface, name: string): FunctionEncoder {
  let m = encoders.get(iface);
  if (m === undefined) {
    m = new Map();
    encoders.set(iface, m);
  }
  let e = m.get(name);
  if (e === undefined) {
    const fragment = iface.getFunction(name);
    if (fragment === null) throw new Error(`no function ${name} in the interface`);
    e = { selector: fragment.selector, fragment };
    m.set(name, e);
  }
  return e;
}

/** iface.encodeFunctionData(name, args), without recomputing the selector. */
export function encodeCall(iface: Interface, name: string, args: readonly unknown[] = []): string {
  const f = functionOf(iface, name);
  return f.fragment.inputs.length === 0 ? f.selector : f.selector + coder.encode(f.fragment.inputs, args).slice(2);
}

/** One 32-byte word of a uint256, as hex without 0x. */
export function hexWord(v: bigint): string {
  if (v < 0n || v >= 1n << 256n) throw new RangeError(`value out of uint256 range: ${v}`);
  return v.toString(16).padStart(64, "0");
}

/** One 32-byte word of an address, as hex without 0x. */
export function addressHexWord(a: string): string {
  return a.slice(2).toLowerCase().padStart(64, "0");
}
