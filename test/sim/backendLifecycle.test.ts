// The default backend's node: anvil started by the tool, stopped whatever ends the run (close,
// normal exit, SIGINT, an uncaught exception, SIGKILL of the tool), a taken port handled.
import { expect } from "chai";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { AnvilProcess, anvilArgs, anvilPackage, anyRunning, findAnvil, groupAlive, socketPathFits } from "../../src/sim/chain/node/anvilProcess";
import { HttpRpc } from "../../src/sim/chain/node/httpRpc";
import { IpcRpc } from "../../src/sim/chain/node/ipcRpc";

const CHILD = path.join(__dirname, "fixtures", "anvilChild.ts");

async function gone(pgid: number, ms = 5_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !groupAlive(pgid);
}

/** Runs the child fixture; resolves with the node it started once it printed it. */
function child(mode: string): Promise<{ pgid: number; url: string; ipcPath: string; proc: ReturnType<typeof spawn> }> {
  const proc = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", CHILD, mode], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } });
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line !== undefined) resolve({ ...(JSON.parse(line) as { pgid: number; url: string; ipcPath: string }), proc });
    });
    proc.on("exit", (code) => reject(new Error(`child exited (${code}) before starting anvil: ${out}`)));
  });
}

describe("backend: the anvil node the tool starts @no-coverage", function () {
  this.timeout(120_000);
  const bin = findAnvil();

  before(function () {
    if (bin === undefined) this.skip(); // no binary for this platform: the in-process fallback is tested in backendSelect
  });

  it("names the optional-dependency package per platform, none for an unknown one", () => {
    expect(anvilPackage("linux", "x64")).to.equal("@foundry-rs/anvil-linux-amd64");
    expect(anvilPackage("darwin", "arm64")).to.equal("@foundry-rs/anvil-darwin-arm64");
    expect(anvilPackage("aix", "ppc64")).to.equal(undefined);
    expect(findAnvil({ CIPHER_ANVIL_BIN: "/nonexistent/anvil" })).to.equal(undefined);
  });

  it("binds 127.0.0.1 only, keeps arrival order, prunes history", () => {
    const a = anvilArgs(1234, { hardfork: "osaka" });
    expect(a.slice(0, 4)).to.deep.equal(["--host", "127.0.0.1", "--port", "1234"]);
    expect(a).to.include.members(["--order", "fifo", "--prune-history", "--hardfork", "osaka"]);
    expect(a).to.not.include("--ipc");
    const withIpc = anvilArgs(1234, { ipcPath: "/tmp/x/anvil.ipc" });
    expect(withIpc.slice(withIpc.indexOf("--ipc"), withIpc.indexOf("--ipc") + 2)).to.deep.equal(["--ipc", "/tmp/x/anvil.ipc"]);
  });

  it("with ipc, answers the same JSON-RPC on its IPC socket, in a directory of its own that stop() removes", async () => {
    const node = await AnvilProcess.start(bin as string, { ipc: true });
    const ipcPath = node.ipcPath as string;
    const rpc = await IpcRpc.connect(ipcPath);
    const http = new HttpRpc(node.url);
    try {
      expect(path.basename(path.dirname(ipcPath))).to.match(/^cipher-anvil-/);
      expect(await rpc.send("eth_chainId", [])).to.equal("0x7a69");
      await http.send("evm_mine", []);
      // one chain behind both endpoints
      expect(await rpc.send("eth_blockNumber", [])).to.equal(await http.send("eth_blockNumber", []));
    } finally {
      rpc.close();
      http.close();
      await node.stop();
    }
    expect(await gone(node.pid as number)).to.equal(true);
    expect(fs.existsSync(path.dirname(ipcPath))).to.equal(false);
  });

  it("the default backend reaches its node over the IPC socket, and leaves neither node nor socket directory", async () => {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "fixtures", "backendChild.ts")], { encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, timeout: 90_000 });
    expect(r.status, r.stderr).to.equal(0);
    const line = r.stdout.split("\n").find((l) => l.startsWith("{")) as string;
    const got = JSON.parse(line) as { kind: string; transport: string; chainId: string; ipcPath: string; pgid: number };
    expect([got.kind, got.transport, got.chainId]).to.deep.equal(["anvil", "ipc", "0x7a69"]);
    expect(await gone(got.pgid), "anvil's process group still alive").to.equal(true);
    expect(fs.existsSync(path.dirname(got.ipcPath))).to.equal(false);
  });

  it("a socket path fits in 108 bytes on Linux and 104 on macOS, counted in UTF-8 bytes", () => {
    expect(socketPathFits("/".repeat(108), "linux")).to.equal(true);
    expect(socketPathFits("/".repeat(109), "linux")).to.equal(false);
    expect(socketPathFits("/".repeat(104), "darwin")).to.equal(true);
    expect(socketPathFits("/".repeat(105), "darwin")).to.equal(false);
    expect(socketPathFits("é".repeat(54), "linux")).to.equal(true);
    expect(socketPathFits("é".repeat(55), "linux")).to.equal(false);
  });

  it("with ipc and a temporary directory too long for a socket address (sun_path), starts without a socket (HTTP only) and leaves nothing there", async () => {
    // a socket path of more than 108 bytes (104 on macOS) cannot be bound: anvil exits at once
    const long = fs.mkdtempSync(path.join(os.tmpdir(), `cipher-long-${"d".repeat(100)}-`));
    const before = process.env.TMPDIR;
    process.env.TMPDIR = long;
    let node: AnvilProcess | undefined;
    try {
      node = await AnvilProcess.start(bin as string, { ipc: true });
      expect(node.ipcPath).to.equal(undefined);
      const http = new HttpRpc(node.url);
      try {
        expect(await http.send("eth_chainId", [])).to.equal("0x7a69");
      } finally {
        http.close();
      }
      expect(fs.readdirSync(long)).to.deep.equal([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      await node?.stop();
      fs.rmSync(long, { recursive: true, force: true });
    }
  });

  it("the default backend with such a temporary directory reaches its node over HTTP", async () => {
    const long = fs.mkdtempSync(path.join(os.tmpdir(), `cipher-long-${"d".repeat(100)}-`));
    try {
      const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(__dirname, "fixtures", "backendChild.ts")], { encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", TMPDIR: long }, timeout: 90_000 });
      expect(r.status, r.stderr).to.equal(0);
      const got = JSON.parse(r.stdout.split("\n").find((l) => l.startsWith("{")) as string) as { kind: string; transport: string; chainId: string; ipcPath: string | null; pgid: number };
      expect([got.kind, got.transport, got.chainId, got.ipcPath]).to.deep.equal(["anvil", "http", "0x7a69", null]);
      expect(await gone(got.pgid), "anvil's process group still alive").to.equal(true);
      // (the child's own tools may cache files there)
      expect(fs.readdirSync(long).filter((f) => f.startsWith("cipher-anvil-"))).to.deep.equal([]);
    } finally {
      fs.rmSync(long, { recursive: true, force: true });
    }
  });

  it("removes the socket's directory when the node's whole process group dies (its watcher too), without stop()", async () => {
    // e.g. the group killed from outside, or SIGTERM to every process of a service at once: the
    // watcher cannot remove it, and the exit hooks no longer know the node
    const node = await AnvilProcess.start(bin as string, { ipc: true });
    const dir = path.dirname(node.ipcPath as string);
    try {
      expect(fs.existsSync(dir)).to.equal(true);
      process.kill(-(node.pid as number), "SIGKILL");
      const until = Date.now() + 10_000;
      while (node.running && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      expect(node.running).to.equal(false);
      expect(fs.existsSync(dir), "the node's IPC directory is left behind").to.equal(false);
    } finally {
      await node.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("starts on a free port, answers JSON-RPC, and stop() leaves no process", async () => {
    const node = await AnvilProcess.start(bin as string);
    const rpc = new HttpRpc(node.url);
    try {
      expect(await rpc.send("eth_chainId", [])).to.equal("0x7a69");
      expect(groupAlive(node.pid as number)).to.equal(true);
    } finally {
      rpc.close();
      await node.stop();
    }
    expect(await gone(node.pid as number)).to.equal(true);
    // gone means exited: the port no longer answers (stop() does not wait for init to reap zombies)
    const after = new HttpRpc(node.url);
    try {
      await expect(after.send("eth_chainId", [])).to.be.rejected;
    } finally {
      after.close();
    }
  });

  it("counts a process group of zombies (exited, not yet reaped) as gone, and any running member as alive", () => {
    const proc = (state: string) => ({ fields: [state, "1", "100"] });
    expect(anyRunning([proc("Z"), proc("Z")])).to.equal(false);
    expect(anyRunning([proc("Z"), proc("S")])).to.equal(true);
    expect(anyRunning([proc("R")])).to.equal(true);
    expect(anyRunning([])).to.equal(false);
  });

  it("fails with a clear message on a port already in use, and leaves no process", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      let err: Error | undefined;
      try {
        await AnvilProcess.start(bin as string, { port });
      } catch (e) {
        err = e as Error;
      }
      expect(err?.message).to.match(/could not start anvil: .*in use/i);
    } finally {
      srv.close();
    }
  });

  for (const [backend, extra] of [["the spawned anvil", []], ["the fake economy (no node hook to end the process)", ["--economy", "fake", "--steps", "500000"]]] as const) it(`simulate on ${backend}, interrupted (SIGINT): says what it leaves (a partial run, no summary.json) and ends`, async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-interrupt-"));
    const proc = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/simulate.ts", "--steps", "2000", ...extra, "--quiet", "--out", out], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", HARDHAT_NETWORK: "" } });
    let err = "";
    proc.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.on("exit", (code, signal) => r({ code, signal })));
    // interrupt once the run is under way (its first records written)
    const until = Date.now() + 90_000;
    while (!fs.existsSync(path.join(out, "actions.ndjson")) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    proc.kill("SIGINT");
    const end = await exited;
    expect(end.signal ?? end.code, err).to.be.oneOf(["SIGINT", 130]);
    expect(err).to.include(`interrupted (SIGINT): ${out} holds a partial run (actions.ndjson and metrics.csv as far as written; no summary.json, no report)`);
    expect(fs.existsSync(path.join(out, "summary.json"))).to.equal(false);
    fs.rmSync(out, { recursive: true, force: true });
  });

  for (const [mode, what, signal] of [
    ["wait", "SIGINT", "SIGINT"],
    ["wait", "SIGTERM", "SIGTERM"],
    ["wait", "SIGKILL of the tool (the watcher stops it)", "SIGKILL"],
    ["crash", "an uncaught exception", undefined],
    ["exit", "process.exit", undefined],
  ] as const) {
    it(`stops the node on ${what}`, async () => {
      const c = await child(mode);
      expect(groupAlive(c.pgid)).to.equal(true);
      const exited = new Promise<void>((r) => c.proc.on("exit", () => r()));
      if (signal !== undefined) c.proc.kill(signal);
      await exited;
      expect(await gone(c.pgid), "anvil's process group still alive").to.equal(true);
      expect(fs.existsSync(path.dirname(c.ipcPath)), "the node's IPC directory is left behind").to.equal(false);
    });
  }
});
