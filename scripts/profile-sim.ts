// npm run profile -- [--agents <n>] [--steps <n>] [--scenario <file>]
// Where the simulation's step loop spends its time, on the default backend (an anvil the tool
// starts) or --network hardhat: wall time per economy call (observe, accounts, submit, mine,
// applyEvent), per JSON-RPC request and per batch (labelled by its methods, with counts), and the
// two in-process EDR paths that are not JSON-RPC through Hardhat (evm_mine sent to EDR, converting
// a reverted transaction's trace). Concurrent requests overlap, so rows do not add up
// to the loop time. Used for docs/simulation.md's Performance section.
import * as fs from "fs";
import { Session } from "inspector";
import * as os from "os";
import * as path from "path";
import { profileCommand } from "../src/cli/toolCommands";
import { loadScenario } from "../src/sim/run";
import { runSimulation } from "../src/sim/engine";
import { FileSink } from "../src/report/fileSink";
import { familiesOf } from "../src/sim/population";
import type { Economy } from "../src/sim/economy";
import type { RpcSender } from "../src/sim/chain/rpc";

interface Options {
  readonly agents: number;
  readonly steps: number;
  readonly scenario: string;
}

class Timers {
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();
  add(label: string, t0: bigint): void {
    this.ms.set(label, (this.ms.get(label) ?? 0) + Number(process.hrtime.bigint() - t0) / 1e6);
    this.calls.set(label, (this.calls.get(label) ?? 0) + 1);
  }
  async time<T>(label: string, f: () => Promise<T>): Promise<T> {
    const t0 = process.hrtime.bigint();
    try {
      return await f();
    } finally {
      this.add(label, t0);
    }
  }
  reset(): void {
    this.ms.clear();
    this.calls.clear();
  }
}

function timedEconomy(e: Economy, t: Timers): Economy {
  return {
    name: e.name,
    setup: (s, a) => e.setup(s, a),
    observe: (step, ts) => t.time("economy.observe", () => e.observe(step, ts)),
    accounts: (a) => t.time("economy.accounts", () => e.accounts(a)),
    submit: (tx) => t.time("economy.submit", () => e.submit(tx)),
    applyEvent: (ev, step) => t.time("economy.applyEvent", () => e.applyEvent(ev, step)),
    mine: (ts) => t.time("economy.mine", () => e.mine(ts)),
    close: () => e.close(),
    // The optional parts too: without them the engine values tokens at spot and skips the ledger
    // check (a cheaper loop than the real one, and other metrics).
    ...(e.valuation !== undefined ? { valuation: (a: readonly string[], x: readonly bigint[]) => t.time("economy.valuation", () => (e.valuation as NonNullable<Economy["valuation"]>).call(e, a, x)) } : {}),
    ...(e.books !== undefined ? { books: () => t.time("economy.books", () => (e.books as NonNullable<Economy["books"]>).call(e)) } : {}),
    ...(e.effectiveSettings !== undefined ? { effectiveSettings: () => (e.effectiveSettings as NonNullable<Economy["effectiveSettings"]>).call(e) } : {}),
    ...(e.settingChanges !== undefined ? { settingChanges: () => (e.settingChanges as NonNullable<Economy["settingChanges"]>).call(e) } : {}),
  };
}

/** The V8 CPU profiler of this process through the inspector, around the step loop only. */
class CpuProfile {
  private readonly session = new Session();
  done: Promise<void> = Promise.resolve();

  start(): void {
    this.session.connect();
    this.session.post("Profiler.enable");
    this.session.post("Profiler.setSamplingInterval", { interval: 200 });
    this.session.post("Profiler.start");
  }

  stop(file: string): void {
    this.done = new Promise((resolve, reject) => {
      this.session.post("Profiler.stop", (err, r) => {
        if (err !== null) return reject(err);
        fs.writeFileSync(file, JSON.stringify(r.profile));
        this.session.disconnect();
        resolve();
      });
    });
  }
}

