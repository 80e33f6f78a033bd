// The same chain economy against anvil, a separate node nobody here wrote: the test starts anvil on
// a free port and runs the simulate command as a child process with --network anvil (Hardhat's
// "anvil" network reads ANVIL_URL), so the run goes over real JSON-RPC.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startAnvil, type AnvilNode } from "../helpers/anvil";

// @no-coverage: solidity-coverage's instrumented bytecode exceeds the initcode limit on a real node.
describe("chain economy against anvil (started by the test) @no-coverage", function () {
  this.timeout(600_000);
  let anvil: AnvilNode | undefined;
  let url = "";

  before(async function () {
    anvil = await startAnvil();
    url = anvil.url;
  });

  after(() => anvil?.stop());

  /** Runs the default scenario (20 steps, 12 agents) on the node at `nodeUrl`; returns the output directory. */
  function simulate(nodeUrl: string): string {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-chain-test-")); // not cipher-anvil-*: that prefix is the spawned node's socket directory (anvilProcess.ts)
    const r = spawnSync(
      "npx",
      ["ts-node", "--transpile-only", "scripts/simulate.ts", "--scenario", "scenarios/default.json", "--steps", "20", "--agents", "12", "--network", "anvil", "--out", out, "--quiet"],
      { env: { ...process.env, HARDHAT_NETWORK: "anvil", ANVIL_URL: nodeUrl }, encoding: "utf8", timeout: 540_000 },
    );
    expect(r.status, r.stderr).to.equal(0);
    return out;
  }
  let first: string | undefined;

  it("runs the default scenario end to end over JSON-RPC and writes every output", () => {
    const out = simulate(url);
    first = out;
    for (const f of ["metrics.csv", "summary.json", "actions.ndjson", "report.html"]) expect(fs.existsSync(path.join(out, f)), f).to.equal(true);
    const summary = JSON.parse(fs.readFileSync(path.join(out, "summary.json"), "utf8")) as { economy: string; steps: number; totals: { txs: number } };
    expect(summary.economy).to.equal("chain");
    expect(summary.steps).to.equal(20);
    expect(summary.totals.txs).to.be.greaterThan(0);
    const acts = fs.readFileSync(path.join(out, "actions.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { agent: number; ok: boolean; error?: string; action: { kind: string } });
    expect(acts.some((a) => a.agent >= 0 && a.ok && a.action.kind === "buy")).to.equal(true);
    for (const a of acts.filter((x) => !x.ok)) expect(a.error).to.match(/^[A-Z][A-Za-z0-9]+$/);
  });

  it("runs on a node that keeps no past state (bare --prune-history) to the same files", async function () {
    if (first === undefined) this.skip();
    const pruned = await startAnvil(["--prune-history"]);
    try {
      const out = simulate(pruned.url);
      for (const f of ["metrics.csv", "actions.ndjson"]) expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(first as string, f))), f).to.equal(true);
    } finally {
      pruned.stop();
    }
  });
});
