// Opt-in timing of a sweep's processes (CIPHER_SWEEP_TRACE=1): one stderr line per event with the
// wall clock (ms since the epoch, comparable across processes), the process and, after a cell, the
// CPU this process and its node (the spawned anvil's process group) have used so far. For
// measuring where a sweep's time goes (docs/simulation.md, Sweeps); nothing reads these lines.
import { groupCpuSeconds } from "../sim/chain/node/anvilProcess";

export const TRACE_ENV = "CIPHER_SWEEP_TRACE";

export function tracing(): boolean {
  return process.env[TRACE_ENV] === "1";
}

export function trace(what: string, nodePgid?: number): void {
  if (!tracing()) return;
  const c = process.cpuUsage();
  const cpu = ((c.user + c.system) / 1e6).toFixed(2);
  const node = nodePgid !== undefined ? ` nodeCpu=${groupCpuSeconds(nodePgid).toFixed(2)}` : "";
  process.stderr.write(`sweep-trace ${Date.now()} pid=${process.pid} start=${Math.round(Date.now() - process.uptime() * 1000)} ${what} cpu=${cpu}${node}\n`);
}
