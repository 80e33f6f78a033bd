// Accounting on the real contracts (in-process Hardhat network): realisable values equal the
// market's own quoteSell, the ether and token ledgers balance to the wei on every step of the
// default and the stress scenarios, and the deployment's effective settings are recorded with a
// printed warning for each difference (the timelock floor).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import hre from "hardhat";
import { createChainEconomy } from "../../src/sim/chain/economy";
import { IFACES } from "../../src/sim/chain/encode";
import { runSimulation } from "../../src/sim/engine";
import { loadScenario } from "../../src/sim/run";
import type { Scenario } from "../../src/sim/scenarioTypes";
import { FileSink } from "../../src/report/fileSink";
import { familiesOf } from "../../src/sim/population";
import { CATALOGUE } from "../../src/metrics/catalogue";
import { tokensOf } from "../../src/metrics/accounting";
import type { ActionRecord, RunSummary } from "../../src/sim/records";

const root = path.join(__dirname, "..", "..");
const BOUGHT = IFACES.market.getEvent("Bought")?.topicHash as string;

class CapturingSink extends FileSink {
  readonly agents = new Set<string>();
  onAction(r: ActionRecord): void {
    super.onAction(r);
    if (r.agent >= 0) this.agents.add(r.from);
  }
}

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  return (await hre.network.provider.send(method, params)) as T;
}

describe("accounting on the chain economy", function () {
  this.timeout(600_000);

  it("values every agent at the market's own quoteSell, balances both ledgers to the wei and records the timelock floor", async () => {
    const s: Scenario = loadScenario(path.join(root, "scenarios", "default.json"), { steps: 40, agents: 30 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-acct-chain-"));
    const printed: string[] = [];
    const sink = new CapturingSink(dir, familiesOf(s), s.metrics.chartPoints, CATALOGUE, (l) => printed.push(l));
    const economy = await createChainEconomy();
    let sum: RunSummary;
    // Blocks before the run may hold other suites' markets (the in-process node is shared by every test file).
    const firstBlock = BigInt(await rpc<string>("eth_blockNumber", [])) + 1n;
    try {
      sum = await runSimulation({ scenario: s, economy, sink });
      // the market is whoever emitted Bought during this run
      const logs = await rpc<{ address: string }[]>("eth_getLogs", [{ fromBlock: "0x" + firstBlock.toString(16), toBlock: "latest", topics: [BOUGHT] }]);
      expect(logs.length).to.be.above(0);
      const market = logs[0].address;
      const addrs = [...sink.agents];
      const views = await economy.accounts(addrs);
      const amounts = views.map(tokensOf);
      expect(amounts.filter((x) => x > 0n).length).to.be.above(5);
      const q = await economy.valuation(addrs, amounts);
      for (let i = 0; i < addrs.length; i++) {
        if (amounts[i] === 0n) {
          expect(q.sellNet[i]).to.equal(0n);
          continue;
        }
        const raw = await rpc<string>("eth_call", [{ to: market, data: IFACES.market.encodeFunctionData("quoteSell", [amounts[i]]) }, "latest"]);
        const [net, fee] = IFACES.market.decodeFunctionResult("quoteSell", raw) as unknown as [bigint, bigint];
        expect(q.sellNet[i]).to.equal(BigInt(net));
        expect(q.sellFee[i]).to.equal(BigInt(fee));
      }
    } finally {
      await economy.close();
    }
    expect(sum.accounting).to.deep.include({ checked: true, balanced: true, valuation: "quoteSell", residualWei: "0", tokenResidualWei: "0", supplyResidualWei: "0" });
    expect(BigInt(sum.accounting.final?.ether.gas ?? "0")).to.be.above(0n);
    expect(sum.settings.effective["governance.timelockBlocks"]).to.equal(5);
    expect(sum.settings.changes.find((c) => c.setting === "governance.timelockBlocks")).to.deep.include({ asked: "2", used: "5" });
    expect(printed).to.include("warning: setting governance.timelockBlocks: the scenario asked 2, this run: 5 (the timelock's floor is 60 s (2 blocks x 12 s asked for 24 s))");
    expect(fs.readFileSync(path.join(dir, "report.html"), "utf8")).to.include("Settings this run used");
  });

  for (const name of ["bull", "bear", "demand-shock", "whale-exit", "network-growth"]) {
    const file = path.join(root, "scenarios", `${name}.json`);
    it(`balances both ledgers on every step of the stress scenario ${name}`, async function () {
      if (!fs.existsSync(file)) throw new Error(`scenarios/${name}.json missing`);
      const s = loadScenario(file, { agents: 16, steps: 160 }); // every event and phase of the stress files falls before step 160
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cipher-acct-${name}-`));
      const economy = await createChainEconomy();
      let sum: RunSummary;
      try {
        sum = await runSimulation({ scenario: s, economy, sink: new FileSink(dir, familiesOf(s), s.metrics.chartPoints, CATALOGUE, () => undefined) });
      } finally {
        await economy.close();
      }
      expect(sum.accounting, JSON.stringify(sum.accounting)).to.deep.include({ checked: true, balanced: true, residualWei: "0", tokenResidualWei: "0" });
    });
  }
});
