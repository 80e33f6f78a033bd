#!/usr/bin/env node
// The project's whole test suite (what `npm test` and CI run): Hardhat's mocha suites, then
// forge's fuzz and invariant suites. Ends with the plain line `N passed, N failed` computed from
// both runners' own results, and exits non-zero if anything failed or a runner crashed.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const countsFile = path.join(os.tmpdir(), `cipher-mocha-${process.pid}.json`);
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

function run(cmd, args, env) {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  return spawnSync(cmd, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
}

/**
 * `hardhat test <args>` with mocha's counts written to a file, added to the totals. A run that
 * crashed before, during or after mocha counts one failure. Returns the counts (undefined on a crash).
 */
function mochaRun(label, args, env = {}) {
  try { fs.unlinkSync(countsFile); } catch { /* none yet */ }
  const r = run("npx", ["hardhat", "test", ...args], { ...env, CIPHER_TEST_COUNTS: countsFile });
  if (!fs.existsSync(countsFile)) {
    console.error(`${label} produced no results (crashed before or during mocha)`);
    failed += 1;
    return undefined;
  }
  const c = JSON.parse(fs.readFileSync(countsFile, "utf8"));
  fs.unlinkSync(countsFile);
  passed += c.passed; failed += c.failed; skipped += c.pending;
  if (r.status !== 0 && c.failed === 0) failed += 1; // a crash after mocha still fails the run
  return c;
}

// 1. Hardhat / mocha
mochaRun("hardhat test", extra);

// 2. The contract suites again on a ticking clock: every transaction at least one second after the
// one before (test/helpers/clockTick.ts). A test that silently assumes two transactions share a
// wall-clock second fails here every time rather than now and then on a loaded machine. Counted as
// results of their own: each is the same test under a different clock.
const CLOCK_TICK_SUITES = ["market", "staking", "governance", "treasury", "revenue", "resources", "lens"];
if (!process.env.CIPHER_SKIP_CLOCK_TICK && extra.length === 0) {
  const files = CLOCK_TICK_SUITES.flatMap((d) =>
    fs.readdirSync(path.join(root, "test", d)).filter((f) => f.endsWith(".ts")).sort().map((f) => `test/${d}/${f}`),
  );
  console.log(`\n  clock-tick re-run of the contract suites (CIPHER_CLOCK_TICK=1): ${CLOCK_TICK_SUITES.join(", ")}`);
  const c = mochaRun("clock-tick re-run", ["test/helpers/clockTick.ts", ...files], { CIPHER_CLOCK_TICK: "1" });
  if (c !== undefined) console.log(`  clock-tick re-run: ${c.passed} passed, ${c.failed} failed`);
}

// 3. Foundry fuzz + invariant suites
if (!process.env.CIPHER_SKIP_FORGE && extra.length === 0) {
  const jsonOut = spawnSync("npx", ["forge", "test", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 28, env: process.env });
  const text = jsonOut.stdout || "";
  const start = text.indexOf("{");
  let parsed = null;
  try { parsed = JSON.parse(text.slice(start)); } catch { parsed = null; }
  if (!parsed) {
    process.stderr.write(jsonOut.stderr || "");
    process.stdout.write(text);
    console.error("forge test produced no JSON results");
    failed += 1;
  } else {
    console.log("\n  forge fuzz and invariant suites");
    for (const [suite, res] of Object.entries(parsed)) {
      for (const [name, r] of Object.entries(res.test_results || {})) {
        const ok = r.status === "Success";
        const isSkip = r.status === "Skipped";
        const kind = r.kind || {};
        const runs = kind.Fuzz ? ` runs=${kind.Fuzz.runs}` : kind.Invariant ? ` runs=${kind.Invariant.runs} calls=${kind.Invariant.calls} reverts=${kind.Invariant.reverts}` : "";
        console.log(`    ${ok ? "✔" : isSkip ? "-" : "✘"} ${suite.split(":").pop()}.${name}${runs}`);
        if (!ok && !isSkip) console.log(`      reason: ${r.reason || "(none)"}${r.counterexample ? `\n      counterexample: ${JSON.stringify(r.counterexample)}` : ""}`);
        if (ok) passed += 1; else if (isSkip) skipped += 1; else failed += 1;
      }
    }
    if (jsonOut.status !== 0 && Object.keys(parsed).length === 0) failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
