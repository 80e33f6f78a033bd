// Keeps the in-process node's native memory bounded. Hardhat's EDR returns every response (with
// its execution traces) as a native object that is freed only when V8 collects its small JS
// wrapper; the JS heap stays small, so V8 rarely collects, and native memory grew by ~20 MB per
// lens call here (several GB within a few hundred steps). Forcing a collection whenever the
// resident set grew by `thresholdMb` since the last one keeps it flat.
import * as v8 from "v8";
import * as vm from "vm";

let gcFn: ((o?: { type: "minor" | "major" }) => void) | undefined;

function gc(): ((o?: { type: "minor" | "major" }) => void) | undefined {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      gcFn = vm.runInNewContext("gc") as (o?: { type: "minor" | "major" }) => void;
    } catch {
      gcFn = undefined;
    }
  }
  return gcFn;
}

export class NativeMemoryGuard {
  private base = process.memoryUsage().rss;

  constructor(private readonly thresholdMb = 512) {}

  /**
   * A young-generation collection (a few ms): frees the native memory of the responses of the
   * last requests (an evm_mine response holds its block's execution traces) before the next
   * block allocates again, so the allocator reuses it instead of asking the OS for fresh pages.
   */
  minor(): void {
    gc()?.({ type: "minor" });
  }

  /** Collects garbage if the resident set grew by more than the threshold since the last time. */
  check(): void {
    const rss = process.memoryUsage().rss;
    if (rss - this.base < this.thresholdMb * 2 ** 20) return;
    gc()?.();
    this.base = process.memoryUsage().rss;
  }
}
