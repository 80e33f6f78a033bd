// The chain Economy on the in-process Hardhat network: the real contracts deployed through
// deploySuite, agents trading, staking and voting, governance events through the timelock, a
// slash and its dispute, byte-identical outputs, and the report.
import { expect } from "chai";
import { effectiveSettings, simDeployConfig } from "../../src/sim/chain/deployConfig";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { MarketObservation } from "../../src/agents/types";
import type { Economy } from "../../src/sim/economy";
import { createChainEconomy } from "../../src/sim/chain/economy";
import { runSimulation } from "../../src/sim/engine";
import { parseScenario, resolveScenario } from "../../src/sim/scenario";
import type { Scenario } from "../../src/sim/scenarioTypes";
import type { ActionRecord, RunSummary } from "../../src/sim/records";
import { loadScenario, runToDir } from "../../src/sim/run";
import { FileSink } from "../../src/report/fileSink";
import { familiesOf } from "../../src/sim/population";
import hre from "hardhat";
import { formatEther } from "ethers";
import { deploySuite, CONTRACT_NAMES, type CipherSuite } from "../../src/deploy/suite";
import { loadConfig } from "../../deploy/config";
import { writeDeployment } from "../../src/deploy/deploymentFile";

interface Rec extends ActionRecord {
  readonly system?: string;
}

