import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { BPS, BUCKET, CURVE_KINDS, DEFAULT_SHARES, MAX_DEADLINE, Recipients5, ReserveKind, Suite, suiteFixture } from "../market/fixtures";

const ONE = ethers.parseEther("1");
const KIND = CURVE_KINDS[0];
const ethFixture = suiteFixture(KIND, "eth");

function parts(amount: bigint, shares: readonly number[] = DEFAULT_SHARES): bigint[] {
  return shares.map((sh) => (amount * BigInt(sh)) / BPS);
}

async function sendRevenue(s: Suite, asset: "eth" | "erc20", amount: bigint) {
  const to = await s.splitter.getAddress();
  if (asset === "eth") await s.alice.sendTransaction({ to, value: amount });
  else await s.reserveToken!.connect(s.alice).transfer(to, amount);
}

describe("RevenueSplitter deployment", function () {
  it("starts with the default 40/15/15/20/10 split, its recipients and one admin", async function () {
    const s = await loadFixture(ethFixture);
    expect(await s.splitter.shares()).to.deep.equal(DEFAULT_SHARES.map(BigInt));
    expect((await s.splitter.recipient(BUCKET.STAKERS)).account).to.equal(await s.stakersHook.getAddress());
    expect((await s.splitter.recipient(BUCKET.STAKERS)).hook).to.equal(true);
    expect((await s.splitter.recipient(BUCKET.WELFARE)).account).to.equal(s.welfare.address);
    expect(await s.splitter.getRoleMemberCount(ethers.ZeroHash)).to.equal(1n);
    expect(await s.splitter.getRoleMember(ethers.ZeroHash, 0)).to.equal(s.admin.address);
    expect(await s.splitter.market()).to.equal(s.marketAddr);
    await expect(s.splitter.recipient(5)).to.be.revertedWithCustomError(s.splitter, "InvalidBucket").withArgs(5);
  });

  it("rejects a zero admin, bad shares and zero recipients", async function () {
    const s = await loadFixture(ethFixture);
    const F = await ethers.getContractFactory("RevenueSplitter");
    const rec = [0, 1, 2, 3, 4].map(() => ({ account: s.bob.address, hook: false })) as Recipients5;
    await expect(F.deploy(ethers.ZeroAddress, DEFAULT_SHARES, rec)).to.be.revertedWithCustomError(s.splitter, "ZeroAddress");
    await expect(F.deploy(s.admin.address, [4000, 1500, 1500, 2000, 999], rec))
      .to.be.revertedWithCustomError(s.splitter, "SharesDoNotSumToTotal").withArgs(9999);
    await expect(F.deploy(s.admin.address, [6001, 0, 0, 2000, 1999], rec))
      .to.be.revertedWithCustomError(s.splitter, "ShareTooHigh").withArgs(0, 6001, 6000);
    const bad = rec.map((r, i) => (i === 2 ? { account: ethers.ZeroAddress, hook: false } : r)) as Recipients5;
    await expect(F.deploy(s.admin.address, DEFAULT_SHARES, bad)).to.be.revertedWithCustomError(s.splitter, "ZeroAddress");
  });

  it("is bound to its market once, by the deployer only", async function () {
    const s = await loadFixture(ethFixture);
    await expect(s.splitter.setMarket(s.bob.address)).to.be.revertedWithCustomError(s.splitter, "MarketAlreadySet").withArgs(s.marketAddr);
    const rec = [0, 1, 2, 3, 4].map(() => ({ account: s.bob.address, hook: false })) as Recipients5;
    const fresh = await (await ethers.getContractFactory("RevenueSplitter")).deploy(s.admin.address, DEFAULT_SHARES, rec);
    await expect(fresh.connect(s.alice).setMarket(s.marketAddr)).to.be.revertedWithCustomError(fresh, "NotDeployer").withArgs(s.alice.address);
    await expect(fresh.setMarket(ethers.ZeroAddress)).to.be.revertedWithCustomError(fresh, "ZeroAddress");
    await expect(fresh.buyBackAndBurn()).to.be.revertedWithCustomError(fresh, "MarketNotSet");
    await expect(fresh.release(BUCKET.BURN, await s.token.getAddress())).to.be.revertedWithCustomError(fresh, "BurnBucketNotReleasable");
    await expect(fresh.setMarket(s.marketAddr)).to.emit(fresh, "MarketSet").withArgs(s.marketAddr);
  });
});

