// Names the custom error of each reverted transaction of a mined block, by the cheapest correct
// method the node offers, found out once:
// - in-process Hardhat: EDR's own traces of evm_mine (edrTraces.ts), converted only for reverts;
// - anvil (and any node with the parity trace API): trace_block, read in the same batch as the
//   block's receipts; the top-level call of each transaction carries its revert data;
// - otherwise: debug_traceTransaction with stack, memory and storage off, all reverts of the block
//   in one batch (re-executes the block prefix).
// Re-running the call at the parent block is not used: most reverts (SlippageExceeded, BuysHalted)
// come from earlier transactions of the same block and would not reproduce there.
import { decodeRevert } from "./revertDecoder";
import { ALL_INTERFACES } from "./encode";
import type { BatchRpc, RpcCall, RpcResult } from "./node/batch";
import type { MinedTraces } from "./edrTraces";

interface ParityTrace {
  readonly traceAddress: readonly number[];
  readonly transactionPosition?: number;
  readonly error?: string;
  readonly result?: { readonly output?: string } | null;
}

export class RevertNamer {
  /** undefined until the node answered (or refused) trace_block once. */
  private traceBlock: boolean | undefined;
  private lastTraces: Map<number, string> | undefined;

  constructor(private readonly rpc: BatchRpc) {}

  /** Method used on this node (for the profile and the docs). */
  get method(): string {
    return this.traceBlock === true ? "trace_block" : this.traceBlock === false ? "debug_traceTransaction" : "undetermined";
  }

  /** The trace_block call to batch with the block's reads, unless the node said it lacks it. */
  traceCall(blockNumber: string): RpcCall | undefined {
    return this.traceBlock === false ? undefined : { method: "trace_block", params: [blockNumber] };
  }

  /** Keeps the revert data of the block's top-level calls (from trace_block's answer). */
  absorbTraces(r: RpcResult, txCount: number): void {
    this.lastTraces = undefined;
    if (!r.ok || !Array.isArray(r.value)) {
      if (!r.ok) this.traceBlock = false;
      return;
    }
    this.traceBlock = true;
    const out = new Map<number, string>();
    for (const t of r.value as ParityTrace[]) {
      if (t.traceAddress.length !== 0 || t.transactionPosition === undefined || t.error === undefined) continue;
      out.set(t.transactionPosition, t.result?.output ?? "0x");
    }
    if (out.size <= txCount) this.lastTraces = out;
  }

  /** Error names by block position for the reverted transactions `reverted`. */
  async name(reverted: readonly { i: number; hash: string }[], edr: MinedTraces | undefined): Promise<Map<number, string>> {
    const names = new Map<number, string>();
    const rest: { i: number; hash: string }[] = [];
    for (const r of reverted) {
      const top = edr?.result(r.i);
      if (top !== undefined && !top.success) {
        names.set(r.i, decodeRevert(top.output, ALL_INTERFACES));
        continue;
      }
      const data = this.lastTraces?.get(r.i);
      if (data !== undefined) names.set(r.i, decodeRevert(data, ALL_INTERFACES));
      else rest.push(r);
    }
    if (rest.length > 0) {
      const got = await this.rpc.batch(rest.map((r) => ({ method: "debug_traceTransaction", params: [r.hash, { disableStack: true, disableMemory: true, disableStorage: true }] })));
      rest.forEach((r, k) => {
        const g = got[k];
        const rv = g.ok ? ((g.value as { returnValue?: string }).returnValue ?? "") : undefined;
        names.set(r.i, rv === undefined ? "Reverted(unknown)" : decodeRevert(rv === "" ? "0x" : rv.startsWith("0x") ? rv : "0x" + rv, ALL_INTERFACES));
      });
    }
    this.lastTraces = undefined;
    return names;
  }
}
