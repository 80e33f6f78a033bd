// Calldata of the calls the simulation makes every block, ABI-encoded by hand with selectors
// computed once. ethers' Interface.encodeFunctionData looks the function up and hashes its
// signature (a keccak) on every call and checksums every address (a keccak each): with 200
// agents that was ~0.3 s of a 3.5 s step loop. Only the shapes used here are supported: static
// head arguments (address, uint256) followed by dynamic arrays of addresses or uint256.
// test/sim/calldata.test.ts checks each against ethers' encoding.
import type { Interface } from "ethers";

/** The 4-byte selector of `name` in `iface` ("0x" + 8 hex digits). */
export function selectorOf(iface: Interface, name: string): string {
  const f = iface.getFunction(name);
  if (f === null) throw new Error(`no function ${name} in the interface`);
  return f.selector;
}

function word(hex: string): string {
  return hex.length >= 64 ? hex : "0".repeat(64 - hex.length) + hex;
}

/** One 32-byte word (no 0x) of an address. */
export function addressWord(a: string): string {
  return word(a.slice(2).toLowerCase());
}

/** One 32-byte word (no 0x) of an unsigned integer. */
export function uintWord256(x: bigint | number): string {
  if (x < 0) throw new Error("negative uint");
  return word(x.toString(16));
}

export type Arg = { readonly address: string } | { readonly uint: bigint | number } | { readonly addresses: readonly string[] } | { readonly uints: readonly (bigint | number)[] };

/** `selector` followed by the ABI encoding of `args` (static words in the head, arrays in the tail). */
export function encodeCall(selector: string, args: readonly Arg[]): string {
  const head: string[] = [];
  const tail: string[] = [];
  let tailBytes = 32 * args.length;
  for (const a of args) {
    if ("address" in a) head.push(addressWord(a.address));
    else if ("uint" in a) head.push(uintWord256(a.uint));
    else {
      head.push(uintWord256(tailBytes));
      const items = "addresses" in a ? a.addresses.map(addressWord) : a.uints.map(uintWord256);
      tail.push(uintWord256(items.length), ...items);
      tailBytes += 32 * (items.length + 1);
    }
  }
  return selector + head.join("") + tail.join("");
}
