// Starts an anvil node for one run and guarantees it stops: on close(), on normal exit, on SIGINT
// and SIGTERM, on an uncaught exception, and (through a watcher in the node's own process group)
// even when this process is killed with SIGKILL. 127.0.0.1 only, a free port (another port is
// tried if the chosen one is taken before anvil binds it), mempool in arrival order (the engine
// orders each block itself, see ordering.ts), history pruned, tracing of mined transactions kept
// for a bounded number of blocks.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";

/** npm package of the anvil binary for this platform (optionalDependencies), or undefined. */
export function anvilPackage(platform: string = process.platform, arch: string = process.arch): string | undefined {
  const os = platform === "linux" ? "linux" : platform === "darwin" ? "darwin" : platform === "win32" ? "win32" : undefined;
  const cpu = arch === "x64" ? "amd64" : arch === "arm64" ? "arm64" : undefined;
  return os === undefined || cpu === undefined ? undefined : `@foundry-rs/anvil-${os}-${cpu}`;
}

/** Path of the anvil binary (CIPHER_ANVIL_BIN wins), or undefined when none is installed for this platform. */
export function findAnvil(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.CIPHER_ANVIL_BIN;
  if (explicit !== undefined && explicit !== "") return fs.existsSync(explicit) ? explicit : undefined;
  const pkg = anvilPackage();
  if (pkg === undefined) return undefined;
  try {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    const bin = path.join(dir, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
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

export interface AnvilSettings {
  /** Hardfork name as anvil spells it (the in-process network's, so both run the same EVM rules). */
  readonly hardfork?: string;
  /** Blocks whose mined transactions (receipts and traces) anvil keeps in memory. */
  readonly keepBlocks?: number;
  /** Fixed port (tests of the port-in-use path); default: a free one. */
  readonly port?: number;
  /** Extra anvil arguments. */
  readonly extraArgs?: readonly string[];
  readonly startTimeoutMs?: number;
  /** Ports tried before giving up when the chosen one turns out taken. */
  readonly attempts?: number;
  /** Also serve JSON-RPC on an IPC socket at this path (`--ipc`; a Unix domain socket). */
  readonly ipcPath?: string;
  /**
   * Also serve JSON-RPC on an IPC socket in a fresh temporary directory, removed when the node stops
   * or its process group dies (AnvilProcess.ipcPath). None when the socket's path would not fit a
   * Unix socket address (a long TMPDIR, see socketPathFits) or the directory cannot be made: the
   * node is then reached over HTTP only (ipcPath undefined).
   */
  readonly ipc?: boolean;
}

/** Arguments for anvil: the documented settings of the default backend. */
export function anvilArgs(port: number, s: AnvilSettings = {}): string[] {
  return [
    "--host", "127.0.0.1",
    "--port", String(port),
    "--order", "fifo",
    "--prune-history",
    "--transaction-block-keeper", String(s.keepBlocks ?? 64),
    "--disable-min-priority-fee",
    "--silent",
    ...(s.hardfork !== undefined ? ["--hardfork", s.hardfork] : []),
    ...(s.ipcPath !== undefined ? ["--ipc", s.ipcPath] : []),
    ...(s.extraArgs ?? []),
  ];
}

// The watcher: anvil runs in the background of a small shell; a loop ends anvil as soon as the
// parent (this Node process) is gone, whatever killed it, and removes the node's IPC directory
// (CIPHER_IPC_DIR, if any). The shell, anvil and the loop share a process group, which stop()
// signals as a whole.
const WRAPPER = [
  '"$0" "$@" & a=$!',
  '( while kill -0 "$CIPHER_PARENT_PID" 2>/dev/null && kill -0 "$a" 2>/dev/null; do sleep 0.2; done; kill "$a" 2>/dev/null; if [ -n "$CIPHER_IPC_DIR" ]; then rm -rf "$CIPHER_IPC_DIR"; fi ) &',
  'wait "$a"',
].join("\n");

/** Whether `p` fits a Unix socket address (sockaddr_un's sun_path: 108 bytes on Linux, 104 on macOS and the BSDs); anvil exits when its `--ipc` path does not. */
export function socketPathFits(p: string, platform: string = process.platform): boolean {
  return Buffer.byteLength(p) <= (platform === "linux" ? 108 : 104);
}

const IPC_PREFIX = "cipher-anvil-";
const IPC_NAME = "anvil.ipc";

/** A fresh directory for the node's IPC socket, or undefined when the socket's path would not fit or it cannot be made. */
function makeIpcDir(): string | undefined {
  const base = os.tmpdir();
  // (mkdtemp adds 6 characters to the prefix)
  if (!socketPathFits(path.join(base, `${IPC_PREFIX}XXXXXX`, IPC_NAME))) return undefined;
  try {
    return fs.mkdtempSync(path.join(base, IPC_PREFIX));
  } catch {
    return undefined;
  }
}

const live = new Set<AnvilProcess>();
let hooked = false;

function stopAllSync(): void {
  for (const a of live) a.stopSync();
}

function hookProcess(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", stopAllSync);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      stopAllSync();
      // the default action of the signal (the process ends as if the handler were not there)
      process.kill(process.pid, sig);
    });
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }), signal: AbortSignal.timeout(1_000) });
    return r.ok;
  } catch {
    return false;
  }
}

