// Reads hardhat-gas-reporter's gas-report.json (written by `npm run gas`) and prints the gas of
// the user-facing calls as a markdown table (whole-transaction gas, median over every call the
// suites made). With --check, compares the medians with gas-baseline.json and exits 1 when a core
// call got more than 2% dearer (SPEC §3); --write-baseline records the current medians.
import * as fs from "fs";
import * as path from "path";

interface MethodData {
  contract: string;
  method: string;
  gasData: number[];
}
interface GasReport {
  data: { methods: Record<string, MethodData> };
}

/** The calls users and bots make, in README order: [contract, method, SPEC target or null]. */
export const CORE_CALLS: ReadonlyArray<readonly [string, string, number | null]> = [
  ["BondingCurveMarket", "buy", 95_000],
  ["BondingCurveMarket", "sell", 71_000],
  ["BondingCurveMarket", "claimReferralRewards", null],
  ["BondingCurveMarket", "flushFees", null],
  ["RevenueSplitter", "sync", null],
  ["RevenueSplitter", "release", null],
  ["RevenueSplitter", "buyBackAndBurn", null],
  ["CipherStaking", "stake", 117_000],
  ["CipherStaking", "increaseStake", 117_000],
  ["CipherStaking", "claim", 83_000],
  ["CipherStaking", "requestUnbond", null],
  ["CipherStaking", "withdraw", null],
  ["CipherStaking", "poke", null],
  ["Slashing", "proposeSlash", null],
  ["Slashing", "dispute", null],
  ["Slashing", "executeSlash", null],
  ["Slashing", "upholdSlash", null],
  ["ContributionOracle", "attest", null],
  ["CipherGovernor", "propose", null],
  ["CipherGovernor", "castVote", null],
  ["CipherGovernor", "castVoteWithReason", null],
  ["CipherGovernor", "castVoteBySig", null],
  ["CipherGovernor", "queue", null],
  ["CipherGovernor", "execute", null],
  ["CipherTreasury", "receiveRevenue", null],
  ["CipherTreasury", "grant", null],
  ["CipherTreasury", "createStream", null],
  ["CipherTreasury", "withdraw", null],
  ["CipherTreasury", "cancelStream", null],
  ["ResourceMarket", "register", null],
  ["ResourceMarket", "setOffer", null],
  ["ResourceMarket", "addBond", null],
  ["ResourceMarket", "requestExit", null],
  ["ResourceMarket", "withdrawBond", null],
  ["ResourceMarket", "request", null],
  ["ResourceMarket", "clear", null],
  ["ResourceMarket", "attestDelivery", null],
  ["ResourceMarket", "settleOrder", null],
  ["ResourceMarket", "withdrawEarnings", null],
  ["ResourceMarket", "flushFees", null],
  ["ResourceMarket", "proposeBondSlash", null],
  ["ResourceMarket", "disputeBondSlash", null],
  ["ResourceMarket", "executeBondSlash", null],
  ["ResourceMarket", "upholdBondSlash", null],
];

const MAX_REGRESSION = 0.02;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : Math.round((s[m - 1] + s[m]) / 2);
}

export function medians(report: GasReport): Map<string, { median: number; min: number; max: number; calls: number }> {
  const out = new Map<string, { median: number; min: number; max: number; calls: number }>();
  for (const m of Object.values(report.data.methods)) {
    if (m.gasData.length === 0) continue;
    const key = `${m.contract}.${m.method}`;
    const prev = out.get(key); // overloaded methods share a name: keep the busiest overload
    if (prev && prev.calls >= m.gasData.length) continue;
    const g = m.gasData;
    out.set(key, { median: median(g), min: Math.min(...g), max: Math.max(...g), calls: g.length });
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const root = path.resolve(__dirname, "..");
  const reportFile = path.join(root, "gas-report.json");
  const baselineFile = path.join(root, "gas-baseline.json");
  if (!fs.existsSync(reportFile)) throw new Error("gas-report.json not found: run `npm run gas` first");
  const m = medians(JSON.parse(fs.readFileSync(reportFile, "utf8")) as GasReport);
  const fmt = (n: number) => n.toLocaleString("en-US");
  console.log("| call | median | min | max | calls | SPEC target |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const [c, f, target] of CORE_CALLS) {
    const r = m.get(`${c}.${f}`);
    if (!r) continue;
    const t = target === null ? "" : `<= ${fmt(target)} ${r.median <= target ? "(met)" : "(**not met**)"}`;
    console.log(`| ${c}.${f} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.calls} | ${t} |`);
  }
  if (args.includes("--write-baseline")) {
    const base: Record<string, number> = {};
    for (const [c, f] of CORE_CALLS) {
      const r = m.get(`${c}.${f}`);
      if (r) base[`${c}.${f}`] = r.median;
    }
    fs.writeFileSync(baselineFile, JSON.stringify(base, null, 2) + "\n");
    console.log(`wrote ${path.relative(root, baselineFile)}`);
  }
  if (args.includes("--check")) {
    const base = JSON.parse(fs.readFileSync(baselineFile, "utf8")) as Record<string, number>;
    const worse: string[] = [];
    for (const [key, was] of Object.entries(base)) {
      const now = m.get(key)?.median;
      if (now !== undefined && now > was * (1 + MAX_REGRESSION)) worse.push(`${key}: ${was} -> ${now} (+${(((now - was) / was) * 100).toFixed(1)}%)`);
    }
    if (worse.length > 0) {
      console.error(`gas regression over ${MAX_REGRESSION * 100}%:\n  ${worse.join("\n  ")}`);
      process.exit(1);
    }
    console.log(`gas check: no core call more than ${MAX_REGRESSION * 100}% dearer than gas-baseline.json`);
  }
}

if (require.main === module) main();
