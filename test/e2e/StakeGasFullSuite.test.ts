// stake / claim gas over the production deployment (deployFullSuite: one reward asset, ETH; the
// real token, market and revenue flow), to compare with the staking unit suite's figures (which
// list two reward assets). SPEC target for stake: <= 117k (not met; see docs/staking.md).
import hre, { ethers } from "hardhat";
import { expect } from "chai";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { liveSuite } from "./helpers";
import { buy, distribute } from "../../tasks/market";

// Regression bounds (not the SPEC target): measured 240,041 first / 217,502 second (first reward
// slot of the account) / 183,435 third when this file runs alone; the first stake measured 266,063
// when the whole suite ran before it in CI (same fixture; the cause of the +26k was not found, see
// the closing note of issue 3). Bounds: the larger figure plus ~5%.
const FIRST_STAKE_BOUND = 280_000n;
const LATER_STAKE_BOUND = 245_000n;

describe("stake and claim gas over the deployed suite (one reward asset, ETH) @no-coverage", function () {
  it("measures a first, second and third stake and two claims by a new staker", async function () {
    const l = await loadFixture(liveSuite);
    const staking = l.s.staking;
    expect((await staking.rewardAssets()).length).to.equal(1); // the deployed suite lists ETH only
    await buy(hre, { deployment: l.file, eth: "2", from: l.carol.address });
    const bal = await l.s.token.balanceOf(l.carol.address);
    await l.s.token.connect(l.carol).approve(staking.target, bal);
    const part = bal / 4n;
    const gas = async (p: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) => (await (await p).wait())!.gasUsed;
    const first = await gas(staking.connect(l.carol).stake(part, 0));
    await distribute(hre, { deployment: l.file }); // fees of carol's buy -> stakers' stream
    await time.increase(3600);
    const second = await gas(staking.connect(l.carol).stake(part, 0));
    await time.increase(3600);
    const third = await gas(staking.connect(l.carol).stake(part, 1));
    await time.increase(3600);
    const claim = await gas(staking.connect(l.carol).claim());
    await time.increase(3600);
    const claim2 = await gas(staking.connect(l.carol).claim());
    await mine(1);
    console.log(`      full suite (1 reward asset): stake first ${first}, second ${second}, third ${third}; claim ${claim}, ${claim2}`);
    expect((await staking.accountOf(l.carol.address)).active).to.equal(3n * part);
    expect(second).to.be.lessThan(first); // the first stake self-delegates and creates the reward slot
    expect(first).to.be.at.most(FIRST_STAKE_BOUND);
    expect(second).to.be.at.most(LATER_STAKE_BOUND);
    expect(third).to.be.at.most(LATER_STAKE_BOUND);
    expect(third).to.be.lessThan(second); // reward slot already written, checkpoints rewritten
  });
});