function tmp(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cipher-chain-${name}-`));
}

function readActions(dir: string): Rec[] {
  return fs.readFileSync(path.join(dir, "actions.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Rec);
}

/** Runs a scenario on the chain economy, keeping every observation's fees (read from the market). */
async function run(s: Scenario, dir: string): Promise<{ summary: RunSummary; fees: { step: number; buy: number; sell: number }[] }> {
  const inner = await createChainEconomy();
  const fees: { step: number; buy: number; sell: number }[] = [];
  const economy: Economy = {
    name: inner.name,
    setup: (sc, a) => inner.setup(sc, a),
    observe: async (step, ts): Promise<MarketObservation> => {
      const o = await inner.observe(step, ts);
      fees.push({ step, buy: o.buyFeeBps, sell: o.sellFeeBps });
      return o;
    },
    accounts: (a) => inner.accounts(a),
    submit: (t) => inner.submit(t),
    applyEvent: (e, st) => inner.applyEvent(e, st),
    mine: (ts) => inner.mine(ts),
    close: () => inner.close(),
  };
  try {
    const summary = await runSimulation({ scenario: s, economy, sink: new FileSink(dir, familiesOf(s), s.metrics.chartPoints) });
    return { summary, fees };
  } finally {
    await economy.close();
  }
}

const SMALL = {
  name: "chain-small",
  seed: 5,
  steps: 30,
  genesis: { buyEth: 100 },
  governance: { votingDelayBlocks: 1, votingPeriodBlocks: 10, quorumBps: 400, timelockBlocks: 5, proposalThreshold: 0 },
  population: [
    { family: "noise", count: 4, fundingEth: 20 },
    { family: "momentum", count: 2, fundingEth: 20 },
    { family: "staker", count: 3, fundingEth: 20 },
    { family: "voter", count: 2, fundingEth: 20 },
    { family: "oracle", count: 1, fundingEth: 5, roles: ["oracle"] },
  ],
  events: [{ step: 2, kind: "setFees", buyFeeBps: 150, sellFeeBps: 120 }],
};

describe("chain economy: agents on the real contracts (in-process Hardhat)", function () {
  this.timeout(600_000);
  let dir: string;
  let result: { summary: RunSummary; fees: { step: number; buy: number; sell: number }[] };

  before(async () => {
    dir = tmp("small");
    result = await run(resolveScenario(parseScenario(SMALL)), dir);
  });

  it("writes metrics.csv, summary.json, actions.ndjson and report.html", () => {
    for (const f of ["metrics.csv", "summary.json", "actions.ndjson", "report.html"]) expect(fs.existsSync(path.join(dir, f)), f).to.equal(true);
    const rows = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").trim().split("\n");
    expect(rows.length).to.equal(SMALL.steps + 1);
    expect(result.summary.economy).to.equal("chain");
  });

  it("agents trade, stake and vote on chain, each action logged with its outcome", () => {
    const acts = readActions(dir).filter((r) => r.agent >= 0);
    const okKinds = new Set(acts.filter((r) => r.ok).map((r) => r.action.kind));
    for (const k of ["buy", "stake", "vote"]) expect(okKinds.has(k as never), `a successful ${k}`).to.equal(true);
    for (const r of acts) {
      expect(r.index).to.be.at.least(0);
      expect(typeof r.ok).to.equal("boolean");
    }
  });

  it("names the custom error of every reverted agent transaction", () => {
    const reverted = readActions(dir).filter((r) => r.agent >= 0 && !r.ok);
    expect(reverted.length).to.be.greaterThan(0);
    for (const r of reverted) expect(r.error, JSON.stringify(r)).to.match(/^[A-Z][A-Za-z0-9]+$/);
  });

  it("carries a scheduled fee change through the governor and the timelock", () => {
    const sys = readActions(dir).filter((r) => r.system !== undefined);
    const labels = sys.filter((r) => r.ok).map((r) => r.system);
    for (const l of ["propose:setFees", "council:vote", "keeper:queue", "keeper:execute:setFees"]) expect(labels, l).to.include(l);
    const proposed = sys.find((r) => r.system === "propose:setFees") as Rec;
    const executed = sys.find((r) => r.system === "keeper:execute:setFees") as Rec;
    // voting delay 1 + period 10 blocks, then a 60 s timelock (5 blocks of 12 s)
    expect(executed.step - proposed.step).to.be.at.least(1 + 10 + 5);
    const before = result.fees.filter((f) => f.step <= executed.step);
    const after = result.fees.filter((f) => f.step > executed.step);
    expect(before.every((f) => f.buy === 100 && f.sell === 100)).to.equal(true);
    expect(after.length).to.be.greaterThan(0);
    expect(after.every((f) => f.buy === 150 && f.sell === 120)).to.equal(true);
  });

  it("renders a report with inline SVG charts", () => {
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    expect(html).to.include("<svg");
    expect(html).to.include("chain-small");
  });
});

describe("chain economy: determinism", function () {
  this.timeout(600_000);

  it("gives byte-identical metrics.csv, summary.json and actions.ndjson for the same scenario and seed (30 steps x 12 agents)", async () => {
    const a = tmp("det-a");
    const b = tmp("det-b");
    const s = loadScenario("scenarios/default.json", { agents: 12, steps: 30, seed: 3 });
    await runToDir({ scenario: s, outDir: a, economy: "chain" });
    await runToDir({ scenario: s, outDir: b, economy: "chain" });
    for (const f of ["metrics.csv", "summary.json", "actions.ndjson"]) {
      expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).to.equal(true);
    }
  });
});

describe("chain economy: incremental account reads", function () {
  this.timeout(600_000);

  it("give the same outputs as reading every account in full every step", async () => {
    const s = loadScenario("scenarios/slash-dispute.json", { agents: 16, steps: 40, seed: 2 });
    const inc = tmp("inc");
    const full = tmp("full");
    await runToDir({ scenario: s, outDir: inc, economy: "chain" });
    process.env.CIPHER_FULL_READS = "1";
    try {
      await runToDir({ scenario: s, outDir: full, economy: "chain" });
    } finally {
      delete process.env.CIPHER_FULL_READS;
    }
    for (const f of ["metrics.csv", "actions.ndjson"]) {
      expect(fs.readFileSync(path.join(inc, f)).equals(fs.readFileSync(path.join(full, f))), f).to.equal(true);
    }
  });
});

describe("chain economy: a slash and its dispute", function () {
  this.timeout(600_000);

  it("opens the case from the slasher, the staker disputes, governance upholds it through the timelock", async () => {
    const dir = tmp("slash");
    const s = resolveScenario(
      parseScenario({
        name: "chain-slash",
        seed: 9,
        steps: 45,
        genesis: { buyEth: 100 },
        staking: { disputeWindowBlocks: 20, maxSlashBps: 1000 },
        governance: { votingDelayBlocks: 1, votingPeriodBlocks: 10, quorumBps: 400, timelockBlocks: 5, proposalThreshold: 0 },
        population: [
          { family: "staker", count: 3, fundingEth: 20 },
          { family: "noise", count: 3, fundingEth: 20 },
          { family: "griefer", count: 1, fundingEth: 5, roles: ["slasher"], params: { slashProbability: 0 } },
        ],
        events: [{ step: 10, kind: "slash", target: "staker:0", severityBps: 1000 }],
      }),
    );
    const { summary } = await run(s, dir);
    const acts = readActions(dir);
    const opened = acts.find((r) => r.system === "scheduledSlash") as Rec;
    expect(opened, "scheduled slash sent").to.not.equal(undefined);
    expect(opened.ok, JSON.stringify(opened)).to.equal(true);
    const dispute = acts.find((r) => r.action.kind === "dispute" && r.ok);
    expect(dispute, "the staker disputed").to.not.equal(undefined);
    const labels = acts.filter((r) => r.ok).map((r) => r.system);
    expect(labels).to.include("propose:resolveSlash");
    expect(labels).to.include("keeper:execute:resolveSlash");
    expect(summary.totals.slashes).to.equal(1);
  });
});

describe("chain economy: the scenario's slash cap", function () {
  this.timeout(600_000);

  it("opens a slash above the contract's default cap when the scenario raises staking.maxSlashBps (set at deployment)", async () => {
    const dir = tmp("slash-cap");
    const s = resolveScenario(
      parseScenario({
        name: "chain-slash-cap",
        seed: 9,
        steps: 14,
        genesis: { buyEth: 100 },
        staking: { maxSlashBps: 3000 },
        population: [
          { family: "staker", count: 2, fundingEth: 20 },
          { family: "griefer", count: 1, fundingEth: 5, roles: ["slasher"], params: { slashProbability: 0 } },
        ],
        events: [{ step: 10, kind: "slash", target: "staker:0", severityBps: 2500 }],
      }),
    );
    await run(s, dir);
    const opened = readActions(dir).find((r) => r.system === "scheduledSlash") as Rec;
    expect(opened, "scheduled slash sent").to.not.equal(undefined);
    // before the cap was applied on chain: InvalidSeverity (the contract's 1000 bps)
    expect(opened.ok, JSON.stringify(opened)).to.equal(true);
    // and the run's settings say what the deployment used
    const used = effectiveSettings(s, simDeployConfig(loadConfig("hardhat"), s, [], null));
    expect(used.effective["staking.maxSlashBps"]).to.equal(3000);
    expect(used.changes.map((c) => c.setting)).to.not.include("staking.maxSlashBps");
  });
});

describe("chain economy: attaching to an existing deployment", function () {
  this.timeout(600_000);

  // A deployment file for a node that no longer holds it (a local node restarted since): the run
  // says which contract has no code at which address on which chain, and what to do.
  async function attachError(chainId: number): Promise<string> {
    const contracts: Record<string, { address: string; block: number }> = {};
    Object.values(CONTRACT_NAMES).forEach((name, i) => (contracts[name] = { address: "0x" + (0xc0de00 + i).toString(16).padStart(40, "0"), block: 0 }));
    const file = path.join(tmp("attach-empty"), "hardhat.json");
    writeDeployment({ network: "hardhat", chainId, contracts }, file);
    const s = loadScenario("scenarios/curve-economy.json", { agents: 4, steps: 3, seed: 4 });
    const economy = await createChainEconomy({ attach: file });
    try {
      await runSimulation({ scenario: s, economy, sink: new FileSink(tmp("attach-empty-run"), familiesOf(s), s.metrics.chartPoints) });
    } catch (e) {
      return (e as Error).message;
    } finally {
      await economy.close();
    }
    throw new Error("the run attached to addresses without code");
  }

  it("refuses a deployment whose addresses hold no code, naming the contract, address, chain and the fix", async () => {
    const msg = await attachError(31337);
    expect(msg).to.match(/no contract code on chain 31337 at TimelockController 0x0000000000000000000000000000000000c0de00 \(and 9 more\)/);
    expect(msg).to.include("hardhat.json");
    expect(msg).to.include("npm run deploy -- --network hardhat");
  });

  it("refuses a deployment file of another chain", async () => {
    expect(await attachError(1)).to.match(/hardhat\.json is for chain 1 but the node is chain 31337/);
  });

  it("runs on the contracts listed in a deployment file instead of deploying", async () => {
    const snap = (await hre.network.provider.send("evm_snapshot", [])) as string;
    try {
      const suite = await deploySuite(hre, loadConfig("hardhat"));
      const contracts: Record<string, { address: string; block: number }> = {};
      for (const k of Object.keys(CONTRACT_NAMES) as (keyof CipherSuite)[]) contracts[CONTRACT_NAMES[k]] = { address: await suite[k].getAddress(), block: 0 };
      const file = path.join(tmp("attach"), "hardhat.json");
      writeDeployment({ network: "hardhat", chainId: 31337, contracts }, file);
      const s = loadScenario("scenarios/curve-economy.json", { agents: 8, steps: 15, seed: 4 });
      const economy = await createChainEconomy({ attach: file });
      const dir = tmp("attach-run");
      let supplyOnChain: bigint;
      try {
        await runSimulation({ scenario: s, economy, sink: new FileSink(dir, familiesOf(s), s.metrics.chartPoints) });
        supplyOnChain = await suite.token.totalSupply();
      } finally {
        await economy.close();
      }
      const buys = readActions(dir).filter((r) => r.action.kind === "buy" && r.ok);
      expect(buys.length).to.be.greaterThan(0);
      // the agents traded on the attached token: the run's last supply is that token's supply
      const rows = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").trim().split("\n");
      const header = rows[0].split(",");
      const last = rows[rows.length - 1].split(",");
      expect(supplyOnChain > 0n).to.equal(true);
      expect(last[header.indexOf("supply")]).to.equal(formatEther(supplyOnChain).replace(/\.0$/, ""));
    } finally {
      await hre.network.provider.send("evm_revert", [snap]);
    }
  });
});
