// castVote gas over the production deployment: CipherGovernor (OZ's stack + the contribution
// credit extension, whose tracking runs after the vote, in creditVote) against a plain OpenZeppelin
// Governor (same modules, no extension) reading the same votes source (the deployed CipherStaking),
// same voter, identical proposals, same run. SPEC target: <= 1.15x. The credit itself (creditVote ->
// the REAL staking onVoteCast) is measured too, and its effect checked through poke.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { liveSuite } from "./helpers";
import type { PlainGovernor } from "../../typechain-types";

const MAX_RATIO = 1.15;

async function both() {
  const l = await liveSuite();
  const [votingDelay, votingPeriod, lateQuorum] = await Promise.all([l.s.governor.votingDelay(), l.s.governor.votingPeriod(), l.s.governor.lateQuorumVoteExtension()]);
  const plain = (await ethers.deployContract("PlainGovernor", [
    l.s.staking.target,
    l.s.timelock.target,
    votingDelay,
    votingPeriod,
    0n,
    4, // percent (stock denominator 100) = the suite's 400 bps
    lateQuorum,
  ])) as unknown as PlainGovernor;
  return { ...l, plain };
}

describe("castVote gas over the deployed suite: CipherGovernor (with contribution tracking) vs plain OZ Governor @no-coverage", function () {
  async function voteGas(l: Awaited<ReturnType<typeof both>>, description: string) {
    const targets = [l.s.market.target as string];
    const values = [0n];
    const calldatas = [l.s.market.interface.encodeFunctionData("setFees", [50n, 50n])];
    await l.s.governor.connect(l.alice).propose(targets, values, calldatas, description);
    await l.plain.connect(l.alice).propose(targets, values, calldatas, description);
    const id = await l.s.governor.hashProposal(targets, values, calldatas, ethers.id(description));
    const idPlain = await l.plain.hashProposal(targets, values, calldatas, ethers.id(description));
    await mine(2);
    const cipherTx = await l.s.governor.connect(l.bob).castVote(id, 1);
    const cipher = (await cipherTx.wait())!.gasUsed;
    const plain = (await (await l.plain.connect(l.bob).castVote(idPlain, 1)).wait())!.gasUsed;
    expect(await l.s.governor.proposalVotes(id)).to.deep.equal(await l.plain.proposalVotes(idPlain)); // same weight counted
    return { cipher, plain, ratio: Number(cipher) / Number(plain), id };
  }

  /** Alice also votes (others' quorum for bob), the vote ends, anyone credits bob: gas of creditVote. */
  async function creditGas(l: Awaited<ReturnType<typeof both>>, id: bigint) {
    await l.s.governor.connect(l.alice).castVote(id, 1);
    await mine(Number(await l.s.governor.votingPeriod()) + 1);
    const tx = await l.s.governor.connect(l.dave).creditVote(id, l.bob.address);
    await expect(tx).to.emit(l.s.staking, "VoteContribution"); // the real hook ran
    return (await tx.wait())!.gasUsed;
  }

  // History: before the lazy vote credit (2026-11-21) first vote 203,142 / 125,507 = 1.619x (onVoteCast
  // settled rewards and reweighted inside castVote); with the lazy credit on the vote path 136,176 /
  // 125,495 = 1.085x. Since issue 9 the credit is settled after the vote (creditVote), so castVote
  // carries no Cipher code at all. Both votes are held to the SPEC bound.
  it(`SPEC target: the first and the repeat vote each cost at most ${MAX_RATIO}x the plain governor's castVote`, async function () {
    const l = await loadFixture(both);
    const first = await voteGas(l, "first vote");
    const repeat = await voteGas(l, "repeat vote");
    const credit = await creditGas(l, repeat.id);
    console.log(
      `      castVote gas (full suite): first vote cipher ${first.cipher} / plain ${first.plain} = ${first.ratio.toFixed(4)}x; ` +
        `repeat cipher ${repeat.cipher} / plain ${repeat.plain} = ${repeat.ratio.toFixed(4)}x; creditVote (real staking hook) ${credit}`,
    );
    expect(first.ratio).to.be.at.most(MAX_RATIO);
    expect(repeat.ratio).to.be.at.most(MAX_RATIO);
  });

  it("records the credit without touching the voter's weight; the next touch (poke) applies it", async function () {
    const l = await loadFixture(both);
    const before = await l.s.staking.accountOf(l.bob.address);
    expect(before.boostBps).to.equal(0n); // unboosted: the credit alone sets the new weight
    const voteBoost = (await l.s.staking.contributionParams()).voteBoostBps;
    const totalBefore = await l.s.staking.totalWeight();
    const { id } = await voteGas(l, "credit");
    expect((await l.s.staking.accountOf(l.bob.address)).pendingVotes).to.equal(before.pendingVotes); // nothing on the vote
    await creditGas(l, id);
    const after = await l.s.staking.accountOf(l.bob.address);
    expect(after.weight).to.equal(before.weight); // no reweight inside creditVote
    expect(await l.s.staking.totalWeight()).to.equal(totalBefore);
    expect(after.pendingVotes).to.equal(before.pendingVotes + 1n);
    const pokeTx = await l.s.staking.poke(l.bob.address);
    await expect(pokeTx).to.emit(l.s.staking, "VoteCreditApplied");
    // The credit is renewed at the vote's time and decays linearly (rounded down) until the poke.
    // Blocks may share a timestamp here (allowBlocksWithSameTimestamp), so the elapsed time is 0
    // on a quick machine and a second or more on a loaded one: use the actual blocks' times.
    const voteAt = Number(after.lastVoteAt);
    const pokeAt = (await ethers.provider.getBlock((await pokeTx.wait())!.blockNumber))!.timestamp;
    const period = BigInt((await l.s.staking.contributionParams()).decayPeriod);
    const elapsed = BigInt(pokeAt - voteAt);
    const boost = elapsed >= period ? 0n : (voteBoost * (period - elapsed)) / period;
    const expected = (before.baseWeight * (10_000n + boost)) / 10_000n;
    expect((await l.s.staking.accountOf(l.bob.address)).weight).to.equal(expected);
    expect(await l.s.staking.totalWeight()).to.equal(totalBefore - before.weight + expected);
  });
});
