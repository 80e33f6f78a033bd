// npm run bench -- [--agents <n>] [--steps <n>] [--naive <n>] [--scenario <file>] [--network <name>]
// Agent transactions per second of the simulation on the default backend (an anvil node the tool
// starts; --network hardhat for in-process), next to, in the same run:
// - the naive loop (unchanged definition): one market.buy per automined block through the
//   TypeChain contract wrapper on the in-process Hardhat network, `await tx.wait()` each (run in a
//   child process: Hardhat loads one network per process), once before and once after the
//   simulation; its rate is both runs' transactions over both runs' seconds;
// - the ceiling: the same blocks' transactions divided by the time the node spent in evm_mine
//   alone (EVM execution and block building, no JSON-RPC round trips, no engine work).
// Last line of output: one JSON object.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { benchCommand } from "../src/cli/toolCommands";
import { loadScenario } from "../src/sim/run";
import { runSimulation } from "../src/sim/engine";
import { FileSink } from "../src/report/fileSink";
import { familiesOf } from "../src/sim/population";

interface BenchOptions {
  readonly agents: number;
  readonly steps: number;
  readonly naive: number;
  readonly scenario: string;
  readonly network?: string;
  readonly naiveOnly?: boolean;
}

function parse(argv: readonly string[]): BenchOptions {
  return benchCommand()
    .parse([...argv], { from: "user" })
    .opts<BenchOptions>();
}

async function naiveLoop(n: number): Promise<{ txs: number; seconds: number }> {
  const { loadHardhat } = await import("../src/sim/chain/hardhat");
  const hre = await loadHardhat("hardhat");
  const { deploySuite } = await import("../src/deploy/suite");
  const { loadConfig } = await import("../deploy/config");
  const suite = await deploySuite(hre, loadConfig("hardhat"));
  const [buyer] = await hre.ethers.getSigners();
  const market = suite.market.connect(buyer);
  const value = 10n ** 16n;
  const deadline = 4_000_000_000n;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const tx = await market.buy(value, 0n, hre.ethers.ZeroAddress, deadline, { value });
    await tx.wait();
  }
  return { txs: n, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** The naive loop in a child process (in-process Hardhat there), its JSON line back. */
function naiveInChild(n: number): { txs: number; seconds: number } {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, "--naive-only", "--naive", String(n)], {
    encoding: "utf8", env: { ...process.env, HARDHAT_NETWORK: "hardhat" }, maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`naive loop failed (${r.status}): ${r.stderr}`);
  return JSON.parse(line) as { txs: number; seconds: number };
}

interface SimResult {
  readonly txs: number;
  /** Of `txs`, how many reverted (mined and failed: slippage, a halted market, ...). */
  readonly reverts: number;
  readonly loopSeconds: number;
  readonly wallSeconds: number;
  readonly rssMb: number;
  readonly nodeRssMb: number;
  readonly backend: string;
  readonly transport: string;
  readonly mineTxs: number;
  readonly mineSeconds: number;
}

