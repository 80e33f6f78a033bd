// The numbers a set of runs over seeds prints: every interval it writes (seeds.json, the console
// summary, the report, compare.json, the sweep's outputs) lies inside its metric's range, and a
// mean of counts or flags is printed as the mean it is, not rounded to a count.
import { expect } from "chai";
import { CATALOGUE, type Unit } from "../../src/metrics/catalogue";
import { rangeOf } from "../../src/metrics/confidence";
import { band, pmHuman, renderSeedsReport, runSetOf, seedsJson, seedsSummaryLines, type RunSet } from "../../src/report/seedsReport";
import { compareSets } from "../../src/report/compare";
import { humanValue } from "../../src/report/format";
import { renderSweepReport, sweepCsv } from "../../src/report/sweepReport";
import { aggregate, type CellResult } from "../../src/sweep/aggregate";
import { objectiveByName } from "../../src/sweep/objectives";
import type { SweepMeta } from "../../src/sweep/shardFile";
import type { Scenario } from "../../src/sim/scenarioTypes";

/** Three seeds near the edges of every metric's range: counts 1, 0, 1; shares 1, 1, 0.9; the rest 0, 0.1, 0. */
function edgeSet(): RunSet {
  const metrics: { [m: string]: number[] } = {};
  for (const m of CATALOGUE.run) {
    const r = rangeOf(m.unit);
    metrics[m.name] = r.max !== undefined ? [r.max, r.max, r.max - 0.1] : r.min !== undefined ? [1, 0, 1] : [0, 0.1, 0];
  }
  return {
    name: "edges", seeds: [1, 2, 3], metrics, dirs: [], sizes: ["60 steps x 20 agents"],
    families: [{ family: "noise", count: 2, pnl: [0.1, 0.2, -0.3], pnlJoint: [0.1, 0.2, -0.3], shareRising: [1, 1, 0.5] }],
  };
}

function expectInside(lo: number, hi: number, unit: Unit, what: string): void {
  const r = rangeOf(unit);
  if (r.min !== undefined) expect(lo, `${what} lo`).to.be.at.least(r.min);
  if (r.max !== undefined) expect(hi, `${what} hi`).to.be.at.most(r.max);
}

