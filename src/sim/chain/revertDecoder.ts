// Decodes revert data into the custom error name the action log records ("SlippageExceeded"),
// or Error(string)'s reason, or Panic(code). Contract interfaces are passed in (TypeChain
// factories' interfaces), so this file needs no ABI of its own.
import { AbiCoder, type Interface } from "ethers";

const ERROR_STRING = "0x08c379a0";
const PANIC = "0x4e487b71";

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
  for (const iface of interfaces) {
    const err = iface.getError(selector);
    if (err !== null) return err.name;
  }
  return `UnknownError(${selector})`;
}