for (const asset of ["eth", "erc20"] as ReserveKind[]) {
  const fixture = suiteFixture(KIND, asset);
  const addr = (s: Suite) => (asset === "eth" ? ethers.ZeroAddress : s.reserveAsset);

  describe(`RevenueSplitter accounting [${asset}]`, function () {
    it("sync splits new revenue by the shares, rounding each part down", async function () {
      const s = await loadFixture(fixture);
      const amount = ONE + 3n; // not divisible: dust
      await sendRevenue(s, asset, amount);
      const expected = parts(amount);
      await expect(s.splitter.sync(addr(s))).to.emit(s.splitter, "RevenueSplit").withArgs(addr(s), amount, expected);
      for (let b = 0; b < 5; b++) expect(await s.splitter.claimable(b, addr(s))).to.equal(expected[b]);
      const sum = expected.reduce((a, x) => a + x, 0n);
      expect(await s.splitter.accounted(addr(s))).to.equal(sum);
      expect(await s.splitter.unsplit(addr(s))).to.equal(amount - sum);
      expect(amount - sum).to.be.lt(5n);
    });

    it("sync of nothing new returns 0 and emits nothing", async function () {
      const s = await loadFixture(fixture);
      expect(await s.splitter.sync.staticCall(addr(s))).to.equal(0n);
      await expect(s.splitter.sync(addr(s))).to.not.emit(s.splitter, "RevenueSplit");
    });

    it("keeps dust bounded below 5 wei and splits it with the next revenue (conservation)", async function () {
      const s = await loadFixture(fixture);
      const splitterAddr = await s.splitter.getAddress();
      let paidOut = 0n;
      let seed = 12345n;
      for (let i = 0; i < 12; i++) {
        seed = (seed * 6364136223846793005n + 1442695040888963407n) % 2n ** 64n;
        await sendRevenue(s, asset, (seed % 10n ** 18n) + 1n);
        await s.splitter.sync(addr(s));
        if (i % 3 === 2) {
          const b = Number(seed % 4n);
          const c = await s.splitter.claimable(b, addr(s));
          if (c > 0n) {
            await s.splitter.release(b, addr(s));
            paidOut += c;
          }
        }
        const bal = await s.balanceOf(splitterAddr);
        let claim = 0n;
        for (let b = 0; b < 5; b++) claim += await s.splitter.claimable(b, addr(s));
        expect(await s.splitter.accounted(addr(s))).to.equal(claim);
        expect(bal - claim).to.be.lt(5n);
      }
      expect(paidOut).to.be.gt(0n);
    });

    it("release pays a plain recipient by transfer and a hook recipient through receiveRevenue", async function () {
      const s = await loadFixture(fixture);
      await sendRevenue(s, asset, ONE);
      const expected = parts(ONE);
      // release syncs first, so no explicit sync is needed
      const before = await s.balanceOf(s.welfare.address);
      await expect(s.splitter.connect(s.bob).release(BUCKET.WELFARE, addr(s)))
        .to.emit(s.splitter, "Released")
        .withArgs(BUCKET.WELFARE, addr(s), s.welfare.address, expected[BUCKET.WELFARE]);
      expect((await s.balanceOf(s.welfare.address)) - before).to.equal(expected[BUCKET.WELFARE]);
      const hook = await s.stakersHook.getAddress();
      await s.splitter.release(BUCKET.STAKERS, addr(s));
      expect(await s.stakersHook.received(addr(s), BUCKET.STAKERS)).to.equal(expected[BUCKET.STAKERS]);
      expect(await s.balanceOf(hook)).to.equal(expected[BUCKET.STAKERS]);
      expect(await s.splitter.claimable(BUCKET.STAKERS, addr(s))).to.equal(0n);
      await expect(s.splitter.release(BUCKET.STAKERS, addr(s)))
        .to.be.revertedWithCustomError(s.splitter, "NothingToRelease").withArgs(BUCKET.STAKERS, addr(s));
    });

    it("reverts with InvalidBucket for a bucket past BURN and BurnBucketNotReleasable for the reserve asset", async function () {
      const s = await loadFixture(fixture);
      await sendRevenue(s, asset, ONE);
      await expect(s.splitter.release(5, addr(s))).to.be.revertedWithCustomError(s.splitter, "InvalidBucket").withArgs(5);
      await expect(s.splitter.release(BUCKET.BURN, addr(s)))
        .to.be.revertedWithCustomError(s.splitter, "BurnBucketNotReleasable").withArgs(addr(s));
    });
  });
}

