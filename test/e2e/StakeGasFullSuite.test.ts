// stake / claim / requestUnbond / withdraw gas over the production deployment (deployFullSuite:
// one reward asset, ETH; the real token, market and revenue flow), with an opcode-level storage
// account of each call (debug_traceTransaction). Issue 14's targets are asserted where met; the
// stake targets (first <= 175,000, steady-state <= 117,000) are not met, neither by a new position
// nor by a top-up (increaseStake), and are held at regression bounds (docs/staking.md, "Gas").
import hre from "hardhat";
import { expect } from "chai";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { liveSuite } from "./helpers";
import { buy, distribute } from "../../tasks/market";
import { storageAccount, summarize, type StorageAccount } from "../helpers/storageTrace";
import { deploySuite, payEth, E18 } from "../staking/fixture";

// Issue 14 targets (whole transaction).
const TARGET = { steadyStake: 117_000n, firstStake: 175_000n, claim: 62_000n } as const;
// "No dearer than today": measured before issue 14 on this test's flow (first stake one second
// after the last revenue arrival).
const BEFORE = { requestUnbond: 138_716n, withdraw: 51_066n } as const;
// Regression bounds for the stake targets that are not met: the figures measured after issue 14's
// third pass (first 215,822; later new-position stakes 139k-173k depending on whether the stake
// opens a new history slot of the delegate's and of the total's vote trace, 155.3k-155.6k on this
// flow; top-ups of an existing position with increaseStake 138,103) plus ~1-2%.
const FIRST_STAKE_BOUND = 219_000n;
const LATER_STAKE_BOUND = 176_000n;
const TOP_UP_BOUND = 140_000n;

type Tx = Promise<{ wait(): Promise<{ gasUsed: bigint; hash: string } | null> }>;

