// npm run bench -- [--agents <n>] [--steps <n>] [--naive <n>] [--scenario <file>]
// Agent transactions per second of the simulation on the in-process Hardhat network, next to a
// naive loop measured in the same process: one market.buy per automined block through the
// TypeChain contract wrapper. Last line of output: one JSON object.
import { Command } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { positiveInt } from "../src/cli/simulateCli";
import { loadScenario } from "../src/sim/run";
import { loadHardhat } from "../src/sim/chain/hardhat";
import { runSimulation } from "../src/sim/engine";
import { FileSink } from "../src/report/fileSink";
import { familiesOf } from "../src/sim/population";
import { deploySuite } from "../src/deploy/suite";
import { loadConfig } from "../deploy/config";

interface BenchOptions {
  readonly agents: number;
  readonly steps: number;
  readonly naive: number;
  readonly scenario: string;
}

function parse(argv: readonly string[]): BenchOptions {
  const o = new Command("bench")
    .option("--agents <n>", "agents in the simulated population", positiveInt, 200)
    .option("--steps <n>", "steps (blocks) of the simulation", positiveInt, 100)
    .option("--naive <n>", "transactions in the naive loop", positiveInt, 500)
    .option("--scenario <file>", "scenario (the fixed benchmark scenario by default)", "scenarios/default.json")
    .parse([...argv], { from: "user" })
    .opts<BenchOptions>();
  return o;
}

async function naiveLoop(n: number): Promise<{ txs: number; seconds: number }> {
  const hre = await loadHardhat("hardhat");
  const snap = (await hre.network.provider.send("evm_snapshot", [])) as string;
  try {
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
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { txs: n, seconds };
  } finally {
    await hre.network.provider.send("evm_revert", [snap]);
  }
}

async function simulation(o: BenchOptions): Promise<{ txs: number; loopSeconds: number; wallSeconds: number; rssMb: number }> {
  const scenario = loadScenario(o.scenario, { agents: o.agents, steps: o.steps });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-bench-"));
  const t0 = process.hrtime.bigint();
  let loopStart = 0n;
  let loopEnd = 0n;
  let rss = 0;
  const { createChainEconomy } = await import("../src/sim/chain/economy"); // after loadHardhat compiled: it imports TypeChain factories
  const economy = await createChainEconomy({ network: "hardhat" });
  try {
    const summary = await runSimulation({
      scenario,
      economy,
      sink: new FileSink(out, familiesOf(scenario), scenario.metrics.chartPoints),
      progress: {
        start: () => (loopStart = process.hrtime.bigint()),
        update: () => (rss = Math.max(rss, process.memoryUsage().rss)),
        stop: () => (loopEnd = process.hrtime.bigint()),
      },
    });
    return {
      txs: summary.totals.txs,
      loopSeconds: Number(loopEnd - loopStart) / 1e9,
      wallSeconds: Number(process.hrtime.bigint() - t0) / 1e9,
      rssMb: Math.round(rss / 2 ** 20),
    };
  } finally {
    await economy.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const hre = await loadHardhat("hardhat");
  void hre;
  const naive = await naiveLoop(o.naive);
  const sim = await simulation(o);
  const naiveTxPerSec = naive.txs / naive.seconds;
  const simTxPerSec = sim.txs / sim.loopSeconds;
  const result = {
    scenario: o.scenario,
    agents: o.agents,
    steps: o.steps,
    simTxs: sim.txs,
    simLoopSeconds: Number(sim.loopSeconds.toFixed(3)),
    wallSeconds: Number(sim.wallSeconds.toFixed(3)),
    simTxPerSec: Number(simTxPerSec.toFixed(1)),
    stepsPerSec: Number((o.steps / sim.loopSeconds).toFixed(2)),
    naiveTxs: naive.txs,
    naiveSeconds: Number(naive.seconds.toFixed(3)),
    naiveTxPerSec: Number(naiveTxPerSec.toFixed(1)),
    ratio: Number((simTxPerSec / naiveTxPerSec).toFixed(2)),
    peakRssMb: sim.rssMb,
  };
  const rows: [string, string][] = [
    ["scenario", `${o.scenario} (${o.agents} agents x ${o.steps} steps)`],
    ["simulation agent txs", String(sim.txs)],
    ["simulation loop (s)", sim.loopSeconds.toFixed(2)],
    ["simulation wall incl. deploy (s)", sim.wallSeconds.toFixed(2)],
    ["simulation tx/s", simTxPerSec.toFixed(1)],
    ["naive loop tx/s (ethers wrapper, automine)", naiveTxPerSec.toFixed(1)],
    ["ratio", (simTxPerSec / naiveTxPerSec).toFixed(2)],
    ["peak RSS (MB)", String(sim.rssMb)],
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