async function main(): Promise<void> {
  const o = profileCommand()
    .parse(process.argv.slice(2), { from: "user" })
    .opts<Options & { network?: string; cpuProf?: string }>();
  const cpu = o.cpuProf !== undefined ? new CpuProfile() : undefined;
  const { openBackend } = await import("../src/sim/chain/node/backend");
  const backend = await openBackend(o.network);
  if (backend.note !== undefined) console.error(`note: ${backend.note}`);
  const { ChainEconomy } = await import("../src/sim/chain/economy"); // after Hardhat compiled
  const { EdrMiner, MinedTraces } = await import("../src/sim/chain/edrTraces");
  const t = new Timers();
  const mine = EdrMiner.prototype.mine;
  EdrMiner.prototype.mine = function (this: typeof EdrMiner.prototype) {
    return t.time("edr evm_mine (direct)", () => mine.call(this));
  };
  const result = MinedTraces.prototype.result;
  MinedTraces.prototype.result = function (this: typeof MinedTraces.prototype, i: number) {
    const t0 = process.hrtime.bigint();
    try {
      return result.call(this, i);
    } finally {
      t.add("edr trace conversion (reverts)", t0);
    }
  };
  const inner = backend.rpc as RpcSender & { batch?: (c: readonly { method: string; params: unknown[] }[]) => Promise<unknown[]> };
  // Each request and each batch (labelled by its methods) is timed; EDR's direct paths are found under Hardhat's provider.
  const sender = {
    send: (m: string, p: unknown[]) => t.time(`rpc ${m}`, () => inner.send(m, p)),
    ...(inner.batch !== undefined
      ? { batch: (c: readonly { method: string; params: unknown[] }[]) => t.time(`batch ${[...new Set(c.map((x) => x.method))].join("+")}`, () => (inner.batch as NonNullable<typeof inner.batch>)(c)) }
      : {}),
  } as RpcSender;
  const economy = new ChainEconomy(backend.hre, sender, { network: backend.network, edrSource: backend.rpc, dialect: backend.kind === "anvil" ? "anvil" : undefined });
  const scenario = loadScenario(o.scenario, { agents: o.agents, steps: o.steps });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-profile-"));
  let t0 = 0n;
  let t1 = 0n;
  // CPU time over the loop, of this process and of the node (a spawned anvil): under load from
  // other processes it measures work where wall time measures the neighbours
  const { groupCpuSeconds } = await import("../src/sim/chain/node/anvilProcess");
  const nodeCpu = (): number => (backend.process?.pid !== undefined ? groupCpuSeconds(backend.process.pid) : 0);
  let cpu0 = { tool: process.cpuUsage(), node: 0 };
  let cpuLoop = { tool: 0, node: 0 };
  try {
    const summary = await runSimulation({
      scenario,
      economy: timedEconomy(economy, t),
      sink: new FileSink(out, familiesOf(scenario), scenario.metrics.chartPoints),
      progress: {
        start: () => {
          cpu?.start();
          t.reset();
          cpu0 = { tool: process.cpuUsage(), node: nodeCpu() };
          t0 = process.hrtime.bigint();
        },
        update: () => undefined,
        stop: () => {
          t1 = process.hrtime.bigint();
          const u = process.cpuUsage(cpu0.tool);
          cpuLoop = { tool: (u.user + u.system) / 1e6, node: nodeCpu() - cpu0.node };
          cpu?.stop(o.cpuProf as string);
        },
      },
    });
    await cpu?.done;
    const loopMs = Number(t1 - t0) / 1e6;
    console.log(`${backend.kind} over ${backend.transport}: ${o.agents} agents x ${o.steps} steps: ${summary.totals.txs} agent txs (${summary.totals.reverts} reverted), loop ${(loopMs / 1000).toFixed(2)} s, ${((summary.totals.txs / loopMs) * 1000).toFixed(1)} tx/s (load ${os.loadavg()[0].toFixed(1)})`);
    console.log(`blocks read without receipts: ${economy.blockReads.lean}, with receipts after all: ${economy.blockReads.fallback} (in-process: receipts always)`);
    console.log(`blocks mined out of the order sent: ${economy.reorderedBlocks} (expected 0)`);
    console.log(`account reads answered by the block's read batch: ${economy.accountReads.answered}, with a read of their own for the rest: ${economy.accountReads.topUp}`);
    console.log(`valuations quoted in TypeScript (linear curve): ${economy.quoteStats.local}, by the lens: ${economy.quoteStats.lens}`);
    console.log(`cpu over the loop: tool ${cpuLoop.tool.toFixed(2)} s, node ${backend.process !== undefined ? `${cpuLoop.node.toFixed(2)} s` : "n/a (not spawned)"}`);
    const rows = [...t.ms.entries()].sort((a, b) => b[1] - a[1]);
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log(`${"what".padEnd(w)}  ${"ms".padStart(8)}  ${"calls".padStart(7)}`);
    for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v.toFixed(0).padStart(8)}  ${String(t.calls.get(k)).padStart(7)}`);
    console.log("economy.* rows include their RPC rows; the loop minus economy.* is the engine's own JavaScript (policies, metrics, output).");
  } finally {
    await economy.close();
    await backend.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
