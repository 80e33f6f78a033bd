// Decodes revert data into the custom error name the action log records ("SlippageExceeded"),
// or Error(string)'s reason, or Panic(code). Contract interfaces are passed in (TypeChain
// factories' interfaces), so this file needs no ABI of its own. The selector -> name map of a set
// of interfaces is built once (ethers' getError(selector) recomputes every error's selector, a
// keccak each, on every call: ~14 ms per revert with the suite's interfaces).
import { AbiCoder, type Interface } from "ethers";

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";

const maps = new WeakMap<readonly Interface[], Map<string, string>>();

function selectors(interfaces: readonly Interface[]): Map<string, string> {
  let m = maps.get(interfaces);
  if (m === undefined) {
    const built = new Map<string, string>();
    for (const iface of interfaces) iface.forEachError((e) => { if (!built.has(e.selector)) built.set(e.selector, e.name); });
    maps.set(interfaces, built);
    m = built;
  }
  return m;
}

export function decodeRevert(data: string | undefined | null, interfaces: readonly Interface[]): string {
  if (data === undefined || data === null || data === "0x" || data.length < 10) return "Reverted(no data)";
  const selector = data.slice(0, 10).toLowerCase();
  if (selector === ERROR_STRING) {
    const [reason] = AbiCoder.defaultAbiCoder().decode(["string"], "0x" + data.slice(10));
    return `Error(${String(reason)})`;
  }
  if (selector === PANIC) {
    const [code] = AbiCoder.defaultAbiCoder().decode(["uint256"], "0x" + data.slice(10));
    return `Panic(0x${(code as bigint).toString(16)})`;
  }
  return selectors(interfaces).get(selector) ?? `UnknownError(${selector})`;
}
