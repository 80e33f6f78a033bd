// SPEC target: castVote including contribution tracking costs at most 1.15x a plain OpenZeppelin
// Governor's castVote, measured in the same run, same votes source, same voter state. Since issue 9
// the tracking is settled after the vote (GovernorContributionCredit.creditVote), so castVote runs
// OZ's code only; the credit's own cost is measured here too.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance, SETTINGS, STATE, TIMELOCK_DELAY, toActive, VOTE } from "./fixtures";
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

describe("castVote gas: CipherGovernor (with contribution tracking) vs a plain OZ Governor", function () {
  async function voteGas(g: Awaited<ReturnType<typeof bothGovernors>>, description: string) {
    const targets = [g.param.target as string];
    const values = [0n];
    const calldatas = [g.param.interface.encodeFunctionData("setFee", [1n])];
    await g.governor.connect(g.alice).propose(targets, values, calldatas, description);
    await g.plain.connect(g.alice).propose(targets, values, calldatas, description);
    const id = await g.governor.hashProposal(targets, values, calldatas, ethers.id(description));
    const idPlain = await g.plain.hashProposal(targets, values, calldatas, ethers.id(description));
    await toActive(g, id);
    const limit = await g.governor.connect(g.bob).castVote.estimateGas(id, VOTE.FOR);
    const cipher = (await (await g.governor.connect(g.bob).castVote(id, VOTE.FOR)).wait())!.gasUsed;
    const plain = (await (await g.plain.connect(g.bob).castVote(idPlain, VOTE.FOR)).wait())!.gasUsed;
    return { cipher, plain, ratio: Number(cipher) / Number(plain), limit, id };
  }

  it(`keeps a returning voter's castVote within ${MAX_RATIO}x of the plain governor's`, async function () {
    const g = await loadFixture(bothGovernors);
    const first = await voteGas(g, "warm-up proposal");
    const steady = await voteGas(g, "measured proposal");
    console.log(
      `      castVote gas: first vote cipher ${first.cipher} / plain ${first.plain} = ${first.ratio.toFixed(4)}x; ` +
        `returning voter cipher ${steady.cipher} / plain ${steady.plain} = ${steady.ratio.toFixed(4)}x; ` +
        `estimated gas limit ${first.limit} / ${steady.limit}`,
    );
    expect(await g.token.votesCast(g.bob.address)).to.equal(0n); // nothing reaches staking on the vote
    expect(steady.ratio).to.be.at.most(MAX_RATIO);
    expect(first.ratio).to.be.at.most(MAX_RATIO);
    // The tracking, after the vote: alice's votes make quorum without bob's, anyone credits bob.
    await g.governor.connect(g.alice).castVote(steady.id, VOTE.FOR);
    await mine(SETTINGS.votingPeriod + 1);
    const credit = (await (await g.governor.connect(g.outsider).creditVote(steady.id, g.bob.address)).wait())!.gasUsed;
    console.log(`      creditVote gas (mock hook): ${credit}`);
    expect(await g.token.votesCast(g.bob.address)).to.equal(1n); // the hook ran once, at the credit
  });

  // `gov propose` and the simulation's council bind descriptions to their proposer (OZ's
  // `#proposer=<address>` suffix, issue 9 §3). Its price: 52 more bytes of calldata, hash and event
  // data, and OZ's parse of 40 hex digits in _isValidDescriptionForProposer. Budget: 25,000 gas.
  it("prices the #proposer= suffix on propose (budget 25,000 gas) @no-coverage", async function () {
    const g = await loadFixture(bothGovernors);
    const targets = [g.param.target as string];
    const calldatas = [g.param.interface.encodeFunctionData("setFee", [1n])];
    const plainTx = await g.governor.connect(g.alice).propose(targets, [0n], calldatas, "fee 1 (a)");
    const boundTx = await g.governor.connect(g.alice).propose(targets, [0n], calldatas, `fee 1 (b)#proposer=${g.alice.address}`);
    const [unbound, bound] = [(await plainTx.wait())!.gasUsed, (await boundTx.wait())!.gasUsed];
    console.log(`      propose gas: unbound ${unbound}, bound (#proposer=) ${bound}, +${bound - unbound}`);
    expect(bound).to.be.greaterThan(unbound);
    expect(bound - unbound).to.be.lessThan(25_000n);
  });

  it("uses a baseline that is a working governor (full cycle and cancel through its own timelock)", async function () {
    const g = await loadFixture(deployGovernance);
    const [deployer] = await ethers.getSigners();
    const nonce = await deployer.getNonce();
    const plainAddr = ethers.getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
    const tl = await ethers.deployContract("CipherTimelock", [TIMELOCK_DELAY, [plainAddr], [ethers.ZeroAddress], ethers.ZeroAddress]);
    const plain = (await ethers.deployContract("PlainGovernor", [
      g.token.target,
      tl.target,
      SETTINGS.votingDelay,
      SETTINGS.votingPeriod,
      SETTINGS.proposalThreshold,
      4,
      SETTINGS.lateQuorumExtension,
    ])) as unknown as PlainGovernor;
    expect(await plain.getAddress()).to.equal(plainAddr);
    expect(await plain.proposalThreshold()).to.equal(SETTINGS.proposalThreshold);
    expect(await plain.proposalNeedsQueuing(0n)).to.equal(true);
    const param = await ethers.deployContract("GovernedParameterMock", [tl.target]);
    const targets = [param.target as string];
    const values = [0n];
    const calldatas = [param.interface.encodeFunctionData("setFee", [7n])];
    await plain.connect(g.alice).propose(targets, values, calldatas, "plain: fee 7");
    await plain.connect(g.alice).propose(targets, values, calldatas, "plain: cancelled");
    await plain.connect(g.alice).cancel(targets, values, calldatas, ethers.id("plain: cancelled"));
    const id = await plain.hashProposal(targets, values, calldatas, ethers.id("plain: fee 7"));
    await mine(2);
    await plain.connect(g.alice).castVote(id, VOTE.FOR);
    await mine(SETTINGS.votingPeriod + 1);
    await plain.queue(targets, values, calldatas, ethers.id("plain: fee 7"));
    await time.increase(TIMELOCK_DELAY);
    await plain.execute(targets, values, calldatas, ethers.id("plain: fee 7"));
    expect(await plain.state(id)).to.equal(STATE.Executed);
    expect(await param.feeBps()).to.equal(7n);
  });
});
