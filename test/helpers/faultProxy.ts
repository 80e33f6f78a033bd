// A small JSON-RPC proxy on 127.0.0.1 that injects faults into a bounded share of requests, for
// the bots' fault test: drops a request (no answer), loses the answer of a request it did forward
// (the node acted, the caller never hears), delays a request past the caller's time-out, or answers
// 429. Bounded in count (maxFaults) and in time (only between start() and stopFaults()); a seeded
// generator decides, so a run is repeatable for the same request sequence.
import * as http from "http";
import { freePort } from "./anvil";

export type FaultKind = "drop" | "lostAnswer" | "delay" | "tooMany";

export interface FaultOptions {
  /** Share of requests that get a fault, in (0, 1). */
  readonly rate: number;
  readonly maxFaults: number;
  /** Delay of a "delay" fault, ms (above the caller's time-out to force a retry). */
  readonly delayMs: number;
  readonly seed: number;
}

export interface FaultProxy {
  readonly url: string;
  readonly counts: Readonly<Record<FaultKind, number>>;
  /** Requests seen, by JSON-RPC method. */
  readonly methods: Readonly<Record<string, number>>;
  stopFaults(): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator (the test's own; no dependence on Math.random). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS: readonly FaultKind[] = ["drop", "lostAnswer", "delay", "tooMany"];

export async function startFaultProxy(upstream: string, o: FaultOptions): Promise<FaultProxy> {
  const counts: Record<FaultKind, number> = { drop: 0, lostAnswer: 0, delay: 0, tooMany: 0 };
  const methods: Record<string, number> = {};
  const next = rng(o.seed);
  let faulting = true;
  let total = 0;
  const sockets = new Set<import("net").Socket>();

  const forward = async (body: string): Promise<{ status: number; text: string }> => {
    const r = await fetch(upstream, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: r.status, text: await r.text() };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let method = "?";
      try {
        method = (JSON.parse(body) as { method?: string }).method ?? "batch";
      } catch {
        /* not JSON: forwarded as is */
      }
      methods[method] = (methods[method] ?? 0) + 1;
      let fault: FaultKind | undefined;
      if (faulting && total < o.maxFaults && next() < o.rate) {
        fault = KINDS[Math.floor(next() * KINDS.length)];
        counts[fault] += 1;
        total += 1;
      }
      const reply = (status: number, text: string) => {
        if (!res.writableEnded && !res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(text);
      };
      void (async () => {
        try {
          if (fault === "drop") {
            req.socket.destroy();
            return;
          }
          if (fault === "tooMany") {
            reply(429, JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: 429, message: "Too Many Requests" } }));
            return;
          }
          const r = await forward(body);
          if (fault === "lostAnswer") {
            req.socket.destroy();
            return;
          }
          if (fault === "delay") await new Promise((d) => setTimeout(d, o.delayMs));
          reply(r.status, r.text);
        } catch (e) {
          reply(502, JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32603, message: `proxy: ${(e as Error).message}` } }));
        }
      })();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    methods,
    stopFaults: () => {
      faulting = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
