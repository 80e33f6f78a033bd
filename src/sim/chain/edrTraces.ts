// Revert data of the reverted transactions of a mined block, cheaply, on Hardhat's in-process
// network. EDR executes every transaction with tracing and returns the traces with each JSON-RPC
// response as native objects; nothing is converted to JS until a trace's `trace` getter is read.
// Sending evm_mine straight to EDR's provider (the object under Hardhat's wrapper) keeps the
// response, so the engine converts only the traces of the transactions whose receipts say they
// reverted and reads the outermost call's result (the revert data). Measured here (200 agents x
// 100 steps, 45% of the transactions reverting): debug_traceTransaction re-executes the block
// prefix and costs ~9 ms per revert; listening on Hardhat's trace events converted every step of
// every transaction (~2.6 ms per transaction); this converts one trace per revert.
// On any other node (anvil, hardhat node) attach() returns undefined and the caller traces instead.

/** The result of a transaction's outermost call. */
export interface TopLevelResult {
  readonly success: boolean;
  /** Revert data (or return data) of the transaction's outermost call, 0x-hex. */
  readonly output: string;
}

interface EdrResponse {
  readonly data: unknown;
  readonly traces: readonly { readonly trace: readonly unknown[] }[];
}

interface EdrProvider {
  handleRequest(request: string): Promise<EdrResponse>;
}

function isEdrProvider(o: unknown): o is EdrProvider {
  return typeof (o as { handleRequest?: unknown }).handleRequest === "function" && typeof (o as { setVerboseTracing?: unknown }).setVerboseTracing === "function";
}

function findEdr(root: unknown): EdrProvider | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const o = queue.shift();
    if (o === null || typeof o !== "object" || seen.has(o)) continue;
    seen.add(o);
    if (isEdrProvider(o)) return o;
    for (const k of ["_wrapped", "_wrappedProvider", "_provider", "provider", "_hardhatNetworkProvider"]) {
      try {
        const next = (o as Record<string, unknown>)[k];
        if (next !== undefined) queue.push(next);
      } catch {
        // a lazy wrapper not initialised yet
      }
    }
  }
  return undefined;
}

function hex(b: Uint8Array | undefined): string {
  return b === undefined ? "0x" : "0x" + Buffer.from(b).toString("hex");
}

/** The outermost call's result: the last message result in a transaction's trace. */
export function topLevelResult(trace: readonly unknown[]): TopLevelResult | undefined {
  for (let i = trace.length - 1; i >= 0; i--) {
    const item = trace[i] as { executionResult?: { result: { logs?: unknown; output?: Uint8Array | { returnValue: Uint8Array } } } };
    if (item.executionResult === undefined) continue;
    const r = item.executionResult.result;
    const out = r.output;
    const output = out === undefined ? "0x" : out instanceof Uint8Array ? hex(out) : hex(out.returnValue);
    return { success: "logs" in r, output };
  }
  return undefined;
}

/** One mined block's traces, kept native until asked for. */
export class MinedTraces {
  constructor(private traces: readonly { readonly trace: readonly unknown[] }[] | undefined) {}

  get length(): number {
    return this.traces?.length ?? 0;
  }

  /** Converts the i-th transaction's trace (and only that one). */
  result(i: number): TopLevelResult | undefined {
    const t = this.traces?.[i];
    return t === undefined ? undefined : topLevelResult(t.trace);
  }

  /** Drops the reference so the native memory can go with the next collection. */
  release(): void {
    this.traces = undefined;
  }
}

export class EdrMiner {
  private id = 0;
  private constructor(private readonly edr: EdrProvider) {}

  /** The in-process EDR provider under `provider`, or undefined on any other node. */
  static attach(provider: unknown): EdrMiner | undefined {
    const edr = findEdr(provider);
    return edr === undefined ? undefined : new EdrMiner(edr);
  }

  /** evm_mine sent to EDR directly; the block's traces stay native until read. */
  async mine(): Promise<MinedTraces> {
    const res = await this.edr.handleRequest(JSON.stringify({ jsonrpc: "2.0", id: ++this.id, method: "evm_mine", params: [] }));
    const data = (typeof res.data === "string" ? JSON.parse(res.data) : res.data) as { error?: { message?: string } };
    if (data.error !== undefined) throw new Error(`evm_mine failed: ${data.error.message ?? JSON.stringify(data.error)}`);
    return new MinedTraces(res.traces);
  }
}
