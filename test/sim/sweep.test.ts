import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runSweep } from "../../src/sweep/runSweep";
import { parseParamSpec } from "../../src/sweep/grid";
import { findShardFiles, mergeShards, readShardFile } from "../../src/sweep/shardFile";
import { aggregate } from "../../src/sweep/aggregate";
import { objectiveByName } from "../../src/sweep/objectives";
import type { SweepOptions } from "../../src/cli/sweepCli";

const scenario = path.join(__dirname, "..", "..", "scenarios", "curve-economy.json");

function opts(out: string, over: Partial<SweepOptions> = {}): SweepOptions {
  return {
    scenario, params: [parseParamSpec("fees.buyBps=50,300")], seeds: 2, out, shard: { index: 1, count: 1 }, workers: 2,
    steps: 25, agents: 20, objective: "volatility", economy: "fake", quiet: true, ...over,
  };
}

describe("sweep: worker processes and shards", function () {
  this.timeout(120_000);

  it("runs every (setting, seed) cell in forked workers and writes a ranked report", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-sweep-"));
    const { results } = await runSweep(opts(out), () => undefined);
    expect(results.map((r) => [r.settingKey, r.seed, r.error ?? "ok"])).to.deep.equal([
      ["fees.buyBps=50", 71, "ok"], ["fees.buyBps=50", 72, "ok"], ["fees.buyBps=300", 71, "ok"], ["fees.buyBps=300", 72, "ok"],
    ]);
    for (const f of ["sweep.csv", "sweep.json", "sweep-report.html", "results-shard-1-of-1.ndjson"]) expect(fs.existsSync(path.join(out, f)), f).to.equal(true);
    expect(fs.readdirSync(path.join(out, "cells"))).to.have.length(4);
    const html = fs.readFileSync(path.join(out, "sweep-report.html"), "utf8");
    expect(html).to.match(/\d \[[^\]]+, [^\]]+\]/); // mean [lo, hi]
    expect(html).to.include("Ranked by <b>volatility</b>");
    expect(html.match(/<circle class="mean"/g)).to.have.length(2);
    expect(html.match(/<line class="ci"/g)).to.have.length(2);
  });

  it("gives the same table from two shards merged as from one whole run", async () => {
    const whole = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-sweep-w-"));
    const s1 = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-sweep-s1-"));
    const s2 = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-sweep-s2-"));
    await runSweep(opts(whole, { workers: 1 }), () => undefined);
    await runSweep(opts(s1, { workers: 1, shard: { index: 1, count: 2 } }), () => undefined);
    await runSweep(opts(s2, { workers: 1, shard: { index: 2, count: 2 } }), () => undefined);
    const merged = mergeShards(findShardFiles([s1, s2]).map(readShardFile));
    expect(merged.missing).to.deep.equal([]);
    const o = objectiveByName("volatility");
    const single = readShardFile(path.join(whole, "results-shard-1-of-1.ndjson"));
    expect(aggregate(merged.results, o)).to.deep.equal(aggregate(single.results, o));
  });
});