export class AnvilProcess {
  private exited = false;
  private stderr = "";

  private constructor(private readonly child: ChildProcess, readonly port: number, private readonly ipcDir?: string) {
    child.on("exit", () => {
      this.exited = true;
      live.delete(this);
      // the group's shell is gone: so is the node (or it is being stopped); if its watcher died too
      // (the whole group killed), nothing else would remove the socket's directory
      if (ipcDir !== undefined) fs.rmSync(ipcDir, { recursive: true, force: true });
    });
    child.stderr?.on("data", (d: Buffer) => {
      if (this.stderr.length < 4096) this.stderr += d.toString();
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The node's IPC socket, if it was started with one (`ipc`). */
  get ipcPath(): string | undefined {
    return this.ipcDir !== undefined ? path.join(this.ipcDir, IPC_NAME) : undefined;
  }

  /** Process group id (the shell's pid): anvil and its watcher are in it. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return !this.exited;
  }

  /**
   * Starts anvil on a free port and waits until it answers. A port taken between choosing and
   * binding (anvil exits at once with "Address already in use") is retried on another port; a
   * fixed `port` that is taken fails with that message.
   */
  static async start(bin: string, s: AnvilSettings = {}): Promise<AnvilProcess> {
    hookProcess();
    const attempts = s.port !== undefined ? 1 : (s.attempts ?? 5);
    let lastError = "";
    for (let i = 0; i < attempts; i++) {
      const port = s.port ?? (await freePort());
      const ipcDir = s.ipc === true ? makeIpcDir() : undefined;
      const args = anvilArgs(port, ipcDir !== undefined ? { ...s, ipcPath: path.join(ipcDir, IPC_NAME) } : s);
      const child = spawn("sh", ["-c", WRAPPER, bin, ...args], {
        detached: true,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, CIPHER_PARENT_PID: String(process.pid), CIPHER_IPC_DIR: ipcDir ?? "" },
      });
      const node = new AnvilProcess(child, port, ipcDir);
      live.add(node);
      const until = Date.now() + (s.startTimeoutMs ?? 30_000);
      while (node.running && Date.now() < until) {
        if (await answers(node.url)) return node;
        await new Promise((r) => setTimeout(r, 50));
      }
      lastError = node.running ? `anvil did not answer on ${node.url} within ${s.startTimeoutMs ?? 30_000} ms` : `anvil exited: ${node.stderr.trim() || "no message"}`;
      await node.stop();
      if (!/in use/i.test(lastError)) break;
    }
    throw new Error(`could not start anvil: ${lastError}`);
  }

  /** Signals the whole process group (shell, anvil, watcher). */
  stopSync(): void {
    live.delete(this);
    if (this.ipcDir !== undefined) fs.rmSync(this.ipcDir, { recursive: true, force: true });
    if (this.exited || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, "SIGTERM");
    } catch {
      // gone already
    }
  }

  /** Stops anvil and waits until its process group is gone. */
  async stop(): Promise<void> {
    const pid = this.child.pid;
    this.stopSync();
    if (pid === undefined) return;
    const until = Date.now() + 5_000;
    while (Date.now() < until && groupAlive(pid)) await new Promise((r) => setTimeout(r, 25));
    if (groupAlive(pid)) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
}

/**
 * Whether any process of the group `pgid` is still running. A zombie does not count: it has exited
 * and holds nothing but its pid until its new parent reaps it, which in a container whose init reaps
 * late took ~1.7 s after every stop (the group's shell dies first, so anvil and the watcher are
 * reparented). Without /proc, any process of the group counts.
 */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  const procs = groupStats(pgid);
  return procs === undefined || anyRunning(procs);
}

/** Whether any of these processes is not a zombie (state "Z" in /proc/<pid>/stat). */
export function anyRunning(procs: readonly { readonly fields: readonly string[] }[]): boolean {
  return procs.some((p) => p.fields[0] !== "Z");
}

/** Each process of the group `pgid`, zombies included: its pid and its stat fields after the command name (state(0) ppid(1) pgrp(2) ... utime(11) stime(12)); undefined without /proc (not Linux). */
function groupStats(pgid: number): { readonly pid: string; readonly fields: readonly string[] }[] | undefined {
  let dirs: string[];
  try {
    dirs = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const out: { pid: string; fields: string[] }[] = [];
  for (const d of dirs) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      // the command name may contain spaces: fields start after its closing parenthesis
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) out.push({ pid: d, fields });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Resident memory of every process of the group `pgid` (Linux /proc; 0 elsewhere), in bytes. */
export function groupRssBytes(pgid: number): number {
  let total = 0;
  for (const { pid } of groupStats(pgid) ?? []) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m !== null) total += Number(m[1]) * 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU time (user + system) every process of the group `pgid` has used so far (Linux /proc; 0 elsewhere), in seconds. */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const { fields } of groupStats(pgid) ?? []) ticks += Number(fields[11]) + Number(fields[12]);
  return ticks / CLOCK_TICKS;
}

/** Linux's USER_HZ (clock ticks per second in /proc/<pid>/stat): 100 on every mainstream kernel. */
const CLOCK_TICKS = 100;
