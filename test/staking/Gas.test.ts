import { expect } from "chai";
import { ethers, network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, payEth, payToken, DAY, E18 } from "./fixture";

/** Deploys the suite, adds `n` other stakers, streams revenue in both assets, then measures the
 *  whole-transaction gas of a first stake, a second stake and a claim by one more account. */
async function measure(n: number) {
  const s = await deploySuite();
  const stakingAddr = await s.staking.getAddress();
  for (let i = 0; i < n; i++) {
    const w = ethers.Wallet.createRandom().connect(ethers.provider);
    await network.provider.send("hardhat_setBalance", [w.address, "0x56BC75E2D63100000"]);
    await s.token.mint(w.address, 1_000n * E18, { gasLimit: 100_000 });
    await s.token.connect(w).approve(stakingAddr, ethers.MaxUint256, { gasLimit: 100_000 });
    await s.staking.connect(w).stake(BigInt(i + 1) * E18, i % 5, { gasLimit: 400_000 });
    if (i % 3 === 0) await s.staking.connect(s.governor).onVoteCast(w.address, i);
  }
  await payEth(s, 10n * E18);
  await payToken(s, 10n * E18);
  await time.increase(DAY);
  const first = await (await s.staking.connect(s.alice).stake(10n * E18, 1)).wait();
  await time.increase(DAY);
  const second = await (await s.staking.connect(s.alice).stake(10n * E18, 1)).wait();
  await time.increase(DAY);
  const claim = await (await s.staking.connect(s.alice).claim()).wait();
  await time.increase(DAY);
  const claim2 = await (await s.staking.connect(s.alice).claim()).wait();
  return { first: first!.gasUsed, second: second!.gasUsed, claim: claim!.gasUsed, claim2: claim2!.gasUsed };
}

function within1pct(a: bigint, b: bigint) {
  const diff = a > b ? a - b : b - a;
  return diff * 100n <= a;
}

describe("CipherStaking gas is O(1) in the number of stakers", function () {
  this.timeout(600_000);

  it("costs the same (within 1%) to stake and claim with 10 and with 1,000 other stakers", async function () {
    const small = await measure(10);
    const large = await measure(1_000);
    console.log("      gas with 10 / 1,000 other stakers:", JSON.stringify({ small, large }, (_k, v) =>
      typeof v === "bigint" ? Number(v) : v));
    for (const k of ["first", "second", "claim", "claim2"] as const) {
      expect(within1pct(small[k], large[k]), `${k}: ${small[k]} vs ${large[k]}`).to.equal(true);
    }
  });
});
