import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
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
const gasBurningHook = () => deployGovernance(2);

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
      ["a zero late-quorum extension", { lateQuorumExtension: 0 }, "GovernorLateQuorumExtensionOutOfBounds", [0n, 1n, 50_400n]],
      ["a late-quorum extension above 50,400 blocks", { lateQuorumExtension: 50_401 }, "GovernorLateQuorumExtensionOutOfBounds", [50_401n, 1n, 50_400n]],
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

  describe("voting and the contribution hook", function () {
    it("counts the vote and reports it to staking through onVoteCast", async function () {
      const g = await loadFixture(withActiveProposal);
      const tx = g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await expect(tx).to.emit(g.governor, "VoteCast").withArgs(g.alice.address, g.id, VOTE.FOR, E("400"), "");
      await expect(tx).to.emit(g.token, "VoteRecorded").withArgs(g.alice.address, g.id, 1n);
      expect(await g.token.votesCast(g.alice.address)).to.equal(1n);
      const [against, forVotes, abstain] = await g.governor.proposalVotes(g.id);
      expect([against, forVotes, abstain]).to.deep.equal([0n, E("400"), 0n]);
    });

    it("reports votes cast with a reason and with params the same way", async function () {
      const g = await loadFixture(withActiveProposal);
      await expect(g.governor.connect(g.bob).castVoteWithReason(g.id, VOTE.AGAINST, "too high"))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.bob.address, g.id, VOTE.AGAINST, E("300"), "too high");
      await g.governor.connect(g.carol).castVoteWithReasonAndParams(g.id, VOTE.ABSTAIN, "", "0x");
      expect(await g.token.votesCast(g.bob.address)).to.equal(1n);
      expect(await g.token.votesCast(g.carol.address)).to.equal(1n);
    });

    it("reverts with GovernorAlreadyCastVote on a second vote and does not credit twice", async function () {
      const g = await loadFixture(withActiveProposal);
      await g.governor.connect(g.alice).castVote(g.id, VOTE.FOR);
      await expect(g.governor.connect(g.alice).castVote(g.id, VOTE.AGAINST))
        .to.be.revertedWithCustomError(g.governor, "GovernorAlreadyCastVote")
        .withArgs(g.alice.address);
      expect(await g.token.votesCast(g.alice.address)).to.equal(1n);
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

    it("does not call the hook for a vote with no weight", async function () {
      const g = await loadFixture(withActiveProposal);
      const tx = g.governor.connect(g.outsider).castVote(g.id, VOTE.FOR);
      await expect(tx).to.emit(g.governor, "VoteCast").withArgs(g.outsider.address, g.id, VOTE.FOR, 0n, "");
      await expect(tx).not.to.emit(g.token, "VoteRecorded");
      expect(await g.token.votesCast(g.outsider.address)).to.equal(0n);
    });

    it("still counts the vote when the hook reverts, and emits ContributionHookFailed with the reason", async function () {
      const g = await loadFixture(revertingHook);
      const { id } = await propose(g, paramProposal(g, 5n));
      await toActive(g, id);
      const reason = g.token.interface.encodeErrorResult("MockHookRefused", [g.alice.address]);
      await expect(g.governor.connect(g.alice).castVote(id, VOTE.FOR))
        .to.emit(g.governor, "ContributionHookFailed")
        .withArgs(g.alice.address, id, reason);
      expect(await g.governor.hasVoted(id, g.alice.address)).to.equal(true);
      expect((await g.governor.proposalVotes(id))[1]).to.equal(E("400"));
    });

    it("caps a gas-burning hook at CONTRIBUTION_HOOK_GAS and still counts the vote", async function () {
      const g = await loadFixture(gasBurningHook);
      const { id } = await propose(g, paramProposal(g, 5n));
      await toActive(g, id);
      const tx = await g.governor.connect(g.alice).castVote(id, VOTE.FOR, { gasLimit: 1_000_000 });
      const receipt = await tx.wait();
      await expect(tx).to.emit(g.governor, "ContributionHookFailed").withArgs(g.alice.address, id, "0x");
      const cap = await g.governor.CONTRIBUTION_HOOK_GAS();
      expect(receipt!.gasUsed).to.be.lessThan(cap + 150_000n);
      expect(await g.governor.hasVoted(id, g.alice.address)).to.equal(true);
    });

    it("reverts with GovernorInsufficientGasForHook when sent with too little gas for the hook", async function () {
      const g = await loadFixture(withActiveProposal);
      await expect(g.governor.connect(g.alice).castVote(g.id, VOTE.FOR, { gasLimit: 150_000 })).to.be.revertedWithCustomError(
        g.governor,
        "GovernorInsufficientGasForHook",
      );
      expect(await g.governor.hasVoted(g.id, g.alice.address)).to.equal(false);
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

    it("counts a relayed signed vote for the signer and credits the signer's contribution", async function () {
      const g = await loadFixture(withActiveProposal);
      const sig = await signBallot(g, g.bob, g.id, VOTE.FOR);
      await expect(g.governor.connect(g.outsider).castVoteBySig(g.id, VOTE.FOR, g.bob.address, sig))
        .to.emit(g.governor, "VoteCast")
        .withArgs(g.bob.address, g.id, VOTE.FOR, E("300"), "");
      expect(await g.token.votesCast(g.bob.address)).to.equal(1n);
      expect(await g.token.votesCast(g.outsider.address)).to.equal(0n);
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
      expect(await g.token.votesCast(g.attacker.address)).to.equal(0n); // and no contribution credit either
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
