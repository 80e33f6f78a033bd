// A sweep worker deploys the suite once and gives each cell that deployment's snapshot plus the
// cell's own settings (src/sim/chain/deployment.ts, DeploymentReuse). A cell's files must not
// depend on whether its deployment was fresh or reused: proved here on anvil (forked sweep workers,
// the sweep's default backend) and on the in-process network, for cells with different settings
// and seeds (so different oracle/slasher accounts) run in sequence on one worker.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPool } from "../../src/sweep/pool";
import type { CellJob } from "../../src/sweep/cell";
import { cellDirName } from "../../src/sweep/cell";
import type { DeploymentCounts } from "../../src/sweep/messages";
import { loadScenario, readScenarioJson, runToDir } from "../../src/sim/run";
import { parseScenario, resolveScenario, setPath } from "../../src/sim/scenario";
import { loadConfig } from "../../deploy/config";
import { settableOf, settingCalls, simDeployConfig, splitConfig } from "../../src/sim/chain/deployConfig";

const FILES = ["metrics.csv", "summary.json", "actions.ndjson"];
const scen = (name: string) => path.join(__dirname, "..", "..", "scenarios", name);
const ROLES = { oracle: "0xORACLE", slasher: "0xSLASHER" };

function sameFiles(a: string, b: string): void {
  for (const f of FILES) {
    const x = fs.readFileSync(path.join(a, f));
    const y = fs.readFileSync(path.join(b, f));
    expect(x.length, `${f} is empty`).to.be.greaterThan(0);
    expect(x.equals(y), `${f}: ${a} vs ${b}`).to.equal(true);
  }
}

