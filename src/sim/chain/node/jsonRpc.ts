// JSON-RPC 2.0 over any text exchange (one request or batch out, its answer back): ids, single
// requests, batches matched back by id. The transports (httpRpc.ts, ipcRpc.ts) only move text.
import type { BatchRpc, RpcCall, RpcResult } from "./batch";

export class RpcError extends Error {
  constructor(readonly method: string, readonly code: number, message: string, readonly data?: unknown) {
    super(`${method}: ${message}`);
  }
}

export interface Answer {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { code: number; message: string; data?: unknown };
}

/**
 * A batch's answers matched back to its calls by id (`first` = the first call's id; the node may
 * answer in any order), in the order asked; a call with no answer gets an error. An answer that is
 * not an array (the node refused the whole batch) throws.
 */
export function answersOf(calls: readonly RpcCall[], first: number, raw: Answer[] | Answer): RpcResult[] {
  if (!Array.isArray(raw)) throw new RpcError("batch", raw.error?.code ?? -1, raw.error?.message ?? "the node did not answer the batch");
  const out: RpcResult[] = new Array(calls.length);
  for (const a of raw) {
    const i = a.id - first;
    if (i < 0 || i >= calls.length) continue;
    out[i] = a.error !== undefined ? { ok: false, error: new RpcError(calls[i].method, a.error.code, a.error.message, a.error.data) } : { ok: true, value: a.result };
  }
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = { ok: false, error: new RpcError(calls[i].method, -1, "no answer in the batch") };
  return out;
}

/** JSON-RPC over a transport that exchanges one text for one text, in the order asked. */
export abstract class JsonRpcClient implements BatchRpc {
  private id = 0;

  /** Sends one request or batch (JSON text) and resolves with the node's answer to it (JSON text). */
  protected abstract exchange(body: string): Promise<string>;

  /** Called when a single request's answer carries another id (before it is thrown): a transport that can no longer trust its stream fails it here. */
  protected onStrayAnswer(_e: Error): void {
    // (HTTP: each answer is its own response; nothing else to do)
  }

  /** The method's result; a JSON-RPC error as RpcError (its code and data kept). */
  async send(method: string, params: unknown[]): Promise<unknown> {
    const id = ++this.id;
    const a = JSON.parse(await this.exchange(JSON.stringify({ jsonrpc: "2.0", id, method, params }))) as Answer;
    // a message the node sent unasked (a subscription's, say) is not this request's answer
    if (a.id !== id) {
      const e = new Error(`${this.describe()}: an answer with id ${String(a.id)} came while request ${id} (${method}) was waiting`);
      this.onStrayAnswer(e);
      throw e;
    }
    if (a.error !== undefined) throw new RpcError(method, a.error.code, a.error.message, a.error.data);
    return a.result;
  }

  async batch(calls: readonly RpcCall[]): Promise<RpcResult[]> {
    if (calls.length === 0) return [];
    const first = this.id + 1;
    const body = JSON.stringify(calls.map((c) => ({ jsonrpc: "2.0", id: ++this.id, method: c.method, params: c.params })));
    return answersOf(calls, first, JSON.parse(await this.exchange(body)) as Answer[] | Answer);
  }

  /** The connection, for messages ("IPC socket /tmp/...", "http://127.0.0.1:8545"). */
  protected abstract describe(): string;
}
