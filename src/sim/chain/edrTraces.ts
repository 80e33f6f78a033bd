// Revert data of every transaction of a mined block, for free, on Hardhat's in-process network.
// EDR executes every transaction with tracing and returns the traces with each JSON-RPC response;
// Hardhat hands them to JS only while someone listens on its ethereumjs-compatible event emitters
// (the hook solidity-coverage uses). Listening during evm_mine gives each transaction's top-level
// call result (success flag and output = revert data) without re-executing anything, whereas
// debug_traceTransaction re-executes the block prefix for each reverted transaction.
// On any other node (anvil, hardhat node) this returns undefined and the caller traces instead.

interface Emitter {
  on(event: string, f: (arg: unknown) => void): unknown;
  removeListener(event: string, f: (arg: unknown) => void): unknown;
}

interface MinimalVm {
  readonly events: Emitter;
  readonly evm: { readonly events: Emitter };
}

export interface TopLevelResult {
  readonly success: boolean;
  /** Revert data (or return data) of the transaction's outermost call, 0x-hex. */
  readonly output: string;
}

function findVm(root: unknown): MinimalVm | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [root];
  while (queue.length > 0) {
    const o = queue.shift();
    if (o === null || typeof o !== "object" || seen.has(o)) continue;
    seen.add(o);
    const node = (o as { _node?: { _vm?: MinimalVm } })._node;
    if (node?._vm?.evm?.events !== undefined && node._vm.events !== undefined) return node._vm;
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

export class EdrTraceHook {
  private constructor(private readonly vm: MinimalVm) {}

  static attach(provider: unknown): EdrTraceHook | undefined {
    const vm = findVm(provider);
    return vm === undefined ? undefined : new EdrTraceHook(vm);
  }

  /** Runs `f` (one evm_mine) while collecting the top-level result of each executed transaction. */
  async collect(f: () => Promise<void>): Promise<TopLevelResult[]> {
    const results: TopLevelResult[] = [];
    let last: TopLevelResult = { success: true, output: "0x" };
    const afterMessage = (arg: unknown): void => {
      const r = (arg as { execResult: { success: boolean; output?: Uint8Array } }).execResult;
      last = { success: r.success, output: r.output === undefined ? "0x" : "0x" + Buffer.from(r.output).toString("hex") };
    };
    const afterTx = (): void => {
      results.push(last);
      last = { success: true, output: "0x" };
    };
    this.vm.evm.events.on("afterMessage", afterMessage);
    this.vm.events.on("afterTx", afterTx);
    try {
      await f();
    } finally {
      this.vm.evm.events.removeListener("afterMessage", afterMessage);
      this.vm.events.removeListener("afterTx", afterTx);
    }
    return results;
  }
}
