// Sweep worker process: runs the cells its parent sends, one at a time, and reports each result.
import { runCell } from "./cell";
import type { CellJob } from "./cell";
import { isToWorker, type DeploymentCounts, type FromWorker } from "./messages";

function deploymentsOf(job: CellJob): { deployments?: DeploymentCounts } {
  if (job.economy !== "chain") return {};
  // loaded by the cell already
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const c = (require("../sim/chain") as typeof import("../sim/chain")).keptDeployment(job.network)?.counts;
  return c === undefined ? {} : { deployments: { ...c } };
}

function send(m: FromWorker): void {
  if (process.send === undefined) throw new Error("the sweep worker must be started with child_process.fork");
  process.send(m);
}

process.on("message", (m: unknown) => {
  if (!isToWorker(m)) return;
  if (m.type === "stop") {
    process.exit(0);
  }
  const job = m.job;
  void runCell(job).then((result) => send({ type: "result", result, ...deploymentsOf(job) }));
});

send({ type: "ready" });
