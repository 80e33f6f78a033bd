// Accounting on the in-memory economy: realisable values against the market's own quote, the
// conservation check (and a run whose books are broken on purpose), inert families, the metric
// catalogue driving every output, effective settings.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeEconomy } from "../../src/sim/fake/economy";
import { quoteSell } from "../../src/sim/fake/market";
import { runSimulation } from "../../src/sim/engine";
import { parseScenario, resolveScenario } from "../../src/sim/scenario";
import type { Scenario } from "../../src/sim/scenarioTypes";
import { loadScenario, runToDir } from "../../src/sim/run";
import { FileSink } from "../../src/report/fileSink";
import { familiesOf } from "../../src/sim/population";
import type { BlockResult } from "../../src/sim/economy";
import type { RunSummary } from "../../src/sim/records";
import { agentValue, checkLedgers, tokensOf } from "../../src/metrics/accounting";
import { extendCatalogue, CATALOGUE } from "../../src/metrics/catalogue";
import { objectiveByName, objectiveValues } from "../../src/sweep/objectives";
import { runsCsv } from "../../src/report/sweepReport";
import { effectiveSettings, simDeployConfig } from "../../src/sim/chain/deployConfig";
import { loadConfig } from "../../deploy/config";
import { ETH } from "./helpers";

const root = path.join(__dirname, "..", "..");
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `cipher-acct-${name}-`));

function scenario(over: object = {}): Scenario {
  return resolveScenario(
    parseScenario({
      steps: 40,
      genesis: { buyEth: 100 },
      population: [
        { family: "noise", count: 8, fundingEth: 20, params: { tradeProbability: 0.6 } },
        { family: "staker", count: 4, fundingEth: 20 },
        { family: "referrer", count: 2, fundingEth: 20 },
        { family: "whale", count: 1, fundingEth: 200 },
      ],
      ...over,
    }),
  );
}

/** Runs to a directory, collecting what the sink prints. */
async function run(s: Scenario, economy = new FakeEconomy()): Promise<{ sum: RunSummary; dir: string; printed: string[] }> {
  const dir = tmp("run");
  const printed: string[] = [];
  const sink = new FileSink(dir, familiesOf(s), s.metrics.chartPoints, CATALOGUE, (l) => printed.push(l));
  const sum = await runSimulation({ scenario: s, economy, sink });
  return { sum, dir, printed };
}

/** A fake whose market reserve loses 1 wei at one step: the books must notice. */
class LeakyEconomy extends FakeEconomy {
  private blocks = 0;
  async mine(ts: number): Promise<BlockResult> {
    const b = await super.mine(ts);
    if (++this.blocks === 7) this.state.reserve -= 1n;
    return b;
  }
}

describe("accounting: realisable wealth", () => {
  it("values tokens (liquid and staked) at the market's sell quote net of fees, plus rewards and referral credit", async () => {
    const eco = new FakeEconomy();
    const s = scenario({ steps: 30 });
    const { sum } = await run(s, eco);
    expect(sum.accounting.valuation).to.equal("quoteSell");
    const addrs = [...eco.state.accounts.keys()];
    const views = await eco.accounts(addrs);
    const amounts = views.map(tokensOf);
    const q = await eco.valuation(addrs, amounts);
    let someStaked = false;
    for (let i = 0; i < views.length; i++) {
      const direct = quoteSell(eco.state, amounts[i]);
      expect(q.sellNet[i]).to.equal(direct.net);
      const v = agentValue(views[i], 10n ** 18n, q.sellNet[i], q.referralCredit[i], 0n, 0n);
      expect(v.realisable).to.equal(views[i].reserve + direct.net + views[i].pendingRewards);
      if (views[i].stakes.length > 0) someStaked = true;
    }
    expect(someStaked, "the stakers staked, so stakes were valued").to.equal(true);
  });

  it("sells move the curve: the realisable value of a large holding is below tokens x spot", () => {
    const a = { address: "0x1", reserve: 0n, tokens: 1000n * ETH, stakes: [], pendingRewards: 5n, roles: [] };
    const v = agentValue(a, ETH / 10n, 60n * ETH, 7n, 60n * ETH, 1000n * ETH);
    expect(v.spot).to.equal(100n * ETH + 12n);
    expect(v.realisable).to.equal(60n * ETH + 12n);
    expect(v.joint).to.equal(60n * ETH + 12n);
  });

  it("the P&L table of the default scenario no longer shows every family winning while the agents pay the fees", async () => {
    const s = loadScenario(path.join(root, "scenarios", "default.json"), { steps: 150 });
    const { sum } = await run(s);
    const joint = sum.pnlByFamily.map((p) => BigInt(p.totalJoint));
    const fees = BigInt(sum.totals.fees);
    // together the agents lose about what they paid (fees), less rewards and grants they received
    expect(sum.metrics.agentsPnlJoint).to.be.below(0);
    expect(joint.some((x) => x < 0n)).to.equal(true);
    expect(-joint.reduce((t, x) => t + x, 0n)).to.be.at.most(fees);
  });
});

