// A bad --param is a usage error found before any worker or node starts: exit 2, first error named,
// no report written (sweep and optimise; they are the commands taking --param).
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { UsageError } from "../../src/cli/usage";
import { checkSettings, checkSweep } from "../../src/sweep/settings";
import { boundSettings, parseDimension } from "../../src/studies/optimise/space";
import { readScenarioJson } from "../../src/sim/scenarioFile";

const ROOT = path.join(__dirname, "..", "..");
const SCENARIO = path.join(ROOT, "scenarios", "curve-economy.json");

function script(name: string, args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", `scripts/${name}.ts`, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

describe("--param is checked against the scenario schema before anything starts", () => {
  const raw = readScenarioJson(SCENARIO);

  it("names the first bad setting: unknown field, not a number, out of bounds, unknown top-level key", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ "fees.buyBpz": "50" }, "--param fees.buyBpz=50: fees.buyBpz: unknown field"],
      [{ "fees.buyBps": "abc" }, '--param fees.buyBps=abc: expected a number, got "abc"'],
      [{ foo: "1" }, "--param foo=1: foo: unknown field"],
      [{ "fees.buyBps": "100000" }, "--param fees.buyBps=100000: fees.buyBps: must be <= 1000, got 100000"],
    ];
    for (const [setting, message] of cases) {
      expect(() => checkSettings(raw, [{ "fees.buyBps": "50" }, setting])).to.throw(UsageError, message);
    }
    expect(() => checkSettings(raw, [{ "fees.buyBps": "50" }, { "fees.buyBps": "100" }])).not.to.throw();
  });

  it("checks a sweep's whole grid (the bad value may be the last) and its scenario file", () => {
    const params = [{ path: "fees.buyBps", values: ["50", "100"] }, { path: "fees.sellBps", values: ["50", "5000"] }];
    expect(() => checkSweep({ scenario: SCENARIO, params })).to.throw(UsageError, "--param fees.buyBps=50 --param fees.sellBps=5000: fees.sellBps: must be <= 1000");
    expect(() => checkSweep({ scenario: "scenarios/nope.json", params: [] })).to.throw(UsageError, "--scenario: cannot read scenario file scenarios/nope.json");
    expect(() => checkSweep({ scenario: SCENARIO, params: [{ path: "fees.buyBps", values: ["50", "100"] }], steps: 30, agents: 10 })).not.to.throw();
  });

  it("checks an optimise dimension at both bounds", () => {
    const dims = [parseDimension("fees.buyBps=20..300"), parseDimension("fees.sellBps=10..3000")];
    expect(boundSettings(dims)).to.deep.equal([
      { "fees.buyBps": "20", "fees.sellBps": "10" },
      { "fees.buyBps": "300", "fees.sellBps": "10" },
      { "fees.buyBps": "20", "fees.sellBps": "3000" },
      { "fees.buyBps": "300", "fees.sellBps": "3000" },
    ]);
    expect(() => checkSettings(raw, boundSettings(dims))).to.throw(UsageError, "--param fees.buyBps=20 --param fees.sellBps=3000: fees.sellBps: must be <= 1000, got 3000");
  });

  for (const [name, args, message] of [
    ["sweep", ["--param", "fees.buyBpz=50,100", "--seeds", "1", "--workers", "2"], "error: --param fees.buyBpz=50: fees.buyBpz: unknown field"],
    ["optimise", ["--param", "fees.buyBpz=20..300", "--budget", "2", "--seeds", "1", "--workers", "1"], "error: --param fees.buyBpz=20: fees.buyBpz: unknown field"],
  ] as const) {
    it(`${name}: exit 2 with the first error, no cell run, nothing written`, () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `cipher-${name}-`)), "out");
      const r = script(name, ["--scenario", SCENARIO, ...args, "--steps", "20", "--agents", "10", "--economy", "fake", "--out", out]);
      expect(r.stderr.trim()).to.equal(message);
      expect(r.status).to.equal(2);
      expect(r.stdout).not.to.include("FAILED");
      expect(fs.existsSync(out), `${out} written`).to.equal(false);
    });
  }
});
