// The contribution farmer policy (issue 9 §2): pure decisions from observation and memory.
import { expect } from "chai";
import type { Action, ProposalView } from "../../src/agents/types";
import { Rng } from "../../src/sim/prng";
import { contributionFarmerDefaults, contributionFarmerPolicy } from "../../src/agents/policies/contributionFarmer";
import { familyInfo, familyNames } from "../../src/agents/registry";
import { ETH, OTHER, SELF, account, obs, state } from "./helpers";

const rng = () => Rng.derive(1, 0);
const kinds = (as: readonly Action[]) => as.map((a) => a.kind);
const staked = account({ stakes: [{ id: 0, amount: ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 }] });
const p = contributionFarmerDefaults;

function proposal(over: Partial<ProposalView>): ProposalView {
  return { id: "p1", proposer: SELF, spec: { kind: "setFees", buyFeeBps: 100, sellFeeBps: 100 }, state: "Active", snapshotBlock: 5, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [], ...over };
}

describe("policy: contribution farmer", () => {
  it("is registered as an adversarial family", () => {
    expect(familyNames()).to.include("contributionFarmer");
    expect(familyInfo("contributionFarmer").adversarial).to.equal(true);
  });

  it("buys, then stakes everything it bought, before farming", () => {
    const d0 = contributionFarmerPolicy(obs({ step: 0 }), state({ account: account({ reserve: 100n * ETH }) }), rng(), p);
    expect(kinds(d0.actions)).to.deep.equal(["buy"]);
    const d1 = contributionFarmerPolicy(obs({ step: 1 }), state({ account: account({ tokens: 50n * ETH }) }, d0.memory), rng(), p);
    expect(d1.actions[0]).to.include({ kind: "stake", amount: 50n * ETH });
  });

  it("proposes the fees the market already has (a change that changes nothing), every proposeEvery steps", () => {
    const o = obs({ step: 3 });
    const d = contributionFarmerPolicy(o, state({ account: staked }), rng(), p);
    const prop = d.actions.find((a) => a.kind === "propose");
    expect(prop).to.deep.include({ spec: { kind: "setFees", buyFeeBps: o.buyFeeBps, sellFeeBps: o.sellFeeBps } });
    const again = contributionFarmerPolicy(obs({ step: 4 }), state({ account: staked }, d.memory), rng(), p);
    expect(kinds(again.actions)).not.to.include("propose");
    const later = contributionFarmerPolicy(obs({ step: 3 + p.proposeEvery }), state({ account: staked }, d.memory), rng(), p);
    expect(kinds(later.actions)).to.include("propose");
  });

  it("votes for its own Active proposals only, once each, and claims every claimEvery steps", () => {
    const proposals = [proposal({ id: "mine" }), proposal({ id: "theirs", proposer: OTHER }), proposal({ id: "voted", voters: [SELF] }), proposal({ id: "over", state: "Succeeded" })];
    const d = contributionFarmerPolicy(obs({ step: 6, proposals }), state({ account: staked }, { proposals: 1, lastProposeStep: 5 }), rng(), p);
    const votes = d.actions.filter((a) => a.kind === "vote");
    expect(votes.map((v) => (v.kind === "vote" ? v.proposalId : ""))).to.deep.equal(["mine"]);
    expect(kinds(d.actions)).to.include("claim"); // step 6 % claimEvery (3) == 0
  });

  it("stops proposing after maxProposals", () => {
    const d = contributionFarmerPolicy(obs({ step: 100 }), state({ account: staked }, { proposals: p.maxProposals, lastProposeStep: 0 }), rng(), p);
    expect(kinds(d.actions)).not.to.include("propose");
  });
});