describe("accounting: conservation of ether and tokens", () => {
  it("balances to the wei on every step of every linear scenario (fake economy)", async function () {
    this.timeout(120_000);
    const files = fs.readdirSync(path.join(root, "scenarios")).filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"));
    let checked = 0;
    for (const f of files) {
      const s = loadScenario(path.join(root, "scenarios", f), { steps: 120 });
      if (s.curve.kind !== "linear") continue; // the fake models the linear curve only (the chain test covers the rest)
      if (s.resources !== undefined) continue; // the fake refuses the resource market; test/resources/simulation.test.ts checks those books on the chain
      const { sum } = await run(s);
      expect(sum.accounting.checked, f).to.equal(true);
      expect(sum.accounting.balanced, `${f}: ${JSON.stringify(sum.accounting)}`).to.equal(true);
      expect(sum.accounting.residualWei, f).to.equal("0");
      expect(sum.accounting.tokenResidualWei, f).to.equal("0");
      checked += 1;
    }
    expect(checked).to.be.at.least(8);
  });

  it("a run whose books are broken on purpose says so: residual, first step, an error printed and shown in the report", async () => {
    const { sum, dir, printed } = await run(scenario(), new LeakyEconomy());
    expect(sum.accounting.balanced).to.equal(false);
    expect(sum.accounting.residualWei).to.equal("1");
    expect(sum.accounting.firstUnbalancedStep).to.equal(6);
    expect(printed.some((l) => l.startsWith("ERROR: books do not balance"))).to.equal(true);
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).to.include("The books do not balance");
    const csv = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").trim().split("\n");
    const col = csv[0].split(",").indexOf("ether_residual_wei");
    expect(csv.slice(1).map((l) => l.split(",")[col]).slice(4, 8)).to.deep.equal(["0", "0", "-1", "-1"]);
  });

  it("checkLedgers: agents + protocol + gas = entered; holders = minted - burned = supply", () => {
    const acc = [{ address: "0x1", reserve: 7n, tokens: 3n, stakes: [], pendingRewards: 0n, roles: [] }];
    const books = { etherHeld: { market: 2n }, tokensHeld: { staking: 4n }, tokenSupply: 7n, tokensMinted: 9n, tokensBurned: 2n, agentGasWei: 1n };
    const c = checkLedgers(acc, books, 10n);
    expect(c.ether.residual).to.equal(0n);
    expect(c.token.residual).to.equal(0n);
    expect(checkLedgers(acc, { ...books, agentGasWei: 0n }, 10n).ether.residual).to.equal(-1n);
    expect(checkLedgers(acc, { ...books, tokensBurned: 3n }, 10n).token.residual).to.equal(1n);
  });
});

