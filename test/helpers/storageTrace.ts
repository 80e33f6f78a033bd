// Opcode-level storage account of one mined transaction (debug_traceTransaction struct logs on
// the in-process Hardhat network): every SLOAD and SSTORE with the contract whose storage it
// touched (the frame's storage owner, so DELEGATECALLed library code counts against the caller),
// the slot, and the gas the EVM charged for it (cold/warm access, fresh/dirty write).
// Used by the staking gas tests to say where a call's gas goes.
import { network } from "hardhat";

interface StructLog {
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  stack?: string[];
}

/** One storage access: the storage owner, the slot (hex), the gas charged, and the kind. */
export interface StorageOp {
  owner: string;
  slot: string;
  op: "SLOAD" | "SSTORE";
  gas: number;
  /** SSTORE classes by charged gas (EIP-2929/2200): fresh = 0 -> non-zero (20,000 [+2,100 cold]),
   *  update = non-zero original rewritten (2,900 [+2,100]), dirty = slot already written in this tx
   *  or value unchanged (100 [+2,100]). SLOAD: cold (2,100) or warm (100). */
  kind: "cold" | "warm" | "fresh" | "update" | "dirty";
}

export interface StorageAccount {
  ops: StorageOp[];
  sloads: number;
  sstores: number;
  sloadGas: number;
  sstoreGas: number;
  byKind: Record<StorageOp["kind"], { count: number; gas: number }>;
}

const hex = (v: string) => "0x" + BigInt("0x" + v.replace(/^0x/, "")).toString(16);
const addr = (v: string) => "0x" + BigInt("0x" + v.replace(/^0x/, "")).toString(16).padStart(40, "0");

function classify(op: "SLOAD" | "SSTORE", gas: number): StorageOp["kind"] {
  if (op === "SLOAD") return gas >= 2_100 ? "cold" : "warm";
  const base = gas >= 2_100 + 100 && gas !== 2_900 && gas !== 20_000 ? gas - 2_100 : gas;
  if (base >= 20_000) return "fresh";
  if (base >= 2_900) return "update";
  return "dirty";
}

/** Storage account of transaction `hash`, whose top-level callee is `to`. */
export async function storageAccount(hash: string, to: string): Promise<StorageAccount> {
  const trace = (await network.provider.send("debug_traceTransaction", [
    hash,
    { disableMemory: true, disableStorage: true },
  ])) as { structLogs: StructLog[] };
  const owners: string[] = [to.toLowerCase()];
  const ops: StorageOp[] = [];
  let pendingOwner: string | null = null;
  for (const l of trace.structLogs) {
    while (owners.length > l.depth) owners.pop();
    if (pendingOwner !== null && owners.length < l.depth) owners.push(pendingOwner);
    pendingOwner = null;
    const st = l.stack ?? [];
    const top = (i: number) => st[st.length - 1 - i];
    if (l.op === "CALL" || l.op === "STATICCALL") pendingOwner = addr(top(1));
    else if (l.op === "DELEGATECALL" || l.op === "CALLCODE") pendingOwner = owners[owners.length - 1];
    else if (l.op === "SLOAD" || l.op === "SSTORE") {
      ops.push({ owner: owners[owners.length - 1], slot: hex(top(0)), op: l.op, gas: l.gasCost, kind: classify(l.op, l.gasCost) });
    }
  }
  const byKind = { cold: { count: 0, gas: 0 }, warm: { count: 0, gas: 0 }, fresh: { count: 0, gas: 0 }, update: { count: 0, gas: 0 }, dirty: { count: 0, gas: 0 } };
  for (const o of ops) {
    byKind[o.kind].count++;
    byKind[o.kind].gas += o.gas;
  }
  const loads = ops.filter((o) => o.op === "SLOAD");
  const stores = ops.filter((o) => o.op === "SSTORE");
  return {
    ops,
    sloads: loads.length,
    sstores: stores.length,
    sloadGas: loads.reduce((s, o) => s + o.gas, 0),
    sstoreGas: stores.reduce((s, o) => s + o.gas, 0),
    byKind,
  };
}

/** One line: "SLOAD n (g gas: c cold, w warm), SSTORE m (g gas: f fresh, u update, d dirty)". */
export function summarize(a: StorageAccount): string {
  const k = a.byKind;
  return (
    `SLOAD ${a.sloads} (${a.sloadGas} gas: ${k.cold.count} cold, ${k.warm.count} warm), ` +
    `SSTORE ${a.sstores} (${a.sstoreGas} gas: ${k.fresh.count} fresh, ${k.update.count} update, ${k.dirty.count} dirty)`
  );
}
