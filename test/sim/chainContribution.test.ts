// The contribution oracles as an economy role on the real contracts: with hour-long steps the
// 7-day epochs finish during the run, two oracle agents (quorum 2) attest every voter of the
// finished epoch, and the matching pair of attestations makes the oracle accept the score (which
// raises the staker's contribution multiplier in the same transaction).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { network } from "hardhat";
import { Interface } from "ethers";
import { createChainEconomy } from "../../src/sim/chain/economy";
import { runSimulation } from "../../src/sim/engine";
import { loadScenario } from "../../src/sim/run";
import { FileSink } from "../../src/report/fileSink";
import { familiesOf } from "../../src/sim/population";
import type { ActionRecord } from "../../src/sim/records";
import { ContributionOracle__factory } from "../../typechain-types/factories/contracts/staking/ContributionOracle__factory";

describe("chain economy: contribution oracles attest finished epochs (scenarios/contribution.json)", function () {
  this.timeout(600_000);

  it("both oracles attest every voter of the finished epoch and each score is accepted on chain", async () => {
    const s = loadScenario("scenarios/contribution.json", { steps: 160 }); // one epoch boundary (~step 140)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-contribution-"));
    const economy = await createChainEconomy();
    // Blocks before the run may hold other suites' oracles (the in-process node is shared by every test file).
    const firstBlock = "0x" + (BigInt((await network.provider.send("eth_blockNumber", [])) as string) + 1n).toString(16);
    let accepted: string[] = [];
    try {
      await runSimulation({ scenario: s, economy, sink: new FileSink(dir, familiesOf(s), s.metrics.chartPoints) });
      // read the oracle's events before close() restores the node
      const iface = new Interface(ContributionOracle__factory.abi);
      const topic = iface.getEvent("ScoreAccepted")?.topicHash as string;
      const logs = (await network.provider.send("eth_getLogs", [{ fromBlock: firstBlock, toBlock: "latest", topics: [topic] }])) as { topics: string[]; data: string }[];
      accepted = logs.map((l) => (iface.parseLog(l)?.args.account as string).toLowerCase());
    } finally {
      await economy.close();
    }
    const actions = fs.readFileSync(path.join(dir, "actions.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as ActionRecord);
    const attests = actions.filter((r) => r.action.kind === "attest");
    expect(attests.length).to.be.greaterThan(0);
    for (const r of attests) expect(r.ok, JSON.stringify(r)).to.equal(true);
    const byAccount = new Map<string, Set<string>>();
    for (const r of attests) {
      const a = (r.action as { account: string }).account.toLowerCase();
      byAccount.set(a, new Set([...(byAccount.get(a) ?? []), r.from.toLowerCase()]));
    }
    // each attested account was attested by both oracles, and exactly those scores were accepted
    for (const oracles of byAccount.values()) expect(oracles.size).to.equal(2);
    expect([...new Set(accepted)].sort()).to.deep.equal([...byAccount.keys()].sort());
    expect(accepted.length).to.equal(byAccount.size);
    // the attested accounts are the ones that voted: agents' votes and the council's votes
    const voted = new Set(actions.filter((r) => r.ok && (r.action.kind === "vote" || r.system === "council:vote")).map((r) => r.from.toLowerCase()));
    for (const a of byAccount.keys()) expect(voted.has(a), a).to.equal(true);
    // attested only once the first epoch of the run had finished
    expect(Math.min(...attests.map((r) => r.step))).to.be.greaterThan(100);
  });
});
