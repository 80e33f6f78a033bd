// Families with no agents (a small --agents removes whole families): the numbers must not count them
// as inactive, must not print their P&L as 0 ETH, and the header must say which adversaries ran.
import { expect } from "chai";
import { CATALOGUE, type RunView } from "../../src/metrics/catalogue";
import { band, pmHuman, runSetOf } from "../../src/report/seedsReport";
import { adversaryText, pnlRows } from "../../src/report/html";
import type { RunSummary } from "../../src/sim/records";

const fam = (family: string, count: number, txs: number) => ({ family, count, txs, rising: 0, pnl: 0, pnlSpot: 0, pnlJoint: 0 });
const wei = (family: string, count: number, txs: number) => ({ family, count, txs, rising: count > 0 ? 1 : 0, total: count > 0 ? "1000000000000000000" : "0", mean: count > 0 ? "1000000000000000000" : "0", totalJoint: count > 0 ? "900000000000000000" : "0", totalSpot: count > 0 ? "1100000000000000000" : "0" });

function summary(families: ReturnType<typeof wei>[], adversaries: boolean, seed = 5): RunSummary {
  return {
    seed, steps: 60, agents: families.reduce((n, f) => n + f.count, 0), pnlByFamily: families, metrics: {}, totals: { txs: 10 },
    scenario: { name: "s", adversaries },
  } as unknown as RunSummary;
}

describe("numbers with empty families", () => {
  it("activeFamilies counts only families with agents, and says so", () => {
    const m = CATALOGUE.run.find((x) => x.name === "activeFamilies");
    expect(m?.description).to.match(/families with agents/);
    const view = { families: [fam("noise", 4, 9), fam("value", 2, 0), fam("whale", 0, 0), fam("sandwich", 0, 0)] } as unknown as RunView;
    expect(m?.compute(view)).to.equal(1 / 2); // noise active, value inert; the empty two are not families of this run
    expect(m?.compute({ families: [fam("whale", 0, 0)] } as unknown as RunView)).to.be.NaN;
  });

  it("a family with 0 agents shows n/a, not 0 ETH, in the seeds report and the run report", () => {
    const runs = [summary([wei("noise", 3, 5), wei("whale", 0, 0)], true, 1), summary([wei("noise", 3, 5), wei("whale", 0, 0)], true, 2)];
    const set = runSetOf("s", runs, []);
    const whale = set.families.find((f) => f.family === "whale");
    expect(pmHuman(band(whale?.pnl ?? [], "ETH"), "ETH")).to.equal("n/a");
    expect(pmHuman(band(whale?.pnlJoint ?? [], "ETH"), "ETH")).to.equal("n/a");
    expect(pmHuman(band(set.families[0].pnl, "ETH"), "ETH")).to.equal("1.00 ETH [1.00 ETH, 1.00 ETH]");
    const row = pnlRows(runs[0]).find((r) => r[0] === "whale");
    expect(row?.slice(3)).to.deep.equal(["n/a", "n/a", "n/a", "n/a", "n/a"]);
  });

  it("the header names the adversary families that have agents, and says when none has", () => {
    expect(adversaryText(summary([wei("noise", 3, 5), wei("whale", 0, 0), wei("sandwich", 0, 0)], true))).to.equal("adversaries on, but no adversary family has agents");
    expect(adversaryText(summary([wei("noise", 3, 5), wei("whale", 2, 1), wei("sandwich", 0, 0)], true))).to.equal("adversaries: whale (2)");
    expect(adversaryText(summary([wei("noise", 3, 5)], false))).to.equal("adversaries off");
  });
});
