// Sweep worker process: runs the cells its parent sends, one at a time, and reports each result.
import { runCell } from "./cell";
import { isToWorker, type FromWorker } from "./messages";

function send(m: FromWorker): void {
  if (process.send === undefined) throw new Error("the sweep worker must be started with child_process.fork");
  process.send(m);
}

process.on("message", (m: unknown) => {
  if (!isToWorker(m)) return;
  if (m.type === "stop") {
    process.exit(0);
  }
  void runCell(m.job).then((result) => send({ type: "result", result }));
});

send({ type: "ready" });