describe("numbers over seeds: intervals inside their ranges", () => {
  it("seeds.json clips every metric's interval and the families' share whose wealth rose", () => {
    const set = edgeSet();
    const json = seedsJson(set, []);
    let bounded = 0;
    for (const m of CATALOGUE.run) {
      const ci = json.metrics[m.name];
      expectInside(ci.lo, ci.hi, m.unit, m.name);
      if (rangeOf(m.unit).min !== undefined) bounded += 1;
    }
    expect(bounded).to.be.greaterThan(5); // the test reaches past the bounds for several metrics
    expect(json.metrics.breakerTrips.lo).to.equal(0);
    expect(json.metrics.maxDrawdown.hi).to.equal(1);
    expect(json.families[0].shareRising.hi).to.equal(1);
    expect(json.families[0].pnl.lo).to.be.lessThan(-0.3); // P&L is unbounded: not clipped
  });

  it("compare.json's sides are clipped like the seeds' own", () => {
    const set = edgeSet();
    const r = compareSets(set, set);
    for (const row of r.metrics) {
      expectInside(row.a.lo, row.a.hi, row.unit, `A ${row.name}`);
      expectInside(row.b.lo, row.b.hi, row.unit, `B ${row.name}`);
    }
  });

  it("the sweep report prints each objective's interval, clipped, not mean ± half-width", () => {
    const set = edgeSet();
    const results: CellResult[] = set.seeds.map((seed, i) => ({ index: i, settingKey: "a=1", setting: { a: "1" }, seed, objectives: Object.fromEntries(CATALOGUE.run.map((m) => [m.name, set.metrics[m.name][i]])) }));
    const rows = aggregate(results, objectiveByName("revertRate"));
    expect(rows[0].stats.revertRate.hi).to.equal(1);
    const meta = { scenarioName: "edges", cells: 3, params: [{ path: "a", values: ["1"] }], seeds: 3, baseSeed: 1 } as unknown as SweepMeta;
    const html = renderSweepReport(meta, rows, objectiveByName("revertRate"), []);
    expect(html).to.not.include("±");
    expect(html).to.include(`${humanValue(rows[0].stats.revertRate.mean, "share")} [`);
    const shares = [...html.matchAll(/(-?\d+(?:\.\d+)?)%/g)].map((x) => Number(x[1]));
    expect(shares.length).to.be.greaterThan(0);
    expect(Math.max(...shares)).to.be.at.most(100); // no share past 100%
    expect(Math.min(...shares)).to.be.at.least(0);
  });

  it("sweep.csv leaves an interval's bounds empty for a setting with one run (--seeds 1), not the mean twice", () => {
    const set = edgeSet();
    const one: CellResult[] = [{ index: 0, settingKey: "a=1", setting: { a: "1" }, seed: set.seeds[0], objectives: Object.fromEntries(CATALOGUE.run.map((m) => [m.name, set.metrics[m.name][0]])) }];
    const csv = sweepCsv(aggregate(one, objectiveByName("revertRate"))).trim().split("\n");
    const header = csv[0].split(",");
    const row = csv[1].split(",");
    const at = (name: string) => row[header.indexOf(name)];
    expect(at("revertRate_mean")).to.not.equal("");
    expect([at("revertRate_ci95_lo"), at("revertRate_ci95_hi")]).to.deep.equal(["", ""]);
    const three = set.seeds.map((seed, i) => ({ index: i, settingKey: "a=1", setting: { a: "1" }, seed, objectives: Object.fromEntries(CATALOGUE.run.map((m) => [m.name, set.metrics[m.name][i]])) }));
    const row3 = sweepCsv(aggregate(three, objectiveByName("revertRate"))).trim().split("\n")[1].split(",");
    expect(row3[header.indexOf("revertRate_ci95_lo")]).to.not.equal("");
  });
});

describe("numbers over seeds: a mean of counts is not a count", () => {
  it("prints the mean of counts 1, 0, 1 as 0.667, not 1, and the mean of steps 5, 5, 6 as 5.33", () => {
    expect(humanValue(2 / 3, "count")).to.equal("0.667");
    expect(humanValue(16 / 3, "steps")).to.equal("5.33");
    expect(humanValue(1234, "count")).to.equal("1,234"); // a count is still a count
    expect(pmHuman(band([1, 0, 1], "count"), "count")).to.match(/^0\.667 \[0, /);
  });

  it("prints the mean of a flag over seeds as the share of runs, not yes/no", () => {
    expect(pmHuman(band([1, 0, 1], "flag"), "flag")).to.match(/^66\.7% \[0\.0%, 100\.0%\]$/);
    expect(pmHuman(band([1], "flag"), "flag")).to.equal("yes");
  });

  it("the console summary and the report show the same unrounded mean", async () => {
    const set = edgeSet();
    const lines = seedsSummaryLines(set);
    const trips = lines.find((l) => l.startsWith("breakerTrips: "));
    expect(trips).to.match(/^breakerTrips: 0\.667 \[0, /);
    const html = await renderSeedsReport(set, { description: "edges", steps: 60 } as Scenario, []);
    expect(html).to.include(trips?.slice("breakerTrips: ".length));
    // a metric no run has a value for gets no line (nor a row in the report)
    const none = { ...set, metrics: { ...set.metrics, unmetDemand: [NaN, NaN, NaN] } };
    expect(seedsSummaryLines(none).some((l) => l.startsWith("unmetDemand:"))).to.equal(false);
    expect(seedsSummaryLines(set).some((l) => l.startsWith("unmetDemand:"))).to.equal(true);
  });

  it("runSetOf keeps each run's value (the mean is taken once, by band)", () => {
    const set = edgeSet();
    expect(runSetOf("x", [], []).seeds).to.deep.equal([]);
    expect(band(set.metrics.breakerTrips, "count").mean).to.be.closeTo(2 / 3, 1e-12);
  });
});
