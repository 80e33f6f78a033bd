// Property (issue 9 §2, SPEC §1.4): over random proposals and ballots, creditVote succeeds exactly
// when the vote is recognised by others: the voter voted with weight, is not the proposer, the
// proposal reached quorum without the voter's weight (for + abstain - weight >= quorum), the vote
// was not credited before and the voter is under its per-epoch cap. Otherwise it reverts with the
// error naming the first failed condition. Model: the rules computed in TypeScript from the tallies.
import { expect } from "chai";
import fc from "fast-check";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance, propose, toActive, toEnd, type Governance } from "./fixtures";

const E = (n: string) => ethers.parseEther(n);
// Votes of the fixture's holders: alice 400, bob 300, carol 200, dave 100, eve 10; outsider 0.
const WEIGHTS = [E("400"), E("300"), E("200"), E("100"), E("10"), 0n];

function signers(g: Governance) {
  return [g.alice, g.bob, g.carol, g.dave, g.eve, g.outsider];
}

type Ballot = { readonly voter: number; readonly support: 0 | 1 | 2 } | null;

const scenario = fc.record({
  proposer: fc.integer({ min: 0, max: 4 }), // eve's 10 votes meet the 10-vote threshold
  ballots: fc.array(fc.oneof(fc.constant(null), fc.constantFrom<0 | 1 | 2>(0, 1, 2)), { minLength: 6, maxLength: 6 }),
  credit: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }),
});

describe("GovernorContributionCredit: creditVote succeeds exactly for recognised votes (property)", function () {
  it("matches the model over random proposals, ballots and credit attempts", async function () {
    this.timeout(600_000);
    let round = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ proposer, ballots, credit }) => {
        const g = await loadFixture(deployGovernance);
        const s = signers(g);
        const p = { targets: [g.param.target as string], values: [0n], calldatas: [g.param.interface.encodeFunctionData("setFee", [BigInt(++round)])], description: `property ${round}` };
        const { id } = await propose(g, p, s[proposer]);
        await toActive(g, id);
        const cast: Ballot[] = ballots.map((b, i) => (b === null ? null : { voter: i, support: b }));
        for (const b of cast) if (b !== null) await g.governor.connect(s[b.voter]).castVote(id, b.support);
        await toEnd(g, id);
        const snapshot = await g.governor.proposalSnapshot(id);
        const quorum = await g.governor.quorum(snapshot);
        const counted = cast.reduce((acc, b) => (b !== null && b.support !== 0 ? acc + WEIGHTS[b.voter] : acc), 0n);
        const credited = new Set<number>();
        for (const v of credit) {
          const voted = cast[v] !== null;
          const others = counted > WEIGHTS[v] ? counted - WEIGHTS[v] : 0n;
          const call = g.governor.creditVote(id, s[v].address);
          if (!voted) await expect(call).to.be.revertedWithCustomError(g.governor, "GovernorCreditNoVote");
          else if (credited.has(v)) await expect(call).to.be.revertedWithCustomError(g.governor, "GovernorCreditAlreadyGiven");
          else if (v === proposer) await expect(call).to.be.revertedWithCustomError(g.governor, "GovernorCreditOwnProposal");
          else if (WEIGHTS[v] === 0n) await expect(call).to.be.revertedWithCustomError(g.governor, "GovernorCreditNoWeight");
          else if (others < quorum) await expect(call).to.be.revertedWithCustomError(g.governor, "GovernorCreditQuorumNotReached");
          else {
            await expect(call).to.emit(g.governor, "VoteCredited");
            credited.add(v);
          }
        }
        // Whatever was credited: never the proposer, never a vote whose quorum was the voter's alone.
        for (const v of credited) {
          expect(v).not.to.equal(proposer);
          expect(counted - WEIGHTS[v] >= quorum).to.equal(true);
          expect(await g.governor.voteCredited(id, s[v].address)).to.equal(true);
        }
        expect(await g.token.votesCast(s[proposer].address)).to.equal(0n);
      }),
      { numRuns: 25, seed: 9 },
    );
  });
});
