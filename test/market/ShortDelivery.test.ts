import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import { deploySuite, MAX_DEADLINE, Suite } from "./fixtures";
import type { RebasingToken, ShortDeliveryToken } from "../../typechain-types";

// Issue 9 §1: a market whose ERC20 reserve delivers less than it is told must never book more than
// it holds. The market refuses any pull whose measured balance change differs from the amount
// (TransferAmountMismatch), so a short-delivering token can never fund it.
const E = (n: string) => ethers.parseEther(n);
const BPS = 10_000n;

async function shortSuite() {
  const s = await deploySuite("mock-linear", "erc20", { seed: false, reserveContract: "ShortDeliveryToken" });
  return { ...s, short: s.reserveToken as unknown as ShortDeliveryToken };
}

/** What the market owes in its reserve asset: reserve + accrued fees + every referral credit. */
async function owed(s: Suite): Promise<bigint> {
  let total = (await s.market.reserveBalance()) + (await s.market.protocolFees());
  for (const a of [s.referrer, s.alice, s.bob, s.carol]) total += await s.market.referralRewards(a.address);
  return total;
}

async function held(s: Suite): Promise<bigint> {
  return s.balanceOf(s.marketAddr);
}

/** Everyone sells everything, the referrer claims, fees are flushed; books <= balance after each step. */
async function unwind(s: Suite) {
  for (const who of [s.alice, s.bob, s.carol]) {
    const bal = await s.token.balanceOf(who.address);
    if (bal > 0n) await s.market.connect(who).sell(bal, 0n, MAX_DEADLINE);
    expect(await owed(s)).to.be.lte(await held(s));
  }
  if ((await s.market.referralRewards(s.referrer.address)) > 0n) await s.market.connect(s.referrer).claimReferralRewards();
  if ((await s.market.protocolFees()) > 0n) await s.market.flushFees();
  expect(await owed(s)).to.be.lte(await held(s));
}