describe("stake and claim gas over the deployed suite (one reward asset, ETH) @no-coverage", function () {
  this.timeout(120_000);

  async function setUp() {
    const l = await loadFixture(liveSuite);
    const staking = l.s.staking;
    expect((await staking.rewardAssets()).length).to.equal(1); // the deployed suite lists ETH only
    await buy(hre, { deployment: l.file, eth: "2", from: l.carol.address });
    const bal = await l.s.token.balanceOf(l.carol.address);
    await l.s.token.connect(l.carol).approve(staking.target, bal);
    const measure = async (p: Tx): Promise<{ gas: bigint; acc: StorageAccount }> => {
      const r = (await (await p).wait())!;
      const acc = await storageAccount(r.hash, String(staking.target));
      // STORAGE_TRACE=1 lists every storage access (owner, slot, gas, kind) of each measured call
      if (process.env.STORAGE_TRACE) for (const o of acc.ops) console.log(`        ${o.owner.slice(0, 8)} ${o.op} ${o.slot.slice(0, 14)} ${o.gas} ${o.kind}`);
      return { gas: r.gasUsed, acc };
    };
    return { l, staking, bal, measure };
  }

  it("explains the 266k vs 240k first stake: a first stake in the same second as the last accumulator update skips the accumulator write and the account's reward checkpoint", async function () {
    // The fixture's last reward-state write is the stakers' revenue arriving (receiveRevenue sets
    // the accumulator's lastUpdate to that block's timestamp). hardhat.config sets
    // allowBlocksWithSameTimestamp, so a fast run mined carol's buy, approve and first stake in the
    // same second: _updateGlobal returns early (lastUpdate == now) and the account's `paid` equals
    // the unchanged accumulator, so neither is written. One second later (a loaded CI machine) the
    // stake reads the stream, rewrites the accumulator and creates the account's `paid` slot.
    // (In the deployed suite that revenue was the first ever, so the accumulator was still 0 and
    // the new account's `paid` of 0 already equalled it.)
    // Reproduced deterministically on the staking suite (test/staking/fixture: same contracts):
    // alice stakes, the first revenue ever arrives at T, carol's first stake lands at T or T + 1.
    const runs: StorageAccount[] = [];
    const gas: bigint[] = [];
    for (const gap of [0, 1]) {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      const T = (await time.latest()) + 1;
      await time.setNextBlockTimestamp(T);
      await payEth(s, E18); // accumulator still 0 at T: nothing has streamed yet
      await time.setNextBlockTimestamp(T + gap); // gap 0: allowed by allowBlocksWithSameTimestamp
      const r = (await (await s.staking.connect(s.carol).stake(E18, 0)).wait())!;
      runs.push(await storageAccount(r.hash, String(s.staking.target)));
      gas.push(r.gasUsed);
    }
    const [same, later] = runs;
    console.log(`      first stake, same second as the first revenue: ${gas[0]} (${summarize(same)})`);
    console.log(`      first stake, one second later:                ${gas[1]} (${summarize(later)})`);
    // exactly one more cold read (the stream), one more rewrite (the accumulator), one more
    // fresh slot (the account's paid checkpoint); nothing else differs
    expect(later.byKind.cold.count - same.byKind.cold.count).to.equal(1);
    expect(later.byKind.update.count - same.byKind.update.count).to.equal(1);
    expect(later.byKind.fresh.count - same.byKind.fresh.count).to.equal(1);
    expect(later.byKind.dirty.count).to.equal(same.byKind.dirty.count);
    expect(gas[1]).to.be.greaterThan(gas[0]);
  });

  it("measures a first stake, later stakes, two claims, an unbond and a withdrawal by a new staker", async function () {
    const { l, staking, bal, measure } = await setUp();
    const part = bal / 8n;
    // the realistic case: the first stake lands after the last accumulator update (see above)
    await time.increase(1);
    const first = await measure(staking.connect(l.carol).stake(part, 0));
    await distribute(hre, { deployment: l.file }); // fees of carol's buy -> stakers' stream
    const later: bigint[] = [];
    for (let i = 0; i < 5; i++) {
      await time.increase(3600);
      const m = await measure(staking.connect(l.carol).stake(part, i % 2));
      later.push(m.gas);
      console.log(`      stake ${i + 2}: ${m.gas} (${summarize(m.acc)})`);
    }
    // steady-state top-ups of the first position (increaseStake): no fresh stake slot
    const topUps: bigint[] = [];
    for (let i = 0; i < 4; i++) {
      await time.increase(3600);
      const m = await measure(staking.connect(l.carol).increaseStake(0, part / 2n));
      topUps.push(m.gas);
      console.log(`      top-up ${i + 1}: ${m.gas} (${summarize(m.acc)})`);
    }
    await time.increase(3600);
    const claim = await measure(staking.connect(l.carol).claim());
    await time.increase(3600);
    const claim2 = await measure(staking.connect(l.carol).claim());
    await time.increase(3600);
    const unbond = await measure(staking.connect(l.carol).requestUnbond(0));
    await time.increase(8 * 24 * 3600);
    const withdraw = await measure(staking.connect(l.carol).withdraw(0));
    await mine(1);
    const steady = later.slice(1); // the second stake still creates the account's reward slot
    const mean = steady.reduce((a, b) => a + b, 0n) / BigInt(steady.length);
    console.log(`      first stake ${first.gas} (${summarize(first.acc)})`);
    console.log(`      steady-state stakes ${steady.join(", ")} (mean ${mean})`);
    const topMean = topUps.reduce((a, b) => a + b, 0n) / BigInt(topUps.length);
    console.log(`      steady-state top-ups ${topUps.join(", ")} (mean ${topMean})`);
    console.log(`      claim ${claim.gas} (${summarize(claim.acc)}), ${claim2.gas}`);
    console.log(`      requestUnbond ${unbond.gas} (${summarize(unbond.acc)}); withdraw ${withdraw.gas}`);
    expect((await staking.accountOf(l.carol.address)).active).to.equal(5n * part);

    // targets met
    expect(claim.gas).to.be.at.most(TARGET.claim);
    expect(claim2.gas).to.be.at.most(TARGET.claim);
    expect(unbond.gas).to.be.at.most(BEFORE.requestUnbond);
    expect(withdraw.gas).to.be.at.most(BEFORE.withdraw);
    // targets not met (first <= 175k, steady <= 117k): regression bounds, see docs/staking.md
    expect(first.gas).to.be.at.most(FIRST_STAKE_BOUND);
    for (const g of later) expect(g).to.be.at.most(LATER_STAKE_BOUND);
    for (const g of topUps) expect(g).to.be.at.most(TOP_UP_BOUND);
    console.log(`      targets: first stake <= ${TARGET.firstStake} (missed by ${first.gas - TARGET.firstStake}), steady <= ${TARGET.steadyStake} (new position missed by ${mean - TARGET.steadyStake}, top-up by ${topMean - TARGET.steadyStake})`);
  });
});
