// Runs study jobs in forked worker processes (one per core by default), results in job order.
// (The sweep's pool runs sweep cells, which return only summary objectives; a study needs every
// population entry's realisable outcome, so it has its own small pool with the same shape.)
import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import type { StudyJob, StudyResult } from "./job";
import { runStudyJob } from "./job";
import { sendToChild, stopChildren } from "../../sweep/ipc";

type FromWorker = { readonly type: "ready" } | { readonly type: "result"; readonly result: StudyResult };

export interface StudyPoolOptions {
  readonly workers: number;
  readonly onResult?: (r: StudyResult, done: number, total: number) => void;
}

export async function runStudyJobs(jobs: readonly StudyJob[], opts: StudyPoolOptions): Promise<StudyResult[]> {
  if (jobs.length === 0) return [];
  const order = new Map(jobs.map((j, i) => [j.id, i]));
  const sorted = (rs: StudyResult[]) => rs.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  if (opts.workers <= 1) {
    const out: StudyResult[] = [];
    for (const j of jobs) {
      out.push(await runStudyJob(j));
      opts.onResult?.(out[out.length - 1], out.length, jobs.length);
    }
    return out;
  }
  const ts = __filename.endsWith(".ts");
  const file = path.join(__dirname, ts ? "worker.ts" : "worker.js");
  const execArgv = ts ? ["-r", "ts-node/register/transpile-only"] : [];
  const n = Math.min(opts.workers, jobs.length);
  let next = 0;
  const results: StudyResult[] = [];
  return new Promise((resolve, reject) => {
    const children: ChildProcess[] = [];
    let finished = false;
    const stopAll = () => stopChildren(children);
    const failAll = (e: Error) => {
      if (finished) return;
      finished = true;
      stopAll();
      reject(e);
    };
    for (let i = 0; i < n; i++) {
      const c = fork(file, [], { execArgv, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
      children.push(c);
      c.on("message", (m: FromWorker) => {
        if (m.type === "result") {
          results.push(m.result);
          opts.onResult?.(m.result, results.length, jobs.length);
          if (results.length === jobs.length) {
            finished = true;
            stopAll();
            resolve(sorted(results));
            return;
          }
        }
        if (finished || next >= jobs.length) return;
        const job = jobs[next++];
        sendToChild(c, { type: "run", job }, (e) => failAll(new Error(`study job ${job.id} could not be sent to its worker: ${e.message}`)));
      });
      // a worker that ends before the last result, other than by our "stop", loses its job
      c.on("exit", (code, signal) => {
        failAll(new Error(`study worker exited with ${signal !== null ? `signal ${signal}` : `code ${code}`} before the study's last job`));
      });
      c.on("error", (e) => failAll(e));
    }
  });
}
