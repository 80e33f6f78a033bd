// Runs study jobs in forked worker processes (one per core by default), results in job order.
// (The sweep's pool runs sweep cells, which return only summary objectives; a study needs every
// population entry's realisable outcome, so it has its own small pool with the same shape.)
import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import type { StudyJob, StudyResult } from "./job";
import { runStudyJob } from "./job";

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
    const stopAll = () => children.forEach((c) => c.connected && c.send({ type: "stop" }));
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
        if (next < jobs.length) c.send({ type: "run", job: jobs[next++] });
      });
      c.on("exit", (code) => {
        if (!finished && code !== 0) {
          finished = true;
          stopAll();
          reject(new Error(`study worker exited with code ${code}`));
        }
      });
    }
  });
}
