// Runs sweep cells on `workers` processes: with `inParent` (the sweep) this one and workers - 1
// forked ones (none with one worker), otherwise `workers` forked ones. Forks are started first
// (or were already, spawn.ts), so their start (ts-node, imports, and for the chain economy their
// node and Hardhat, see worker.ts) overlaps this process's `prepare` (compile, its own node); no
// cell starts anywhere before `prepare` has ended. Results come back sorted by grid index, so the
// output does not depend on which process ran a cell or finished first.
import type { ChildProcess } from "child_process";
import { runCell, type CellJob } from "./cell";
import { startWorkers, type StartedWorker, type WarmSpec } from "./spawn";
import type { CellResult } from "./aggregate";
import { isFromWorker, type DeploymentCounts, type ToWorker } from "./messages";
import { sendToChild, stopChildren } from "./ipc";
import { trace } from "./trace";

export interface PoolOptions {
  readonly workers: number;
  readonly onResult?: (r: CellResult, done: number, total: number) => void;
  /** Each process's deployment counts after each of its cells (chain economy); process 0 is this one. */
  readonly onDeployments?: (worker: number, counts: DeploymentCounts) => void;
  /** Runs here while the forked workers start, before any cell (compile, open this process's node). */
  readonly prepare?: () => Promise<void>;
  /** What the forked workers open while they wait for their first cell (their node and Hardhat); see worker.ts. */
  readonly warm?: WarmSpec;
  /** After the last cell, here (put this process's kept node back). */
  readonly finish?: () => Promise<void>;
  /**
   * Whether this process runs cells too, as one of `workers` (the sweep); default false: `workers`
   * forked processes do (a caller that keeps this process's node open must close it: `finish`).
   */
  readonly inParent?: boolean;
  /** Workers started already (startWorkers, by the sweep command before it loaded the rest); the pool forks only what is missing and stops the extra ones. */
  readonly started?: readonly StartedWorker[];
  /** This process's deployment counts so far (chain economy). */
  readonly deployments?: (job: CellJob) => DeploymentCounts | undefined;
  /** The process group of this process's node, if it spawned one (timing: CIPHER_SWEEP_TRACE). */
  readonly nodePgid?: (job: CellJob) => number | undefined;
}

export { WARM_ENV, type WarmSpec } from "./spawn";

export async function runPool(jobs: readonly CellJob[], opts: PoolOptions): Promise<CellResult[]> {
  const results: CellResult[] = [];
  if (jobs.length === 0) return results;
  const n = Math.max(1, Math.min(opts.workers, jobs.length));
  let next = 0;
  const children: ChildProcess[] = [];
  let failed: Error | undefined;
  let settle: (() => void) | undefined;
  const allDone = new Promise<void>((resolve) => {
    settle = resolve;
  });
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    stopChildren(children);
  };
  const done = (r: CellResult) => {
    results.push(r);
    opts.onResult?.(r, results.length, jobs.length);
    if (results.length === jobs.length) settle?.();
  };
  const fail = (e: Error) => {
    if (failed !== undefined) return;
    failed = e;
    settle?.();
  };
  let ready = false;
  const waiting: ChildProcess[] = [];
  const feed = (c: ChildProcess) => {
    if (!ready || failed !== undefined || next >= jobs.length || !c.connected) return;
    const job = jobs[next++];
    sendToChild(c, { type: "run", job } satisfies ToWorker, (e) => fail(new Error(`sweep cell ${job.cell.index} could not be sent to its worker: ${e.message}`)));
  };
  const here = opts.inParent === true;
  const need = here ? n - 1 : n;
  const given = opts.started ?? [];
  stopChildren(given.slice(need).map((w) => w.child));
  const workers = [...given.slice(0, need), ...startWorkers(need - Math.min(need, given.length), opts.warm)];
  for (const [k, w] of workers.entries()) {
    const i = here ? k + 1 : k;
    const c = w.child;
    children.push(c);
    if (w.ready()) waiting.push(c);
    c.on("message", (m: unknown) => {
      if (!isFromWorker(m)) return;
      if (m.type === "result") {
        if (m.deployments !== undefined) opts.onDeployments?.(i, m.deployments);
        done(m.result);
      }
      // "ready" (its first cell) or a result (its next): before `prepare` has ended it waits
      if (ready) feed(c);
      else waiting.push(c);
    });
    // a worker that ends before the last result, other than by our "stop", loses its cell: fail, do not wait for it
    c.on("exit", (code, signal) => {
      if (results.length < jobs.length && !stopping) fail(new Error(`sweep worker exited with ${signal !== null ? `signal ${signal}` : `code ${code}`} before the sweep's last cell`));
    });
    c.on("error", (e) => fail(e));
  }
  try {
    await opts.prepare?.();
    trace("prepared");
    ready = true;
    for (const c of waiting) feed(c);
    // this process is worker 0: it takes cells from the same queue
    while (here && failed === undefined && next < jobs.length) {
      const job = jobs[next++];
      trace(`cell ${job.cell.index} start`);
      const r = await runCell(job);
      const counts = opts.deployments?.(job);
      trace(`cell ${job.cell.index} end deployed=${counts?.deployed ?? "-"} reused=${counts?.reused ?? "-"}`, opts.nodePgid?.(job));
      done(r);
      if (counts !== undefined) opts.onDeployments?.(0, counts);
    }
    await allDone;
  } catch (e) {
    fail(e instanceof Error ? e : new Error(String(e)));
  } finally {
    stopAll();
    trace("cells done", undefined);
    await opts.finish?.();
  }
  if (failed !== undefined) throw failed;
  return results.sort((a, b) => a.index - b.index);
}
