import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import { apportion, parseScenario, resolveScenario, ScenarioError, setPath } from "../../src/sim/scenario";
import { etherToWei, scenarioJsonSchema, scenarioJsonSchemaText } from "../../src/sim/scenarioSchema";

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

  it("rejects a slash event above the scenario's severity cap and a cap outside the contract's 1..5000 bps", () => {
    const slash = (severityBps: number) => ({ step: 1, kind: "slash", target: "noise:0", severityBps });
    expect(errorOf({ ...minimal, events: [slash(1001)] })).to.match(/events\[0\]\.severityBps: must be <= staking\.maxSlashBps \(1000\), got 1001: a larger slash is refused \(InvalidSeverity\)/);
    expect(errorOf({ ...minimal, staking: { maxSlashBps: 2000 }, events: [slash(2001)] })).to.match(/must be <= staking\.maxSlashBps \(2000\)/);
    expect(parseScenario({ ...minimal, staking: { maxSlashBps: 2000 }, events: [slash(2000)] }).events).to.have.length(1);
    expect(parseScenario(minimal).staking.maxSlashBps, "the contract's own cap by default").to.equal(1000);
    expect(errorOf({ ...minimal, staking: { maxSlashBps: 5001 } })).to.match(/staking\.maxSlashBps: must be <= 5000/);
    expect(errorOf({ ...minimal, staking: { maxSlashBps: 0 } })).to.match(/staking\.maxSlashBps: must be >= 1/);
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

  it("parses every named scenario file in scenarios/, population phases included", () => {
    const dir = path.join(__dirname, "..", "..", "scenarios");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "scenario.schema.json");
    expect(files).to.include.members([
      "default.json", "curve-economy.json", "low-intelligence.json", "high-intelligence.json",
      "adversaries-protected.json", "adversaries-unprotected.json", "governance-change.json", "slash-dispute.json",
    ]);
    let phases = 0;
    for (const f of files) {
      const raw = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      let s: ReturnType<typeof parseScenario>;
      try {
        s = parseScenario(raw);
      } catch (e) {
        throw new Error(`${f}: ${(e as Error).message}`);
      }
      expect(raw.$schema, `${f} points editors at the schema`).to.equal("./scenario.schema.json");
      phases += s.population.reduce((t, p) => t + p.phases.length, 0);
    }
    expect(phases, "some file schedules population phases").to.be.greaterThan(0);
  });
});

describe("scenario: the one schema", () => {
  const dir = path.join(__dirname, "..", "..", "scenarios");

  it("the committed scenarios/scenario.schema.json is exactly what the schema generates (npm run scenario:schema)", () => {
    expect(fs.readFileSync(path.join(dir, "scenario.schema.json"), "utf8")).to.equal(scenarioJsonSchemaText());
  });

  it("the JSON Schema accepts every scenario file and rejects what the parser rejects (strict keys, types, ranges)", () => {
    const validate = new Ajv2020({ strict: false }).compile(scenarioJsonSchema());
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "scenario.schema.json");
    for (const f of files) expect(validate(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))), `${f}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    expect(validate(minimal)).to.equal(true);
    for (const bad of [
      { ...minimal, stpes: 5 },
      { ...minimal, fees: { buyBps: 1001 } },
      { ...minimal, curve: { kind: "cubic" } },
      { ...minimal, curve: { kind: "linear", params: { k: "1" } } },
      { ...minimal, events: [{ step: 1, kind: "explode" }] },
      { population: [{ family: "noise", count: 1, phases: [{ fromStep: 1, actve: false }] }] },
      { population: [{ family: "noise", count: 1.5 }] },
      {},
    ]) {
      expect(validate(bad), JSON.stringify(bad)).to.equal(false);
      expect(() => parseScenario(bad), JSON.stringify(bad)).to.throw(ScenarioError);
    }
  });

  it("converts every ether amount to wei in one place, at micro-ether resolution", () => {
    expect(etherToWei(0)).to.equal(0n);
    expect(etherToWei(1.5)).to.equal(1_500_000_000_000_000_000n);
    expect(etherToWei(0.0000015)).to.equal(2_000_000_000_000n); // rounds to the micro-ether
    expect(() => etherToWei(-1)).to.throw(RangeError);
    const s = parseScenario({
      genesis: { buyEth: 200 },
      population: [{ family: "noise", count: 2, fundingEth: 12.25 }, { family: "whale", count: 1 }],
      events: [{ step: 1, kind: "grant", fund: "welfare", recipient: "noise:1", amountEth: 0.5 }],
    });
    expect(s.genesis).to.deep.equal({ buyEth: 200, buyWei: 200n * 10n ** 18n });
    expect(s.population.map((p) => p.fundingWei)).to.deep.equal([12_250_000_000_000_000_000n, 100n * 10n ** 18n]); // 100 ETH by default
    const grant = s.events[0];
    expect(grant.kind === "grant" ? grant.amountWei : -1n).to.equal(500_000_000_000_000_000n);
    expect(parseScenario(minimal).genesis).to.deep.equal({ buyEth: 0, buyWei: 0n });
  });

  it("accepts $schema (for editors) and drops it; names the path of nested errors", () => {
    const s = parseScenario({ $schema: "./scenario.schema.json", ...minimal });
    expect(s).to.not.have.property("$schema");
    expect(errorOf({ population: [{ family: "noise", count: 1, phases: [{ fromStep: 1, actve: false }] }] })).to.match(/^population\[0\]\.phases\[0\]\.actve: unknown field/);
    expect(errorOf({ population: [{ family: "noise", count: 1, phases: [{ fromStep: 4 }, { fromStep: 4 }] }] })).to.match(/population\[0\]\.phases\[1\]\.fromStep: phases must start at increasing steps/);
    expect(errorOf({ population: [{ family: "noise", count: 1, phases: [{ fromStep: 1, params: { tradeProbability: "x" } }] }] })).to.match(/population\[0\]\.phases\[0\]\.params: .*expected number/);
    expect(errorOf({ population: [{ family: "noise", count: 1.5 }] })).to.match(/population\[0\]\.count: expected an integer, got 1\.5/);
    expect(errorOf({ ...minimal, staking: { tiers: [] } })).to.match(/staking\.tiers: at least one tier/);
    expect(errorOf({ ...minimal, population: [{ family: "noise", count: 1, roles: ["judge"] }] })).to.match(/population\[0\]\.roles\[0\]: expected one of slasher, oracle/);
    expect(errorOf({})).to.match(/^population: required/);
    expect(errorOf(5)).to.match(/expected an object/);
  });

  it("keeps curve parameters as exact decimal strings, accepting a JSON number (sweeps may set one)", () => {
    expect(parseScenario({ ...minimal, curve: { params: { slope: 0.5 } } }).curve.params.slope).to.equal("0.5");
    expect(errorOf({ ...minimal, curve: { params: { slope: 1e-7 } } })).to.match(/curve\.params\.slope: expected a non-negative decimal/);
    expect(errorOf({ ...minimal, curve: { kind: "sigmoid", params: { S0: "1.0000000000000000001" } } })).to.match(/curve\.params\.S0: expected a non-negative decimal/);
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
