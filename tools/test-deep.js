#!/usr/bin/env node
// `npm run test:deep` (not in CI): every forge fuzz and invariant suite under foundry.toml's
// `deep` profile, then one line with forge's own counts: invariant campaigns, the calls they made
// (summed over every campaign of every contract), the fuzz runs, failures and the wall time.
// Forge runs one campaign per invariant function; with the profile's fixed seed the campaigns of
// one contract replay the same call sequences against different checks, so the line also gives
// the calls of distinct sequences (one campaign per test contract).
// Extra arguments go to forge (e.g. --match-path test/foundry/books/BooksInvariant.t.sol).
"use strict";
const { spawnSync } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "..");
const t0 = Date.now();
const out = spawnSync("npx", ["forge", "test", "--json", ...process.argv.slice(2)], {
  cwd: root,
  encoding: "utf8",
  maxBuffer: 1 << 30,
  env: { ...process.env, FOUNDRY_PROFILE: process.env.FOUNDRY_PROFILE || "deep" },
});
const seconds = (Date.now() - t0) / 1000;
const text = out.stdout || "";
const start = text.indexOf("{");
if (start < 0) {
  process.stderr.write(out.stderr || "");
  console.error("forge produced no JSON result");
  process.exit(1);
}
const suites = JSON.parse(text.slice(start));
let campaigns = 0;
let calls = 0;
let distinct = 0;
let fuzzRuns = 0;
let failed = 0;
let passed = 0;
for (const [suite, r] of Object.entries(suites)) {
  let suiteCalls = 0;
  for (const [name, t] of Object.entries(r.test_results)) {
    if (t.status === "Success") passed += 1;
    else {
      failed += 1;
      console.error(`FAIL ${suite} ${name}: ${t.reason ?? t.status}`);
    }
    const inv = t.kind && t.kind.Invariant;
    const fz = t.kind && t.kind.Fuzz;
    if (inv) {
      campaigns += 1;
      calls += inv.calls;
      suiteCalls = Math.max(suiteCalls, inv.calls);
    }
    if (fz) fuzzRuns += fz.runs;
  }
  distinct += suiteCalls;
}
console.log(
  `deep profile: ${campaigns} invariant campaigns, ${calls.toLocaleString("en-US")} calls ` +
    `(${distinct.toLocaleString("en-US")} in distinct sequences), ${fuzzRuns.toLocaleString("en-US")} fuzz runs; ` +
    `${passed} passed, ${failed} failed; wall ${seconds.toFixed(0)} s`,
);
process.exit(failed === 0 && out.status === 0 ? 0 : 1);
