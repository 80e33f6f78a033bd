import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LADDER, rungScenario, runIntelligenceStudy, summariseRungs, type Rung } from "../../src/studies/intelligence";
import { headline, renderIntelligenceReport, verdict } from "../../src/studies/intelligenceReport";
import { parseStudyArgs, reusableRungs, runStudyCommand } from "../../src/studies/studyCli";
import { parseScenario } from "../../src/sim/scenario";
import { readScenarioJson } from "../../src/sim/run";
import type { StudyJob, StudyResult } from "../../src/studies/runner/job";

const base = readScenarioJson(path.join(__dirname, "..", "..", "scenarios", "intelligence-base.json"));

function result(label: string, seed: number, m: { volatility: number; adversaryProfit: number; gini?: number; welfarePaid?: number; participation?: number }): StudyResult {
  return {
    id: seed, label, seed, entries: [], adversaryProfit: m.adversaryProfit, winnersShare: 0.5,
    metrics: { volatility: m.volatility, gini: m.gini ?? 0.3, welfarePaid: m.welfarePaid ?? 1, participation: m.participation ?? 0.2 },
  };
}

describe("intelligence ladder", () => {
  it("has the four rungs of the seed question, in rising order", () => {
    expect(LADDER.map((r) => r.name)).to.deep.equal(["rule-based", "bandit", "qlearning", "evolved"]);
    expect(LADDER.map((r) => r.evolved)).to.deep.equal([false, false, false, true]);
  });

  it("appends each rung's trader block to the same base economy", () => {
    const basePop = parseScenario(base).population;
    for (const r of LADDER) {
      const s = parseScenario(rungScenario(base, r, 24));
      expect(s.population.slice(0, basePop.length)).to.deep.equal(basePop);
      const block = s.population.slice(basePop.length);
      expect(block.reduce((t, p) => t + p.count, 0)).to.equal(24);
      expect(new Set(block.map((p) => p.family))).to.deep.equal(new Set(r.traders.map((t) => t.family)));
    }
  });

  it("calls a paired difference significant only when its 95% CI excludes zero, in the metric's direction", () => {
    expect(verdict({ mean: -1, lo: -2, hi: -0.1, n: 10 }, "lower")).to.equal("better");
    expect(verdict({ mean: -1, lo: -2, hi: -0.1, n: 10 }, "higher")).to.equal("worse");
    expect(verdict({ mean: 1, lo: -0.1, hi: 2, n: 10 }, "lower")).to.equal("no significant change");
    expect(verdict({ mean: 1, lo: 1, hi: 1, n: 1 }, "lower")).to.equal("no significant change");
  });

  it("compares rungs seed by seed and states the answer in the headline", () => {
    const seeds = [1, 2, 3, 4, 5];
    const ruleRung: Rung = LADDER[0];
    const topRung: Rung = LADDER[2];
    // the smarter rung halves volatility on every seed and leaves adversaries' profit unchanged (noise)
    const rule = seeds.map((s) => result("rule-based", s, { volatility: 0.02 + s * 0.001, adversaryProfit: 5 + s }));
    const top = seeds.map((s) => result("qlearning", s, { volatility: (0.02 + s * 0.001) / 2, adversaryProfit: 5 + s + (s % 2 === 0 ? 1 : -1) }));
    const out = summariseRungs([{ rung: ruleRung, results: rule }, { rung: topRung, results: top }]);
    expect(out[1].vsFirst.volatility.mean).to.be.closeTo(-0.0115, 1e-12);
    expect(verdict(out[1].vsFirst.volatility, "lower")).to.equal("better");
    expect(verdict(out[1].vsFirst.adversaryProfit, "lower")).to.equal("no significant change");
    const h = headline(out);
    expect(h).to.match(/^Does the economy get better as its traders get smarter\? Partly\./);
    expect(h).to.include("better on volatility");
    // a last rung whose every run failed: the headline compares with the highest rung that has results
    const failed = summariseRungs([{ rung: ruleRung, results: rule }, { rung: topRung, results: top }, { rung: LADDER[3], results: [{ ...rule[0], label: "evolved", error: "boom" }] }]);
    expect(headline(failed)).to.include("From rule-based to qlearning traders over 5 paired seeds (every run of evolved failed: see the table)");
    const html = renderIntelligenceReport(out, { traders: 24, seeds: 5, baseSeed: 1, generations: 0, evolveSeeds: 0, economy: "fake" }, "t", 1);
    expect(html).to.include("Paired differences from rule-based");
    // intervals as computed (clipped, so not symmetric): [lo, hi], never mean ± half-width
    expect(html).to.not.include("±");
    expect(html).to.match(/<td>-?[0-9.e+-]+ \[-?[0-9.e+-]+, -?[0-9.e+-]+\]<\/td>/);
    expect((html.match(/<line class="ci"/g) ?? []).length).to.equal(2 * 6);
  });

  it("runs every rung on the same seeds and evolves the last one on seeds of its own", async () => {
    const seen: { label: string; seed: number; traders: string[] }[] = [];
    const baseCount = parseScenario(base).population.length;
    const fake = async (jobs: readonly StudyJob[]): Promise<StudyResult[]> => jobs.map((j) => {
      const s = parseScenario(j.scenario);
      seen.push({ label: j.label, seed: j.seed, traders: s.population.slice(baseCount).filter((p) => p.count > 0).map((p) => p.family) });
      const entries = s.population.map((p, entry) => ({ entry, family: p.family, count: p.count, adversarial: false, meanPnl: 0, meanReturn: p.family === "qlearning" ? 0.05 : 0 }));
      return { ...result(j.label, j.seed, { volatility: 0.01, adversaryProfit: 1 }), id: j.id, entries };
    });
    const out = await runIntelligenceStudy(base, { traders: 24, seeds: 3, baseSeed: 500, generations: 2, evolveSeeds: 1, economy: "fake" }, fake);
    expect(out.map((o) => o.results.map((r) => r.seed))).to.deep.equal([[500, 501, 502], [500, 501, 502], [500, 501, 502], [500, 501, 502]]);
    const evolveRuns = seen.filter((x) => x.label.startsWith("evolve-"));
    expect(evolveRuns.map((x) => x.seed)).to.deep.equal([10_500, 10_501]);
    const evo = out[3].evolution;
    expect(evo).to.not.equal(undefined);
    const q = (g: number) => evo?.records[g].shares[evo.records[g].strategies.findIndex((s) => s.family === "qlearning")] ?? 0;
    expect(q(1)).to.be.greaterThan(q(0)); // the fitter family gained share
    // the base economy never evolves: every evolved run still has the base population in front
    for (const x of seen.filter((y) => y.label === "evolved")) expect(x.traders.length).to.be.greaterThan(0);
  });
});

