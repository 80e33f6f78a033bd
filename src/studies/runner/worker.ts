// Study worker process: runs the jobs its parent sends, one at a time.
import { runStudyJob, type StudyJob } from "./job";
import { sendToParent } from "../../sweep/ipc";

type ToWorker = { readonly type: "run"; readonly job: StudyJob } | { readonly type: "stop" };

process.on("message", (m: ToWorker) => {
  if (m.type === "stop") process.exit(0);
  if (m.type === "run") void runStudyJob(m.job).then((result) => sendToParent({ type: "result", result }));
});
sendToParent({ type: "ready" });
