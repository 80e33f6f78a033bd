// Batched JSON-RPC: what the chain economy asks of a node connection. A node reached over HTTP
// answers a batch in one round trip; Hardhat's in-process provider gets the calls one after the
// other (it serialises them anyway, and concurrent requests there left native memory behind).
import type { RpcSender } from "../rpc";

export interface RpcCall {
  readonly method: string;
  readonly params: unknown[];
}

export type RpcResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

export interface BatchRpc extends RpcSender {
  /** Every call answered, in the order asked; a failed call does not fail the others. */
  batch(calls: readonly RpcCall[]): Promise<RpcResult[]>;
}

/** A batch over any sender, one call at a time in order. */
export function sequentialBatch(p: RpcSender): BatchRpc {
  return {
    send: (m, params) => p.send(m, params),
    async batch(calls) {
      const out: RpcResult[] = [];
      for (const c of calls) {
        try {
          out.push({ ok: true, value: await p.send(c.method, c.params) });
        } catch (e) {
          out.push({ ok: false, error: e instanceof Error ? e : new Error(String(e)) });
        }
      }
      return out;
    },
  };
}

export function isBatchRpc(p: RpcSender): p is BatchRpc {
  return typeof (p as { batch?: unknown }).batch === "function";
}

/** The value of a result, or its error thrown. */
export function valueOf<T>(r: RpcResult): T {
  if (!r.ok) throw r.error;
  return r.value as T;
}
