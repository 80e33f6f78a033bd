// Sweep worker process: runs the cells its parent sends, one at a time, and reports each result.
// With the chain economy (WARM_ENV set) it opens its node and loads Hardhat as soon as it starts,
// while the parent compiles, when the compiled contracts exist already (on a fresh clone it waits
// for its first cell instead: loading Hardhat then would compile here too, at the same time).
import * as fs from "fs";
import * as path from "path";
import { runCell, type CellJob } from "./cell";
import { isToWorker, type DeploymentCounts, type FromWorker } from "./messages";
import { WARM_ENV } from "./spawn";
import { trace } from "./trace";
import { sendToParent } from "./ipc";

// the parent may have finished every cell itself and gone before this worker started: dropped then
const send = (m: FromWorker): void => sendToParent(m);

process.on("disconnect", () => process.exit(0));

function chain(): typeof import("../sim/chain") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../sim/chain") as typeof import("../sim/chain");
}

function deploymentsOf(job: CellJob): { deployments?: DeploymentCounts } {
  if (job.economy !== "chain") return {};
  const c = chain().keptDeployment(job.network)?.counts;
  return c === undefined ? {} : { deployments: { ...c } };
}

function nodePgid(job: CellJob): number | undefined {
  return job.economy === "chain" ? chain().keptNodePgid(job.network) : undefined;
}

function compiled(): boolean {
  return fs.existsSync(path.join("artifacts", "contracts", "lens", "CipherLens.sol", "CipherLens.json")) && fs.existsSync(path.join("typechain-types", "index.ts"));
}

process.on("message", (m: unknown) => {
  if (!isToWorker(m)) return;
  if (m.type === "stop") {
    process.exit(0);
  }
  const job = m.job;
  trace(`cell ${job.cell.index} start`);
  void runCell(job).then((result) => {
    const d = deploymentsOf(job);
    trace(`cell ${job.cell.index} end deployed=${d.deployments?.deployed ?? "-"} reused=${d.deployments?.reused ?? "-"}`, nodePgid(job));
    send({ type: "result", result, ...d });
  });
});

const warm = process.env[WARM_ENV];
if (warm !== undefined && compiled()) {
  // a failure here is the first cell's to report (it opens the backend again)
  chain().keptBackend(warm === "" ? undefined : warm).then(() => trace("warm"), () => undefined);
}
trace("ready");
send({ type: "ready" });
