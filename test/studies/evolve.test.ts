import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { meanFitness, normalise, replicatorStep } from "../../src/agents/learning/replicator";
import { Rng } from "../../src/sim/prng";
import { evolve, evolvedScenario, evolveDefaults, initialPopulation, mutateParams, scaleAgents, strategyFitness, type EvolveConfig } from "../../src/studies/evolve";
import { renderEvolveReport } from "../../src/studies/evolveReport";
import { parseEvolveArgs, runEvolveCommand } from "../../src/studies/evolveCli";
import { parseScenario } from "../../src/sim/scenario";
import type { StudyJob, StudyResult } from "../../src/studies/runner/job";
import { bindPolicy, familyDefaults } from "../../src/agents/registry";
import { history, obs, state } from "../sim/helpers";

describe("replicator dynamics with mutation", () => {
  it("keeps a distribution, and leaves it alone when every strategy is equally fit and nothing mutates", () => {
    const x = replicatorStep([0.2, 0.3, 0.5], [0.1, 0.1, 0.1], 10, 0);
    x.forEach((v, i) => expect(v).to.be.closeTo([0.2, 0.3, 0.5][i], 1e-12));
    const y = replicatorStep([0.2, 0.3, 0.5], [0.3, -0.2, 0.05], 7, 0.1);
    expect(y.reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-12);
    expect(Math.min(...y)).to.be.at.least(0.1 / 3);
  });

  it("grows exactly the strategies fitter than the generation's threshold (1/beta) ln sum x e^(beta f), and only fitness differences matter", () => {
    const x = [0.25, 0.25, 0.5];
    const f = [0.2, 0.0, 0.1];
    const beta = 5;
    const y = replicatorStep(x, f, beta, 0);
    const threshold = Math.log(x.reduce((s, xi, i) => s + xi * Math.exp(beta * f[i]), 0)) / beta;
    expect(threshold).to.be.at.least(meanFitness(x, f)); // Jensen: never below the mean fitness
    y.forEach((v, i) => expect(Math.sign(v - x[i])).to.equal(Math.sign(f[i] - threshold)));
    expect(y[0]).to.be.greaterThan(x[0]); // the fittest grows
    expect(y[1]).to.be.lessThan(x[1]); // the least fit shrinks
    const shifted = replicatorStep(x, f.map((v) => v + 100), 5, 0);
    shifted.forEach((v, i) => expect(v).to.be.closeTo(y[i], 1e-12));
  });

  it("is the replicator equation dx_i = beta x_i (f_i - fbar) for a small selection strength", () => {
    const x = [0.1, 0.6, 0.3];
    const f = [1, -0.5, 0.25];
    const beta = 1e-4;
    const y = replicatorStep(x, f, beta, 0);
    const fbar = meanFitness(x, f);
    y.forEach((v, i) => expect((v - x[i]) / beta).to.be.closeTo(x[i] * (f[i] - fbar), 1e-3));
  });

  it("drives a dominated strategy down to the mutation floor mu/n (its fixed point)", () => {
    let x = [0.5, 0.5];
    for (let g = 0; g < 200; g++) x = replicatorStep(x, [1, 0], 5, 0.02);
    expect(x[1]).to.be.closeTo(0.01, 1e-3);
  });

  it("rejects bad input", () => {
    expect(() => replicatorStep([0.5], [1, 2], 1, 0)).to.throw(RangeError);
    expect(() => replicatorStep([0.5, 0.5], [1, NaN], 1, 0)).to.throw(RangeError);
    expect(() => replicatorStep([0.5, 0.5], [1, 2], -1, 0)).to.throw(RangeError);
    expect(() => replicatorStep([0.5, 0.5], [1, 2], 1, 2)).to.throw(RangeError);
    expect(() => normalise([0, 0])).to.throw(RangeError);
  });
});

