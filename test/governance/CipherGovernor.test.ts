import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { anyValue } from "@nomicfoundation/hardhat-chai-matchers/withArgs";
import {
  deployGovernance,
  passAndExecute,
  propose,
  toActive,
  toEnd,
  SETTINGS,
  STATE,
  VOTE,
  type Governance,
  type Proposal,
} from "./fixtures";

const E = (n: string) => ethers.parseEther(n);

function paramProposal(g: Governance, fee: bigint, description = `set fee to ${fee}`): Proposal {
  return {
    targets: [g.param.target as string],
    values: [0n],
    calldatas: [g.param.interface.encodeFunctionData("setFee", [fee])],
    description,
  };
}

function selfCall(g: Governance, data: string, description: string): Proposal {
  return { targets: [g.governor.target as string], values: [0n], calldatas: [data], description };
}

async function withActiveProposal() {
  const g = await deployGovernance();
  const p = paramProposal(g, 50n);
  const { id } = await propose(g, p);
  await toActive(g, id);
  return { ...g, p, id };
}

const revertingHook = () => deployGovernance(1);

/** Proposal `id` by `proposer`, voted by `voters` (for), past its deadline. */
async function endedProposal(g: Governance, fee: bigint, proposer: typeof g.alice, voters: (typeof g.alice)[], description?: string) {
  const p = paramProposal(g, fee, description ?? `fee ${fee} by ${proposer.address}`);
  const { id } = await propose(g, p, proposer);
  await toActive(g, id);
  for (const v of voters) await g.governor.connect(v).castVote(id, VOTE.FOR);
  await toEnd(g, id);
  return { id, p };
}

