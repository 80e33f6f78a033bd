// SPEC target: castVote including contribution tracking costs at most 1.15x a plain OpenZeppelin
// Governor's castVote, measured in the same run, same votes source, same voter state.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance, SETTINGS, toActive, VOTE } from "./fixtures";
import type { PlainGovernor } from "../../typechain-types";

const MAX_RATIO = 1.15;

async function bothGovernors() {
  const g = await deployGovernance();
  const plain = (await ethers.deployContract("PlainGovernor", [
    g.token.target,
    g.timelock.target,
    SETTINGS.votingDelay,
    SETTINGS.votingPeriod,
    SETTINGS.proposalThreshold,
    SETTINGS.quorumBps / 100, // percent, stock denominator 100
    SETTINGS.lateQuorumExtension,
  ])) as unknown as PlainGovernor;
  return { ...g, plain };
}

describe("castVote gas: CipherGovernor (with contribution hook) vs a plain OZ Governor", function () {
  async function voteGas(g: Awaited<ReturnType<typeof bothGovernors>>, description: string) {
    const targets = [g.param.target as string];
    const values = [0n];
    const calldatas = [g.param.interface.encodeFunctionData("setFee", [1n])];
    await g.governor.connect(g.alice).propose(targets, values, calldatas, description);
    await g.plain.connect(g.alice).propose(targets, values, calldatas, description);
    const id = await g.governor.hashProposal(targets, values, calldatas, ethers.id(description));
    const idPlain = await g.plain.hashProposal(targets, values, calldatas, ethers.id(description));
    await toActive(g, id);
    const cipher = (await (await g.governor.connect(g.bob).castVote(id, VOTE.FOR)).wait())!.gasUsed;
    const plain = (await (await g.plain.connect(g.bob).castVote(idPlain, VOTE.FOR)).wait())!.gasUsed;
    return { cipher, plain, ratio: Number(cipher) / Number(plain) };
  }

  it(`keeps a returning voter's castVote within ${MAX_RATIO}x of the plain governor's`, async function () {
    const g = await loadFixture(bothGovernors);
    const first = await voteGas(g, "warm-up proposal");
    const steady = await voteGas(g, "measured proposal");
    console.log(
      `      castVote gas: first vote cipher ${first.cipher} / plain ${first.plain} = ${first.ratio.toFixed(4)}x; ` +
        `returning voter cipher ${steady.cipher} / plain ${steady.plain} = ${steady.ratio.toFixed(4)}x`,
    );
    expect(await g.token.votesCast(g.bob.address)).to.equal(2n); // the hook really ran both times
    expect(steady.ratio).to.be.at.most(MAX_RATIO);
  });
});