describe("evolution loop", () => {
  const raw = {
    name: "evo-test",
    seed: 5,
    population: [
      { family: "whale", count: 1 },
      { family: "noise", count: 6 },
      { family: "momentum", count: 2 },
      { family: "oracle", count: 1, roles: ["oracle"] },
      { family: "staker", count: 2 },
    ],
  };

  it("mutates numeric parameters within their kind: fractions stay strictly inside (0,1), integers stay integers >= 1", () => {
    const p = { probability: 0.9, lookback: 5, sizeEth: 2, label: "x", flag: true, tipGwei: 1 };
    for (let k = 0; k < 200; k++) {
      const m = mutateParams(p, Rng.derive(k, 0), 3);
      expect(m.probability).to.be.greaterThan(0).and.lessThan(1);
      expect(Number.isInteger(m.lookback) && (m.lookback as number) >= 1).to.equal(true);
      expect(m.label).to.equal("x");
      expect(m.flag).to.equal(true);
      expect(m.tipGwei).to.equal(1);
    }
    expect(mutateParams(p, Rng.derive(1, 0), 0.3)).to.deep.equal(mutateParams(p, Rng.derive(1, 0), 0.3));
    // every mutant of every family's defaults is still a valid policy (the Q-learner's discount stays < 1)
    for (const family of ["qlearning", "learning", "momentum", "meanReversion", "value", "noise"]) {
      for (let k = 0; k < 30; k++) {
        const m = mutateParams(familyDefaults(family), Rng.derive(k, 1), 1);
        const policy = bindPolicy(family, m);
        const o = obs({ priceHistory: history(1, 1.01, 1.02, 1.03, 1.02) });
        const run = () => {
          const d = policy.decide(o, state({ family }), Rng.derive(k, 2));
          policy.decide(o, state({ family }, d.memory), Rng.derive(k, 3)); // the second decision learns from the first
        };
        expect(run, `${family} ${JSON.stringify(m)}`).to.not.throw();
      }
    }
  });

  it("evolves only non-adversarial agents without roles, with shares from the scenario's counts", () => {
    const init = initialPopulation(raw);
    expect(init.strategies.map((s) => s.family)).to.deep.equal(["noise", "momentum", "staker"]);
    expect(init.shares).to.deep.equal([0.6, 0.2, 0.2]);
    expect(init.fixed.map((f) => f.family)).to.deep.equal(["whale", "oracle"]);
    expect(init.total).to.equal(10);
    const scaled = parseScenario(scaleAgents(raw, 24));
    expect(scaled.population.reduce((s, p) => s + p.count, 0)).to.equal(24);
  });

  it("reads each strategy's fitness from the population entries after the fixed ones", () => {
    const res = (returns: number[]): StudyResult => ({
      id: 0, label: "", seed: 1, metrics: {}, adversaryProfit: 0, winnersShare: 0,
      entries: [{ entry: 0, family: "whale", count: 1, adversarial: true, meanPnl: 9, meanReturn: 9 }, { entry: 1, family: "oracle", count: 1, adversarial: false, meanPnl: 9, meanReturn: 9 },
        ...returns.map((r, k) => ({ entry: 2 + k, family: "f", count: 1, adversarial: false, meanPnl: r, meanReturn: r }))],
    });
    // strategy 1 has no agents: its entry is absent and its fitness unknown
    const f = strategyFitness([res([0.1, 0.3]), res([0.3, 0.5])], 2, [3, 0, 2]);
    expect(f.map((x) => x.mean)).to.deep.equal([0.2, NaN, 0.4]);
  });

  it("with a synthetic economy in which momentum earns 5% a run and everyone else 0, momentum takes over", async () => {
    const fakeRuns = async (jobs: readonly StudyJob[]): Promise<StudyResult[]> => jobs.map((j) => {
      const s = parseScenario(j.scenario);
      const entries = s.population.map((p, entry) => ({ entry, family: p.family, count: p.count, adversarial: p.family === "whale", meanPnl: 0, meanReturn: p.family === "momentum" ? 0.05 : 0 }));
      return { id: j.id, label: j.label, seed: j.seed, metrics: { volatility: 0.01, gini: 0.2, welfarePaid: 1, participation: 0.5 }, entries, adversaryProfit: 0, winnersShare: 0.5 };
    });
    const cfg: EvolveConfig = { ...evolveDefaults, generations: 6, seeds: 2, baseSeed: 100, mutationRate: 0 };
    const r = await evolve({ raw, economy: "fake" }, cfg, fakeRuns);
    expect(r.records).to.have.length(6);
    const momentum = r.records.map((g) => g.shares[g.strategies.findIndex((s) => s.family === "momentum")]);
    for (let g = 1; g < momentum.length; g++) expect(momentum[g]).to.be.greaterThan(momentum[g - 1]);
    expect(r.records[1].counts.reduce((s, c) => s + c, 0)).to.equal(10);
    expect(r.records.map((g) => g.outcomes.volatility.mean)).to.deep.equal([0.01, 0.01, 0.01, 0.01, 0.01, 0.01]);
    // fresh seeds every generation
    expect(r.records.length * 2).to.equal(new Set(r.records.flatMap((g) => [100 + g.generation * 2, 101 + g.generation * 2])).size);
    const evolved = parseScenario(evolvedScenario(raw, r));
    expect(evolved.population.find((p) => p.family === "momentum")?.count).to.be.greaterThan(2);
    expect(evolved.population.filter((p) => p.family === "whale" || p.family === "oracle").map((p) => p.count)).to.deep.equal([1, 1]);
    const html = renderEvolveReport("t", r);
    expect(html).to.include("momentum 20% →");
    // intervals as computed (clipped, so not symmetric): [lo, hi], never mean ± half-width
    expect(html).to.not.include("±");
    expect(html).to.match(/<td>-?[0-9.e+-]+ \[-?[0-9.e+-]+, -?[0-9.e+-]+\]<\/td>/);
  });

  it("spawns parameter mutants that inherit part of their parent's share", async () => {
    const fakeRuns = async (jobs: readonly StudyJob[]): Promise<StudyResult[]> => jobs.map((j) => {
      const s = parseScenario(j.scenario);
      return { id: j.id, label: j.label, seed: j.seed, metrics: {}, adversaryProfit: 0, winnersShare: 0, entries: s.population.map((p, entry) => ({ entry, family: p.family, count: p.count, adversarial: false, meanPnl: 0, meanReturn: 0 })) };
    });
    const r = await evolve({ raw, economy: "fake" }, { ...evolveDefaults, generations: 2, seeds: 1, baseSeed: 1, mutationRate: 1, mu: 0 }, fakeRuns);
    const g1 = r.records[1];
    expect(g1.strategies.length).to.equal(6);
    const child = g1.strategies[3];
    expect(child.parent).to.equal(0);
    expect(child.family).to.equal("noise");
    expect(g1.shares[3]).to.be.closeTo(0.6 * evolveDefaults.mutantShare, 1e-12);
  });
});

