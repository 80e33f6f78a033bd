import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { BPS, CURVE_KINDS, MARKET_DEFAULTS, MAX_DEADLINE, Suite, deploySuite, suiteFixture } from "./fixtures";

const ONE = ethers.parseEther("1");
const THRESHOLD = BigInt(MARKET_DEFAULTS.breakerThresholdBps);
const COOLDOWN = BigInt(MARKET_DEFAULTS.breakerCooldownBlocks);

/** Price after buying `amount` at the current supply (fees included), read from the curve. */
async function priceAfterBuy(s: Suite, amount: bigint): Promise<bigint> {
  const supply = await s.token.totalSupply();
  const [out] = await s.market.quoteBuy(amount);
  return s.curve.spotPrice(supply + out);
}

/** Smallest power-of-two multiple of 1e15 whose buy moves the price by more than `bps`. */
async function buySizeMoving(s: Suite, bps: bigint): Promise<bigint> {
  const p0 = await s.market.spotPrice();
  let amt = 10n ** 15n;
  for (let i = 0; i < 80; i++) {
    const p1 = await priceAfterBuy(s, amt);
    if ((p1 - p0) * BPS > p0 * bps) return amt;
    amt *= 2n;
  }
  throw new Error("no buy size moves the price that much");
}

/** Largest power-of-two multiple of 1e12 whose buy moves the price by at most `bps`. */
async function buySizeWithin(s: Suite, bps: bigint): Promise<bigint> {
  const p0 = await s.market.spotPrice();
  let amt = 10n ** 12n;
  for (let i = 0; i < 80; i++) {
    const p1 = await priceAfterBuy(s, amt * 2n);
    if ((p1 - p0) * BPS > p0 * bps) return amt;
    amt *= 2n;
  }
  return amt;
}

async function fund(s: Suite, who: { address: string }, amount: bigint) {
  await ethers.provider.send("hardhat_setBalance", [who.address, ethers.toQuantity(amount + 10n ** 21n)]);
}

