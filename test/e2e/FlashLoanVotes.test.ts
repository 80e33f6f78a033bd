// Flash-loan style attacks on the DAO over the production deployment: tokens bought on the market
// and staked after a proposal's snapshot carry no votes on it, and a buy + stake + propose in one
// transaction does not pass a configured proposal threshold.
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { E, gov, liveSuite, quietTasks, STATE } from "./helpers";
import { buy } from "../../tasks/market";
import { stake } from "../../tasks/staking";
import type { FlashVoter } from "../../typechain-types";

const THRESHOLD = E("50");
const live = () => liveSuite();
const liveWithThreshold = () => liveSuite({ governance: { proposalThreshold: THRESHOLD.toString() } });

async function flashVoter(l: Awaited<ReturnType<typeof live>>): Promise<FlashVoter> {
  return (await ethers.deployContract("FlashVoter", [l.s.market.target, l.s.token.target, l.s.staking.target, l.s.governor.target])) as unknown as FlashVoter;
}

describe("Flash-loan votes over the deployed suite", function () {
  quietTasks();

  it("tokens bought and staked after the snapshot have no votes on the proposal (castVote weight 0, getPastVotes 0)", async function () {
    const l = await loadFixture(live);
    const id = (await gov("propose", { action: "set-quorum", value: "500", description: "flash target", deployment: l.file, from: l.alice.address, advance: true })) as bigint;
    const snapshot = await l.s.governor.proposalSnapshot(id);
    expect(await ethers.provider.getBlockNumber()).to.be.greaterThan(Number(snapshot));
    // The attacker buys more than every voter together and stakes it, after the snapshot.
    await buy(hre, { eth: "6", from: l.attacker.address, deployment: l.file });
    await stake(hre, { amount: "all", from: l.attacker.address, deployment: l.file });
    await mine(1);
    const now = await l.s.staking.getVotes(l.attacker.address);
    expect(now).to.be.greaterThan(await l.s.staking.getPastVotes(l.alice.address, snapshot)); // a real stake, bigger than alice's
    expect(await l.s.staking.getPastVotes(l.attacker.address, snapshot)).to.equal(0n);
    expect(await l.s.governor.getVotes(l.attacker.address, snapshot)).to.equal(0n);
    // Neither the task (refuses with an explanation) nor a direct castVote (weight 0) counts it.
    await expect(gov("vote", { id: id.toString(), support: "against", deployment: l.file, from: l.attacker.address, advance: false })).to.be.rejectedWith(/had no votes at proposal/);
    await expect(l.s.governor.connect(l.attacker).castVote(id, 0)).to.emit(l.s.governor, "VoteCast").withArgs(l.attacker.address, id, 0, 0n, "");
    expect(await l.s.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
    // The honest vote decides.
    await gov("vote", { id: id.toString(), support: "for", deployment: l.file, from: l.alice.address, advance: false });
    await gov("queue", { id: id.toString(), deployment: l.file, advance: true });
    expect(await l.s.governor.state(id)).to.equal(STATE.Queued);
  });

  it("buy + stake + castVote in one transaction (a flash loan) counts zero", async function () {
    const l = await loadFixture(live);
    const id = (await gov("propose", { action: "set-quorum", value: "500", description: "flash vote", deployment: l.file, from: l.alice.address, advance: true })) as bigint;
    const fv = await flashVoter(l);
    await expect(fv.connect(l.attacker).buyStakeVote(id, { value: E("6") }))
      .to.emit(l.s.governor, "VoteCast")
      .withArgs(await fv.getAddress(), id, 1, 0n, "");
    expect(await l.s.staking.getVotes(await fv.getAddress())).to.be.greaterThan(0n); // it did stake
    expect(await l.s.governor.proposalVotes(id)).to.deep.equal([0n, 0n, 0n]);
  });

  it("buy + stake + propose in one transaction fails the proposal threshold (GovernorInsufficientProposerVotes)", async function () {
    const l = await loadFixture(liveWithThreshold);
    expect(await l.s.governor.proposalThreshold()).to.equal(THRESHOLD);
    const fv = await flashVoter(l);
    const [tokensFor6Eth] = await l.s.market.quoteBuy(E("6"));
    expect(tokensFor6Eth).to.be.greaterThan(THRESHOLD); // enough tokens to pass, had they been staked earlier
    const data = l.s.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]);
    await expect(fv.connect(l.attacker).buyStakePropose([l.s.governor.target], [data], "flash proposal", { value: E("6") }))
      .to.be.revertedWithCustomError(l.s.governor, "GovernorInsufficientProposerVotes")
      .withArgs(await fv.getAddress(), 0n, THRESHOLD);
  });

  it("the same stake proposes once it is a block old (the threshold check reads the previous block)", async function () {
    const l = await loadFixture(liveWithThreshold);
    await buy(hre, { eth: "6", from: l.attacker.address, deployment: l.file });
    await stake(hre, { amount: "all", from: l.attacker.address, deployment: l.file });
    // The task's own pre-check sees the same thing the governor does.
    await expect(gov("propose", { action: "set-quorum", value: "500", description: "too fresh", deployment: l.file, from: l.attacker.address, advance: false })).to.be.rejectedWith(
      /has 0\.0 votes, the proposal threshold is 50\.0/,
    );
    await mine(1);
    const id = (await gov("propose", { action: "set-quorum", value: "500", description: "now allowed", deployment: l.file, from: l.attacker.address, advance: false })) as bigint;
    expect(await l.s.governor.state(id)).to.equal(STATE.Pending);
  });
});
