// increaseStake (issue 14): a top-up of an active stake rewrites its position instead of opening
// a new one. Semantics: amount, weight, votes and totals grow exactly as a new stake of the same
// tier would; the position's unlock becomes max(old unlock, now + the tier's lock); refused while a
// slashing case is open (its snapshot must not grow), on an unbonding or unknown stake, after the
// tier's multiplier changed, for zero, and while paused.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, payEth, now, DAY, E18, BPS, EVIDENCE, ETH } from "./fixture";

describe("CipherStaking.increaseStake (top-up)", function () {
  it("adds to the position: amount, base weight, votes, totals; keeps the id and the tier's terms", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 1); // 30 d, 1.25x
    const before = await s.staking.stakeOf(s.alice.address, 0);
    await time.increase(10n * DAY);
    const tx = s.staking.connect(s.alice).increaseStake(0, 2n * E18);
    await (await tx).wait();
    const t = BigInt(await time.latest());
    await expect(tx).to.emit(s.staking, "Staked").withArgs(s.alice.address, 0, 2n * E18, 1, t + 30n * DAY, 12_500);
    const after = await s.staking.stakeOf(s.alice.address, 0);
    expect(after.amount).to.equal(3n * E18);
    expect(after.multiplierBps).to.equal(before.multiplierBps);
    expect(after.tier).to.equal(1n);
    expect(after.unlockAt).to.equal(t + 30n * DAY); // later than the old unlock: the tier's lock from now
    expect(after.unlockAt).to.be.greaterThan(before.unlockAt);
    const a = await s.staking.accountOf(s.alice.address);
    expect(a.active).to.equal(3n * E18);
    expect(a.baseWeight).to.equal((E18 * 12_500n) / BPS + (2n * E18 * 12_500n) / BPS);
    expect(a.weight).to.equal(a.baseWeight);
    expect(a.stakeMask).to.equal(1n); // no new position
    expect(await s.staking.getVotes(s.alice.address)).to.equal(3n * E18);
    expect(await s.staking.totalStaked()).to.equal(3n * E18);
    expect(await s.staking.totalWeight()).to.equal(a.weight);
  });

  it("keeps a later unlock (tier lock shortened by governance) and leaves an unlocked no-lock position unlocked", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 1);
    const old = (await s.staking.stakeOf(s.alice.address, 0)).unlockAt;
    await s.staking.connect(s.admin).setTier(1, 1n * DAY, 12_500); // same multiplier, shorter lock
    await s.staking.connect(s.alice).increaseStake(0, E18);
    expect((await s.staking.stakeOf(s.alice.address, 0)).unlockAt).to.equal(old);

    await s.staking.connect(s.bob).stake(E18, 0); // no lock
    await time.increase(DAY);
    await s.staking.connect(s.bob).increaseStake(0, E18);
    expect((await s.staking.stakeOf(s.bob.address, 0)).unlockAt).to.equal(BigInt(await time.latest()));
    await expect(s.staking.connect(s.bob).requestUnbond(0)).to.emit(s.staking, "UnbondRequested"); // unlocked
  });

  it("keeps the base weight the sum of floor(amount x multiplier) per stake, so unbonding a topped-up stake takes exactly it back", async function () {
    // 3 wei at 1.25x is 3 (floor 3.75); 3 + 3 wei is 7 (floor 7.5), not 3 + 3 = 6. Found by the
    // forge invariant run: with floor(added x m) the unbond of the whole position underflowed.
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(3n, 1);
    expect((await s.staking.accountOf(s.alice.address)).baseWeight).to.equal(3n);
    await s.staking.connect(s.alice).increaseStake(0, 3n);
    expect((await s.staking.accountOf(s.alice.address)).baseWeight).to.equal(7n);
    await time.increase(30n * DAY);
    await s.staking.connect(s.alice).requestUnbond(0);
    const a = await s.staking.accountOf(s.alice.address);
    expect(a.baseWeight).to.equal(0n);
    expect(a.weight).to.equal(0n);
    expect(await s.staking.totalWeight()).to.equal(0n);
  });

  it("settles rewards at the old weight first: the top-up earns only from now on", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.bob).stake(E18, 0);
    await payEth(s, 7n * E18);
    await time.increase(DAY);
    await s.staking.connect(s.alice).increaseStake(0, E18);
    const t0 = await now();
    const earnedAt = await s.staking.earned(s.alice.address, ETH);
    // one day of a 7-day stream split 50/50 (to the second of the top-up), rounded down
    const streamed = (7n * E18 * (t0 - (t0 - DAY - 1n))) / (7n * DAY);
    expect(earnedAt).to.be.closeTo(streamed / 2n, 10n ** 14n);
    await time.increase(DAY);
    const e1 = await s.staking.earned(s.alice.address, ETH);
    const eb = await s.staking.earned(s.bob.address, ETH);
    // after the top-up alice has 2/3 of the weight
    expect(e1 - earnedAt).to.be.closeTo(((eb - streamed / 2n) * 2n), 10n ** 14n);
  });

  it("reverts: zero, unknown stake, unbonding stake, open slashing case, changed tier, paused", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.alice).stake(E18, 1);
    await expect(s.staking.connect(s.alice).increaseStake(0, 0)).to.be.revertedWithCustomError(s.staking, "ZeroAmount");
    await expect(s.staking.connect(s.alice).increaseStake(5, E18))
      .to.be.revertedWithCustomError(s.staking, "UnknownStake").withArgs(s.alice.address, 5);
    await expect(s.staking.connect(s.bob).increaseStake(0, E18))
      .to.be.revertedWithCustomError(s.staking, "UnknownStake").withArgs(s.bob.address, 0);

    await s.staking.connect(s.admin).setTier(1, 30n * DAY, 13_000);
    await expect(s.staking.connect(s.alice).increaseStake(1, E18))
      .to.be.revertedWithCustomError(s.staking, "TierChanged").withArgs(1, 12_500, 13_000);

    await s.staking.connect(s.alice).requestUnbond(0);
    await expect(s.staking.connect(s.alice).increaseStake(0, E18))
      .to.be.revertedWithCustomError(s.staking, "AlreadyUnbonding").withArgs(0);

    await s.staking.connect(s.bob).stake(E18, 0);
    await s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1_000, EVIDENCE);
    await expect(s.staking.connect(s.bob).increaseStake(0, E18))
      .to.be.revertedWithCustomError(s.staking, "PendingSlash").withArgs(s.bob.address, 1);

    await s.staking.connect(s.carol).stake(E18, 0);
    await s.staking.connect(s.guardian).pause();
    await expect(s.staking.connect(s.carol).increaseStake(0, E18)).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
  });

  async function twoStakers() {
    const s = await deploySuite();
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.bob).stake(E18, 0);
    await payEth(s, E18);
    await time.increase(3600);
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.bob).stake(E18, 0);
    await time.increase(3600);
    return s;
  }

  it("from the same state, a top-up costs at least 15,000 gas less than a new stake of the same size", async function () {
    // Same state for both (a stake's cost also depends on the parity of the vote traces' lengths).
    let s = await loadFixture(twoStakers);
    const g1 = (await (await s.staking.connect(s.alice).stake(E18, 0)).wait())!.gasUsed;
    s = await loadFixture(twoStakers);
    const g2 = (await (await s.staking.connect(s.alice).increaseStake(0, E18)).wait())!.gasUsed;
    console.log(`      new stake ${g1}, top-up ${g2}`);
    expect(g1 - g2).to.be.at.least(15_000n);
    expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(2n * E18);
  });
});
