import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Rng } from "../../src/sim/prng";
import { latinHypercube } from "../../src/studies/optimise/lhs";
import { parseDimension, valueAt, SpaceError } from "../../src/studies/optimise/space";
import { dominates, paretoFront, paretoRanks } from "../../src/studies/optimise/pareto";
import { planCost, planHalving, type Evaluation } from "../../src/studies/optimise/halving";
import { finalists, optimise, type Candidate, type OptimiseSpec, rungLine } from "../../src/studies/optimise/optimiser";
import { mergeShardOutputs, renderOptimiseReport, type ShardOutput } from "../../src/studies/optimise/output";
import { parseConstraint, violation } from "../../src/studies/objective";
import { parseOptimiseArgs, runOptimiseCommand } from "../../src/studies/optimise/cli";

describe("optimiser: search space, Latin hypercube, Pareto", () => {
  it("parses ranges: integer bounds search integers, decimals search decimals, :log samples log-uniformly", () => {
    const fee = parseDimension("fees.buyBps=10..300");
    expect(fee).to.deep.equal({ path: "fees.buyBps", low: 10, high: 300, integer: true, log: false });
    expect(valueAt(fee, 0.5)).to.equal("155");
    const slope = parseDimension("curve.params.slope=0.000001..0.0001:log");
    expect(slope.integer).to.equal(false);
    expect(Number(valueAt(slope, 0.5))).to.be.closeTo(0.00001, 1e-12);
    for (const bad of ["x", "a=1", "a=2..1", "a=0..1:log", "a b=1..2"]) expect(() => parseDimension(bad), bad).to.throw(SpaceError);
  });

  it("puts exactly one point in each of the n strata of every dimension", () => {
    const pts = latinHypercube(17, 3, Rng.derive(5, 0));
    for (let j = 0; j < 3; j++) {
      const strata = pts.map((p) => Math.floor(p[j] * 17)).sort((a, b) => a - b);
      expect(strata).to.deep.equal([...Array(17).keys()]);
    }
  });

  it("finds the non-dominated points and ranks the rest in fronts", () => {
    const pts = [[1, 5], [2, 2], [5, 1], [3, 3], [6, 6], [2, 2]];
    expect(dominates([2, 2], [3, 3])).to.equal(true);
    expect(dominates([2, 2], [2, 2])).to.equal(false);
    expect(paretoFront(pts)).to.deep.equal([0, 1, 2, 5]);
    expect(paretoRanks(pts)).to.deep.equal([0, 0, 0, 1, 2, 0]);
  });

  it("parses constraints and measures how far a value violates them", () => {
    const c = parseConstraint("gini<=0.4");
    expect(c).to.deep.equal({ metric: "gini", op: "<=", bound: 0.4 });
    expect(violation(c, 0.5)).to.be.closeTo(0.1, 1e-12);
    expect(violation(parseConstraint("welfarePaid>=2"), 3)).to.equal(0);
    expect(() => parseConstraint("nope<=1")).to.throw(RangeError);
    expect(() => parseConstraint("gini<1")).to.throw(RangeError);
  });

  it("plans successive halving within the budget, ending with every seed, starting wider than a grid", () => {
    for (const [budget, seeds, eta] of [[36, 4, 2], [100, 4, 2], [27, 3, 3], [10, 1, 2], [5, 5, 2]]) {
      const plan = planHalving(budget, seeds, eta);
      expect(plan.cost).to.equal(planCost(plan.rungs));
      expect(plan.cost).to.be.at.most(budget);
      expect(plan.rungs[plan.rungs.length - 1].seeds).to.equal(seeds);
      expect(plan.rungs[0].candidates).to.be.at.least(Math.floor(budget / seeds)); // a grid of the same budget
    }
    expect(planHalving(36, 4, 2).rungs.map((r) => [r.candidates, r.seeds])).to.deep.equal([[19, 1], [9, 2], [4, 4]]);
    expect(() => planHalving(3, 4, 2)).to.throw(RangeError);
  });
});

