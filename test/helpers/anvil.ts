// Starts anvil (a separate node nobody here wrote) on a free port for an end-to-end test, and stops
// it again. anvil runs in its own process group so `stop` ends both npx and the anvil binary it
// started (killing only npx leaves anvil running).
import { spawn, type ChildProcess } from "child_process";
import * as net from "net";

export interface AnvilNode {
  readonly url: string;
  readonly port: number;
  stop(): void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForRpc(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`anvil did not answer on ${url} within ${ms} ms`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Starts `npx anvil` on a free port with the extra arguments and waits until it answers. */
export async function startAnvil(extraArgs: readonly string[] = [], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<AnvilNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("npx", ["anvil", "--port", String(port), "--silent", ...extraArgs], { cwd: opts.cwd, detached: true, stdio: "ignore" });
  const stop = () => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  };
  try {
    await waitForRpc(url, opts.timeoutMs ?? 60_000);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, port, stop };
}
