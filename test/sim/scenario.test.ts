import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { apportion, parseScenario, resolveScenario, ScenarioError, setPath } from "../../src/sim/scenario";

const minimal = { population: [{ family: "noise", count: 3 }] };

function errorOf(raw: unknown): string {
  try {
    parseScenario(raw);
  } catch (e) {
    expect(e).to.be.instanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario: defaults and validation", () => {
  it("fills every default from a minimal file", () => {
    const s = parseScenario(minimal);
    expect(s.steps).to.equal(200);
    expect(s.curve).to.deep.equal({ kind: "linear", params: { slope: "0.00001", intercept: "0.001" } });
    expect(s.split.stakers + s.split.welfare + s.split.solidarity + s.split.development + s.split.burn).to.equal(10_000);
    expect(s.protections.breaker).to.equal(true);
    expect(s.population[0].params).to.have.property("tradeProbability", 0.3);
  });

  it("rejects unknown top-level fields, naming them", () => {
    expect(errorOf({ ...minimal, stpes: 5 })).to.match(/stpes: unknown field/);
  });

  it("rejects an unknown family and an unknown policy parameter", () => {
    expect(errorOf({ population: [{ family: "oracel", count: 1 }] })).to.match(/population\[0\]\.family: unknown agent family "oracel"/);
    expect(errorOf({ population: [{ family: "noise", count: 1, params: { tradeProb: 1 } }] })).to.match(/unknown parameter "tradeProb"/);
    expect(errorOf({ population: [{ family: "noise", count: 1, params: { tradeProbability: "high" } }] })).to.match(/expected number/);
  });

  it("rejects an empty population, a split that does not sum to 10000 and out-of-range fees", () => {
    expect(errorOf({ population: [] })).to.match(/at least one population entry/);
    expect(errorOf({ population: [{ family: "noise", count: 0 }] })).to.match(/at least one agent/);
    expect(errorOf({ ...minimal, split: { burn: 2000 } })).to.match(/sum to 10000/);
    expect(errorOf({ ...minimal, fees: { buyBps: 1001 } })).to.match(/fees\.buyBps: must be <= 1000/);
  });

  it("rejects bad curves: unknown kind, foreign parameter, malformed number", () => {
    expect(errorOf({ ...minimal, curve: { kind: "cubic" } })).to.match(/curve\.kind: expected one of/);
    expect(errorOf({ ...minimal, curve: { kind: "linear", params: { k: "1" } } })).to.match(/curve\.params\.k: unknown field/);
    expect(errorOf({ ...minimal, curve: { kind: "linear", params: { slope: "-1" } } })).to.match(/curve\.params\.slope: expected a non-negative decimal/);
  });

  it("rejects events after the last step and references to agents that do not exist", () => {
    expect(errorOf({ ...minimal, steps: 10, events: [{ step: 10, kind: "setFees", buyFeeBps: 1, sellFeeBps: 1 }] })).to.match(/events\[0\]\.step: must be <= 9/);
    expect(errorOf({ ...minimal, events: [{ step: 1, kind: "slash", target: "noise:3", severityBps: 10 }] })).to.match(/no agent noise:3/);
    expect(errorOf({ ...minimal, events: [{ step: 1, kind: "explode" }] })).to.match(/events\[0\]\.kind: expected one of/);
  });

  it("orders events by step, keeping file order within a step", () => {
    const s = parseScenario({
      ...minimal,
      events: [
        { step: 5, kind: "setFees", buyFeeBps: 1, sellFeeBps: 1 },
        { step: 2, kind: "setFees", buyFeeBps: 2, sellFeeBps: 2 },
        { step: 5, kind: "setFees", buyFeeBps: 3, sellFeeBps: 3 },
      ],
    });
    expect(s.events.map((e) => (e.kind === "setFees" ? e.buyFeeBps : -1))).to.deep.equal([2, 1, 3]);
  });

  it("parses every named scenario file in scenarios/", () => {
    const dir = path.join(__dirname, "..", "..", "scenarios");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files).to.include.members([
      "default.json", "curve-economy.json", "low-intelligence.json", "high-intelligence.json",
      "adversaries-protected.json", "adversaries-unprotected.json", "governance-change.json", "slash-dispute.json",
    ]);
    for (const f of files) expect(() => parseScenario(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))), f).to.not.throw();
  });
});

describe("scenario: overrides and --agents scaling", () => {
  it("apportions counts proportionally and exactly (largest remainder)", () => {
    expect(apportion([20, 10, 10], 8)).to.deep.equal([4, 2, 2]);
    // 10 * [1/3, 1/3, 1/3] = 3.33 each: one extra goes to the first entry
    expect(apportion([1, 1, 1], 10)).to.deep.equal([4, 3, 3]);
    expect(apportion([5, 0, 5], 3)).to.deep.equal([2, 0, 1]);
    for (const n of [0, 1, 7, 1000]) expect(apportion([3, 5, 11, 1], n).reduce((a, b) => a + b, 0)).to.equal(n);
  });

  it("applies seed, steps and agents overrides and drops adversaries when they are off", () => {
    const s = parseScenario({ adversaries: false, population: [{ family: "noise", count: 4 }, { family: "sandwich", count: 1 }] });
    const r = resolveScenario(s, { seed: 9, steps: 7, agents: 8 });
    expect(r.seed).to.equal(9);
    expect(r.steps).to.equal(7);
    expect(r.population.map((p) => p.count)).to.deep.equal([8, 0]);
  });

  it("rejects a negative seed or agent count", () => {
    const s = parseScenario(minimal);
    expect(() => resolveScenario(s, { seed: -1 })).to.throw(ScenarioError);
    expect(() => resolveScenario(s, { agents: -2 })).to.throw(ScenarioError);
  });
});

describe("scenario: sweep parameter paths", () => {
  it("sets nested values keeping their JSON type, without touching the input", () => {
    const raw = { fees: { buyBps: 100 }, curve: { params: { slope: "0.1" } }, population: [{ family: "noise", count: 2 }] };
    const a = setPath(raw, "fees.buyBps", "250") as typeof raw;
    expect(a.fees.buyBps).to.equal(250);
    expect((setPath(raw, "curve.params.slope", "0.2") as typeof raw).curve.params.slope).to.equal("0.2");
    expect((setPath(raw, "population.0.count", "5") as typeof raw).population[0].count).to.equal(5);
    expect(raw.fees.buyBps).to.equal(100);
  });

  it("rejects a non-number for a number field and a missing array index", () => {
    expect(() => setPath({ steps: 5 }, "steps", "many")).to.throw(ScenarioError);
    expect(() => setPath({ population: [] }, "population.3.count", "1")).to.throw(/no index 3/);
  });
});
