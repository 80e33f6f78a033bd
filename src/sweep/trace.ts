// Opt-in timing of a sweep's processes (CIPHER_SWEEP_TRACE=1): one stderr line per event with the
// wall clock (ms since the epoch, comparable across processes), the process and, after a cell, the
// CPU this process and its node (the spawned anvil's process group) have used so far. For
// measuring where a sweep's time goes (docs/simulation.md, Sweeps); nothing reads these lines.
import * as fs from "fs";

export const TRACE_ENV = "CIPHER_SWEEP_TRACE";

export function tracing(): boolean {
  return process.env[TRACE_ENV] === "1";
}

/** User + system CPU seconds of every process in a process group (Linux /proc; 0 elsewhere). */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  let dirs: string[];
  try {
    dirs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const d of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // after the command: state(0) ppid(1) pgrp(2) ... utime(11) stime(12)
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

export function trace(what: string, nodePgid?: number): void {
  if (!tracing()) return;
  const c = process.cpuUsage();
  const cpu = ((c.user + c.system) / 1e6).toFixed(2);
  const node = nodePgid !== undefined ? ` nodeCpu=${groupCpuSeconds(nodePgid).toFixed(2)}` : "";
  process.stderr.write(`sweep-trace ${Date.now()} pid=${process.pid} start=${Math.round(Date.now() - process.uptime() * 1000)} ${what} cpu=${cpu}${node}\n`);
}
