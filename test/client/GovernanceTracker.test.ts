// The simulation's governance on the real contracts (in-process chain, scenarios/default.json):
// - proposal states derived from the governor's and the timelock's events (plus one
//   quorum(snapshot) read per proposal) equal governor.state() at every block of the run, for
//   every proposal;
// - the keeper credits honest voters (creditVote) once their proposal's voting has ended: their
//   contribution record in staking rises, the council's (the proposer of the scheduled proposals,
//   who votes only on its own) does not, and no credited voter is its proposal's proposer.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { network } from "hardhat";
import { Interface } from "ethers";
import { createChainEconomy } from "../../src/sim/chain/economy";
import type { Governance } from "../../src/sim/chain/governance";
import type { Addresses } from "../../src/sim/chain/encode";
import { runSimulation } from "../../src/sim/engine";
import { loadScenario } from "../../src/sim/run";
import { FileSink } from "../../src/report/fileSink";
import { familiesOf } from "../../src/sim/population";
import type { Economy } from "../../src/sim/economy";
import type { ActionRecord } from "../../src/sim/records";
import { proposalStateName, PROPOSAL_STATES, encodeCall } from "../../src/client";
import { CipherGovernor__factory, CipherStaking__factory } from "../../typechain-types";

const governorIface = new Interface(CipherGovernor__factory.abi);
const stakingIface = new Interface(CipherStaking__factory.abi);

async function call(to: string, data: string, block: string): Promise<string> {
  return (await network.provider.send("eth_call", [{ to, data }, block])) as string;
}

describe("sim governance: states from logs, and vote credits by the keeper", function () {
  this.timeout(900_000);

  it("derived states equal governor.state() at every block; honest voters are credited, the proposer is not", async () => {
    const s = loadScenario("scenarios/default.json", { steps: 220, agents: 24, seed: 5 });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-govtracker-"));
    const chain = await createChainEconomy();
    const inner = chain as unknown as { gov: Governance; a: Addresses; deployer: string };
    const compared = new Map<string, number>();
    let mismatches: string[] = [];
    const seen = new Set<string>();
    // Every mined block: each proposal's derived state against governor.state() at that block.
    const economy: Economy = {
      name: chain.name,
      setup: (sc, a) => chain.setup(sc, a),
      observe: (step, ts) => chain.observe(step, ts),
      accounts: (a) => chain.accounts(a),
      submit: (tx) => chain.submit(tx),
      applyEvent: (ev, step) => chain.applyEvent(ev, step),
      mine: async (ts) => {
        const r = await chain.mine(ts);
        const tag = "0x" + r.number.toString(16);
        for (const [id, derived] of inner.gov.states()) {
          const onChain = proposalStateName(BigInt(await call(inner.a.governor, encodeCall(governorIface, "state", [BigInt(id)]), tag)));
          compared.set(derived, (compared.get(derived) ?? 0) + 1);
          seen.add(derived);
          if (onChain !== derived) mismatches.push(`block ${r.number} proposal ${id}: derived ${derived}, governor ${onChain}`);
        }
        return r;
      },
      close: () => chain.close(),
    };
    const firstBlock = "0x" + (BigInt((await network.provider.send("eth_blockNumber", [])) as string) + 1n).toString(16);
    let credited: { id: bigint; voter: string }[] = [];
    let proposers = new Map<string, string>();
    let councilRecord: { lastVoteAt: bigint; pendingVotes: bigint } | undefined;
    let creditedRecords: { lastVoteAt: bigint; pendingVotes: bigint }[] = [];
    let contributions = new Map<string, number>();
    try {
      await runSimulation({ scenario: s, economy, sink: new FileSink(dir, familiesOf(s), s.metrics.chartPoints) });
      const logs = (await network.provider.send("eth_getLogs", [{ fromBlock: firstBlock, toBlock: "latest", address: [inner.a.governor, inner.a.staking] }])) as { address: string; topics: string[]; data: string }[];
      for (const l of logs) {
        const iface = l.address.toLowerCase() === inner.a.governor.toLowerCase() ? governorIface : stakingIface;
        const ev = iface.parseLog(l);
        if (ev?.name === "VoteCredited") credited.push({ id: ev.args[0] as bigint, voter: (ev.args[1] as string).toLowerCase() });
        if (ev?.name === "ProposalCreated") proposers.set((ev.args[0] as bigint).toString(), (ev.args[1] as string).toLowerCase());
        if (ev?.name === "VoteContribution") contributions.set((ev.args[0] as string).toLowerCase(), (contributions.get((ev.args[0] as string).toLowerCase()) ?? 0) + 1);
      }
      const record = async (who: string) => {
        const r = stakingIface.decodeFunctionResult("accountOf", await call(inner.a.staking, encodeCall(stakingIface, "accountOf", [who]), "latest"))[0] as { lastVoteAt: bigint; pendingVotes: bigint };
        return { lastVoteAt: BigInt(r.lastVoteAt), pendingVotes: BigInt(r.pendingVotes) };
      };
      councilRecord = await record(inner.deployer);
      creditedRecords = await Promise.all([...new Set(credited.map((c) => c.voter))].map(record));
    } finally {
      await chain.close();
    }
    // states: equal at every block, and the run went through the whole life of a proposal
    expect(mismatches.slice(0, 5), `${mismatches.length} mismatches`).to.deep.equal([]);
    console.log(`      compared ${[...compared.values()].reduce((x, y) => x + y, 0)} (block, proposal) states: ${[...compared.entries()].map(([k, v]) => `${k} ${v}`).join(", ")}`);
    for (const st of ["Pending", "Active", "Succeeded", "Queued", "Executed"]) expect(seen.has(st), `no proposal was ${st}: ${[...compared.entries()].join(" ")}`).to.equal(true);
    expect([...compared.values()].reduce((x, y) => x + y, 0)).to.be.greaterThan(50);
    expect(PROPOSAL_STATES).to.include.members([...seen]);
    // credits: some voters credited, never a proposal's own proposer, and each credited once
    expect(credited.length).to.be.greaterThan(0);
    for (const c of credited) expect(c.voter, `proposal ${c.id}`).to.not.equal(proposers.get(c.id.toString()));
    expect(new Set(credited.map((c) => `${c.id}:${c.voter}`)).size).to.equal(credited.length);
    // an honest voter's contribution record rose (staking's onVoteCast); the council's did not
    for (const c of credited) expect(contributions.get(c.voter) ?? 0, c.voter).to.be.greaterThan(0);
    expect(creditedRecords.some((r) => r.lastVoteAt > 0n)).to.equal(true);
    expect(contributions.get(inner.deployer.toLowerCase()) ?? 0).to.equal(0);
    expect(councilRecord?.lastVoteAt).to.equal(0n);
    expect(councilRecord?.pendingVotes).to.equal(0n);
    // the credits are the keeper's system transactions, and none of them reverted
    const actions = fs.readFileSync(path.join(dir, "actions.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as ActionRecord);
    const sent = actions.filter((r) => r.system === "keeper:creditVote");
    expect(sent.length).to.equal(credited.length);
    for (const r of sent) expect(r.ok, JSON.stringify(r)).to.equal(true);
    mismatches = [];
    proposers = new Map();
    contributions = new Map();
  });
});
