import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommanderError } from "commander";
import { parseSimulateArgs, simulateCommand } from "../../src/cli/simulateCli";
import { mergeCommand, parseMergeArgs, parseSweepArgs, sweepCommand } from "../../src/cli/sweepCli";
import { buildGrid, parseParamSpec, parseShard, shardCells, SweepError } from "../../src/sweep/grid";
import { aggregate, type CellResult } from "../../src/sweep/aggregate";
import { objectiveByName, OBJECTIVES } from "../../src/sweep/objectives";
import { mergeShards, type SweepMeta } from "../../src/sweep/shardFile";

function quiet<T extends { configureOutput: (o: object) => T }>(c: T): T {
  return c.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

describe("CLI: simulate", () => {
  it("has a default for every flag", () => {
    expect(parseSimulateArgs([], quiet(simulateCommand()))).to.deep.equal({
      scenario: "scenarios/default.json", seed: undefined, steps: undefined, agents: undefined, out: undefined, network: undefined, economy: "chain", quiet: false,
    });
  });

  it("parses every flag", () => {
    const o = parseSimulateArgs(["--scenario", "x.json", "--seed", "7", "--steps", "100", "--agents", "1000", "--out", "o", "--network", "anvil", "--economy", "chain", "--quiet"], quiet(simulateCommand()));
    expect(o).to.deep.include({ scenario: "x.json", seed: 7, steps: 100, agents: 1000, out: "o", network: "anvil", economy: "chain", quiet: true });
  });

  it("lists every flag in --help", () => {
    const help = simulateCommand().helpInformation();
    for (const f of ["--scenario", "--seed", "--steps", "--agents", "--out", "--network", "--quiet", "--economy"]) expect(help).to.include(f);
  });

  it("rejects a non-integer seed, zero steps and an unknown flag", () => {
    expect(() => parseSimulateArgs(["--seed", "1.5"], quiet(simulateCommand()))).to.throw(CommanderError);
    expect(() => parseSimulateArgs(["--steps", "0"], quiet(simulateCommand()))).to.throw(CommanderError);
    expect(() => parseSimulateArgs(["--stesp", "3"], quiet(simulateCommand()))).to.throw(CommanderError);
    expect(() => parseSimulateArgs(["--network", "anvil", "--economy", "fake"], quiet(simulateCommand()))).to.throw(CommanderError);
  });
});

describe("CLI: sweep and merge", () => {
  it("parses repeated --param, --seeds, --shard and --workers", () => {
    const o = parseSweepArgs(["--param", "fees.buyBps=50,100", "--param", "curve.params.slope=0.00001,0.00002", "--seeds", "4", "--shard", "2/3", "--workers", "2", "--out", "d"], quiet(sweepCommand()));
    expect(o.params).to.deep.equal([{ path: "fees.buyBps", values: ["50", "100"] }, { path: "curve.params.slope", values: ["0.00001", "0.00002"] }]);
    expect(o).to.deep.include({ seeds: 4, shard: { index: 2, count: 3 }, workers: 2, out: "d", objective: "volatility" });
  });

  it("rejects a malformed --param and --shard", () => {
    expect(() => parseSweepArgs(["--param", "fees.buyBps"], quiet(sweepCommand()))).to.throw(CommanderError);
    expect(() => parseSweepArgs(["--shard", "3/2"], quiet(sweepCommand()))).to.throw(CommanderError);
    expect(() => parseParamSpec("a=1,,2")).to.throw(SweepError);
    expect(() => parseShard("0/2")).to.throw(SweepError);
  });

  it("lists its flags in --help; merge takes directories", () => {
    const help = sweepCommand().helpInformation();
    for (const f of ["--scenario", "--param", "--seeds", "--out", "--shard", "--workers", "--objective"]) expect(help).to.include(f);
    expect(parseMergeArgs(["a", "b", "--out", "m"], quiet(mergeCommand()))).to.deep.equal({ inputs: ["a", "b"], out: "m", objective: "volatility" });
  });
});

describe("sweep: grid, shards, ranking", () => {
  const params = [parseParamSpec("a=1,2"), parseParamSpec("b=x,y,z")];

  it("enumerates settings x seeds with the first parameter slowest", () => {
    const g = buildGrid(params, 2, 10);
    expect(g).to.have.length(12);
    expect(g.slice(0, 3).map((c) => `${c.settingKey}@${c.seed}`)).to.deep.equal(["a=1;b=x@10", "a=1;b=x@11", "a=1;b=y@10"]);
    expect(g.map((c) => c.index)).to.deep.equal(Array.from({ length: 12 }, (_, i) => i));
  });

  it("splits the grid into disjoint shards that cover it", () => {
    const g = buildGrid(params, 3, 1);
    const shards = [1, 2, 3, 4].map((i) => shardCells(g, { index: i, count: 4 }).map((c) => c.index));
    expect(shards.flat().sort((a, b) => a - b)).to.deep.equal(g.map((c) => c.index));
    expect(new Set(shards.flat()).size).to.equal(g.length);
  });

  const cell = (index: number, key: string, vol: number, error?: string): CellResult => ({
    index, settingKey: key, setting: {}, seed: index, objectives: Object.fromEntries(OBJECTIVES.map((o) => [o.name, o.name === "volatility" ? vol : 0])), error,
  });

  it("ranks settings by mean objective (lower volatility first) with t-based CIs, ignoring failed cells", () => {
    const rows = aggregate([cell(0, "A", 0.3), cell(1, "A", 0.5), cell(2, "B", 0.1), cell(3, "B", 0.2), cell(4, "B", 9, "boom")], objectiveByName("volatility"));
    expect(rows.map((r) => [r.rank, r.settingKey, r.runs, r.failed])).to.deep.equal([[1, "B", 3, 1], [2, "A", 2, 0]]);
    expect(rows[1].stats.volatility.mean).to.be.closeTo(0.4, 1e-12);
    // sd of [0.3, 0.5] = 0.1414..., half-width = 12.706 * sd / sqrt(2)
    expect(rows[1].stats.volatility.halfWidth).to.be.closeTo((12.706 * Math.SQRT2 * 0.1) / Math.SQRT2, 1e-9);
  });

  it("merges shards from the same sweep and rejects mixed or overlapping ones", () => {
    const meta = (i: number, hash = "h"): SweepMeta => ({ scenarioName: "s", gridHash: hash, params: [], seeds: 2, baseSeed: 1, cells: 3, shard: { index: i, count: 2 }, objective: "volatility" });
    const m = mergeShards([{ meta: meta(1), results: [cell(0, "A", 1), cell(2, "A", 1)] }, { meta: meta(2), results: [] }]);
    expect(m.missing).to.deep.equal([1]);
    expect(() => mergeShards([{ meta: meta(1), results: [] }, { meta: meta(2, "other"), results: [] }])).to.throw(/different sweeps/);
    expect(() => mergeShards([{ meta: meta(1), results: [cell(0, "A", 1)] }, { meta: meta(2), results: [cell(0, "A", 1)] }])).to.throw(/more than one shard/);
  });
});

// @no-coverage: under coverage the child processes load the instrumented artifacts, whose bytecode
// exceeds the initcode limit of a normal network.
describe("CLI: scripts end to end (child processes) @no-coverage", function () {
  this.timeout(180_000); // each run starts a node (the default backend) and deploys the suite
  const root = path.join(__dirname, "..", "..");
  const run = (script: string, args: string[]) =>
    spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(root, "scripts", script), ...args], { cwd: root, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } });

  it("simulate --help exits 0 and lists the flags", () => {
    const r = run("simulate.ts", ["--help"]);
    expect(r.status).to.equal(0);
    for (const f of ["--scenario", "--seed", "--steps", "--agents", "--out", "--network", "--quiet"]) expect(r.stdout).to.include(f);
  });

  it("simulate writes the four outputs and exits 0; a bad scenario exits 1 with its path in the message", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-cli-"));
    const ok = run("simulate.ts", ["--steps", "5", "--agents", "12", "--out", out, "--quiet"]);
    expect(ok.status, ok.stderr).to.equal(0);
    expect(fs.readdirSync(out).sort()).to.deep.equal(["actions.ndjson", "metrics.csv", "report.html", "summary.json"]);
    const bad = path.join(out, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ population: [{ family: "noise", count: 1 }], fees: { buyBps: 5000 } }));
    const r = run("simulate.ts", ["--scenario", bad, "--quiet"]);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.include("fees.buyBps: must be <= 1000");
  });
});