// A synthetic economy: volatility = (x - 0.3)^2 + (y - 0.7)^2 + seed noise shared by every
// candidate (common random numbers) + a little candidate-specific noise; "welfare" rises with x.
function synthetic(jobs: readonly { candidate: Candidate; seed: number }[]): Promise<Evaluation[]> {
  return Promise.resolve(jobs.map(({ candidate, seed }) => {
    const x = Number(candidate.setting.x);
    const y = Number(candidate.setting.y);
    const shared = Rng.derive(seed, 99).normal(0, 0.05);
    const own = Rng.derive(seed, candidate.id).normal(0, 0.002);
    return { candidate: candidate.id, seed, values: { volatility: (x - 0.3) ** 2 + (y - 0.7) ** 2 + shared + own, welfarePaid: x, gini: y } };
  }));
}

function spec(over: Partial<OptimiseSpec> = {}): OptimiseSpec {
  return {
    dims: [parseDimension("x=0.0..1.0"), parseDimension("y=0.0..1.0")],
    objectives: [{ name: "volatility", better: "lower" }],
    constraints: [],
    budget: 120,
    seeds: 4,
    baseSeed: 10,
    eta: 2,
    sampleSeed: 3,
    shard: { index: 1, count: 1 },
    ...over,
  };
}

describe("optimiser: successive halving on a synthetic objective with a known optimum", () => {
  it("finds the optimum (0.3, 0.7) within 0.1 and never exceeds the budget", async () => {
    const r = await optimise(spec(), synthetic);
    expect(r.evaluations.length).to.be.at.most(120);
    const best = finalists(r)[0];
    const c = r.candidates.find((k) => k.id === best.candidate) as Candidate;
    expect(Math.abs(Number(c.setting.x) - 0.3), JSON.stringify(c.setting)).to.be.below(0.1);
    expect(Math.abs(Number(c.setting.y) - 0.7), JSON.stringify(c.setting)).to.be.below(0.1);
  });

  it("gives every candidate of a rung the same seeds (common random numbers)", async () => {
    const r = await optimise(spec(), synthetic);
    const seedsOf = (id: number) => r.evaluations.filter((e) => e.candidate === id).map((e) => e.seed).sort();
    for (const rung of r.rungs) for (const s of rung) expect(seedsOf(s.candidate).slice(0, s.seeds)).to.deep.equal([...Array(s.seeds).keys()].map((k) => 10 + k));
  });

  it("respects a constraint: with x <= 0.15 enforced through welfarePaid<=0.15 the best has x <= 0.15", async () => {
    const r = await optimise(spec({ constraints: [parseConstraint("welfarePaid<=0.15")] }), synthetic);
    const best = finalists(r)[0];
    expect(best.violation).to.equal(0);
    expect(best.means.welfarePaid).to.be.at.most(0.15);
  });

  it("ranks by Pareto rank with several objectives and draws the front in the report", async () => {
    const r = await optimise(spec({ objectives: [{ name: "volatility", better: "lower" }, { name: "welfarePaid", better: "higher" }] }), synthetic);
    const html = renderOptimiseReport({ ...r, scenarioName: "synthetic", searchHash: "x" });
    expect(html).to.include("Pareto front: volatility vs welfarePaid");
    // intervals as computed (clipped, so not symmetric): [lo, hi], never mean ± half-width
    expect(html).to.not.include("±");
    expect(html).to.match(/-?[0-9.e+-]+ \[-?[0-9.e+-]+, -?[0-9.e+-]+\]/);
    expect((html.match(/<circle class="front"/g) ?? []).length).to.be.greaterThan(1);
  });

  it("two shards take disjoint candidates of one hypercube; merged, their finalists are ranked together", async () => {
    const a = await optimise(spec({ shard: { index: 1, count: 2 } }), synthetic);
    const b = await optimise(spec({ shard: { index: 2, count: 2 } }), synthetic);
    expect(a.candidates.every((c) => c.id % 2 === 0)).to.equal(true);
    expect(b.candidates.every((c) => c.id % 2 === 1)).to.equal(true);
    const wrap = (x: typeof a): ShardOutput => ({ ...x, scenarioName: "s", searchHash: "h" });
    const merged = mergeShardOutputs([wrap(a), wrap(b)]);
    const fin = finalists(merged);
    expect(fin.length).to.equal(finalists(a).length + finalists(b).length);
    expect(() => mergeShardOutputs([wrap(a), { ...wrap(b), searchHash: "other" }])).to.throw(/different searches/);
  });
});

