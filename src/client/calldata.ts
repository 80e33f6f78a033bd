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

/** The 4-byte selector of `name` in `iface` ("0x" + 8 hex digits), computed once. */
export function selectorOf(iface: Interface, name: string): string {
  return functionOf(iface, name).selector;
}

/** One argument of `encodeWords`: a static word or a dynamic array of them. */
export type WordArg =
  | { readonly address: string }
  | { readonly uint: bigint | number }
  | { readonly addresses: readonly string[] }
  | { readonly uints: readonly (bigint | number)[] };

/**
 * `selector` followed by the ABI encoding of `args`, by hand: static words (address, uint256) in
 * the head, arrays of addresses or uint256 in the tail. The fast path for the per-block reads with
 * hundreds of addresses, where the ABI coder checksums every address (a keccak each); the
 * simulation's calldata test checks each shape against ethers' encoding.
 */
export function encodeWords(selector: string, args: readonly WordArg[]): string {
  const head: string[] = [];
  const tail: string[] = [];
  let tailBytes = 32 * args.length;
  for (const a of args) {
    if ("address" in a) head.push(addressHexWord(a.address));
    else if ("uint" in a) head.push(hexWord(BigInt(a.uint)));
    else {
      head.push(hexWord(BigInt(tailBytes)));
      const items = "addresses" in a ? a.addresses.map(addressHexWord) : a.uints.map((x) => hexWord(BigInt(x)));
      tail.push(hexWord(BigInt(items.length)), ...items);
      tailBytes += 32 * (items.length + 1);
    }
  }
  return selector + head.join("") + tail.join("");
}
