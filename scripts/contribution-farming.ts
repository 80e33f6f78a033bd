// Issue 9 §2 evidence: runs scenarios/contribution-farming.json on the in-process chain for several
// seeds and reports, per seed, the contribution farmer's share of the stakers' rewards (claimed +
// still earned, ETH) accrued from step FROM_STEP (default 10, once everyone has staked) to the end,
// against its share of the stake over that window (base weight = amount x lock multiplier; the
// script checks it did not change), then the mean difference with a 95% CI (t distribution).
//   SEEDS=10 STEPS=150 OUT=/tmp/farming.json npx hardhat run scripts/contribution-farming.ts
// (FIRST_SEED, FROM_STEP, SCENARIO override the defaults; DEBUG_FARMING=1 prints every staker.)
import * as fs from "fs";
import { Interface, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { createChainEconomy } from "../src/sim/chain/economy";
import { runSimulation } from "../src/sim/engine";
import { loadScenario } from "../src/sim/run";
import type { ActionRecord, RunSink } from "../src/sim/records";
import { CipherStaking__factory } from "../typechain-types/factories/contracts/staking/CipherStaking__factory";

const STAKING = new Interface(CipherStaking__factory.abi);
const T975: Record<number, number> = { 1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228, 19: 2.093 };

export interface SeedResult {
  readonly seed: number;
  readonly stakeSharePct: number;
  readonly rewardSharePct: number;
  readonly diffPp: number;
  readonly farmerBoostBps: number;
  /** The farmer's transactions that succeeded, by kind. */
  readonly farmerOk: { readonly [kind: string]: number };
}

type Log = { address: string; topics: string[]; data: string };

async function call(to: string, data: string): Promise<string> {
  return (await network.provider.send("eth_call", [{ to, data }, "latest"])) as string;
}

/** Logs since `fromBlock`: the in-process node may hold other runs' suites before it (e.g. the test suite's). */
async function logs(topic: string, fromBlock: bigint): Promise<Log[]> {
  return (await network.provider.send("eth_getLogs", [{ fromBlock: "0x" + fromBlock.toString(16), toBlock: "latest", topics: [topic] }])) as Log[];
}

interface Book {
  readonly staking: string;
  readonly reward: Map<string, bigint>;
  readonly base: Map<string, bigint>;
}

/** Every staker's ETH rewards so far (claimed + earned) and base weight. */
async function book(fromBlock: bigint): Promise<Book> {
  const staked = await logs(STAKING.getEvent("Staked")!.topicHash, fromBlock);
  if (staked.length === 0) throw new Error("nobody staked");
  const staking = staked[0].address;
  const stakers = [...new Set(staked.map((l) => ("0x" + l.topics[1].slice(26)).toLowerCase()))];
  const paid = new Map<string, bigint>();
  for (const l of await logs(STAKING.getEvent("RewardPaid")!.topicHash, fromBlock)) {
    if (l.address.toLowerCase() !== staking.toLowerCase()) continue;
    const ev = STAKING.parseLog(l)!;
    if (ev.args.asset !== ZeroAddress) continue;
    const who = (ev.args.account as string).toLowerCase();
    paid.set(who, (paid.get(who) ?? 0n) + (ev.args.amount as bigint));
  }
  const reward = new Map<string, bigint>();
  const base = new Map<string, bigint>();
  for (const a of stakers) {
    const earned = STAKING.decodeFunctionResult("earned", await call(staking, STAKING.encodeFunctionData("earned", [a, ZeroAddress])))[0] as bigint;
    const acct = STAKING.decodeFunctionResult("accountOf", await call(staking, STAKING.encodeFunctionData("accountOf", [a])))[0];
    reward.set(a, earned + (paid.get(a) ?? 0n));
    base.set(a, acct.baseWeight as bigint);
  }
  return { staking, reward, base };
}

export async function oneSeed(file: string, seed: number, steps: number, fromStep: number): Promise<SeedResult> {
  const s = loadScenario(file, { seed, steps });
  const farmers = new Set<string>();
  const farmerOk: { [kind: string]: number } = {};
  const sink: RunSink = {
    onStep: () => undefined,
    onAction: (r: ActionRecord) => {
      if (r.family !== "contributionFarmer") return;
      farmers.add(r.from.toLowerCase());
      if (r.ok) farmerOk[r.action.kind] = (farmerOk[r.action.kind] ?? 0) + 1;
    },
    finish: () => undefined,
  };
  const economy = await createChainEconomy();
  const firstBlock = BigInt((await network.provider.send("eth_blockNumber", [])) as string) + 1n;
  try {
    let atStart: Book | undefined;
    // Snapshot the books when the engine observes step `fromStep` (before its block is mined).
    const wrapped = new Proxy(economy, {
      get(target, key, receiver) {
        if (key === "observe") {
          return async (step: number, ts: number) => {
            if (step === fromStep) atStart = await book(firstBlock);
            return target.observe(step, ts);
          };
        }
        const v: unknown = Reflect.get(target, key, receiver);
        return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    await runSimulation({ scenario: s, economy: wrapped, sink });
    const atEnd = await book(firstBlock);
    if (atStart === undefined) throw new Error(`the run never reached step ${fromStep}`);
    const start = atStart;
    let totalReward = 0n;
    let totalBase = 0n;
    let farmerReward = 0n;
    let farmerBase = 0n;
    let farmerBoost = 0;
    for (const [a, end] of atEnd.reward) {
      const reward = end - (start.reward.get(a) ?? 0n);
      const base = atEnd.base.get(a) ?? 0n;
      if ((start.base.get(a) ?? 0n) !== base) console.warn(`seed ${seed}: ${a}'s stake changed after step ${fromStep} (the stake share is the end one)`);
      if (process.env.DEBUG_FARMING) console.log(`  ${a}${farmers.has(a) ? " (farmer)" : ""}: base ${base} (at start ${start.base.get(a) ?? 0n}), reward ${reward} (at start ${start.reward.get(a) ?? 0n})`);
      totalReward += reward;
      totalBase += base;
      if (farmers.has(a)) {
        farmerReward += reward;
        farmerBase += base;
        farmerBoost = Number(STAKING.decodeFunctionResult("currentBoostBps", await call(atEnd.staking, STAKING.encodeFunctionData("currentBoostBps", [a])))[0]);
      }
    }
    if (farmers.size === 0 || farmerBase === 0n) throw new Error(`seed ${seed}: the farmer never staked`);
    const stakeSharePct = (Number((farmerBase * 1_000_000n) / totalBase) / 1_000_000) * 100;
    const rewardSharePct = (Number((farmerReward * 1_000_000n) / totalReward) / 1_000_000) * 100;
    return { seed, stakeSharePct, rewardSharePct, diffPp: rewardSharePct - stakeSharePct, farmerBoostBps: farmerBoost, farmerOk };
  } finally {
    await economy.close();
  }
}

function meanCi(xs: readonly number[]): { mean: number; lo: number; hi: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, lo: mean, hi: mean };
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (T975[n - 1] ?? 1.96) * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half };
}

async function main(): Promise<void> {
  const file = process.env.SCENARIO ?? "scenarios/contribution-farming.json";
  const seeds = Number(process.env.SEEDS ?? "10");
  const steps = Number(process.env.STEPS ?? "150");
  const first = Number(process.env.FIRST_SEED ?? "1");
  const fromStep = Number(process.env.FROM_STEP ?? "10");
  const results: SeedResult[] = [];
  for (let k = 0; k < seeds; k++) {
    const r = await oneSeed(file, first + k, steps, fromStep);
    results.push(r);
    console.log(`seed ${r.seed}: stake share ${r.stakeSharePct.toFixed(3)}%, reward share ${r.rewardSharePct.toFixed(3)}%, diff ${r.diffPp.toFixed(3)} pp, farmer boost ${r.farmerBoostBps} bps, farmer txs ok ${JSON.stringify(r.farmerOk)}`);
  }
  const d = meanCi(results.map((r) => r.diffPp));
  const rs = meanCi(results.map((r) => r.rewardSharePct));
  const ss = meanCi(results.map((r) => r.stakeSharePct));
  console.log(`${file}, ${seeds} seeds x ${steps} steps (rewards from step ${fromStep}): reward share ${rs.mean.toFixed(3)}% [${rs.lo.toFixed(3)}, ${rs.hi.toFixed(3)}], stake share ${ss.mean.toFixed(3)}%, reward - stake ${d.mean.toFixed(3)} pp, 95% CI [${d.lo.toFixed(3)}, ${d.hi.toFixed(3)}]`);
  if (process.env.OUT) fs.writeFileSync(process.env.OUT, JSON.stringify({ file, seeds, steps, results, diff: d, rewardShare: rs, stakeShare: ss }, null, 2));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