describe("evolve: command line and a small chain run", function () {
  this.timeout(300_000);

  it("parses the documented options", () => {
    const o = parseEvolveArgs(["--scenario", "s.json", "--generations", "4", "--seeds", "3", "--steps", "40", "--agents", "30", "--out", "o", "--beta", "5", "--mu", "0.1"]);
    expect([o.scenario, o.generations, o.seeds, o.steps, o.agents, o.out, o.beta, o.mu]).to.deep.equal(["s.json", 4, 3, 40, 30, "o", 5, 0.1]);
    expect(() => parseEvolveArgs(["--mu", "2"])).to.throw();
  });

  it("runs a generation on the chain economy and writes its report", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-evo-"));
    const scenario = path.join(__dirname, "..", "..", "scenarios", "low-intelligence.json");
    const o = parseEvolveArgs(["--scenario", scenario, "--generations", "1", "--seeds", "1", "--steps", "10", "--agents", "8", "--out", out, "--workers", "1", "--economy", "chain", "--quiet"]);
    const r = await runEvolveCommand(o, () => undefined);
    expect(r.records[0].failed).to.equal(0);
    expect(r.records[0].fitness.some((f) => Number.isFinite(f.mean))).to.equal(true);
    for (const f of ["evolve.json", "evolve.csv", "evolve-report.html"]) expect(fs.existsSync(path.join(out, f)), f).to.equal(true);
  });
});