describe("accounting: families that never acted", () => {
  it("are flagged in summary.json, printed and shown in the report", async () => {
    const s = scenario({
      population: [
        { family: "noise", count: 6, fundingEth: 20, params: { tradeProbability: 0.6 } },
        { family: "value", count: 3, fundingEth: 20, params: { fairJitter: 0, bandBps: 9000 } },
      ],
    });
    const { sum, dir, printed } = await run(s);
    expect(sum.inertFamilies).to.deep.equal(["value"]);
    expect(printed).to.include("warning: family value never acted: its 3 agent(s) sent no transaction in 40 steps");
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).to.include("family value never acted");
  });

  it("the default scenario has every family active", async () => {
    const { sum } = await run(loadScenario(path.join(root, "scenarios", "default.json"), { steps: 300 }));
    expect(sum.inertFamilies).to.deep.equal([]);
    expect(sum.pnlByFamily.every((p) => p.txs > 0)).to.equal(true);
  });
});

describe("accounting: effective settings", () => {
  it("records what the chain deployment uses and explains each difference (the timelock floor)", () => {
    const s = scenario({ governance: { timelockBlocks: 2, votingPeriodBlocks: 4 } });
    const cfg = simDeployConfig(loadConfig("hardhat"), s, [], null);
    const e = effectiveSettings(s, cfg);
    expect(e.effective["governance.timelockBlocks"]).to.equal(5);
    expect(e.effective["governance.timelockSeconds"]).to.equal(60);
    expect(e.changes.find((c) => c.setting === "governance.timelockBlocks")).to.deep.include({ asked: "2", used: "5" });
    expect(e.changes.find((c) => c.setting === "governance.votingPeriodBlocks")).to.deep.include({ asked: "4", used: "10" });
    const none = effectiveSettings(scenario({ governance: { timelockBlocks: 5 }, staking: { disputeWindowBlocks: 7200 } }), simDeployConfig(loadConfig("hardhat"), scenario({ governance: { timelockBlocks: 5 } }), [], null));
    expect(none.changes).to.deep.equal([]);
  });
});

describe("metric catalogue: one place drives every output", () => {
  it("a metric added to the catalogue appears in metrics.csv, summary.json, the report (table and chart) and the sweep objectives", async () => {
    const undo = extendCatalogue({
      step: [{ name: "doubledPrice", column: "doubled_price", unit: "ETH/token", description: "twice the spot price", value: (m) => 2n * m.price, fold: "stats", chart: { id: "doubled", title: "Twice the price (test metric)" } }],
      run: [{ name: "meanDoubledPrice", unit: "ETH/token", description: "mean of twice the price (test metric)", compute: (r) => r.stats.doubledPrice.mean, overSeeds: "mean", objective: "higher", question: "Test question" }],
    });
    try {
      const dir = tmp("cat");
      const s = scenario({ steps: 20 });
      const sum = await runToDir({ scenario: s, outDir: dir, economy: "fake" });
      const header = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").split("\n")[0].split(",");
      expect(header).to.include("doubled_price");
      const json = JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8")) as RunSummary;
      expect(json.stats.doubledPrice.mean).to.be.closeTo(2 * json.stats.price.mean, 1e-12);
      expect(json.metrics.meanDoubledPrice).to.be.closeTo(2 * json.stats.price.mean, 1e-12);
      const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
      expect(html).to.include("Twice the price (test metric)");
      expect(html).to.include("mean of twice the price (test metric)");
      expect(objectiveByName("meanDoubledPrice").better).to.equal("higher");
      expect(objectiveValues(sum).meanDoubledPrice).to.equal(json.metrics.meanDoubledPrice);
      const runs = runsCsv({ scenarioName: "s", gridHash: "h", params: [{ path: "fees.buyBps", values: ["100"] }], seeds: 1, baseSeed: 1, cells: 1, shard: { index: 1, count: 1 }, objective: "volatility" },
        [{ index: 0, settingKey: "fees.buyBps=100", setting: { "fees.buyBps": "100" }, seed: 1, objectives: objectiveValues(sum) }]);
      expect(runs.split("\n")[0].split(",")).to.include.members(["cell", "fees.buyBps", "seed", "meanDoubledPrice"]);
    } finally {
      undo();
    }
    expect(CATALOGUE.step.some((m) => m.name === "doubledPrice")).to.equal(false);
  });
});