describe("optimiser: command line and a small chain run", function () {
  this.timeout(300_000);

  it("parses the documented options", () => {
    const o = parseOptimiseArgs(["--scenario", "s.json", "--param", "fees.buyBps=10..300", "--param", "curve.params.slope=0.000001..0.0001:log", "--objective", "volatility", "--objective", "welfarePaid", "--constraint", "gini<=0.5", "--budget", "40", "--seeds", "3", "--steps", "50", "--agents", "20", "--out", "o", "--shard", "2/3"]);
    expect(o.dims.map((d) => d.path)).to.deep.equal(["fees.buyBps", "curve.params.slope"]);
    expect(o.objectives).to.deep.equal(["volatility", "welfarePaid"]);
    expect(o.constraints).to.deep.equal([{ metric: "gini", op: "<=", bound: 0.5 }]);
    expect([o.budget, o.seeds, o.steps, o.agents, o.out]).to.deep.equal([40, 3, 50, 20, "o"]);
    expect(o.shard).to.deep.equal({ index: 2, count: 3 });
  });

  it("searches a fee range on the chain economy in worker processes and writes the report", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-opt-"));
    const scenario = path.join(__dirname, "..", "..", "scenarios", "curve-economy.json");
    const o = parseOptimiseArgs(["--scenario", scenario, "--param", "fees.buyBps=20..300", "--objective", "volatility", "--objective", "welfarePaid", "--budget", "2", "--seeds", "1", "--steps", "10", "--agents", "6", "--out", out, "--workers", "2", "--quiet"]);
    const r = await runOptimiseCommand(o, () => undefined);
    expect(r.evaluations.every((e) => e.error === undefined), JSON.stringify(r.evaluations.map((e) => e.error))).to.equal(true);
    expect(r.evaluations.length).to.equal(2);
    for (const f of ["optimise-report.html", "optimise.csv", "optimise-shard-1-of-1.json"]) expect(fs.existsSync(path.join(out, f)), f).to.equal(true);
    expect(fs.readFileSync(path.join(out, "optimise-report.html"), "utf8")).to.include("Best setting");
  });
});

describe("optimiser: the rung progress line", () => {
  const objectives = [{ name: "volatility" }, { name: "welfarePaid" }];
  it("names the best candidate's means, and the failed runs when some failed", () => {
    const ok = { candidate: 3, seeds: 2, failed: 0, means: { volatility: 0.0061, welfarePaid: 2.5 }, violation: 0 };
    expect(rungLine(1, [ok], objectives)).to.equal("rung 1: 1 candidates; best #3 volatility=0.0061 welfarePaid=2.5");
    const some = { ...ok, failed: 1 };
    expect(rungLine(2, [some, ok], objectives)).to.equal("rung 2: 2 candidates; best #3 volatility=0.0061 welfarePaid=2.5 (1 of 2 runs failed)");
  });
  it("prints n/a, not NaN, where every run of the best candidate failed", () => {
    const none = { candidate: 0, seeds: 2, failed: 2, means: { volatility: NaN, welfarePaid: NaN }, violation: Infinity };
    const line = rungLine(1, [none], objectives);
    expect(line).to.equal("rung 1: 1 candidates; best #0 volatility=n/a welfarePaid=n/a (2 of 2 runs failed)");
    expect(line).to.not.include("NaN");
    expect(rungLine(1, [], objectives)).to.equal("rung 1: no candidates");
  });
});
