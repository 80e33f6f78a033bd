import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, payEth, payToken, now, DAY, E18, PRECISION, ETH, STAKERS, Suite } from "./fixture";
import { sameSecond } from "../helpers/clock";

const WEEK = 7n * DAY;

/** What a stream of `r` over `d` seconds holds after the rate rounds down: floor(floor(r*P/d)*d/P). */
function held(r: bigint, d: bigint): bigint {
  return (((r * PRECISION) / d) * d) / PRECISION;
}

/** Sum of what every listed account can still claim in `asset`. */
async function claimable(s: Suite, accounts: string[], asset: string): Promise<bigint> {
  let sum = 0n;
  for (const a of accounts) sum += await s.staking.earned(a, asset);
  return sum;
}

describe("CipherStaking rewards", function () {
  describe("receiveRevenue", function () {
    it("streams ETH over rewardsDuration at rate floor(amount x 1e27 / duration)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(100n * E18, 0);
      const R = 7n * E18;
      const tx = await payEth(s, R);
      const t0 = await now();
      await expect(tx).to.emit(s.staking, "RevenueReceived").withArgs(ETH, s.admin.address, R, t0 + WEEK);
      expect(await ethers.provider.getBalance(await s.staking.getAddress())).to.equal(R);
      expect(await s.staking.undistributed(ETH)).to.equal(held(R, WEEK));
      expect(R - held(R, WEEK)).to.be.lessThanOrEqual(1n);
      await time.increaseTo(t0 + WEEK / 2n);
      const rate = (R * PRECISION) / WEEK;
      const W = 100n * E18;
      const rpw = (rate * (WEEK / 2n)) / W;
      expect(await s.staking.earned(s.alice.address, ETH)).to.equal((W * rpw) / PRECISION);
      expect(await s.staking.undistributed(ETH)).to.equal((rate * (WEEK / 2n)) / PRECISION);
    });

    it("pulls an ERC20 reward from the sender with transferFrom", async function () {
      const s = await loadFixture(deploySuite);
      const r = await s.reward.getAddress();
      const before = await s.reward.balanceOf(s.admin.address);
      await payToken(s, 5n * E18);
      expect(await s.reward.balanceOf(s.admin.address)).to.equal(before - 5n * E18);
      expect(await s.reward.balanceOf(await s.staking.getAddress())).to.equal(5n * E18);
      expect(await s.staking.undistributed(r)).to.equal(held(5n * E18, WEEK));
    });

    it("adds new revenue to the remainder of the running stream and restarts the period", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await payEth(s, 10n * E18);
      const t0 = await now();
      const rate1 = (10n * E18 * PRECISION) / WEEK;
      await time.setNextBlockTimestamp(t0 + DAY);
      await payEth(s, 4n * E18);
      const remaining = rate1 * (WEEK - DAY);
      const rate2 = (4n * E18 * PRECISION + remaining) / WEEK;
      expect(await s.staking.undistributed(ETH)).to.equal((rate2 * WEEK) / PRECISION);
      await time.increaseTo(t0 + DAY + WEEK + 1n);
      const total = await s.staking.earned(s.alice.address, ETH);
      expect(total).to.be.lessThanOrEqual(14n * E18);
      expect(14n * E18 - total).to.be.lessThanOrEqual(3n); // three roundings of < 1 wei
    });

    it("works while paused (the splitter is never blocked)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.guardian).pause();
      await expect(payEth(s, E18)).to.emit(s.staking, "RevenueReceived");
    });

    it("reverts with WrongBucket for any bucket other than STAKERS", async function () {
      const s = await loadFixture(deploySuite);
      for (const b of [1, 2, 3, 4, 5, 255]) {
        await expect(s.staking.receiveRevenue(ETH, 1, b, { value: 1 }))
          .to.be.revertedWithCustomError(s.staking, "WrongBucket")
          .withArgs(b);
      }
    });

    it("reverts with ZeroAmount for zero revenue", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.receiveRevenue(ETH, 0, STAKERS)).to.be.revertedWithCustomError(s.staking, "ZeroAmount");
    });

    it("reverts with UnsupportedRewardAsset for an unlisted asset", async function () {
      const s = await loadFixture(deploySuite);
      const t = await s.token.getAddress();
      await expect(s.staking.connect(s.admin).receiveRevenue(t, 1, STAKERS))
        .to.be.revertedWithCustomError(s.staking, "UnsupportedRewardAsset")
        .withArgs(t);
      await expect(s.staking.earned(s.alice.address, t)).to.be.revertedWithCustomError(s.staking, "UnsupportedRewardAsset");
      await expect(s.staking.undistributed(t)).to.be.revertedWithCustomError(s.staking, "UnsupportedRewardAsset");
    });

    it("reverts with WrongMsgValue when msg.value does not match", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.receiveRevenue(ETH, 2, STAKERS, { value: 1 }))
        .to.be.revertedWithCustomError(s.staking, "WrongMsgValue")
        .withArgs(1n, 2n);
      await expect(s.staking.connect(s.admin).receiveRevenue(await s.reward.getAddress(), 2, STAKERS, { value: 2 }))
        .to.be.revertedWithCustomError(s.staking, "WrongMsgValue")
        .withArgs(2n, 0n);
    });

    it("reverts with RevenueTooLarge when the rate would not fit 176 bits", async function () {
      const s = await loadFixture(deploySuite);
      const huge = ((2n ** 176n) * WEEK) / PRECISION + 1n;
      await s.reward.mint(s.admin.address, huge);
      await expect(payToken(s, huge)).to.be.revertedWithCustomError(s.staking, "RevenueTooLarge").withArgs(huge);
      await expect(payToken(s, huge - 2n * WEEK)).to.emit(s.staking, "RevenueReceived");
    });
  });

  describe("addRewardAsset", function () {
    it("adds up to MAX_REWARD_ASSETS assets and emits RewardAssetAdded", async function () {
      const s = await loadFixture(deploySuite);
      expect(await s.staking.MAX_REWARD_ASSETS()).to.equal(4n);
      const Token = await ethers.getContractFactory("MockStakingToken");
      const [t2, t3, t4] = await Promise.all([0, 1, 2].map(async (i) => (await Token.deploy(`R${i}`, `R${i}`)).getAddress()));
      await expect(s.staking.connect(s.admin).addRewardAsset(t2))
        .to.emit(s.staking, "RewardAssetAdded")
        .withArgs(t2, 2n);
      await s.staking.connect(s.admin).addRewardAsset(t3);
      await expect(s.staking.connect(s.admin).addRewardAsset(t4))
        .to.be.revertedWithCustomError(s.staking, "TooManyRewardAssets")
        .withArgs(4n);
    });

    it("reverts with RewardAssetExists for a listed asset", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.admin).addRewardAsset(ETH))
        .to.be.revertedWithCustomError(s.staking, "RewardAssetExists")
        .withArgs(ETH);
    });
  });

  describe("claim", function () {
    it("pays each asset earned, emits RewardPaid, and zeroes the claimable amount", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(10n * E18, 0);
      await payEth(s, 2n * E18);
      await payToken(s, 3n * E18);
      await time.increase(WEEK + 1n);
      const ethOwed = await s.staking.earned(s.alice.address, ETH);
      const tokOwed = await s.staking.earned(s.alice.address, await s.reward.getAddress());
      expect(2n * E18 - ethOwed).to.be.lessThanOrEqual(2n);
      expect(3n * E18 - tokOwed).to.be.lessThanOrEqual(2n);
      const tokBefore = await s.reward.balanceOf(s.alice.address);
      const tx = s.staking.connect(s.alice).claim();
      await expect(tx).to.changeEtherBalance(s.alice, ethOwed);
      await expect(tx)
        .to.emit(s.staking, "RewardPaid")
        .withArgs(s.alice.address, ETH, ethOwed)
        .and.to.emit(s.staking, "RewardPaid")
        .withArgs(s.alice.address, await s.reward.getAddress(), tokOwed);
      expect(await s.reward.balanceOf(s.alice.address)).to.equal(tokBefore + tokOwed);
      expect(await s.staking.earned(s.alice.address, ETH)).to.equal(0n);
    });

    it("pays nothing and emits no RewardPaid for an account with nothing earned", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.bob).claim()).not.to.emit(s.staking, "RewardPaid");
      expect(await s.staking.connect(s.bob).claim.staticCall()).to.deep.equal([0n, 0n]);
    });

    it("reverts with EnforcedPause while paused", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.guardian).pause();
      await expect(s.staking.connect(s.alice).claim()).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
    });

    it("reverts with EthTransferFailed when the claimer refuses ETH", async function () {
      const s = await loadFixture(deploySuite);
      const c = await (await ethers.getContractFactory("StakerContract")).deploy(await s.staking.getAddress());
      await s.token.mint(await c.getAddress(), E18);
      await c.stake(await s.token.getAddress(), E18, 0);
      await payEth(s, E18);
      await time.increase(DAY);
      await c.setMode(1);
      await expect(c.claim()).to.be.revertedWithCustomError(s.staking, "EthTransferFailed");
    });

    it("attacker: re-entering claim from the ETH receive hook fails", async function () {
      const s = await loadFixture(deploySuite);
      const c = await (await ethers.getContractFactory("StakerContract")).deploy(await s.staking.getAddress());
      await s.token.mint(await c.getAddress(), E18);
      await c.stake(await s.token.getAddress(), E18, 0);
      await payEth(s, E18);
      await time.increase(DAY);
      await c.setMode(2);
      // the inner claim hits the reentrancy guard, so the ETH transfer fails and nothing is paid twice
      await expect(c.claim()).to.be.revertedWithCustomError(s.staking, "EthTransferFailed");
      await c.setMode(0);
      const owed = await s.staking.earned(await c.getAddress(), ETH);
      await sameSecond(); // the claim pays what the view owed, in the view's second
      await expect(c.claim()).to.changeEtherBalance(c, owed);
    });
  });

  describe("distribution by weight", function () {
    it("splits a stream by weight = amount x lock multiplier, exactly as the accumulator formula says", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(100n * E18, 0); // 1x
      await s.staking.connect(s.bob).stake(100n * E18, 4); // 3x
      const R = 8n * E18;
      await payEth(s, R);
      const t0 = await now();
      await time.increaseTo(t0 + WEEK + 100n);
      const wA = 100n * E18;
      const wB = 300n * E18;
      const rpw = (((R * PRECISION) / WEEK) * WEEK) / (wA + wB);
      const a = await s.staking.earned(s.alice.address, ETH);
      const b = await s.staking.earned(s.bob.address, ETH);
      expect(a).to.equal((wA * rpw) / PRECISION);
      expect(b).to.equal((wB * rpw) / PRECISION);
      // about a quarter and three quarters of R
      expect(R / 4n - a).to.be.lessThanOrEqual(1n);
      expect((3n * R) / 4n - b).to.be.lessThanOrEqual(1n);
    });

    it("holds revenue that arrives while nothing is staked and streams it to the first stakers", async function () {
      const s = await loadFixture(deploySuite);
      const R = 5n * E18;
      await payEth(s, R);
      await time.increase(30n * DAY); // long past the nominal period end, nothing staked
      expect(await s.staking.undistributed(ETH)).to.equal(held(R, WEEK));
      await s.staking.connect(s.alice).stake(E18, 0);
      const start = await now();
      const stream = await s.staking.undistributed(ETH);
      expect(R - stream).to.be.lessThanOrEqual(1n);
      await time.increaseTo(start + WEEK / 2n);
      const half = await s.staking.earned(s.alice.address, ETH);
      expect(half).to.be.closeTo(R / 2n, R / 1000n);
      await time.increaseTo(start + WEEK + 1n);
      const all = await s.staking.earned(s.alice.address, ETH);
      expect(R - all).to.be.lessThanOrEqual(2n);
    });

    it("pauses a running stream while total weight is zero and resumes it afterwards", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      const R = 7n * E18;
      await payEth(s, R);
      const t0 = await now();
      await time.setNextBlockTimestamp(t0 + 2n * DAY);
      await s.staking.connect(s.alice).requestUnbond(0); // total weight -> 0 after 2 of 7 days
      const aliceShare = await s.staking.earned(s.alice.address, ETH);
      expect(aliceShare).to.be.closeTo((R * 2n) / 7n, 2n);
      await time.increase(20n * DAY);
      expect(await s.staking.undistributed(ETH)).to.be.closeTo((R * 5n) / 7n, 2n);
      await s.staking.connect(s.bob).stake(E18, 0);
      await time.increase(WEEK);
      const bobShare = await s.staking.earned(s.bob.address, ETH);
      expect(R - aliceShare - bobShare).to.be.lessThanOrEqual(4n);
      expect(R - aliceShare - bobShare).to.be.greaterThanOrEqual(0n);
      expect(await s.staking.undistributed(ETH)).to.equal(0n);
    });

    it("attacker: a stake placed just before revenue and leaving at once captures almost nothing", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(1_000n * E18, 0);
      await time.increase(30n * DAY);
      // JIT: eve stakes as much as alice right before revenue, and starts unbonding right after
      await s.staking.connect(s.eve).stake(1_000n * E18, 0);
      const R = 100n * E18;
      await sameSecond(); // revenue lands in eve's stake second ...
      await payEth(s, R);
      await time.setNextBlockTimestamp((await now()) + 1n); // ... and she leaves one second later, however loaded the machine
      await s.staking.connect(s.eve).requestUnbond(0);
      await time.increase(WEEK);
      const eve = await s.staking.earned(s.eve.address, ETH);
      const alice = await s.staking.earned(s.alice.address, ETH);
      // instant distribution would have given eve R/2; streaming gives her ~1 second of 7 days
      const oneSecondHalf = R / WEEK / 2n + 1n;
      expect(eve).to.be.lessThanOrEqual(oneSecondHalf);
      expect(R - alice - eve).to.be.lessThanOrEqual(3n);
    });

    it("attacker: many tiny claims extract no dust (each claim rounds down)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(333n * E18 + 7n, 0);
      await s.staking.connect(s.eve).stake(333n * E18 + 7n, 0);
      const R = 1_000_003n;
      await payEth(s, R);
      let eveTotal = 0n;
      const claims = 60;
      for (let i = 0; i < claims; i++) {
        await time.increase(WEEK / BigInt(claims));
        const owed = await s.staking.earned(s.eve.address, ETH);
        await sameSecond(); // the claim pays exactly the owed view
        await s.staking.connect(s.eve).claim();
        eveTotal += owed;
      }
      await time.increase(WEEK);
      const evePending = await s.staking.earned(s.eve.address, ETH);
      const alice = await s.staking.earned(s.alice.address, ETH);
      // equal weights: the patient claimer never gets less than the one who claims 60 times
      expect(eveTotal + evePending).to.be.lessThanOrEqual(alice);
      expect(alice - (eveTotal + evePending)).to.be.lessThanOrEqual(BigInt(claims) + 1n);
      expect(eveTotal + evePending + alice).to.be.lessThanOrEqual(R);
    });

    it("conserves value: paid + claimable + undistributed = revenue in, within the dust bound", async function () {
      const s = await loadFixture(deploySuite);
      const users = [s.alice, s.bob, s.carol, s.dave];
      const addrs = users.map((u) => u.address);
      let revenue = 0n;
      let paid = 0n;
      let actions = 0n;
      const amounts = [17n * E18 + 3n, 5n * E18 + 11n, 123n * E18 + 1n, 9n];
      for (let round = 0; round < 6; round++) {
        for (let i = 0; i < users.length; i++) {
          await s.staking.connect(users[i]).stake(amounts[(i + round) % 4], (i + round) % 5);
          actions++;
        }
        const r = 1_000_000_007n * BigInt(round + 1);
        await payEth(s, r);
        revenue += r;
        await time.increase(DAY + BigInt(round) * 3_600n);
        const u = users[round % users.length];
        const owed = await s.staking.earned(u.address, ETH);
        await sameSecond(); // the claim pays exactly the owed view
        await s.staking.connect(u).claim();
        paid += owed;
        actions += 2n;
      }
      const left = await claimable(s, addrs, ETH);
      const und = await s.staking.undistributed(ETH);
      const held = await ethers.provider.getBalance(await s.staking.getAddress());
      expect(held).to.equal(revenue - paid);
      expect(paid + left + und).to.be.lessThanOrEqual(revenue);
      // dust bound: < 1 wei per global update (total weight < 1e27) + < 1 wei per settlement
      // + 1 wei per rounded-down view, per asset
      expect(revenue - (paid + left + und)).to.be.lessThanOrEqual(2n * actions + BigInt(addrs.length) + 1n);
    });

    it("reports nothing undistributed once a finished stream has been settled", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await payEth(s, E18);
      await time.increase(WEEK + 10n);
      expect(await s.staking.undistributed(ETH)).to.equal(0n); // finished, not yet settled
      await s.staking.connect(s.alice).claim();
      expect(await s.staking.undistributed(ETH)).to.equal(0n); // settled past the end
      await time.increase(DAY);
      await expect(s.staking.connect(s.alice).claim()).not.to.emit(s.staking, "RewardPaid");
    });

    it("keeps unbonding stake out of the reward weight", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.bob).stake(E18, 0);
      await s.staking.connect(s.bob).requestUnbond(0);
      await payEth(s, E18);
      await time.increase(WEEK);
      expect(await s.staking.earned(s.bob.address, ETH)).to.equal(0n);
      expect(E18 - (await s.staking.earned(s.alice.address, ETH))).to.be.lessThanOrEqual(2n);
    });

    it("uses a new rewardsDuration for later revenue only", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.admin).setParameter(ethers.encodeBytes32String("rewardsDuration"), DAY);
      await payEth(s, E18);
      const t0 = await now();
      expect(await s.staking.undistributed(ETH)).to.equal(held(E18, DAY));
      await time.increaseTo(t0 + DAY);
      expect(E18 - (await s.staking.earned(s.alice.address, ETH))).to.be.lessThanOrEqual(2n);
    });
  });
});