describe("CipherGovernor", function () {
  describe("deployment", function () {
    it("starts with the given settings, bps quorum, the timelock and the votes token as hook", async function () {
      const g = await loadFixture(deployGovernance);
      expect(await g.governor.name()).to.equal("CipherGovernor");
      expect(await g.governor.votingDelay()).to.equal(BigInt(SETTINGS.votingDelay));
      expect(await g.governor.votingPeriod()).to.equal(BigInt(SETTINGS.votingPeriod));
      expect(await g.governor.proposalThreshold()).to.equal(SETTINGS.proposalThreshold);
      expect(await g.governor["quorumNumerator()"]()).to.equal(BigInt(SETTINGS.quorumBps));
      expect(await g.governor.quorumDenominator()).to.equal(10_000n);
      expect(await g.governor.lateQuorumVoteExtension()).to.equal(BigInt(SETTINGS.lateQuorumExtension));
      expect(await g.governor.timelock()).to.equal(g.timelock.target);
      expect(await g.governor.token()).to.equal(g.token.target);
      expect(await g.governor.contributionHook()).to.equal(g.token.target);
      expect(await g.governor.maxVoteCreditsPerEpoch()).to.equal(5n);
      expect(await g.governor.CLOCK_MODE()).to.equal("mode=blocknumber&from=default");
    });

    it("computes quorum as 4% of the total votes at the timepoint", async function () {
      const g = await loadFixture(deployGovernance);
      const block = (await ethers.provider.getBlockNumber()) - 1;
      const total = await g.token.getPastTotalSupply(block);
      expect(await g.governor.quorum(block)).to.equal((total * 400n) / 10_000n);
    });

    const bad: [string, Partial<typeof SETTINGS>, string, bigint[]][] = [
      ["a zero voting delay", { votingDelay: 0 }, "GovernorVotingDelayOutOfBounds", [0n, 1n, 50_400n]],
      ["a voting delay above 50,400 blocks", { votingDelay: 50_401 }, "GovernorVotingDelayOutOfBounds", [50_401n, 1n, 50_400n]],
      ["a voting period under 10 blocks", { votingPeriod: 9 }, "GovernorVotingPeriodOutOfBounds", [9n, 10n, 201_600n]],
      ["a voting period above 201,600 blocks", { votingPeriod: 201_601 }, "GovernorVotingPeriodOutOfBounds", [201_601n, 10n, 201_600n]],
      ["a proposal threshold above 10M votes", { proposalThreshold: E("10000000") + 1n }, "GovernorProposalThresholdTooHigh", [E("10000000") + 1n, E("10000000")]],
      ["a quorum under 1%", { quorumBps: 99 }, "GovernorQuorumOutOfBounds", [99n, 100n, 5_000n]],
      ["a quorum above 50%", { quorumBps: 5_001 }, "GovernorQuorumOutOfBounds", [5_001n, 100n, 5_000n]],
      ["a zero late-quorum extension", { lateQuorumExtension: 0 }, "GovernorLateQuorumExtensionTooSmall", [0n, 1n]],
      // OZ's own errors where OZ has one (SPEC §1.6: Cipher's bounds only add to OZ's checks).
      ["a zero voting period (OZ's error)", { votingPeriod: 0 }, "GovernorInvalidVotingPeriod", [0n]],
      ["a late-quorum extension above the voting period (OZ's error)", { lateQuorumExtension: 51 }, "GovernorPreventLateQuorumVoteExtensionTooLarge", [51n, 50n]],
      ["a quorum above the denominator (OZ's error)", { quorumBps: 10_001 }, "GovernorInvalidQuorumFraction", [10_001n, 10_000n]],
    ];
    for (const [what, change, error, args] of bad) {
      it(`reverts with ${error} at construction for ${what}`, async function () {
        const g = await loadFixture(deployGovernance);
        const factory = await ethers.getContractFactory("CipherGovernor");
        await expect(factory.deploy(g.token.target, g.timelock.target, { ...SETTINGS, ...change }))
          .to.be.revertedWithCustomError(factory, error)
          .withArgs(...args);
      });
    }
  });

  describe("governed settings", function () {
    it("rejects every setter called directly with GovernorOnlyExecutor", async function () {
      const g = await loadFixture(deployGovernance);
      const gov = g.governor.connect(g.alice);
      const calls = [
        () => gov.setVotingDelay(2),
        () => gov.setVotingPeriod(60),
        () => gov.setProposalThreshold(0),
        () => gov.updateQuorumNumerator(500),
        () => gov.setLateQuorumVoteExtension(5),
        () => gov.updateTimelock(g.alice.address),
        () => gov.relay(g.alice.address, 0, "0x"),
      ];
      for (const c of calls) {
        await expect(c()).to.be.revertedWithCustomError(g.governor, "GovernorOnlyExecutor").withArgs(g.alice.address);
      }
    });

    it("changes every setting through a proposal, emitting old and new values", async function () {
      const g = await loadFixture(deployGovernance);
      const i = g.governor.interface;
      const p: Proposal = {
        targets: Array(5).fill(g.governor.target as string),
        values: Array(5).fill(0n),
        calldatas: [
          i.encodeFunctionData("setVotingDelay", [2]),
          i.encodeFunctionData("setVotingPeriod", [60]),
          i.encodeFunctionData("setProposalThreshold", [E("20")]),
          i.encodeFunctionData("updateQuorumNumerator", [500]),
          i.encodeFunctionData("setLateQuorumVoteExtension", [5]),
        ],
        description: "retune governance",
      };
      const { exec } = await passAndExecute(g, p);
      await expect(exec).to.emit(g.governor, "VotingDelaySet").withArgs(1n, 2n);
      await expect(exec).to.emit(g.governor, "VotingPeriodSet").withArgs(50n, 60n);
      await expect(exec).to.emit(g.governor, "ProposalThresholdSet").withArgs(E("10"), E("20"));
      await expect(exec).to.emit(g.governor, "QuorumNumeratorUpdated").withArgs(400n, 500n);
      await expect(exec).to.emit(g.governor, "LateQuorumVoteExtensionSet").withArgs(20n, 5n);
      expect(await g.governor.votingPeriod()).to.equal(60n);
    });

    it("reverts the execution of a proposal that sets a value out of bounds", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("updateQuorumNumerator", [6_000]), "quorum 60%");
      await expect(passAndExecute(g, p))
        .to.be.revertedWithCustomError(g.governor, "GovernorQuorumOutOfBounds")
        .withArgs(6_000n, 100n, 5_000n);
    });
  });

  describe("OZ's checks first, Cipher's bounds added (issue 9 §3)", function () {
    it("a passed proposal cannot set a 17-block late-quorum extension with a 16-block voting period: GovernorPreventLateQuorumVoteExtensionTooLarge", async function () {
      const g = await loadFixture(deployGovernance);
      const i = g.governor.interface;
      const shorten: Proposal = {
        targets: [g.governor.target as string, g.governor.target as string],
        values: [0n, 0n],
        calldatas: [i.encodeFunctionData("setLateQuorumVoteExtension", [5]), i.encodeFunctionData("setVotingPeriod", [16])],
        description: "16-block votes",
      };
      await passAndExecute(g, shorten);
      expect(await g.governor.votingPeriod()).to.equal(16n);
      const p = selfCall(g, i.encodeFunctionData("setLateQuorumVoteExtension", [17]), "extension 17");
      await expect(passAndExecute(g, p))
        .to.be.revertedWithCustomError(g.governor, "GovernorPreventLateQuorumVoteExtensionTooLarge")
        .withArgs(17n, 16n);
      expect(await g.governor.lateQuorumVoteExtension()).to.equal(5n);
    });

    it("a passed proposal setting a zero voting period reverts with OZ's GovernorInvalidVotingPeriod", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("setVotingPeriod", [0]), "period 0");
      await expect(passAndExecute(g, p)).to.be.revertedWithCustomError(g.governor, "GovernorInvalidVotingPeriod").withArgs(0n);
    });

    it("refuses a voting period shorter than the late-quorum extension (Cipher's added bound)", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("setVotingPeriod", [19]), "period 19 < extension 20");
      await expect(passAndExecute(g, p))
        .to.be.revertedWithCustomError(g.governor, "GovernorVotingPeriodBelowLateQuorumExtension")
        .withArgs(19n, 20n);
    });

    it("a Cipher bound that refuses a value OZ accepts leaves no trace of OZ's write (event and value reverted)", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("setVotingDelay", [0]), "delay 0");
      await expect(passAndExecute(g, p))
        .to.be.revertedWithCustomError(g.governor, "GovernorVotingDelayOutOfBounds")
        .withArgs(0n, 1n, 50_400n);
      expect(await g.governor.votingDelay()).to.equal(BigInt(SETTINGS.votingDelay));
    });
  });

  describe("OZ conformance of every kept override (what OpenZeppelin's own tests expect)", function () {
    // GovernorVotesQuorumFraction.test.js: quorum at a past timepoint uses the numerator of that
    // time; updateQuorumNumerator is onlyGovernance, emits QuorumNumeratorUpdated(old, new) and
    // refuses a numerator above the denominator. Cipher's override: quorumDenominator() = 10,000.
    it("GovernorVotesQuorumFraction: the numerator is checkpointed; quorum(past) uses the past numerator", async function () {
      const g = await loadFixture(deployGovernance);
      const before = BigInt(await ethers.provider.getBlockNumber());
      const p = selfCall(g, g.governor.interface.encodeFunctionData("updateQuorumNumerator", [600]), "quorum 6%");
      const { exec } = await passAndExecute(g, p);
      await expect(exec).to.emit(g.governor, "QuorumNumeratorUpdated").withArgs(400n, 600n);
      await mine(1);
      const now = BigInt(await ethers.provider.getBlockNumber()) - 1n;
      expect(await g.governor["quorumNumerator()"]()).to.equal(600n);
      expect(await g.governor["quorumNumerator(uint256)"](before)).to.equal(400n);
      expect(await g.governor.quorum(before)).to.equal(((await g.token.getPastTotalSupply(before)) * 400n) / 10_000n);
      expect(await g.governor.quorum(now)).to.equal(((await g.token.getPastTotalSupply(now)) * 600n) / 10_000n);
    });

    // GovernorSettings.test.js (in Governor.test.js "settings"): each setter onlyGovernance, emits
    // (old, new), getters return the new value; a zero voting period is refused with
    // GovernorInvalidVotingPeriod. Covered above and in "governed settings".
    it("GovernorSettings: values read back after a change and the threshold applies to the next proposal", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("setProposalThreshold", [E("20")]), "threshold 20");
      await passAndExecute(g, p);
      expect(await g.governor.proposalThreshold()).to.equal(E("20"));
      await mine(1);
      const q = paramProposal(g, 3n, "eve under the new threshold");
      await expect(g.governor.connect(g.eve).propose(q.targets, q.values, q.calldatas, q.description))
        .to.be.revertedWithCustomError(g.governor, "GovernorInsufficientProposerVotes")
        .withArgs(g.eve.address, E("10"), E("20"));
    });

    // GovernorPreventLateQuorum.test.js: extension > votingPeriod refused with
    // GovernorPreventLateQuorumVoteExtensionTooLarge; LateQuorumVoteExtensionSet(old, new); the
    // deadline moves only when quorum is reached late (see "outcomes"); a changed extension applies
    // to quorum reached after the change.
    it("GovernorPreventLateQuorum: a new extension applies to the next late quorum", async function () {
      const g = await loadFixture(deployGovernance);
      const p = selfCall(g, g.governor.interface.encodeFunctionData("setLateQuorumVoteExtension", [30]), "extension 30");
      const { exec } = await passAndExecute(g, p);
      await expect(exec).to.emit(g.governor, "LateQuorumVoteExtensionSet").withArgs(20n, 30n);
      const { id } = await propose(g, paramProposal(g, 9n, "late"));
      await toActive(g, id);
      const deadline = await g.governor.proposalDeadline(id);
      await mine(Number(deadline - BigInt(await ethers.provider.getBlockNumber())) - 2);
      const tx = await g.governor.connect(g.alice).castVote(id, VOTE.FOR);
      const voteBlock = BigInt((await tx.wait())!.blockNumber);
      await expect(tx).to.emit(g.governor, "ProposalExtended").withArgs(id, voteBlock + 30n);
    });

    // Governor.test.js, castVote: no override left (the contribution credit runs outside the vote),
    // so castVote is OZ's: VoteCast(voter, id, support, weight, reason), GovernorAlreadyCastVote,
    // GovernorUnexpectedProposalState outside Active (see "voting").
    it("Governor: castVote has no Cipher code path (no hook call, no extra event)", async function () {
      const g = await loadFixture(withActiveProposal);
      const tx = await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      const receipt = await tx.wait();
      const names = receipt!.logs.map((l) => g.governor.interface.parseLog(l)?.name ?? g.token.interface.parseLog(l)?.name);
      expect(names).to.deep.equal(["VoteCast"]);
      expect(await g.token.votesCast(g.alice.address)).to.equal(0n);
    });
  });

  describe("proposing", function () {
    it("reverts with GovernorInsufficientProposerVotes for a proposer under the threshold", async function () {
      const g = await loadFixture(deployGovernance);
      const p = paramProposal(g, 1n);
      await expect(g.governor.connect(g.eve).propose(p.targets, p.values, p.calldatas, p.description)) // 10 votes = threshold
        .to.emit(g.governor, "ProposalCreated");
      await expect(g.governor.connect(g.outsider).propose(p.targets, p.values, p.calldatas, "again"))
        .to.be.revertedWithCustomError(g.governor, "GovernorInsufficientProposerVotes")
        .withArgs(g.outsider.address, 0n, SETTINGS.proposalThreshold);
    });

    it("does not let tokens minted and delegated in the same block meet the threshold (no flash proposal)", async function () {
      const g = await loadFixture(deployGovernance);
      const p = paramProposal(g, 1n, "flash proposal");
      await network.provider.send("evm_setAutomine", [false]);
      try {
        await g.token.mint(g.attacker.address, E("100000"), { gasLimit: 200_000 });
        await g.token.connect(g.attacker).delegate(g.attacker.address, { gasLimit: 200_000 });
        const tx = await g.governor
          .connect(g.attacker)
          .propose(p.targets, p.values, p.calldatas, p.description, { gasLimit: 1_000_000 });
        await mine(1);
        const receipt = await ethers.provider.getTransactionReceipt(tx.hash);
        expect(receipt!.status).to.equal(0);
      } finally {
        await network.provider.send("evm_setAutomine", [true]);
      }
      // A block later the votes are in the past and the same proposal goes through.
      await expect(g.governor.connect(g.attacker).propose(p.targets, p.values, p.calldatas, p.description)).to.emit(
        g.governor,
        "ProposalCreated",
      );
    });
  });

  describe("voting", function () {
    it("counts the vote (OZ) without reporting it to staking", async function () {
      const g = await loadFixture(withActiveProposal);
      const tx = g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await expect(tx).to.emit(g.governor, "VoteCast").withArgs(g.alice.address, g.id, VOTE.FOR, E("400"), "");
      await expect(tx).not.to.emit(g.token, "VoteRecorded");
      const [against, forVotes, abstain] = await g.governor.proposalVotes(g.id);
      expect([against, forVotes, abstain]).to.deep.equal([0n, E("400"), 0n]);
    });

    it("counts votes cast with a reason and with params the same way", async function () {
      const g = await loadFixture(withActiveProposal);
      await expect(g.governor.connect(g.bob).castVoteWithReason(g.id, VOTE.AGAINST, "too high"))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.bob.address, g.id, VOTE.AGAINST, E("300"), "too high");
      await g.governor.connect(g.carol).castVoteWithReasonAndParams(g.id, VOTE.ABSTAIN, "", "0x");
      expect(await g.governor.proposalVotes(g.id)).to.deep.equal([E("300"), 0n, E("200")]);
    });

    it("reverts with GovernorAlreadyCastVote on a second vote", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await expect(g.governor.connect(g.alice).castVote(g.id, VOTE.AGAINST))
        .to.be.revertedWithCustomError(g.governor, "GovernorAlreadyCastVote")
        .withArgs(g.alice.address);
    });

    it("reverts with GovernorUnexpectedProposalState for a vote before the snapshot or after the deadline", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await propose(g, paramProposal(g, 5n));
      await expect(g.governor.connect(g.alice).castVote(id, VOTE.FOR)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
      await toEnd(g, id);
      await expect(g.governor.connect(g.alice).castVote(id, VOTE.FOR)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("reverts with GovernorNonexistentProposal for an unknown id", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(g.governor.connect(g.alice).castVote(123n, VOTE.FOR))
        .to.be.revertedWithCustomError(g.governor, "GovernorNonexistentProposal")
        .withArgs(123n);
    });
  });

  describe("contribution credit (GovernorContributionCredit, SPEC §1.4)", function () {
    it("credits a vote on another's proposal once the vote has ended and others reached quorum: VoteCredited + the hook", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob]);
      const epoch = BigInt((await ethers.provider.getBlock("latest"))!.timestamp + 1) / (7n * 86_400n);
      const tx = g.governor.connect(g.outsider).creditVote(id, g.bob.address); // anyone may settle
      await expect(tx).to.emit(g.governor, "VoteCredited").withArgs(id, g.bob.address, epoch, 1n);
      await expect(tx).to.emit(g.token, "VoteRecorded").withArgs(g.bob.address, id, 1n);
      expect(await g.governor.voteCredited(id, g.bob.address)).to.equal(true);
      expect(await g.governor.voteCreditsThisEpoch(g.bob.address)).to.equal(1n);
    });

    it("credits a vote on a proposal that was Defeated with quorum reached (against won)", async function () {
      const g = await loadFixture(deployGovernance);
      const p = paramProposal(g, 6n, "defeated with quorum");
      const { id } = await propose(g, p, g.carol);
      await toActive(g, id);
      await g.governor.connect(g.alice).castVote(id, VOTE.AGAINST);
      await g.governor.connect(g.dave).castVote(id, VOTE.ABSTAIN);
      await g.governor.connect(g.bob).castVote(id, VOTE.FOR);
      await toEnd(g, id);
      expect(await g.governor.state(id)).to.equal(STATE.Defeated);
      // for + abstain without bob = 100 >= 4% of 1,010
      await expect(g.governor.creditVote(id, g.bob.address)).to.emit(g.governor, "VoteCredited");
    });

    it("reverts with GovernorUnexpectedProposalState while the vote is Pending or Active, and for a Canceled proposal", async function () {
      const g = await loadFixture(deployGovernance);
      const p = paramProposal(g, 7n, "to cancel");
      const { id } = await propose(g, p, g.bob);
      await expect(g.governor.creditVote(id, g.alice.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, STATE.Pending, 0b11111000n);
      await toActive(g, id);
      await g.governor.connect(g.alice).castVote(id, VOTE.FOR);
      await expect(g.governor.creditVote(id, g.alice.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorUnexpectedProposalState")
        .withArgs(id, STATE.Active, 0b11111000n);
      const q = paramProposal(g, 8n, "cancelled while pending");
      const { id: id2 } = await propose(g, q, g.bob);
      await g.governor.connect(g.bob).cancel(q.targets, q.values, q.calldatas, ethers.id(q.description));
      await expect(g.governor.creditVote(id2, g.alice.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorUnexpectedProposalState")
        .withArgs(id2, STATE.Canceled, 0b11111000n);
    });

    it("attacker: no credit for a vote on one's own proposal (GovernorCreditOwnProposal)", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob]);
      await expect(g.governor.creditVote(id, g.alice.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditOwnProposal")
        .withArgs(id, g.alice.address);
    });

    it("attacker: no credit when quorum is reached only by the voter, even on a proposal of another (sybil) account", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.eve, [g.alice]); // eve (10 votes) proposes, only alice votes
      expect(await g.governor.state(id)).to.equal(STATE.Succeeded); // alice's 400 met quorum on her own
      await expect(g.governor.creditVote(id, g.alice.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditQuorumNotReached")
        .withArgs(id, g.alice.address);
    });

    it("no credit for a proposal that never reached quorum", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.eve]);
      expect(await g.governor.state(id)).to.equal(STATE.Defeated);
      await expect(g.governor.creditVote(id, g.eve.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditQuorumNotReached")
        .withArgs(id, g.eve.address);
    });

    it("reverts with GovernorCreditNoVote for an account that did not vote", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob]);
      await expect(g.governor.creditVote(id, g.carol.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditNoVote")
        .withArgs(id, g.carol.address);
    });

    it("reverts with GovernorCreditNoWeight for a vote cast without votes at the snapshot", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob, g.outsider]);
      await expect(g.governor.creditVote(id, g.outsider.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditNoWeight")
        .withArgs(id, g.outsider.address);
    });

    it("reverts with GovernorCreditAlreadyGiven on a second credit of the same vote", async function () {
      const g = await loadFixture(deployGovernance);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob]);
      await g.governor.creditVote(id, g.bob.address);
      await expect(g.governor.creditVote(id, g.bob.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditAlreadyGiven")
        .withArgs(id, g.bob.address);
      expect(await g.token.votesCast(g.bob.address)).to.equal(1n);
    });

    it("caps credits per voter per 7-day epoch (GovernorCreditEpochCapReached); the next epoch credits again", async function () {
      const g = await loadFixture(deployGovernance);
      const ids: bigint[] = [];
      for (let k = 0; k < 6; k++) ids.push((await endedProposal(g, BigInt(10 + k), g.alice, [g.alice, g.bob])).id);
      // Keep the credits inside one epoch: start right after an epoch boundary.
      const now = (await ethers.provider.getBlock("latest"))!.timestamp;
      const week = 7 * 86_400;
      await ethers.provider.send("evm_setNextBlockTimestamp", [Math.ceil((now + 1) / week) * week + 1]);
      for (let k = 0; k < 5; k++) await g.governor.creditVote(ids[k], g.bob.address);
      const epoch = BigInt(Math.ceil((now + 1) / week));
      await expect(g.governor.creditVote(ids[5], g.bob.address))
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditEpochCapReached")
        .withArgs(g.bob.address, epoch, 5n);
      expect(await g.governor.voteCreditsThisEpoch(g.bob.address)).to.equal(5n);
      await ethers.provider.send("evm_increaseTime", [week]);
      await expect(g.governor.creditVote(ids[5], g.bob.address))
        .to.emit(g.governor, "VoteCredited")
        .withArgs(ids[5], g.bob.address, epoch + 1n, 1n);
    });

    it("lets only governance set the cap, within [1, 50] (GovernorCreditCapOutOfBounds)", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(g.governor.connect(g.alice).setMaxVoteCreditsPerEpoch(3))
        .to.be.revertedWithCustomError(g.governor, "GovernorOnlyExecutor")
        .withArgs(g.alice.address);
      const i = g.governor.interface;
      for (const bad of [0, 51]) {
        const p = selfCall(g, i.encodeFunctionData("setMaxVoteCreditsPerEpoch", [bad]), `cap ${bad}`);
        await expect(passAndExecute(g, p))
          .to.be.revertedWithCustomError(g.governor, "GovernorCreditCapOutOfBounds")
          .withArgs(BigInt(bad), 1n, 50n);
      }
      const { exec } = await passAndExecute(g, selfCall(g, i.encodeFunctionData("setMaxVoteCreditsPerEpoch", [3]), "cap 3"));
      await expect(exec).to.emit(g.governor, "MaxVoteCreditsPerEpochSet").withArgs(5n, 3n);
      expect(await g.governor.maxVoteCreditsPerEpoch()).to.equal(3n);
    });

    it("bubbles up the hook's revert, leaving the vote creditable later", async function () {
      const g = await loadFixture(revertingHook);
      const { id } = await endedProposal(g, 5n, g.alice, [g.alice, g.bob]);
      await expect(g.governor.creditVote(id, g.bob.address))
        .to.be.revertedWithCustomError(g.token, "MockHookRefused")
        .withArgs(g.bob.address);
      expect(await g.governor.voteCredited(id, g.bob.address)).to.equal(false);
      expect(await g.governor.voteCreditsThisEpoch(g.bob.address)).to.equal(0n);
    });

    it("refuses onVoteCast from anyone but the registered governor (mock staking's guard)", async function () {
      const g = await loadFixture(withActiveProposal);
      await expect(g.token.connect(g.alice).onVoteCast(g.alice.address, g.id))
        .to.be.revertedWithCustomError(g.token, "MockHookUnauthorized")
        .withArgs(g.alice.address);
    });
  });

  describe("signature voting", function () {
    async function signBallot(g: Governance, signer: typeof g.alice, id: bigint, support: number) {
      const domain = {
        name: "CipherGovernor",
        version: "1",
        chainId: (await ethers.provider.getNetwork()).chainId,
        verifyingContract: g.governor.target as string,
      };
      const types = {
        Ballot: [
          { name: "proposalId", type: "uint256" },
          { name: "support", type: "uint8" },
          { name: "voter", type: "address" },
          { name: "nonce", type: "uint256" },
        ],
      };
      const nonce = await g.governor.nonces(signer.address);
      return signer.signTypedData(domain, types, { proposalId: id, support, voter: signer.address, nonce });
    }

    it("counts a relayed signed vote for the signer (credit later goes to the signer)", async function () {
      const g = await loadFixture(withActiveProposal);
      const sig = await signBallot(g, g.bob, g.id, VOTE.FOR);
      await expect(g.governor.connect(g.outsider).castVoteBySig(g.id, VOTE.FOR, g.bob.address, sig))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.bob.address, g.id, VOTE.FOR, E("300"), "");
      await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await toEnd(g, g.id);
      await expect(g.governor.connect(g.outsider).creditVote(g.id, g.bob.address))
        .to.emit(g.governor, "VoteCredited")
        .withArgs(g.id, g.bob.address, anyValue, 1n);
      // The ballot nonce is the governor's own; the token's permit nonce is untouched.
      expect(await g.governor.nonces(g.bob.address)).to.equal(1n);
      expect(await g.token.nonces(g.bob.address)).to.equal(0n);
    });

    it("reverts with GovernorInvalidSignature on a replay and on a signature for another voter", async function () {
      const g = await loadFixture(withActiveProposal);
      const sig = await signBallot(g, g.bob, g.id, VOTE.FOR);
      await g.governor.castVoteBySig(g.id, VOTE.FOR, g.bob.address, sig);
      await expect(g.governor.castVoteBySig(g.id, VOTE.FOR, g.bob.address, sig))
        .to.be.revertedWithCustomError(g.governor, "GovernorInvalidSignature")
        .withArgs(g.bob.address);
      const carolSig = await signBallot(g, g.carol, g.id, VOTE.FOR);
      await expect(
        g.governor.castVoteBySig(g.id, VOTE.FOR, g.alice.address, carolSig),
      ).to.be.revertedWithCustomError(g.governor, "GovernorInvalidSignature");
    });

    it("reverts with GovernorInvalidSignature when the relayer changes the support", async function () {
      const g = await loadFixture(withActiveProposal);
      const sig = await signBallot(g, g.bob, g.id, VOTE.FOR);
      await expect(g.governor.castVoteBySig(g.id, VOTE.AGAINST, g.bob.address, sig)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorInvalidSignature",
      );
    });
  });

  describe("outcomes", function () {
    it("is Defeated when quorum is not reached, even with only votes for", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.eve).castVote(g.id, VOTE.FOR); // 10 of 1,010: under 4%
      await toEnd(g, g.id);
      const snapshot = await g.governor.proposalSnapshot(g.id);
      expect(await g.governor.quorum(snapshot)).to.be.greaterThan(E("10"));
      expect(await g.governor.state(g.id)).to.equal(STATE.Defeated);
      await expect(
        g.governor.queue(g.p.targets, g.p.values, g.p.calldatas, ethers.id(g.p.description)),
      ).to.be.revertedWithCustomError(g.governor, "GovernorUnexpectedProposalState");
    });

    it("is Defeated when quorum is reached but against outweighs for", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.alice).castVote(g.id, VOTE.AGAINST);
      await g.governor.connect(g.bob).castVote(g.id, VOTE.FOR);
      await toEnd(g, g.id);
      expect(await g.governor.state(g.id)).to.equal(STATE.Defeated);
    });

    it("counts abstentions towards quorum but not towards the outcome", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.dave).castVote(g.id, VOTE.ABSTAIN); // 100 abstain
      await g.governor.connect(g.eve).castVote(g.id, VOTE.FOR); // 10 for
      await toEnd(g, g.id);
      expect(await g.governor.state(g.id)).to.equal(STATE.Succeeded);
    });

    it("extends the deadline when quorum is reached late (GovernorPreventLateQuorum)", async function () {
      const g = await loadFixture(withActiveProposal);
      const deadline = await g.governor.proposalDeadline(g.id);
      await mine(Number(deadline - BigInt(await ethers.provider.getBlockNumber())) - 2); // vote lands at deadline - 1
      const tx = await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      const voteBlock = BigInt((await tx.wait())!.blockNumber);
      const extended = voteBlock + BigInt(SETTINGS.lateQuorumExtension);
      await expect(tx).to.emit(g.governor, "ProposalExtended").withArgs(g.id, extended);
      expect(await g.governor.proposalDeadline(g.id)).to.equal(extended);
      await mine(5); // past the original deadline, still open
      expect(await g.governor.state(g.id)).to.equal(STATE.Active);
      await g.governor.connect(g.bob).castVote(g.id, VOTE.AGAINST); // opponents get time to respond
      await toEnd(g, g.id);
      expect(await g.governor.state(g.id)).to.equal(STATE.Succeeded);
    });

    it("does not extend when quorum was reached early", async function () {
      const g = await loadFixture(withActiveProposal);
      const deadline = await g.governor.proposalDeadline(g.id);
      await expect(g.governor.connect(g.alice).castVote(g.id, VOTE.FOR)).not.to.emit(g.governor, "ProposalExtended");
      expect(await g.governor.proposalDeadline(g.id)).to.equal(deadline);
    });
  });

  describe("flash-loan style attack", function () {
    it("gives votes acquired after the snapshot no weight on that proposal", async function () {
      const g = await loadFixture(withActiveProposal);
      // The attacker borrows (mints) a majority and delegates it after the snapshot.
      await g.token.mint(g.attacker.address, E("100000"));
      await g.token.connect(g.attacker).delegate(g.attacker.address);
      expect(await g.token.getVotes(g.attacker.address)).to.equal(E("100000"));
      await expect(g.governor.connect(g.attacker).castVote(g.id, VOTE.AGAINST))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.attacker.address, g.id, VOTE.AGAINST, 0n, "");
      await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await toEnd(g, g.id);
      const [against, forVotes] = await g.governor.proposalVotes(g.id);
      expect(against).to.equal(0n);
      expect(forVotes).to.equal(E("400"));
      expect(await g.governor.state(g.id)).to.equal(STATE.Succeeded);
      await expect(g.governor.creditVote(g.id, g.attacker.address)) // and no contribution credit either
        .to.be.revertedWithCustomError(g.governor, "GovernorCreditNoWeight")
        .withArgs(g.id, g.attacker.address);
    });

    it("does not let tokens transferred after the snapshot be voted twice", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await g.token.connect(g.alice).transfer(g.attacker.address, E("400"));
      await g.token.connect(g.attacker).delegate(g.attacker.address);
      await expect(g.governor.connect(g.attacker).castVote(g.id, VOTE.FOR))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.attacker.address, g.id, VOTE.FOR, 0n, "");
      expect((await g.governor.proposalVotes(g.id))[1]).to.equal(E("400"));
    });
  });
});
