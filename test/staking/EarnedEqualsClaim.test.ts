import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, payEth, payToken, DAY, E18, ETH, Suite } from "./fixture";

// `earned` (the view) and a claim (the settlement) compute the reward with the same RewardMath
// calls; this checks that the view equals, to the wei, what a claim at the same timestamp pays,
// over a seeded random history of stakes, revenue in both assets, votes, oracle contributions,
// unbonding and time jumps.

/** Small deterministic PRNG (mulberry32), so a failure replays. */
function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

/** RewardPaid amounts of a claim receipt, by asset address (lower case). */
function paidByAsset(s: Suite, logs: readonly { topics: readonly string[]; data: string }[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const l of logs) {
    let parsed;
    try {
      parsed = s.staking.interface.parseLog(l);
    } catch {
      continue;
    }
    if (parsed?.name === "RewardPaid") out.set(String(parsed.args.asset).toLowerCase(), parsed.args.amount as bigint);
  }
  return out;
}

describe("earned equals what a claim pays (one reward formula, RewardMath)", function () {
  this.timeout(300_000);

  for (const seed of [1, 2, 3]) {
    it(`holds for every claim of a random history (seed ${seed})`, async function () {
      const s = await loadFixture(deploySuite);
      const r = rng(seed);
      const users = [s.alice, s.bob, s.carol, s.dave];
      const assets = [ETH, await s.reward.getAddress()];
      let claims = 0;
      let paidTotal = 0n;
      /** Reads earned at timestamp T, then claims in a block with the same timestamp T. */
      const checkedClaim = async (u: (typeof users)[number], label: string) => {
        await time.increase(1 + r(3 * Number(DAY)));
        await mine(1);
        const T = await time.latest();
        const expected = await Promise.all(assets.map((a) => s.staking.earned(u.address, a)));
        await time.setNextBlockTimestamp(T); // allowBlocksWithSameTimestamp: same T as the view
        const rc = (await (await s.staking.connect(u).claim()).wait())!;
        const paid = paidByAsset(s, rc.logs);
        for (let i = 0; i < assets.length; i++) {
          expect(paid.get(assets[i].toLowerCase()) ?? 0n, `seed ${seed} ${label} asset ${i}`).to.equal(expected[i]);
          paidTotal += expected[i];
        }
        for (const a of assets) expect(await s.staking.earned(u.address, a)).to.equal(0n);
        claims++;
      };
      for (let step = 0; step < 40; step++) {
        const u = users[r(users.length)];
        const action = r(7);
        if (action === 0 || action === 1) {
          const acct = await s.staking.accountOf(u.address);
          if (BigInt(acct.stakeMask) !== 0xffffn) await s.staking.connect(u).stake(BigInt(1 + r(1000)) * E18 + BigInt(r(1e6)), r(5));
        } else if (action === 2) {
          await (r(2) === 0 ? payEth(s, BigInt(1 + r(50)) * E18 / 7n) : payToken(s, BigInt(1 + r(50)) * E18 / 3n));
        } else if (action === 3) {
          await s.staking.connect(s.governor).onVoteCast(u.address, step);
        } else if (action === 4) {
          const acct = await s.staking.accountOf(u.address);
          if (acct.weight > 0n) await s.staking.connect(s.admin).poke(u.address);
        } else if (action === 5) {
          // unbond the first unlocked active stake, if any (tier 0 unlocks at once)
          const mask = Number((await s.staking.accountOf(u.address)).stakeMask);
          for (let id = 0; id < 16; id++) {
            if ((mask & (1 << id)) === 0) continue;
            const st = await s.staking.stakeOf(u.address, id);
            if (st.unbondEnd === 0n && st.unlockAt <= BigInt(await time.latest())) {
              await s.staking.connect(u).requestUnbond(id);
              break;
            }
          }
        } else {
          await checkedClaim(u, `step ${step}`);
        }
        await time.increase(1 + r(Number(DAY)));
      }
      for (const u of users) await checkedClaim(u, "final");
      expect(claims).to.be.greaterThan(users.length);
      expect(paidTotal).to.be.greaterThan(0n); // the history paid something, so equality was not 0 == 0 only
    });
  }
});
