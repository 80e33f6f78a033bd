// Messages between the sweep parent and its worker processes.
import type { CellJob } from "./cell";
import type { CellResult } from "./aggregate";

export type ToWorker = { readonly type: "run"; readonly job: CellJob } | { readonly type: "stop" };
/** A worker's deployments so far on its kept node: made, and reused by a later cell (chain economy). */
export interface DeploymentCounts {
  readonly deployed: number;
  readonly reused: number;
}
export type FromWorker = { readonly type: "ready" } | { readonly type: "result"; readonly result: CellResult; readonly deployments?: DeploymentCounts };

export function isFromWorker(m: unknown): m is FromWorker {
  return typeof m === "object" && m !== null && "type" in m && ((m as { type: unknown }).type === "ready" || (m as { type: unknown }).type === "result");
}

export function isToWorker(m: unknown): m is ToWorker {
  return typeof m === "object" && m !== null && "type" in m && ((m as { type: unknown }).type === "run" || (m as { type: unknown }).type === "stop");
}
