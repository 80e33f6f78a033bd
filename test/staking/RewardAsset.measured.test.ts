import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, E18, STAKERS, now } from "./fixture";
import type { RevenueSplitter, ShortDeliveryToken } from "../../typechain-types";

// Issue 9 §1: a reward asset (listed by governance) that delivers 99% of what it is told. Staking
// streams the measured balance change, so the stakers are never credited more than it holds.
const WEEK = 7n * 24n * 3600n;

async function suiteWithShortAsset() {
  const s = await deploySuite();
  const short = (await (await ethers.getContractFactory("ShortDeliveryToken")).deploy()) as unknown as ShortDeliveryToken;
  const shortAddr = await short.getAddress();
  await s.staking.connect(s.admin).addRewardAsset(shortAddr);
  await short.mint(s.admin.address, 1_000_000n * E18);
  await short.connect(s.admin).approve(await s.staking.getAddress(), ethers.MaxUint256);
  await s.staking.connect(s.alice).stake(1_000n * E18, 0);
  await s.staking.connect(s.bob).stake(1_000n * E18, 0);
  return { ...s, short, shortAddr };
}

describe("Reward asset that short-delivers (issue 9 §1)", function () {
  it("1,000 notified, 990 held: streams 990, both stakers claim, the books never exceed the balance", async function () {
    const s = await loadFixture(suiteWithShortAsset);
    await s.short.setShortBps(100n); // delivers 99%
    const stakingAddr = await s.staking.getAddress();
    const tx = s.staking.connect(s.admin).receiveRevenue(s.shortAddr, 1_000n * E18, STAKERS);
    await expect(tx).to.emit(s.staking, "RevenueReceived").withArgs(s.shortAddr, s.admin.address, 990n * E18, anyTime());
    expect(await s.short.balanceOf(stakingAddr)).to.equal(990n * E18);
    expect(await s.staking.undistributed(s.shortAddr)).to.be.lte(990n * E18);
    await time.increase(WEEK + 1n);
    const a = await s.staking.earned(s.alice.address, s.shortAddr);
    const b = await s.staking.earned(s.bob.address, s.shortAddr);
    expect(a + b).to.be.lte(990n * E18);
    expect(a + b).to.be.gte(990n * E18 - 10n ** 6n); // only accumulator rounding dust is left
    await s.staking.connect(s.alice).claim();
    await s.staking.connect(s.bob).claim(); // reverted before: the books claimed 999.99 of 990 held
    expect(await s.staking.earned(s.alice.address, s.shortAddr)).to.equal(0n);
    expect(await s.staking.earned(s.bob.address, s.shortAddr)).to.equal(0n);
    expect(await s.short.balanceOf(stakingAddr)).to.equal(990n * E18 - a - b);
  });

  it("the splitter's hook path credits what arrived at staking, and the splitter's own books stay exact", async function () {
    const s = await loadFixture(suiteWithShortAsset);
    const stakingAddr = await s.staking.getAddress();
    const rec = [
      { account: stakingAddr, hook: true },
      { account: s.carol.address, hook: false },
      { account: s.carol.address, hook: false },
      { account: s.carol.address, hook: false },
      { account: ethers.ZeroAddress, hook: false },
    ];
    const splitter = (await (await ethers.getContractFactory("RevenueSplitter")).deploy(
      s.admin.address,
      [4000, 1500, 1500, 2000, 1000],
      rec as never,
    )) as unknown as RevenueSplitter;
    const splitterAddr = await splitter.getAddress();
    await s.short.connect(s.admin).transfer(splitterAddr, 1_000n * E18); // exact: the token turns short below
    await s.short.setShortBps(100n);
    await expect(splitter.release(STAKERS, s.shortAddr))
      .to.emit(s.staking, "RevenueReceived")
      .withArgs(s.shortAddr, splitterAddr, (400n * E18 * 99n) / 100n, anyTime());
    expect(await splitter.accounted(s.shortAddr)).to.be.lte(await s.short.balanceOf(splitterAddr));
    expect(await s.short.balanceOf(stakingAddr)).to.equal((400n * E18 * 99n) / 100n);
  });

  it("lists only a contract that answers balanceOf (UnsupportedRewardAsset for an account without code)", async function () {
    const s = await loadFixture(deploySuite);
    await expect(s.staking.connect(s.admin).addRewardAsset(s.alice.address))
      .to.be.revertedWithCustomError(s.staking, "UnsupportedRewardAsset")
      .withArgs(s.alice.address);
    // A contract without balanceOf (the slashing module) reverts inside the probe call.
    await expect(s.staking.connect(s.admin).addRewardAsset(await s.slashing.getAddress())).to.be.reverted;
    expect((await s.staking.rewardAssets()).length).to.equal(2);
  });

  it("refuses an arrival that measures zero (ZeroAmount)", async function () {
    const s = await loadFixture(suiteWithShortAsset);
    await s.short.setShortBps(10_000n); // delivers nothing
    await expect(s.staking.connect(s.admin).receiveRevenue(s.shortAddr, 5n * E18, STAKERS)).to.be.revertedWithCustomError(
      s.staking,
      "ZeroAmount",
    );
    expect(await now()).to.be.gt(0n);
  });
});

/** A RevenueReceived periodFinish we do not pin (it is block time + rewardsDuration). */
function anyTime() {
  return (v: bigint) => v > 0n;
}