async function simulation(o: BenchOptions): Promise<SimResult> {
  const t0 = process.hrtime.bigint();
  const { openBackend } = await import("../src/sim/chain/node/backend");
  const { groupRssBytes } = await import("../src/sim/chain/node/anvilProcess");
  const backend = await openBackend(o.network);
  if (backend.note !== undefined) console.error(`note: ${backend.note}`);
  const { ChainEconomy } = await import("../src/sim/chain/economy"); // after Hardhat compiled: it imports TypeChain factories
  const economy = new ChainEconomy(backend.hre, backend.rpc, { network: backend.network, dialect: backend.kind === "anvil" ? "anvil" : undefined });
  const scenario = loadScenario(o.scenario, { agents: o.agents, steps: o.steps });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-bench-"));
  let loopStart = 0n;
  let loopEnd = 0n;
  let rss = 0;
  let nodeRss = 0;
  let mine0 = { txs: 0, seconds: 0 };
  let mine1 = { txs: 0, seconds: 0 };
  const pgid = backend.process?.pid;
  // Sampled every 250 ms by a timer, not every step: reading the node's process group scans /proc
  // (~5-10 ms), which on the step loop cost ~1 s of a 5-6 s loop.
  const sample = () => {
    const node = pgid !== undefined ? groupRssBytes(pgid) : 0;
    nodeRss = Math.max(nodeRss, node);
    rss = Math.max(rss, process.memoryUsage().rss + node);
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const summary = await runSimulation({
      scenario,
      economy,
      sink: new FileSink(out, familiesOf(scenario), scenario.metrics.chartPoints),
      progress: {
        start: () => {
          sample();
          timer = setInterval(sample, 250);
          mine0 = { ...economy.mineStats };
          loopStart = process.hrtime.bigint();
        },
        update: () => undefined,
        stop: () => {
          loopEnd = process.hrtime.bigint();
          mine1 = { ...economy.mineStats };
          clearInterval(timer);
          sample();
        },
      },
    });
    return {
      txs: summary.totals.txs,
      reverts: summary.totals.reverts,
      loopSeconds: Number(loopEnd - loopStart) / 1e9,
      wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
      rssMb: Math.round(rss / 2 ** 20),
      nodeRssMb: Math.round(nodeRss / 2 ** 20),
      backend: backend.kind,
      transport: backend.transport,
      mineTxs: mine1.txs - mine0.txs,
      mineSeconds: mine1.seconds - mine0.seconds,
    };
  } finally {
    clearInterval(timer);
    await economy.close();
    await backend.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  if (o.naiveOnly === true) {
    console.log(JSON.stringify(await naiveLoop(o.naive)));
    return;
  }
  // The naive loop runs before and after the simulation, and its rate is the two runs' together:
  // this machine's speed drifts within minutes (the naive loop alone measured 104-304 tx/s within
  // one quarter of an hour), and one run before only made the ratio follow that drift.
  const naiveBefore = naiveInChild(o.naive);
  const sim = await simulation(o);
  const naiveAfter = naiveInChild(o.naive);
  const naive = { txs: naiveBefore.txs + naiveAfter.txs, seconds: naiveBefore.seconds + naiveAfter.seconds };
  const naiveTxPerSec = naive.txs / naive.seconds;
  const simTxPerSec = sim.txs / sim.loopSeconds;
  const ceilingTxPerSec = sim.mineSeconds > 0 ? sim.mineTxs / sim.mineSeconds : 0;
  const result = {
    scenario: o.scenario,
    backend: sim.backend,
    transport: sim.transport,
    agents: o.agents,
    steps: o.steps,
    simTxs: sim.txs,
    simReverts: sim.reverts,
    simLoopSeconds: Number(sim.loopSeconds.toFixed(3)),
    wallSeconds: Number(sim.wallSeconds.toFixed(3)),
    simTxPerSec: Number(simTxPerSec.toFixed(1)),
    stepsPerSec: Number((o.steps / sim.loopSeconds).toFixed(2)),
    naiveTxs: naive.txs,
    naiveSeconds: Number(naive.seconds.toFixed(3)),
    naiveTxPerSec: Number(naiveTxPerSec.toFixed(1)),
    naiveBeforeTxPerSec: Number((naiveBefore.txs / naiveBefore.seconds).toFixed(1)),
    naiveAfterTxPerSec: Number((naiveAfter.txs / naiveAfter.seconds).toFixed(1)),
    ratio: Number((simTxPerSec / naiveTxPerSec).toFixed(2)),
    ceilingTxs: sim.mineTxs,
    ceilingSeconds: Number(sim.mineSeconds.toFixed(3)),
    ceilingTxPerSec: Number(ceilingTxPerSec.toFixed(1)),
    ceilingRatio: Number((ceilingTxPerSec / naiveTxPerSec).toFixed(2)),
    peakRssMb: sim.rssMb,
    nodeRssMb: sim.nodeRssMb,
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
  };
  const rows: [string, string][] = [
    ["scenario", `${o.scenario} (${o.agents} agents x ${o.steps} steps)`],
    ["backend", `${sim.backend} (requests over ${sim.transport})`],
    ["simulation agent txs (all mined; reverted ones count too)", `${sim.txs} (${sim.reverts} reverted)`],
    ["simulation loop (s)", sim.loopSeconds.toFixed(2)],
    ["simulation wall incl. start and deploy (s)", sim.wallSeconds.toFixed(2)],
    ["simulation tx/s", simTxPerSec.toFixed(1)],
    ["naive loop tx/s (ethers wrapper, automine, in-process)", `${naiveTxPerSec.toFixed(1)} (run before the simulation ${(naiveBefore.txs / naiveBefore.seconds).toFixed(1)}, after ${(naiveAfter.txs / naiveAfter.seconds).toFixed(1)})`],
    ["ratio simulation / naive", (simTxPerSec / naiveTxPerSec).toFixed(2)],
    ["ceiling tx/s (node's evm_mine alone, same blocks)", ceilingTxPerSec.toFixed(1)],
    ["ratio ceiling / naive", (ceilingTxPerSec / naiveTxPerSec).toFixed(2)],
    ["peak RSS, tool + node (MB)", String(sim.rssMb)],
    ["peak RSS of the node (MB)", String(sim.nodeRssMb)],
    ["load average (1 min)", os.loadavg()[0].toFixed(2)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
