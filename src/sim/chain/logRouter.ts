// Routes a block's logs to their handlers through one map keyed by (emitting contract, topic0):
// a log nobody listens to costs one map lookup, and only routed logs are ABI-decoded (with the
// event's own fragment, no search over interfaces).
import type { EventFragment, Interface, Result } from "ethers";

export interface RawLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

export type LogHandler = (args: Result, log: RawLog) => void;
/** A handler that reads the raw log itself (no ABI decoding). */
export type RawLogHandler = (log: RawLog) => void;

interface Route {
  decode?: { readonly iface: Interface; readonly fragment: EventFragment };
  readonly handlers: ((log: RawLog, args: Result | undefined) => void)[];
}

export class LogRouter {
  private readonly routes = new Map<string, Route>();

  private route(address: string, topic: string, decode?: Route["decode"]): Route {
    const key = address.toLowerCase() + topic;
    let r = this.routes.get(key);
    if (r === undefined) {
      r = { decode, handlers: [] };
      this.routes.set(key, r);
    } else if (r.decode === undefined && decode !== undefined) {
      r.decode = decode;
    }
    return r;
  }

  /** Calls `handler` with the decoded arguments of every `event` emitted by `address`. */
  on(address: string, iface: Interface, event: string, handler: LogHandler): void {
    const fragment = iface.getEvent(event);
    if (fragment === null) throw new Error(`no event ${event} in the interface`);
    this.route(address, fragment.topicHash, { iface, fragment }).handlers.push((log, args) => handler(args as Result, log));
  }

  /** Calls `handler` with the raw log of every `event` emitted by `address` (handler decodes). */
  onRaw(address: string, topic: string, handler: RawLogHandler): void {
    this.route(address, topic).handlers.push((log) => handler(log));
  }

  dispatch(log: RawLog): void {
    const r = this.routes.get(log.address.toLowerCase() + log.topics[0]);
    if (r === undefined) return;
    const args = r.decode === undefined ? undefined : r.decode.iface.decodeEventLog(r.decode.fragment, log.data, log.topics as string[]);
    for (const h of r.handlers) h(log, args);
  }
}
