// The client's ProposalTracker without a chain: every branch of CipherGovernor.state() derived from
// events, the block number and the quorum (the chain comparison is GovernanceTracker.test.ts).
import { expect } from "chai";
import { getAddress, ZeroAddress } from "ethers";
import { deriveState, ProposalTracker, timelockOperationId, type TrackedProposal } from "../../src/client/proposalTracker";

const GOV = getAddress("0x" + "11".repeat(20));
const ops = { targets: [getAddress("0x" + "22".repeat(20))], values: [0n], calldatas: ["0x1234"] };

function tracked(t: ProposalTracker, id: bigint): TrackedProposal {
  return t.created({ id, proposer: getAddress("0x" + "33".repeat(20)), ops, description: `p${id}`, snapshotBlock: 100, deadlineBlock: 120 });
}

describe("client: proposal states from events", function () {
  it("Pending through the snapshot block, Active through the deadline, then asks for the quorum once", function () {
    const t = new ProposalTracker(GOV);
    const p = tracked(t, 1n);
    expect(t.derive(100)).to.deep.equal([]);
    expect(p.state).to.equal("Pending");
    expect(t.derive(101)).to.deep.equal([]);
    expect(p.state).to.equal("Active");
    expect(t.derive(120)).to.deep.equal([]);
    expect(p.state).to.equal("Active");
    expect(t.derive(121).map((x) => x.id)).to.deep.equal(["1"]);
    t.setQuorum("1", 10n, 121);
    expect(p.state).to.equal("Defeated"); // no votes
    expect(t.derive(500)).to.deep.equal([]); // the quorum is asked for once
  });

  it("counts for + abstain toward the quorum and needs for > against", function () {
    const t = new ProposalTracker(GOV);
    const cases: [bigint, bigint, bigint, string][] = [
      [6n, 0n, 4n, "Succeeded"], // 6 + 4 >= 10, 6 > 0
      [5n, 0n, 4n, "Defeated"], // 9 < 10
      [5n, 5n, 10n, "Defeated"], // quorum, but for == against
      [10n, 9n, 0n, "Succeeded"],
    ];
    cases.forEach(([f, a, ab], i) => {
      const id = BigInt(i + 10);
      const p = tracked(t, id);
      t.voteCast(id, ZeroAddress, 1, f);
      t.voteCast(id, getAddress("0x" + "44".repeat(20)), 0, a);
      t.voteCast(id, getAddress("0x" + "55".repeat(20)), 2, ab);
      t.setQuorum(p.id, 10n, 121);
      expect(p.state, `for ${f} against ${a} abstain ${ab}`).to.equal(cases[i][3]);
    });
  });

  it("follows a late-quorum extension, a queue, an execution and a cancellation", function () {
    const t = new ProposalTracker(GOV);
    const p = tracked(t, 2n);
    t.voteCast(2n, ZeroAddress, 1, 50n);
    t.extended(2n, 130);
    expect(t.derive(125)).to.deep.equal([]);
    expect(p.state).to.equal("Active"); // past ProposalCreated's deadline, within the extension
    t.derive(131).forEach((x) => t.setQuorum(x.id, 10n, 131));
    expect(p.state).to.equal("Succeeded");
    t.queued(2n, 9_999);
    t.derive(132);
    expect(p.state).to.equal("Queued");
    t.executed(2n);
    t.derive(133);
    expect(p.state).to.equal("Executed");
    const c = tracked(t, 3n);
    t.canceled(3n);
    t.derive(50);
    expect(c.state).to.equal("Canceled");
  });

  it("a queued proposal run or cancelled on the timelock itself is Executed or Canceled (GovernorTimelockControl)", function () {
    const t = new ProposalTracker(GOV);
    for (const [id, cancelled, want] of [[4n, false, "Executed"], [5n, true, "Canceled"]] as const) {
      const p = tracked(t, id);
      t.voteCast(id, ZeroAddress, 1, 50n);
      t.derive(121).forEach((x) => t.setQuorum(x.id, 10n, 121));
      t.queued(id, 1);
      t.timelockDone(timelockOperationId(GOV, p.ops, p.description), cancelled);
      expect(deriveState(p, 200)).to.equal(want);
    }
    // an operation of no queued proposal changes nothing
    t.timelockDone("0x" + "00".repeat(32), true);
  });
});
