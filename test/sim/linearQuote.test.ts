// The simulation's TypeScript quoteSell on a linear curve (src/sim/chain/linearQuote.ts) against
// the deployed BondingCurveMarket + LinearCurve: random curve parameters, supplies, amounts and
// sell fees, with the edge cases (0, 1 wei, the whole supply, one more than the supply, a supply
// above the cap, the parameter bounds, fee 0 and the maximum fee). Every contract revert must be
// `undefined` on the TypeScript side, and every answer equal to the wei.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ethers, network } from "hardhat";
import fc from "fast-check";
import { deploySuite, type Suite } from "../market/fixtures";
import { feeOn, LINEAR_MAX_SUPPLY, quoteSellLinear, refundDown, sellRefund } from "../../src/sim/chain/linearQuote";
import { ReferralCredits } from "../../src/sim/chain/referrals";

const MAX_FEE_BPS = 1_000n;
const E24 = 10n ** 24n;

/** The storage slot of the token's total supply, found by writing candidates (restored) and reading totalSupply(). */
async function supplySlot(s: Suite): Promise<number> {
  const token = await s.token.getAddress();
  for (let slot = 0; slot < 16; slot++) {
    const key = ethers.toBeHex(slot, 32);
    const before = await ethers.provider.getStorage(token, key);
    await network.provider.send("hardhat_setStorageAt", [token, key, ethers.toBeHex(123_456_789n, 32)]);
    const got = await s.token.totalSupply();
    await network.provider.send("hardhat_setStorageAt", [token, key, before]);
    if (got === 123_456_789n) return slot;
  }
  throw new Error("no total-supply slot found");
}

async function setSupply(s: Suite, slot: number, supply: bigint): Promise<void> {
  await network.provider.send("hardhat_setStorageAt", [await s.token.getAddress(), ethers.toBeHex(slot, 32), ethers.toBeHex(supply, 32)]);
  expect(await s.token.totalSupply()).to.equal(supply);
}

/** The contract's quoteSell, or undefined where it reverts. */
async function onChain(s: Suite, tokensIn: bigint): Promise<{ reserveOut: bigint; fee: bigint } | undefined> {
  try {
    const [reserveOut, fee] = await s.market.quoteSell(tokensIn);
    return { reserveOut, fee };
  } catch {
    return undefined;
  }
}

/** A supply in token-wei, biased to the edges: 0, 1, small, realistic, near and above the cap. */
const supplyArb = fc.oneof(
  fc.constantFrom(0n, 1n, 10n ** 18n, LINEAR_MAX_SUPPLY - 1n, LINEAR_MAX_SUPPLY, LINEAR_MAX_SUPPLY + 1n),
  fc.bigInt({ min: 0n, max: 10n ** 24n }),
  fc.bigInt({ min: 0n, max: LINEAR_MAX_SUPPLY }),
);
/** tokensIn relative to the supply: 0, 1 wei, the whole supply, one wei too many, or any share. */
const amountArb = fc.oneof(
  fc.constant({ kind: "zero" as const }),
  fc.constant({ kind: "one" as const }),
  fc.constant({ kind: "all" as const }),
  fc.constant({ kind: "over" as const }),
  fc.record({ kind: fc.constant("share" as const), num: fc.bigInt({ min: 0n, max: 1_000_000n }) }),
);
const feeArb = fc.oneof(fc.constantFrom(0n, 1n, MAX_FEE_BPS), fc.bigInt({ min: 0n, max: MAX_FEE_BPS }));
const slopeArb = fc.oneof(fc.constantFrom(1n, E24), fc.bigInt({ min: 1n, max: E24 }), fc.bigInt({ min: 1n, max: 10n ** 16n }));
const baseArb = fc.oneof(fc.constantFrom(1_000n, E24), fc.bigInt({ min: 1_000n, max: E24 }), fc.bigInt({ min: 1_000n, max: 10n ** 16n }));

function amountOf(a: { kind: "zero" | "one" | "all" | "over" } | { kind: "share"; num: bigint }, supply: bigint): bigint {
  switch (a.kind) {
    case "zero": return 0n;
    case "one": return 1n;
    case "all": return supply;
    case "over": return supply + 1n;
    case "share": return (supply * a.num) / 1_000_000n;
  }
}