describe("sweep: one deployment per worker (reuse identity)", function () {
  this.timeout(600_000);

  it("splits a cell's config into a deployed base (network settings, no roles) and admin calls for what differs only", () => {
    const network = loadConfig("hardhat");
    const s = loadScenario(scen("contribution.json"), { seed: 3 });
    const cell = simDeployConfig(network, { ...s, fees: { ...s.fees, buyBps: network.market.buyFeeBps + 7 } }, ["0x0000000000000000000000000000000000000001", "0x0000000000000000000000000000000000000002"], "0x0000000000000000000000000000000000000003");
    const { base, cell: set } = splitConfig(cell, network);
    expect(base.market).to.deep.equal(network.market);
    expect(base.revenueShares).to.deep.equal(network.revenueShares);
    expect(base.governance.timelockDelaySeconds).to.equal(network.governance.timelockDelaySeconds);
    expect(base.governance.votingPeriodBlocks).to.equal(cell.governance.votingPeriodBlocks); // not settable: stays in the base
    expect(base.curve).to.deep.equal(cell.curve);
    expect([base.oracles, base.slasher]).to.deep.equal([[], null]);
    const calls = settingCalls(settableOf(base), set, ROLES);
    const fees = calls.find((c) => c.fn === "setFees");
    expect(fees?.args).to.deep.equal([network.market.buyFeeBps + 7, cell.market.sellFeeBps]);
    expect(calls.filter((c) => c.fn === "grantRole").map((c) => [c.target, ...c.args])).to.deep.equal([
      ["oracle", ROLES.oracle, "0x0000000000000000000000000000000000000001"],
      ["oracle", ROLES.oracle, "0x0000000000000000000000000000000000000002"],
      ["slashing", ROLES.slasher, "0x0000000000000000000000000000000000000003"],
    ]);
    expect(calls.map((c) => c.fn).indexOf("grantRole")).to.equal(calls.length - 3); // roles last, as a fresh deployment grants them
    expect(settingCalls(set, set, ROLES)).to.deep.equal([]);
    const onlyBreaker = settingCalls(set, { ...set, market: { ...set.market, breakerCooldownBlocks: set.market.breakerCooldownBlocks + 1 } }, ROLES);
    expect(onlyBreaker.map((c) => c.fn)).to.deep.equal(["setBreakerParameters"]);
  });

  it("anvil, forked worker: two cells in sequence on one deployment give the same files as each on a fresh one", async () => {
    const raw = readScenarioJson(scen("contribution.json"));
    // 180 one-hour steps: a 7-day epoch ends and the oracles (granted per cell, seed-dependent accounts) attest
    const job = (index: number, fee: string, seed: number, outDir: string): CellJob => ({
      cell: { index, setting: { "fees.buyBps": fee }, settingKey: `fees.buyBps=${fee}`, seed }, baseScenario: raw, steps: 180, agents: 30, economy: "chain", outDir,
    });
    const seq = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-reuse-seq-"));
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-reuse-fresh-"));
    const counts: DeploymentCounts[] = [];
    const a = job(0, "50", 5, seq);
    const b = job(1, "120", 6, seq);
    const r = await runPool([a, b], { workers: 1, onDeployments: (_, c) => counts.push(c) });
    expect(r.map((x) => x.error ?? "ok")).to.deep.equal(["ok", "ok"]);
    expect(counts).to.deep.equal([{ deployed: 1, reused: 0 }, { deployed: 1, reused: 1 }]);
    for (const j of [a, b]) {
      const c: DeploymentCounts[] = [];
      const one = await runPool([{ ...j, outDir: fresh }], { workers: 1, onDeployments: (_, x) => c.push(x) });
      expect(one[0].error ?? "ok").to.equal("ok");
      expect(c).to.deep.equal([{ deployed: 1, reused: 0 }]);
      sameFiles(path.join(seq, "cells", cellDirName(j.cell)), path.join(fresh, "cells", cellDirName(j.cell)));
    }
    // the settings took effect: the two cells differ, and the oracles' attestations succeeded
    expect(fs.readFileSync(path.join(seq, "cells", cellDirName(a.cell), "metrics.csv")).equals(fs.readFileSync(path.join(seq, "cells", cellDirName(b.cell), "metrics.csv")))).to.equal(false);
    const attest = fs.readFileSync(path.join(seq, "cells", cellDirName(b.cell), "actions.ndjson"), "utf8").split("\n").filter((l) => l.includes("attest"));
    expect(attest.length).to.be.greaterThan(0);
    expect(attest.every((l) => l.includes('"ok":true')), attest.find((l) => !l.includes('"ok":true'))).to.equal(true);
  });

  it("in-process: a cell at the network's own settings starts at the same block and time as a cell whose settings differ", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chain = require("../../src/sim/chain") as typeof import("../../src/sim/chain");
    const network = loadConfig("hardhat");
    // curve-economy has no seed-dependent roles; its breaker and sell fee set to the network's, so
    // at the network's buy fee nothing differs from the deployed base
    const m = network.market;
    const raw = [["protections.breaker", "true"], ["protections.breakerThresholdBps", String(m.breakerThresholdBps)], ["protections.breakerWindowBlocks", String(m.breakerWindowBlocks)], ["protections.breakerCooldownBlocks", String(m.breakerCooldownBlocks)], ["fees.sellBps", String(m.sellFeeBps)]].reduce<unknown>((r, [k, v]) => setPath(r, k, v), readScenarioJson(scen("curve-economy.json")));
    const cell = (fee: number) => resolveScenario(parseScenario(setPath(raw, "fees.buyBps", String(fee))), { seed: 4, steps: 5, agents: 10 });
    const base = cell(network.market.buyFeeBps);
    const split = splitConfig(simDeployConfig(network, base, [], null), network);
    const calls = settingCalls(settableOf(split.base), split.cell, ROLES);
    expect(calls, "the control cell applies nothing").to.deep.equal([]);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-reuse-blocks-"));
    const first = (dir: string) => {
      const [h, r] = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
      return [Number(r[h.indexOf("block")]), Number(r[h.indexOf("timestamp")])];
    };
    const provider = (await import("hardhat")).network.provider;
    const starts: number[][] = [];
    for (const fee of [network.market.buyFeeBps, network.market.buyFeeBps + 7]) {
      await runToDir({ scenario: cell(fee), outDir: path.join(root, String(fee)), economy: "chain", keepBackend: true, reuseDeployment: true });
      starts.push(first(path.join(root, String(fee))));
    }
    await chain.keptDeployment()?.reset(provider);
    expect(starts[0][0], "first step's block").to.be.greaterThan(0);
    expect(starts[1]).to.deep.equal(starts[0]);
  });

  it("in-process: the same (the slasher role granted per seed), and the chain charges each cell's buy fee", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const chain = require("../../src/sim/chain") as typeof import("../../src/sim/chain");
    const raw = readScenarioJson(scen("default.json"));
    const cell = (fee: number, seed: number) => resolveScenario(parseScenario(setPath(raw, "fees.buyBps", String(fee))), { seed, steps: 40, agents: 40 });
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-reuse-inproc-"));
    const run = (fee: number, seed: number, tag: string) => runToDir({ scenario: cell(fee, seed), outDir: path.join(root, `${tag}-${fee}-${seed}`), economy: "chain", keepBackend: true, reuseDeployment: true });
    // the process keeps one in-process deployment across tests: counts are taken relative to the start
    const c0 = { ...(chain.keptDeployment()?.counts ?? { deployed: 0, reused: 0 }) };
    const since = (c: { deployed: number; reused: number } | undefined) => ({ deployed: (c?.deployed ?? 0) - c0.deployed, reused: (c?.reused ?? 0) - c0.reused });
    const provider = (await import("hardhat")).network.provider;
    await chain.keptDeployment()?.reset(provider); // whatever an earlier test kept: this one starts fresh
    await run(60, 11, "seq");
    const reuse = chain.keptDeployment();
    expect(reuse, "kept deployment").to.not.equal(undefined);
    await run(150, 12, "seq");
    expect(since(reuse?.counts)).to.deep.equal({ deployed: 1, reused: 1 });
    await reuse?.reset(provider);
    await run(150, 12, "fresh");
    await reuse?.reset(provider);
    await run(60, 11, "fresh");
    await reuse?.reset(provider);
    expect(since(reuse?.counts)).to.deep.equal({ deployed: 3, reused: 1 });
    sameFiles(path.join(root, "seq-60-11"), path.join(root, "fresh-60-11"));
    sameFiles(path.join(root, "seq-150-12"), path.join(root, "fresh-150-12"));
    // the chain charged each cell's buy fee: a step's fees minus its sell fees (taken on the gross
    // proceeds: sell volume is net, fee = net x sellBps / (10,000 - sellBps)), over its buy volume
    for (const [fee, seed] of [[60, 11], [150, 12]]) {
      const rows = fs.readFileSync(path.join(root, `seq-${fee}-${seed}`, "metrics.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
      const h = rows[0];
      const col = (r: string[], n: string) => Number(r[h.indexOf(n)]);
      const sellBps = cell(fee, seed).fees.sellBps;
      const trading = rows.slice(1).filter((r) => col(r, "buy_volume") > 1);
      expect(trading.length, `steps with buys (fee ${fee})`).to.be.greaterThan(0);
      for (const r of trading) {
        const buyFees = col(r, "fees") - (col(r, "sell_volume") * sellBps) / (10_000 - sellBps);
        expect((buyFees / col(r, "buy_volume")) * 10_000).to.be.closeTo(fee, 1e-6);
      }
    }
  });
});
