// Routes a block's logs to their handlers through one map keyed by (emitting contract, topic0):
// a log nobody listens to costs one map lookup, and only routed logs are ABI-decoded (with the
// event's own fragment, no search over interfaces).
import { AbiCoder, Result, type EventFragment, type Interface, type ParamType } from "ethers";

export interface RawLog {
  readonly address: string;
  readonly topics: readonly string[];
  readonly data: string;
}

export type LogHandler = (args: Result, log: RawLog) => void;
/** A handler that reads the raw log itself (no ABI decoding). */
export type RawLogHandler = (log: RawLog) => void;

/**
 * Decodes an event's arguments in declaration order: indexed ones from the topics, the others from
 * the data in one ABI decode. (ethers' decodeEventLog recomputes the event's topic hash, a keccak,
 * on every call.) Indexed dynamic types (hashed into the topic) are given as the topic itself,
 * indexed addresses in lower case.
 */
function eventDecoder(fragment: EventFragment): (log: RawLog) => Result {
  const coder = AbiCoder.defaultAbiCoder();
  const inputs: readonly ParamType[] = fragment.inputs;
  const dataTypes = inputs.filter((p) => !p.indexed);
  // Data of one-word value types only (uintN, intN, bool): read word by word, no ABI coder (ethers'
  // decode builds a Result through its generic coders: ~0.1 ms per log). Anything else: the coder.
  const words = dataTypes.every((p) => /^u?int\d*$/.test(p.type) || p.type === "bool") ? dataTypes.map((p) => wordReader(p.type)) : undefined;
  return (log) => {
    const data = words !== undefined ? readWords(words, log.data) : coder.decode(dataTypes, log.data);
    const out: unknown[] = [];
    let t = 1;
    let d = 0;
    for (const p of inputs) {
      if (!p.indexed) out.push(data[d++]);
      else if (p.isTuple() || p.isArray() || p.type === "string" || p.type === "bytes") out.push(log.topics[t++]);
      // lower-case, not checksummed (a checksum is a keccak; handlers compare lower-case or checksum themselves)
      else if (p.type === "address") out.push("0x" + log.topics[t++].slice(26).toLowerCase());
      else if (/^uint\d*$/.test(p.type)) out.push(BigInt(log.topics[t++]));
      else out.push(coder.decode([p], log.topics[t++])[0]);
    }
    return Result.fromItems(out);
  };
}

type WordReader = (hex: string) => unknown;

/** Reads one ABI word (64 hex digits) of a uintN, intN or bool as ethers decodes it (bigint, bigint, boolean). */
function wordReader(type: string): WordReader {
  if (type === "bool") return (w) => BigInt("0x" + w) !== 0n;
  if (type.startsWith("uint")) return (w) => BigInt("0x" + w);
  const bits = Number(type.slice(3) || "256");
  return (w) => BigInt.asIntN(bits, BigInt("0x" + w));
}

function readWords(readers: readonly WordReader[], data: string): unknown[] {
  if (data.length < 2 + 64 * readers.length) throw new Error(`log data too short for ${readers.length} words`);
  return readers.map((r, i) => r(data.slice(2 + 64 * i, 66 + 64 * i)));
}

interface Route {
  decode?: (log: RawLog) => Result;
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
    // (the topic hash is computed once here, at registration)
    const fragment = iface.getEvent(event);
    if (fragment === null) throw new Error(`no event ${event} in the interface`);
    this.route(address, fragment.topicHash, eventDecoder(fragment)).handlers.push((log, args) => handler(args as Result, log));
  }

  /** Calls `handler` with the raw log of every `event` emitted by `address` (handler decodes). */
  onRaw(address: string, topic: string, handler: RawLogHandler): void {
    this.route(address, topic).handlers.push((log) => handler(log));
  }

  dispatch(log: RawLog): void {
    const r = this.routes.get(log.address.toLowerCase() + log.topics[0]);
    if (r === undefined) return;
    const args = r.decode === undefined ? undefined : r.decode(log);
    for (const h of r.handlers) h(log, args);
  }
}
