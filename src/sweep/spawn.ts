// Starting sweep worker processes, kept light (no simulation modules): the sweep command forks its
// workers as soon as its arguments are parsed, before it loads the rest of itself, so their start
// (ts-node, imports, their node and Hardhat) overlaps its own (see pool.ts).
import { fork, type ChildProcess } from "child_process";
import * as path from "path";
import { isFromWorker } from "./messages";
import { stopChildren } from "./ipc";
import { COMPILED_ENV } from "../sim/chain/hardhat";

/** The environment of a forked worker: warm up the chain backend of this network ("" = the default) at start. */
export const WARM_ENV = "CIPHER_SWEEP_WARM";

export interface WarmSpec {
  readonly network?: string;
  /** Environment the workers start with (e.g. CIPHER_COMPILED=1: the parent compiles before any cell reaches them). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The chain economy's warm-up: the network's node and Hardhat, compiled by the parent before any cell. */
export function chainWarm(network: string | undefined): WarmSpec {
  return { ...(network !== undefined ? { network } : {}), env: { [COMPILED_ENV]: "1" } };
}

export interface StartedWorker {
  readonly child: ChildProcess;
  /** Set when the worker said "ready" (its first cell may be sent). */
  readonly ready: () => boolean;
}

function workerEntry(): { file: string; execArgv: string[] } {
  const ts = __filename.endsWith(".ts");
  const file = path.join(__dirname, ts ? "worker.ts" : "worker.js");
  return { file, execArgv: ts ? ["-r", "ts-node/register/transpile-only"] : [] };
}

export function startWorkers(count: number, warm?: WarmSpec): StartedWorker[] {
  const { file, execArgv } = workerEntry();
  const env = { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", ...(warm !== undefined ? { [WARM_ENV]: warm.network ?? "", ...warm.env } : {}) };
  return Array.from({ length: Math.max(0, count) }, () => {
    const child = fork(file, [], { execArgv, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let ready = false;
    child.on("message", (m: unknown) => {
      if (isFromWorker(m) && m.type === "ready") ready = true;
    });
    return { child, ready: () => ready };
  });
}

/** Stops workers that will get no cell (e.g. the sweep failed before its pool ran). */
export function stopWorkers(ws: readonly StartedWorker[]): void {
  stopChildren(ws.map((w) => w.child));
}
