import { expect } from "chai";
import { gini, giniBig } from "../../src/metrics/gini";
import { logReturns, realisedVolatility, pushPrice, windowVolatility } from "../../src/metrics/volatility";
import { governanceParticipation, stakingRatio, voterTurnout } from "../../src/metrics/ratios";
import { aggregatePnl } from "../../src/metrics/pnl";
import { emptyStats, pushStat, summarise } from "../../src/metrics/running";
import { meanCI95, rangeOf, rangeOfRunMetric, tCritical95, UNBOUNDED } from "../../src/metrics/confidence";
import { aggregate } from "../../src/sweep/aggregate";
import type { CellResult } from "../../src/sweep/aggregate";
import { objectivesOf } from "../../src/sweep/objectives";

/** Gini by its definition: mean absolute difference over all ordered pairs / (2 * mean). */
function giniByDefinition(xs: number[]): number {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  let sum = 0;
  for (const a of xs) for (const b of xs) sum += Math.abs(a - b);
  return sum / (2 * n * n * mean);
}

describe("metrics: Gini of wealth", () => {
  it("is 0 for perfect equality [1,1,1,1]", () => {
    expect(gini([1, 1, 1, 1])).to.equal(0);
    expect(giniBig([1n, 1n, 1n, 1n])).to.equal(0);
  });

  it("is 0.75 for [0,0,0,1]: 6 unequal ordered pairs / (2 * 16 * 1/4)", () => {
    expect(giniByDefinition([0, 0, 0, 1])).to.equal(0.75);
    expect(gini([0, 0, 0, 1])).to.be.closeTo(0.75, 1e-12);
    expect(giniBig([0n, 0n, 0n, 1n])).to.be.closeTo(0.75, 1e-12);
  });

  it("equals the pairwise definition on uneven data, in any input order", () => {
    const xs = [5, 1, 9, 3, 3, 0, 12];
    expect(gini(xs)).to.be.closeTo(giniByDefinition(xs), 1e-12);
    expect(giniBig(xs.map(BigInt).reverse())).to.be.closeTo(giniByDefinition(xs), 1e-12);
  });

  it("stays exact for wei-sized values beyond float precision", () => {
    const big = 10n ** 30n;
    expect(giniBig([big, big + 1n, big, big])).to.be.closeTo(0, 1e-15);
    expect(giniBig([0n, 0n, 0n, big])).to.be.closeTo(0.75, 1e-12);
  });

  it("is 0 for an empty or all-zero population and clamps negative wealth to 0", () => {
    expect(giniBig([])).to.equal(0);
    expect(giniBig([0n, 0n])).to.equal(0);
    expect(giniBig([-5n, 0n, 0n, 1n])).to.be.closeTo(0.75, 1e-12);
  });
});

describe("metrics: realised volatility", () => {
  it("is the sample sd of log returns: prices 1, e^0.1, 1 give returns +0.1, -0.1 and sd 0.1*sqrt(2)", () => {
    const prices = [1, Math.exp(0.1), 1];
    const r = logReturns(prices);
    expect(r[0]).to.be.closeTo(0.1, 1e-12);
    expect(r[1]).to.be.closeTo(-0.1, 1e-12);
    // mean 0, squared deviations 0.01 + 0.01 over n-1 = 1
    expect(realisedVolatility(prices)).to.be.closeTo(Math.sqrt(0.02), 1e-12);
  });

  it("is 0 for a constant price and for fewer than two returns", () => {
    expect(realisedVolatility([2, 2, 2, 2])).to.equal(0);
    expect(realisedVolatility([2, 3])).to.equal(0);
  });

  it("keeps only the last window+1 prices in its rolling window", () => {
    let w = { window: 2, prices: [] as readonly number[] };
    for (const p of [100, 1, Math.exp(0.1), 1]) w = pushPrice(w, p);
    expect(w.prices).to.deep.equal([1, Math.exp(0.1), 1]);
    expect(windowVolatility(w)).to.be.closeTo(Math.sqrt(0.02), 1e-12);
  });
});

describe("metrics: ratios and P&L", () => {
  it("computes staking ratio and participation as plain shares, 0 on empty denominators", () => {
    expect(stakingRatio(25n, 100n)).to.equal(0.25);
    expect(stakingRatio(1n, 0n)).to.equal(0);
    expect(governanceParticipation(3n, 4n)).to.equal(0.75);
    expect(voterTurnout(2, 8)).to.equal(0.25);
    expect(voterTurnout(1, 0)).to.equal(0);
  });

  it("aggregates P&L per family in the given order, with zero rows for absent families", () => {
    const rows = aggregatePnl(
      [
        { family: "b", pnl: 10n },
        { family: "a", pnl: -3n },
        { family: "b", pnl: -4n },
      ],
      ["a", "b", "c"],
    );
    expect(rows).to.deep.equal([
      { family: "a", count: 1, total: -3n, mean: -3n, rising: 0 },
      { family: "b", count: 2, total: 6n, mean: 3n, rising: 1 },
      { family: "c", count: 0, total: 0n, mean: 0n, rising: 0 },
    ]);
  });
});