for (const kind of CURVE_KINDS) {
  const fixture = suiteFixture(kind, "eth", "steep");

  describe(`CircuitBreaker [${kind} curve]`, function () {
    it("lets the tripping buy complete, emits CircuitBreakerTripped and halts buys for the cooldown", async function () {
      const s = await loadFixture(fixture);
      const amt = await buySizeMoving(s, THRESHOLD);
      await fund(s, s.alice, amt);
      const anchor = await s.market.spotPrice();
      const [out] = await s.market.quoteBuy(amt);
      const tx = await s.buy(s.alice, amt);
      const block = BigInt((await tx.wait())!.blockNumber);
      const price = await s.market.spotPrice();
      await expect(tx).to.emit(s.market, "CircuitBreakerTripped").withArgs(anchor, price, block + COOLDOWN);
      expect(await s.token.balanceOf(s.alice.address)).to.equal(out);
      expect(await s.market.buysHalted()).to.equal(true);
      expect(await s.market.haltedUntilBlock()).to.equal(block + COOLDOWN);
      await expect(s.buy(s.bob, ONE / 100n)).to.be.revertedWithCustomError(s.market, "BuysHalted").withArgs(block + COOLDOWN);
    });

    it("keeps sells open while buys are halted, and reopens buys after the cooldown", async function () {
      const s = await loadFixture(fixture);
      const amt = await buySizeMoving(s, THRESHOLD);
      await fund(s, s.alice, amt);
      const tx = await s.buy(s.alice, amt);
      const block = BigInt((await tx.wait())!.blockNumber);
      await s.market.connect(s.seeder).sell((await s.token.balanceOf(s.seeder.address)) / 100n, 0n, MAX_DEADLINE);
      const now = BigInt(await ethers.provider.getBlockNumber());
      await mine(block + COOLDOWN - now - 2n); // the next tx is mined in block + COOLDOWN - 1: still halted
      await expect(s.buy(s.bob, ONE / 100n)).to.be.revertedWithCustomError(s.market, "BuysHalted");
      await s.buy(s.bob, ONE / 100n); // block + COOLDOWN: open again
      expect(await s.market.buysHalted()).to.equal(false);
    });

    it("opens a window with BreakerWindowOpened on the first buy after the previous window", async function () {
      const s = await loadFixture(fixture);
      const anchor = await s.market.spotPrice();
      const tx = await s.buy(s.alice, ONE / 100n);
      const block = BigInt((await tx.wait())!.blockNumber);
      await expect(tx).to.emit(s.market, "BreakerWindowOpened").withArgs(anchor, block);
      expect(await s.market.breakerAnchor()).to.deep.equal([anchor, block]);
      await expect(s.buy(s.alice, ONE / 100n)).to.not.emit(s.market, "BreakerWindowOpened");
    });

    it("does not trip on a move within the threshold", async function () {
      const s = await loadFixture(fixture);
      const amt = await buySizeWithin(s, THRESHOLD);
      await fund(s, s.alice, amt);
      await expect(s.buy(s.alice, amt)).to.not.emit(s.market, "CircuitBreakerTripped");
      expect(await s.market.buysHalted()).to.equal(false);
    });

    it("catches a pump split into small buys inside one window (bypass attempt)", async function () {
      const s = await loadFixture(fixture);
      await s.market.connect(s.admin).setBreakerParameters(THRESHOLD, 1000, COOLDOWN);
      await mine(1);
      const anchor = await s.market.spotPrice();
      const step = await buySizeWithin(s, THRESHOLD / 4n);
      await fund(s, s.attacker, step * 40n);
      let tripped = false;
      for (let i = 0; i < 40 && !tripped; i++) {
        const before = await s.market.spotPrice();
        const p1 = await priceAfterBuy(s, step);
        expect((p1 - before) * BPS).to.be.lte(before * THRESHOLD); // each step alone is small
        const rc = await (await s.buy(s.attacker, step)).wait();
        tripped = rc!.logs.some((l) => l.topics[0] === s.market.interface.getEvent("CircuitBreakerTripped")!.topicHash);
      }
      expect(tripped).to.equal(true);
      const p = await s.market.spotPrice();
      expect((p - anchor) * BPS).to.be.gt(anchor * THRESHOLD);
      await expect(s.buy(s.attacker, step)).to.be.revertedWithCustomError(s.market, "BuysHalted");
    });

    it("does not trip when the same moves are spread over separate windows", async function () {
      const s = await loadFixture(fixture);
      const window = BigInt(MARKET_DEFAULTS.breakerWindowBlocks);
      for (let i = 0; i < 3; i++) {
        const amt = await buySizeWithin(s, THRESHOLD);
        await fund(s, s.alice, amt);
        await expect(s.buy(s.alice, amt)).to.not.emit(s.market, "CircuitBreakerTripped");
        await mine(window);
      }
    });

    it("catches a crash caused by sells with the next buy, which completes and halts later buys; sells stay open", async function () {
      const s = await loadFixture(fixture);
      const topic = s.market.interface.getEvent("CircuitBreakerTripped")!.topicHash;
      await s.buy(s.bob, ONE / 100n); // opens the window: anchor = current price
      const anchor = (await s.market.breakerAnchor())[0];
      const bal = await s.token.balanceOf(s.seeder.address);
      // sell in growing chunks until the price is more than the threshold below the anchor
      let chunk = bal / 64n;
      while ((anchor - (await s.market.spotPrice())) * BPS <= anchor * THRESHOLD) {
        const rc = await (await s.market.connect(s.seeder).sell(chunk, 0n, MAX_DEADLINE)).wait();
        expect(rc!.logs.some((l) => l.topics[0] === topic)).to.equal(false); // sells do not evaluate
        chunk *= 2n;
      }
      const [out] = await s.market.quoteBuy(ONE / 100n);
      await expect(s.buy(s.alice, ONE / 100n)).to.emit(s.market, "CircuitBreakerTripped");
      expect(await s.token.balanceOf(s.alice.address)).to.equal(out);
      await expect(s.buy(s.bob, ONE / 100n)).to.be.revertedWithCustomError(s.market, "BuysHalted");
      await s.market.connect(s.seeder).sell(chunk / 4n, 0n, MAX_DEADLINE);
    });

    it("cannot be escaped by making the tripping trade revert: a reverted trade moves nothing", async function () {
      const s = await loadFixture(fixture);
      const amt = await buySizeMoving(s, THRESHOLD);
      await fund(s, s.attacker, amt);
      const [out] = await s.market.quoteBuy(amt);
      const p0 = await s.market.spotPrice();
      await expect(s.buy(s.attacker, amt, out + 1n)).to.be.revertedWithCustomError(s.market, "SlippageExceeded");
      expect(await s.market.spotPrice()).to.equal(p0);
      expect(await s.token.balanceOf(s.attacker.address)).to.equal(0n);
    });
  });
}

describe("CircuitBreaker at a zero anchor price", function () {
  it("does not trip on the first buy of a curve that starts at price 0, but measures later windows", async function () {
    const s = await deploySuite("mock-linear", "eth", { seed: false, params: [10n ** 15n, 0n] });
    expect(await s.market.spotPrice()).to.equal(0n);
    await expect(s.buy(s.alice, ONE)).to.not.emit(s.market, "CircuitBreakerTripped");
    await mine(MARKET_DEFAULTS.breakerWindowBlocks);
    await expect(s.buy(s.bob, 10n * ONE)).to.emit(s.market, "CircuitBreakerTripped");
  });
});
