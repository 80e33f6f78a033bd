// Retries with exponential back-off and jitter for RPC calls that failed on the way (network
// errors, time-outs, HTTP 429 and 5xx, "limit exceeded"), never for answers (a revert, "nonce too
// low"). The JSON-RPC transport below gives ethers a provider that retries every request this way.
import { JsonRpcApiProvider, Network, type JsonRpcError, type JsonRpcPayload, type JsonRpcResult } from "ethers";

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseMs: number;
  readonly maxMs: number;
  /** Per-request time-out. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 200, maxMs: 5_000, timeoutMs: 10_000 };

/** An RPC failure on the way (worth retrying), as opposed to the node's answer. */
export class TransientRpcError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** Back-off before attempt `n` (1-based retry count): base * 2^(n-1), capped, with full jitter in [d/2, d]. */
export function backoffMs(n: number, p: RetryPolicy, u: number): number {
  const d = Math.min(p.maxMs, p.baseMs * 2 ** Math.max(0, n - 1));
  return Math.round(d / 2 + (d / 2) * u);
}

export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: string;
  readonly what: string;
}

export async function withRetry<T>(what: string, f: () => Promise<T>, p: RetryPolicy, onRetry: (e: RetryEvent) => void, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f();
    } catch (e) {
      if (!(e instanceof TransientRpcError) || attempt >= p.attempts) throw e;
      const delayMs = backoffMs(attempt, p, random());
      onRetry({ attempt, delayMs, error: e.message, what });
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

const TRANSIENT_RPC_CODES = new Set([-32005, 429]);

/** ethers provider over HTTP JSON-RPC with time-outs and retries (one request per POST). */
export class RetryingProvider extends JsonRpcApiProvider {
  constructor(readonly url: string, chainId: bigint | number, private readonly retry: RetryPolicy = DEFAULT_RETRY, private readonly onRetry: (e: RetryEvent) => void = () => undefined) {
    const network = Network.from(BigInt(chainId));
    super(network, { staticNetwork: network, batchMaxCount: 1, cacheTimeout: -1, polling: true, pollingInterval: 250 });
  }

  private async post(payload: JsonRpcPayload): Promise<JsonRpcResult | JsonRpcError> {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), this.retry.timeoutMs);
    let res: Response;
    try {
      res = await fetch(this.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload), signal: ctl.signal });
    } catch (e) {
      throw new TransientRpcError(ctl.signal.aborted ? `timeout after ${this.retry.timeoutMs} ms` : `network error: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    if (res.status === 429 || res.status >= 500) throw new TransientRpcError(`HTTP ${res.status}`, res.status);
    let body: JsonRpcResult | JsonRpcError;
    try {
      body = (await res.json()) as JsonRpcResult | JsonRpcError;
    } catch (e) {
      throw new TransientRpcError(`unreadable answer (HTTP ${res.status}): ${(e as Error).message}`, res.status);
    }
    if ("error" in body && TRANSIENT_RPC_CODES.has(body.error.code)) throw new TransientRpcError(`JSON-RPC ${body.error.code} ${body.error.message}`);
    return body;
  }

  async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<(JsonRpcResult | JsonRpcError)[]> {
    const list = Array.isArray(payload) ? payload : [payload];
    const out: (JsonRpcResult | JsonRpcError)[] = [];
    for (const p of list) out.push(await withRetry(p.method, () => this.post(p), this.retry, this.onRetry));
    return out;
  }
}