describe("study: command line and a small chain run", function () {
  this.timeout(600_000);

  it("parses `study intelligence` and rejects unknown studies", () => {
    const o = parseStudyArgs(["intelligence", "--seeds", "3", "--steps", "20", "--traders", "8", "--generations", "1", "--evolve-seeds", "1", "--out", "o"]);
    expect([o.study, o.seeds, o.steps, o.traders, o.generations, o.evolveSeeds, o.out]).to.deep.equal(["intelligence", 3, 20, 8, 1, 1, "o"]);
    expect(() => parseStudyArgs(["nope"])).to.throw();
  });

  it("reuses only the rungs of an earlier run with the same configuration and no failed run", () => {
    const cfg = { traders: 24, seeds: 2, baseSeed: 1, generations: 4, evolveSeeds: 2, economy: "chain" as const };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cipher-reuse-")), "intelligence.json");
    const ok = result("rule-based", 1, { volatility: 1, adversaryProfit: 1 });
    fs.writeFileSync(file, JSON.stringify({ config: cfg, rungs: [{ rung: { name: "rule-based" }, results: [ok] }, { rung: { name: "evolved" }, results: [{ ...ok, error: "x" }] }] }));
    expect([...reusableRungs(file, cfg).keys()]).to.deep.equal(["rule-based"]);
    expect(() => reusableRungs(file, { ...cfg, seeds: 3 })).to.throw(/another configuration/);
  });

  it("runs every rung on the chain economy (tiny) and writes the report", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-study-"));
    const o = parseStudyArgs(["intelligence", "--seeds", "1", "--steps", "8", "--traders", "4", "--generations", "1", "--evolve-seeds", "1", "--out", out, "--workers", "2", "--quiet"]);
    const { outcomes } = await runStudyCommand(o, () => undefined);
    expect(outcomes.map((x) => x.rung.name)).to.deep.equal(["rule-based", "bandit", "qlearning", "evolved"]);
    for (const x of outcomes) expect(x.results.map((r) => r.error ?? "ok")).to.deep.equal(["ok"]);
    for (const f of ["intelligence-report.html", "intelligence.json", "intelligence.csv"]) expect(fs.existsSync(path.join(out, f)), f).to.equal(true);
    expect(fs.readFileSync(path.join(out, "intelligence-report.html"), "utf8")).to.include("Does the economy get better as its traders get smarter?");
  });
});
