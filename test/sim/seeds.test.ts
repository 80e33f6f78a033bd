// Multi-seed runs, compare, and the scheduled phases of the stress scenarios.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runSeeds } from "../../src/sim/seeds";
import { runSweep } from "../../src/sweep/runSweep";
import { CATALOGUE } from "../../src/metrics/catalogue";
import { loadRunSet } from "../../src/report/seedsReport";
import { compareSets, difference, verdict, writeCompare } from "../../src/report/compare";
import { meanCI95, UNBOUNDED } from "../../src/metrics/confidence";
import { phaseAt, phasedPolicy } from "../../src/sim/phases";
import { parseScenario, ScenarioError } from "../../src/sim/scenario";
import { Rng } from "../../src/sim/prng";
import { account, obs, state, ETH } from "./helpers";

const root = path.join(__dirname, "..", "..");

describe("multi-seed runs and compare", function () {
  this.timeout(300_000);

  it("runs n seeds in worker processes and reports each metric's mean and 95% band, per-family P&L with CIs and runs.csv", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-seeds-"));
    const set = await runSeeds({ scenarioFile: path.join(root, "scenarios", "default.json"), seeds: 3, steps: 30, agents: 20, economy: "fake", outDir: out, workers: 2 });
    expect(set.seeds).to.deep.equal([1, 2, 3]);
    const json = JSON.parse(fs.readFileSync(path.join(out, "seeds.json"), "utf8")) as { metrics: { [k: string]: { n: number; lo: number; hi: number; mean: number } } };
    expect(json.metrics.volatility.n).to.equal(3);
    expect(json.metrics.volatility.mean).to.be.closeTo(meanCI95(set.metrics.volatility, UNBOUNDED).mean, 1e-12);
    expect(json.metrics.volatility.lo).to.be.below(json.metrics.volatility.hi);
    expect(fs.readFileSync(path.join(out, "runs.csv"), "utf8").trim().split("\n")).to.have.length(4);
    const html = fs.readFileSync(path.join(out, "report.html"), "utf8");
    expect(html).to.include("mean [95% CI]");
    expect(html).to.include("Realisable P&amp;L per family (ETH): mean and 95% CI over seeds");
    expect(html).to.include("mean and 95% band over seeds");
    // compare the seed set with one of its own runs, and with itself
    const again = loadRunSet(out);
    expect(again.seeds).to.deep.equal([1, 2, 3]);
    const same = compareSets(again, again);
    expect(same.metrics.every((r) => !r.diff.significant)).to.equal(true);
    const cmp = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-cmp-"));
    await writeCompare(cmp, again, again, ["a", "b"]);
    expect(fs.readFileSync(path.join(cmp, "report.html"), "utf8")).to.include("No metric changed beyond its 95% interval.");
    // one run per side: no interval, said so; different sizes: warned
    const one = { ...again, seeds: [1], metrics: Object.fromEntries(Object.entries(again.metrics).map(([k, v]) => [k, v.slice(0, 1)])) };
    const other = { ...one, metrics: Object.fromEntries(Object.entries(one.metrics).map(([k, v]) => [k, v.map((x) => x + 1)])), sizes: ["20 steps x 10 agents"] };
    expect(verdict(one, one, compareSets(one, one))).to.equal("one run per side: no interval, so no change can be told from noise (run each side with --seeds n)");
    expect(verdict(one, other, compareSets(one, other))).to.match(/^one run per side: .*; warning: the sides ran different sizes \(A: 30 steps x 20 agents; B: 20 steps x 10 agents\)/);
  });

  it("a sweep writes runs.csv: every run's parameters, seed and run metrics in one table", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-sweep-runs-"));
    await runSweep({
      scenario: path.join(root, "scenarios", "curve-economy.json"), params: [{ path: "fees.buyBps", values: ["50", "300"] }], seeds: 2, out,
      shard: { index: 1, count: 1 }, workers: 2, steps: 20, agents: 16, objective: "volatility", economy: "fake", quiet: true,
    }, () => undefined);
    const lines = fs.readFileSync(path.join(out, "runs.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    const h = lines[0];
    expect(h.slice(0, 5)).to.deep.equal(["cell", "fees.buyBps", "seed", "ok", "error"]);
    expect(h).to.include.members(CATALOGUE.run.map((m) => m.name));
    expect(lines.slice(1).map((r) => [r[1], r[2], r[3]])).to.deep.equal([["50", "71", "1"], ["50", "72", "1"], ["300", "71", "1"], ["300", "72", "1"]]);
    expect(lines.slice(1).every((r) => Number.isFinite(Number(r[h.indexOf("volatility")])))).to.equal(true);
  });

  it("the difference of two means carries a Welch 95% interval", () => {
    const a = meanCI95([1, 2, 3], UNBOUNDED);
    const b = meanCI95([11, 12, 13], UNBOUNDED);
    const d = difference(a, b);
    expect(d.mean).to.equal(10);
    // equal variances 1, n 3: se = sqrt(2/3), Welch df = 4, t = 2.776
    expect(d.halfWidth).to.be.closeTo(2.776 * Math.sqrt(2 / 3), 1e-9);
    expect(d.significant).to.equal(true);
    expect(difference(meanCI95([5], UNBOUNDED), meanCI95([7], UNBOUNDED)).significant).to.equal(false);
  });
});

describe("stress scenarios: scheduled phases", () => {
  const phases = [
    { fromStep: 0, active: false, exit: false },
    { fromStep: 10, active: true, exit: false, params: { tradeProbability: 1, buyProbability: 1 } },
    { fromStep: 20, active: true, exit: true },
  ];

  it("picks the phase in force at a step", () => {
    expect(phaseAt(phases, 5)?.fromStep).to.equal(0);
    expect(phaseAt(phases, 10)?.fromStep).to.equal(10);
    expect(phaseAt(phases, 99)?.fromStep).to.equal(20);
    expect(phaseAt(phases.slice(1), 3)).to.equal(undefined);
  });

  it("idles, then trades with the phase's params, then exits once at market", () => {
    const p = phasedPolicy("noise", {}, phases);
    const st = state({ account: account({ reserve: 10n * ETH, tokens: 7n * ETH }) });
    expect(p.decide(obs({ step: 5 }), st, Rng.derive(1, 0)).actions).to.deep.equal([]);
    const buys = p.decide(obs({ step: 12 }), st, Rng.derive(1, 0)).actions;
    expect(buys.map((a) => a.kind)).to.deep.equal(["buy"]);
    expect(p.decide(obs({ step: 20 }), st, Rng.derive(1, 0)).actions).to.deep.equal([{ kind: "sell", tokens: 7n * ETH, minOut: 0n, priorityFee: 2_000_000_000n }]);
    expect(p.decide(obs({ step: 21 }), st, Rng.derive(1, 0)).actions).to.deep.equal([]);
  });

  it("validates phases: known params of the family, increasing steps", () => {
    const pop = (ph: unknown) => ({ population: [{ family: "noise", count: 1, phases: ph }] });
    expect(() => parseScenario(pop([{ fromStep: 1, params: { nope: 1 } }]))).to.throw(ScenarioError, /phases\[0\]\.params: .*unknown parameter "nope"/);
    expect(() => parseScenario(pop([{ fromStep: 5 }, { fromStep: 5 }]))).to.throw(ScenarioError, /increasing steps/);
    expect(() => parseScenario(pop([{ fromStep: 1, when: 2 }]))).to.throw(ScenarioError, /when: unknown field/);
  });
});
