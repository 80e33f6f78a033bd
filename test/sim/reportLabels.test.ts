// A label is part of the number: two different values must not carry the same label, and a label
// must describe the value shown next to it.
import { expect } from "chai";
import { CATALOGUE } from "../../src/metrics/catalogue";
import { accountingHtml, headlineRows } from "../../src/report/html";
import type { RunSummary } from "../../src/sim/records";

const E = 10n ** 18n;

function summary(gasInSteps: bigint, gasInBooks: bigint, recoverySteps: number): RunSummary {
  return {
    seed: 5, steps: 60, agents: 20, pnlByFamily: [],
    metrics: { gasPaid: Number(gasInSteps) / 1e18, recoverySteps, maxDrawdown: 0.2 },
    totals: { txs: 10, fees: "0", gasPaid: gasInSteps.toString() },
    accounting: {
      checked: true, balanced: true, valuation: "quote", residualWei: "0", tokenResidualWei: "0", supplyResidualWei: "0", roundingBoundWei: "0",
      final: {
        ether: { agents: (10n * E).toString(), protocol: E.toString(), gas: gasInBooks.toString(), entered: (11n * E + gasInBooks).toString() },
        token: { agents: "0", others: "0", minted: "0", burned: "0", supply: "0" },
      },
    },
    scenario: { name: "s", adversaries: true },
  } as unknown as RunSummary;
}

const label = (name: string) => CATALOGUE.run.find((m) => m.name === name)?.description ?? "";

describe("report labels say what the number is", () => {
  it("the agents' gas in the run's steps and the ledger's gas with the setup are told apart", () => {
    const steps = 349_559_896n * 10n ** 9n; // 0.349559896 ETH (the trial's numbers)
    const books = 349_592_597n * 10n ** 9n; // 0.349592597 ETH, setup approvals included
    const html = accountingHtml(summary(steps, books, 5));
    const gasRow = [...html.matchAll(/<tr><td>([^<]*gas[^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(gasRow).to.have.length(2);
    expect(gasRow[0]).to.not.equal(label("gasPaid"));
    expect(gasRow[0]).to.match(/setup/);
    expect(label("gasPaid")).to.match(/steps/);
    expect(label("gasPaid")).to.not.match(/^gas the agents paid$/);
    // the part before step 0 is shown, so the two 0.35 ETH figures are not a contradiction
    expect(gasRow[1]).to.match(/before step 0/);
    expect(html).to.include("3.27e-5 ETH"); // 0.349592597 - 0.349559896
  });

  it("recoverySteps' label says what a run that never recovered shows", () => {
    const rows = headlineRows(summary(0n, 0n, NaN));
    const row = rows.find((r) => r[1] === label("recoverySteps"));
    expect(row?.[2]).to.equal("n/a");
    expect(label("recoverySteps")).to.include("n/a");
    expect(label("recoverySteps")).to.not.include("blank: never recovered");
  });
});
