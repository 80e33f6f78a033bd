// Aggregates the adversaries' profit over the cells of one or more sweeps (issue 9, "adversarial
// evidence"): per family, the mean P&L per agent as a percentage of its funding (mark-to-market as
// the run's summary computes it: what the agent could realise now minus what it started with), over
// the seeds, with a 95% CI (t distribution), and the honest noise trader's as a reference.
//   npx ts-node --transpile-only scripts/adversary-table.ts <label>=<sweep out dir> [...]
import * as fs from "fs";
import * as path from "path";
import { familyInfo } from "../src/agents/registry";

interface FamilyPnl {
  readonly family: string;
  readonly count: number;
  readonly mean: string;
}

const T975: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262 };

function meanCi(xs: readonly number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, half: NaN };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, half: (T975[n - 1] ?? 1.96) * (sd / Math.sqrt(n)) };
}

/** Per family, the mean P&L per agent of each seed as a percentage of the agent's funding. */
function perFamily(dir: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const cells = path.join(dir, "cells");
  for (const c of fs.readdirSync(cells).sort()) {
    const f = path.join(cells, c, "summary.json");
    if (!fs.existsSync(f)) continue;
    const s = JSON.parse(fs.readFileSync(f, "utf8")) as { pnlByFamily: FamilyPnl[]; scenario: { population: { family: string; fundingEth: number }[] } };
    for (const p of s.pnlByFamily) {
      const funding = s.scenario.population.find((e) => e.family === p.family)?.fundingEth ?? NaN;
      const v = ((Number(BigInt(p.mean)) / 1e18) / funding) * 100;
      out.set(p.family, [...(out.get(p.family) ?? []), v]);
    }
  }
  return out;
}

function main(): void {
  const sets = process.argv.slice(2).map((a) => {
    const [label, dir] = a.split("=");
    return { label, data: perFamily(dir) };
  });
  const families = [...new Set(sets.flatMap((s) => [...s.data.keys()]))].filter((f) => f === "noise" || familyInfo(f).adversarial);
  console.log(`| family | ${sets.map((s) => `${s.label}: P&L % of funding [95% CI] (seeds)`).join(" | ")} |`);
  console.log(`|---|${sets.map(() => "---:").join("|")}|`);
  for (const f of families) {
    const cols = sets.map((s) => {
      const xs = s.data.get(f) ?? [];
      if (xs.length === 0) return "-";
      const m = meanCi(xs);
      return `${m.mean.toFixed(2)} [${(m.mean - m.half).toFixed(2)}, ${(m.mean + m.half).toFixed(2)}] (${xs.length})`;
    });
    console.log(`| ${f}${f === "noise" ? " (honest reference)" : ""} | ${cols.join(" | ")} |`);
  }
}

main();