describe("BondingCurveMarket with a short-delivering ERC20 reserve (issue 9 §1)", function () {
  for (const shortBps of [100n, 300n]) {
    it(`refuses every buy when the reserve token delivers ${Number(shortBps) / 100}% less (100, 50, 25 from three holders)`, async function () {
      const s = await loadFixture(shortSuite);
      await s.short.setShortBps(shortBps);
      const buyers = [s.alice, s.bob, s.carol];
      const sizes = [E("100"), E("50"), E("25")];
      for (let i = 0; i < 3; i++) {
        const got = sizes[i] - (sizes[i] * shortBps) / BPS;
        await expect(s.buy(buyers[i], sizes[i], 0n, s.referrer.address))
          .to.be.revertedWithCustomError(s.market, "TransferAmountMismatch")
          .withArgs(sizes[i], got);
      }
      // Nothing was booked, nothing is owed, nobody holds a token that cannot be redeemed.
      expect(await s.token.totalSupply()).to.equal(0n);
      expect(await owed(s)).to.equal(0n);
      await expect(s.market.connect(s.referrer).claimReferralRewards()).to.be.revertedWithCustomError(s.market, "ZeroAmount");
      await expect(s.market.flushFees()).to.be.revertedWithCustomError(s.market, "ZeroAmount");
    });
  }

  for (const shortBps of [100n, 300n]) {
    it(`the issue's sequence at ${Number(shortBps) / 100}% short: after every step the books do not exceed the balance and every holder can exit`, async function () {
      const s = await loadFixture(shortSuite);
      await s.short.setShortBps(shortBps);
      const [, , cooldown] = await s.market.breakerParameters();
      const steps: (() => Promise<unknown>)[] = [
        () => s.buy(s.alice, E("100"), 0n, s.referrer.address),
        () => mine(cooldown + 1n),
        () => s.buy(s.bob, E("50"), 0n, s.referrer.address),
        () => mine(cooldown + 1n),
        () => s.buy(s.carol, E("25"), 0n, s.referrer.address),
      ];
      for (const who of [s.alice, s.bob, s.carol]) {
        steps.push(async () => s.market.connect(who).sell(await s.token.balanceOf(who.address), 0n, MAX_DEADLINE));
      }
      steps.push(() => s.market.connect(s.referrer).claimReferralRewards(), () => s.market.flushFees());
      for (const step of steps) {
        await step().then(
          (tx) => (tx && typeof tx === "object" && "wait" in tx ? (tx as { wait(): Promise<unknown> }).wait() : tx),
          () => undefined, // a refused step is fine; what it leaves behind is checked below
        );
        expect(await owed(s)).to.be.lte(await held(s));
      }
      expect(await s.token.totalSupply()).to.equal(0n); // nobody is left holding tokens
    });
  }

  it("a token that turns short after the market was funded: no further buy is booked, every holder exits, fees and referral credit are paid", async function () {
    const s = await loadFixture(shortSuite);
    const [, , cooldown] = await s.market.breakerParameters();
    for (const [who, size] of [[s.alice, "100"], [s.bob, "50"], [s.carol, "25"]] as const) {
      await s.buy(who, E(size), 0n, s.referrer.address);
      await mine(cooldown + 1n); // the first buys from supply 0 trip the breaker
    }
    expect(await owed(s)).to.equal(E("175"));
    expect(await held(s)).to.equal(E("175"));
    await s.short.setShortBps(300n);
    await expect(s.buy(s.alice, E("10"))).to.be.revertedWithCustomError(s.market, "TransferAmountMismatch").withArgs(E("10"), E("9.7"));
    // Payouts debit the market exactly what it books (the 3% is the recipients' loss to the token).
    await unwind(s);
    expect(await s.token.totalSupply()).to.equal(0n);
    expect(await s.market.protocolFees()).to.equal(0n);
    expect(await s.market.referralRewards(s.referrer.address)).to.equal(0n);
  });

  it("books a pull from a token that over-debits the sender but delivers exactly (only the market's balance is measured)", async function () {
    const s = await loadFixture(shortSuite);
    await s.short.setOverDebitBps(100n);
    await s.buy(s.alice, E("10"));
    expect(await held(s)).to.equal(E("10"));
    expect(await owed(s)).to.equal(E("10"));
  });

  it("refuses to deploy on a reserve that cannot be measured (no code, or no balanceOf): UnsupportedReserveAsset", async function () {
    const s = await loadFixture(shortSuite);
    const F = await ethers.getContractFactory("BondingCurveMarket");
    const base = {
      admin: s.admin.address, guardian: s.guardian.address, token: await s.token.getAddress(),
      curve: await s.curve.getAddress(), revenueSplitter: await s.splitter.getAddress(),
      buyFeeBps: 100, sellFeeBps: 100, referralShareBps: 2000,
      breakerThresholdBps: 1000, breakerWindowBlocks: 5, breakerCooldownBlocks: 10,
    };
    for (const bad of [s.alice.address, await s.curve.getAddress()]) {
      await expect(F.deploy({ ...base, reserveAsset: bad }))
        .to.be.revertedWithCustomError(s.market, "UnsupportedReserveAsset")
        .withArgs(bad);
    }
  });

  it("refuses a rebasing reserve whose share rounding delivers a wei short", async function () {
    const s = await deploySuite("mock-linear", "erc20", { seed: false, reserveContract: "RebasingToken" });
    const r = s.reserveToken as unknown as RebasingToken;
    await r.rebase(3n * 10n ** 17n + 7n); // 0.3000...07 per share: transfers round shares down
    await expect(s.buy(s.alice, E("1") + 1n))
      .to.be.revertedWithCustomError(s.market, "TransferAmountMismatch")
      .withArgs(E("1") + 1n, anyValue);
    expect(await owed(s)).to.equal(0n);
  });
});