describe("RevenueSplitter recipients that misbehave", function () {
  it("reverts with NativeTransferFailed when a plain recipient refuses ETH, and keeps the claim", async function () {
    const s = await loadFixture(ethFixture);
    const rej = await (await ethers.getContractFactory("EthRejecter")).deploy();
    await s.splitter.connect(s.admin).setRecipient(BUCKET.WELFARE, await rej.getAddress(), false);
    await sendRevenue(s, "eth", ONE);
    const part = parts(ONE)[BUCKET.WELFARE];
    await expect(s.splitter.release(BUCKET.WELFARE, ethers.ZeroAddress))
      .to.be.revertedWithCustomError(s.splitter, "NativeTransferFailed").withArgs(await rej.getAddress(), part);
  });

  it("reverts with RecipientDidNotPull when a hook recipient takes no ERC20", async function () {
    const s = await loadFixture(suiteFixture(KIND, "erc20"));
    await s.stakersHook.setLazy(true);
    await sendRevenue(s, "erc20", ONE);
    await expect(s.splitter.release(BUCKET.STAKERS, s.reserveAsset))
      .to.be.revertedWithCustomError(s.splitter, "RecipientDidNotPull")
      .withArgs(await s.stakersHook.getAddress(), s.reserveAsset, parts(ONE)[BUCKET.STAKERS]);
  });
});

describe("RevenueSplitter governance", function () {
  it("setShares: admin only, each bounded, must sum to 10,000, emits old and new", async function () {
    const s = await loadFixture(ethFixture);
    await expect(s.splitter.connect(s.alice).setShares([2000, 2000, 2000, 2000, 2000])).to.be.revertedWithCustomError(s.splitter, "AccessControlUnauthorizedAccount");
    await expect(s.splitter.connect(s.admin).setShares([2000, 2000, 2000, 2000, 2001])).to.be.revertedWithCustomError(s.splitter, "SharesDoNotSumToTotal").withArgs(10001);
    await expect(s.splitter.connect(s.admin).setShares([0, 0, 0, 3999, 6001])).to.be.revertedWithCustomError(s.splitter, "ShareTooHigh").withArgs(4, 6001, 6000);
    await expect(s.splitter.connect(s.admin).setShares([2000, 2000, 2000, 2000, 2000]))
      .to.emit(s.splitter, "SharesUpdated").withArgs(DEFAULT_SHARES, [2000, 2000, 2000, 2000, 2000]);
    await sendRevenue(s, "eth", ONE);
    await s.splitter.sync(ethers.ZeroAddress);
    expect(await s.splitter.claimable(BUCKET.BURN, ethers.ZeroAddress)).to.equal(ONE / 5n);
  });

  it("setRecipient: admin only, not for BURN, non-zero, emits old and new", async function () {
    const s = await loadFixture(ethFixture);
    await expect(s.splitter.connect(s.alice).setRecipient(1, s.alice.address, false)).to.be.revertedWithCustomError(s.splitter, "AccessControlUnauthorizedAccount");
    await expect(s.splitter.connect(s.admin).setRecipient(BUCKET.BURN, s.alice.address, false)).to.be.revertedWithCustomError(s.splitter, "InvalidBucket").withArgs(4);
    await expect(s.splitter.connect(s.admin).setRecipient(1, ethers.ZeroAddress, false)).to.be.revertedWithCustomError(s.splitter, "ZeroAddress");
    await expect(s.splitter.connect(s.admin).setRecipient(1, s.carol.address, true))
      .to.emit(s.splitter, "RecipientUpdated").withArgs(1, s.welfare.address, false, s.carol.address, true);
  });
});