describe("linear quoteSell in TypeScript equals the deployed market's", function () {
  this.timeout(600_000);

  it("for random parameters, supplies, amounts and sell fees, edge cases included (reverts as undefined)", async () => {
    let compared = 0;
    let reverted = 0;
    let nonZero = 0;
    await fc.assert(
      fc.asyncProperty(
        slopeArb, baseArb,
        fc.array(fc.record({ supply: supplyArb, amount: amountArb, fee: feeArb }), { minLength: 8, maxLength: 16 }),
        async (m, b, cases) => {
          const s = await deploySuite("linear", "eth", { seed: false, params: [m, b] });
          expect(await s.curve.parameters()).to.deep.equal([m, b]);
          const slot = await supplySlot(s);
          for (const c of cases) {
            await setSupply(s, slot, c.supply);
            await (await s.market.connect(s.admin).setFees(100n, c.fee)).wait();
            const tokensIn = amountOf(c.amount, c.supply);
            const want = await onChain(s, tokensIn);
            const got = quoteSellLinear({ m, b, supply: c.supply, sellFeeBps: c.fee }, tokensIn);
            expect(got, `m=${m} b=${b} supply=${c.supply} tokensIn=${tokensIn} fee=${c.fee}`).to.deep.equal(want);
            compared += 1;
            if (want === undefined) reverted += 1;
            else if (want.reserveOut !== 0n) nonZero += 1;
          }
        },
      ),
      { numRuns: 40, seed: 20261129 },
    );
    // the property saw both sides: reverts and real (non-zero) quotes
    expect(reverted).to.be.greaterThan(0);
    expect(nonZero).to.be.greaterThan(compared / 4);
  });

  it("reverts where the contract does: more than the supply, a supply above the cap; 0 for 0", () => {
    const q = { m: 10n ** 13n, b: 10n ** 15n, supply: 10n ** 21n, sellFeeBps: 100n };
    expect(quoteSellLinear(q, q.supply + 1n)).to.equal(undefined);
    expect(quoteSellLinear({ ...q, supply: LINEAR_MAX_SUPPLY + 1n }, 1n)).to.equal(undefined);
    expect(quoteSellLinear(q, 0n)).to.deep.equal({ reserveOut: 0n, fee: 0n });
    expect(sellRefund(q.m, q.b, q.supply, 0n)).to.equal(0n);
  });

  it("rounds the refund down and the fee up (hand-computed)", () => {
    // m = 1, b = 1000, selling 1 wei of 1 wei: (1 * (2*1000*1e18 + 1*(0+1))) / 2e36 = 0 (floor)
    expect(refundDown(1n, 1_000n, 0n, 1n)).to.equal(0n);
    // 1e18 of 1e18 at m = 0-ish base 1e18: (1e18 * (2e36 + 1e18)) / 2e36 = 1e18 + 0.5 -> 1e18
    expect(refundDown(1n, 10n ** 18n, 0n, 10n ** 18n)).to.equal(10n ** 18n);
    expect(feeOn(1n, 1n)).to.equal(1n); // ceil(1/10000)
    expect(feeOn(10_000n, 100n)).to.equal(100n);
    expect(feeOn(10_001n, 100n)).to.equal(101n);
    expect(feeOn(0n, 1_000n)).to.equal(0n);
    expect(feeOn(2n ** 255n, 2n)).to.equal(undefined); // the checked multiply overflows
  });
});

describe("referral credits kept from the market's logs", () => {
  const A = "0x00000000000000000000000000000000000000aa";
  const B = "0x00000000000000000000000000000000000000Bb";
  const ZERO = "0x0000000000000000000000000000000000000000";

  it("adds a referred buy's reward, zeroes a claim, ignores accounts never read, and answers undefined for them", () => {
    const r = new ReferralCredits();
    r.start([A, B], [5n, 0n]);
    r.onBought(B.toLowerCase(), 7n);
    r.onBought("0x00000000000000000000000000000000000000cc", 9n);
    expect(r.of([A, B, ZERO])).to.deep.equal([5n, 7n, 0n]);
    r.onClaimed(A.toUpperCase().replace("0X", "0x"));
    expect(r.of([A, B])).to.deep.equal([0n, 7n]);
    expect(r.of([A, "0x00000000000000000000000000000000000000cc"])).to.equal(undefined);
  });
});

describe("valuation: TypeScript quotes and the lens give the same run @no-coverage", function () {
  this.timeout(900_000);

  /** The default scenario (linear curve, referrers, a fee change by governance) on the spawned anvil; returns the output directory. */
  function simulate(lensQuotes: boolean): { out: string; stderr: string } {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-quote-"));
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/simulate.ts", "--scenario", "scenarios/default.json", "--steps", "30", "--agents", "40", "--seed", "5", "--quiet", "--out", out], {
      encoding: "utf8", timeout: 540_000, env: { ...process.env, HARDHAT_NETWORK: undefined, TS_NODE_TRANSPILE_ONLY: "true", CIPHER_LENS_QUOTES: lensQuotes ? "1" : "0" },
    });
    expect(r.status, r.stderr).to.equal(0);
    return { out, stderr: r.stderr };
  }

  it("metrics.csv, summary.json and actions.ndjson are byte-identical with CIPHER_LENS_QUOTES=1 and without", () => {
    const ts = simulate(false);
    const lens = simulate(true);
    for (const f of ["metrics.csv", "summary.json", "actions.ndjson"]) expect(fs.readFileSync(path.join(ts.out, f)).equals(fs.readFileSync(path.join(lens.out, f))), f).to.equal(true);
    const summary = JSON.parse(fs.readFileSync(path.join(ts.out, "summary.json"), "utf8")) as { accounting: { valuation: string } };
    expect(summary.accounting.valuation).to.equal("quoteSell");
    const acts = fs.readFileSync(path.join(ts.out, "actions.ndjson"), "utf8");
    // successful referred buys happened: their credits were kept from the logs
    expect(acts.split("\n").filter((l) => l.includes("\"referrer\":\"0x") && l.includes("\"ok\":true")).length).to.be.greaterThan(0);
  });
});
