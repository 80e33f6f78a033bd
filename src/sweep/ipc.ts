// Messages over a forked process's IPC channel that never end the sender with an unhandled error.
//
// Why: `ChildProcess.send(m)` (and a worker's `process.send(m)`) without a callback reports a
// failed write by emitting "error" on the next tick; with no listener that is an uncaught
// exception. A write fails when the other side is exiting: `connected` is still true until this
// process has handled the channel's close, so checking it first is not enough. The sweep hit it
// after every cell was done: the pool had sent "stop", the worker exited, and the second "stop"
// (scripts/sweep.ts) met a closed pipe (EPIPE): exit code 1 after a complete sweep, about one run
// in three. Every send here passes a callback, so a failed write reaches `onError` or is dropped.
import type { ChildProcess, Serializable } from "child_process";

/**
 * Sends `m` to `child` if its channel is open. A failed write (EPIPE, ERR_IPC_CHANNEL_CLOSED) goes
 * to `onError`, or is dropped when there is none (right for "stop": a child that is gone is stopped).
 * Returns whether the message was handed to the channel (false: it was closed already).
 */
export function sendToChild(child: ChildProcess, m: Serializable, onError?: (e: Error) => void): boolean {
  if (!child.connected) return false;
  child.send(m, (e: Error | null) => {
    if (e !== null && e !== undefined) onError?.(e);
  });
  return true;
}

/** Sends "stop" to every child whose channel is open; a child already exiting is left to exit. */
export function stopChildren(children: Iterable<ChildProcess>): void {
  for (const c of children) sendToChild(c, { type: "stop" });
}

/**
 * Sends `m` from a forked worker to its parent. Throws when this process was not forked; a parent
 * that has gone (every cell done elsewhere, or it failed) is not an error here: the message is dropped.
 */
export function sendToParent(m: Serializable): void {
  if (process.send === undefined) throw new Error("this worker must be started with child_process.fork");
  if (!process.connected) return;
  process.send(m, undefined, undefined, () => undefined);
}
