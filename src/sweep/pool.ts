// Runs sweep cells across forked worker processes (one per core by default); results come back
// sorted by grid index so the output does not depend on which worker finished first.
import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import type { CellJob } from "./cell";
import type { CellResult } from "./aggregate";
import { isFromWorker, type DeploymentCounts, type ToWorker } from "./messages";

export interface PoolOptions {
  readonly workers: number;
  readonly onResult?: (r: CellResult, done: number, total: number) => void;
  /** Each worker's deployment counts after each of its cells (chain economy), in arrival order. */
  readonly onDeployments?: (worker: number, counts: DeploymentCounts) => void;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const ts = __filename.endsWith(".ts");
  const file = path.join(__dirname, ts ? "worker.ts" : "worker.js");
  return { file, execArgv: ts ? ["-r", "ts-node/register/transpile-only"] : [] };
}

export async function runPool(jobs: readonly CellJob[], opts: PoolOptions): Promise<CellResult[]> {
  const results: CellResult[] = [];
  if (jobs.length === 0) return results;
  const n = Math.max(1, Math.min(opts.workers, jobs.length));
  const { file, execArgv } = workerEntry();
  let next = 0;
  return new Promise<CellResult[]>((resolve, reject) => {
    const children: ChildProcess[] = [];
    let finished = false;
    const stopAll = () => {
      for (const c of children) if (c.connected) c.send({ type: "stop" } satisfies ToWorker);
    };
    const feed = (c: ChildProcess) => {
      if (next < jobs.length) c.send({ type: "run", job: jobs[next++] } satisfies ToWorker);
    };
    for (let i = 0; i < n; i++) {
      const c = fork(file, [], { execArgv, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(c);
      c.on("message", (m: unknown) => {
        if (!isFromWorker(m)) return;
        if (m.type === "result") {
          if (m.deployments !== undefined) opts.onDeployments?.(i, m.deployments);
          results.push(m.result);
          opts.onResult?.(m.result, results.length, jobs.length);
          if (results.length === jobs.length) {
            finished = true;
            stopAll();
            resolve(results.sort((a, b) => a.index - b.index));
            return;
          }
        }
        feed(c);
      });
      c.on("exit", (code) => {
        if (!finished && code !== 0) {
          finished = true;
          stopAll();
          reject(new Error(`sweep worker exited with code ${code}`));
        }
      });
    }
  });
}
