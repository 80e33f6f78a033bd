// Terminal progress bar with steps/s (display only: wall-clock time never reaches an output file).
import { SingleBar } from "cli-progress";
import type { ProgressSink } from "../sim/records";

export function progressBar(label: string): ProgressSink {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total} steps | {speed} steps/s | ETA {eta_formatted}`,
    barCompleteChar: "#",
    barIncompleteChar: "-",
    hideCursor: true,
    etaBuffer: 50,
    fps: 5,
  });
  let t0 = 0;
  return {
    start(total) {
      t0 = Date.now();
      bar.start(total, 0, { speed: "0" });
    },
    update(done) {
      const secs = (Date.now() - t0) / 1000;
      bar.update(done, { speed: secs > 0 ? (done / secs).toFixed(1) : "0" });
    },
    stop() {
      bar.stop();
    },
  };
}