for (const reserve of ["eth", "erc20"] as ReserveKind[]) {
  const fixture = suiteFixture(KIND, reserve);
  describe(`RevenueSplitter fees, buy-back and burn [${reserve}]`, function () {
    it("splits the market's flushed fees exactly", async function () {
      const s = await loadFixture(fixture);
      await s.buy(s.alice, 3n * ONE, 0n, s.referrer.address);
      await s.market.connect(s.alice).sell((await s.token.balanceOf(s.alice.address)) / 2n, 0n, MAX_DEADLINE);
      const fees = await s.market.protocolFees();
      await s.market.flushFees();
      const asset = reserve === "eth" ? ethers.ZeroAddress : s.reserveAsset;
      await expect(s.splitter.sync(asset)).to.emit(s.splitter, "RevenueSplit").withArgs(asset, fees, parts(fees));
    });

    it("buyBackAndBurn spends the BURN bucket, burns what it bought, leaves the supply unchanged and raises the reserve", async function () {
      const s = await loadFixture(fixture);
      const asset = reserve === "eth" ? ethers.ZeroAddress : s.reserveAsset;
      await sendRevenue(s, reserve, 10n * ONE);
      const burnPart = parts(10n * ONE)[BUCKET.BURN];
      const supply = await s.token.totalSupply();
      const reserveBefore = await s.market.reserveBalance();
      const [out, fee] = await s.market.quoteBuy(burnPart);
      await expect(s.splitter.connect(s.bob).buyBackAndBurn()).to.emit(s.splitter, "BoughtBackAndBurned").withArgs(burnPart, out);
      expect(await s.token.totalSupply()).to.equal(supply);
      expect(await s.market.reserveBalance()).to.equal(reserveBefore + burnPart - fee);
      expect(await s.splitter.claimable(BUCKET.BURN, asset)).to.equal(0n);
      expect(await s.token.balanceOf(await s.splitter.getAddress())).to.equal(0n);
      await expect(s.splitter.buyBackAndBurn()).to.be.revertedWithCustomError(s.splitter, "NothingToRelease").withArgs(BUCKET.BURN, asset);
    });

    it("a sandwich around buyBackAndBurn loses money for the attacker", async function () {
      const s = await loadFixture(fixture);
      await sendRevenue(s, reserve, 50n * ONE);
      const before = await s.balanceOf(s.attacker.address);
      let gas = 0n;
      const tx1 = await s.buy(s.attacker, 20n * ONE); // front-run
      if (reserve === "eth") gas += (await tx1.wait())!.gasUsed * (await tx1.wait())!.gasPrice;
      const priceBeforeBuyback = await s.market.spotPrice();
      await s.splitter.buyBackAndBurn();
      // buy-then-burn returns the supply, and so the price, to where the front-run left it
      expect(await s.market.spotPrice()).to.equal(priceBeforeBuyback);
      const tx2 = await s.market.connect(s.attacker).sell(await s.token.balanceOf(s.attacker.address), 0n, MAX_DEADLINE);
      if (reserve === "eth") gas += (await tx2.wait())!.gasUsed * (await tx2.wait())!.gasPrice;
      const after = (await s.balanceOf(s.attacker.address)) + gas;
      expect(after).to.be.lt(before);
    });

    it("the sandwich gains nothing even with zero fees", async function () {
      const s = await loadFixture(fixture);
      await s.market.connect(s.admin).setFees(0, 0);
      await sendRevenue(s, reserve, 50n * ONE);
      const paid = 20n * ONE;
      await s.buy(s.attacker, paid);
      await s.splitter.buyBackAndBurn();
      const [back] = await s.market.quoteSell(await s.token.balanceOf(s.attacker.address));
      expect(back).to.be.lte(paid);
    });

    it("burns Cipher tokens held in the BURN bucket on release", async function () {
      const s = await loadFixture(fixture);
      const tokenAddr = await s.token.getAddress();
      await s.token.connect(s.seeder).transfer(await s.splitter.getAddress(), 10n * ONE);
      const supply = await s.token.totalSupply();
      const part = parts(10n * ONE)[BUCKET.BURN];
      await expect(s.splitter.release(BUCKET.BURN, tokenAddr)).to.emit(s.splitter, "TokensBurned").withArgs(part);
      expect(await s.token.totalSupply()).to.equal(supply - part);
    });
  });
}