describe("metrics: streaming summary statistics", () => {
  it("match a direct computation of mean, sample sd, min, max and last", () => {
    const xs = [4, 8, 15, 16, 23, 42];
    let s = emptyStats;
    for (const x of xs) s = pushStat(s, x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
    const out = summarise(s);
    expect(out.n).to.equal(6);
    expect(out.mean).to.be.closeTo(mean, 1e-12);
    expect(out.sd).to.be.closeTo(sd, 1e-12);
    expect([out.min, out.max, out.last]).to.deep.equal([4, 42, 42]);
  });

  it("hold a constant number of fields however many values are pushed", () => {
    let s = emptyStats;
    for (let i = 0; i < 10_000; i++) s = pushStat(s, i % 7);
    expect(Object.keys(s)).to.have.length(Object.keys(emptyStats).length);
  });

  it("summarise an empty stream as zeros", () => {
    expect(summarise(emptyStats)).to.deep.equal({ n: 0, mean: 0, sd: 0, min: 0, max: 0, last: 0 });
  });
});

describe("metrics: 95% confidence intervals", () => {
  it("uses the t table for small samples and tends to the normal 1.96", () => {
    expect(tCritical95(1)).to.equal(12.706);
    expect(tCritical95(30)).to.equal(2.042);
    expect(tCritical95(31)).to.be.closeTo(2.0395, 5e-4); // t_{0.975,31} = 2.0395 (tables)
    expect(tCritical95(120)).to.be.closeTo(1.9799, 5e-4); // t_{0.975,120} = 1.9799 (tables)
    expect(tCritical95(1_000_000)).to.be.closeTo(1.96, 1e-3);
    expect(() => tCritical95(0)).to.throw(RangeError);
  });

  it("gives mean 2 and half-width t(2) * 1 / sqrt(3) for [1,2,3]", () => {
    const ci = meanCI95([1, 2, 3], UNBOUNDED);
    expect(ci.mean).to.equal(2);
    expect(ci.sd).to.equal(1);
    expect(ci.halfWidth).to.be.closeTo(4.303 / Math.sqrt(3), 1e-12);
    expect(ci.lo).to.be.closeTo(2 - 4.303 / Math.sqrt(3), 1e-12);
  });

  it("has zero width for one sample and NaN for none", () => {
    expect(meanCI95([5], UNBOUNDED).halfWidth).to.equal(0);
    expect(meanCI95([], UNBOUNDED).mean).to.be.NaN;
  });

  it("clips the interval to the metric's range and keeps the t half-width (two seeds of a share near 100%)", () => {
    const t = 12.706 * (0.05 / Math.SQRT2) / Math.SQRT2; // t(1) x sd / sqrt(2), sd of [0.95, 1] = 0.05 / sqrt(2)
    const ci = meanCI95([0.95, 1], rangeOf("share"));
    expect(ci.halfWidth).to.be.closeTo(t, 1e-12);
    expect(ci.hi).to.equal(1);
    expect(ci.lo).to.be.closeTo(0.975 - t, 1e-12);
    expect(meanCI95([0.95, 1], UNBOUNDED).hi).to.be.closeTo(0.975 + t, 1e-12); // unclipped without a range
    expect(meanCI95([0.001, 0.02], rangeOf("count")).lo).to.equal(0);
    expect(meanCI95([-3, 4], rangeOf("ETH")).lo).to.be.lessThan(-3); // P&L is unbounded
  });

  it("clips a Gini to [0, 1] and a volatility to >= 0 (their catalogue ranges; their unit, ratio, is unbounded)", () => {
    expect(rangeOfRunMetric("gini")).to.deep.equal({ min: 0, max: 1 });
    expect(rangeOfRunMetric("providerIncomeGini")).to.deep.equal({ min: 0, max: 1 });
    for (const m of ["volatility", "resourcePriceVolatility", "minReserveCover"]) expect(rangeOfRunMetric(m), m).to.deep.equal({ min: 0 });
    expect(meanCI95([0.97, 0.999], rangeOfRunMetric("gini")).hi).to.equal(1);
    expect(meanCI95([0.97, 0.999], UNBOUNDED).hi).to.be.greaterThan(1);
    expect(meanCI95([0.0005, 0.02], rangeOfRunMetric("volatility")).lo).to.equal(0);
    expect(rangeOfRunMetric("maxDrawdown")).to.deep.equal({ min: 0, max: 1 }); // the others by their unit, as before
    expect(rangeOfRunMetric("agentsPnl")).to.deep.equal({});
  });

  it("gives the sweep's objectives intervals inside their ranges (maxDrawdown >= 0 with two seeds)", () => {
    const objectives = Object.fromEntries(objectivesOf().map((o) => [o.name, 0.5]));
    const cell = (index: number, seed: number, dd: number): CellResult =>
      ({ index, seed, settingKey: "fees.buyBps=50", setting: { "fees.buyBps": "50" }, objectives: { ...objectives, maxDrawdown: dd } });
    const [row] = aggregate([cell(0, 1, 0.001), cell(1, 2, 0.04)], objectivesOf()[0]);
    expect(row.stats.maxDrawdown.lo).to.equal(0);
    expect(row.stats.maxDrawdown.hi).to.be.at.most(1);
  });
});
