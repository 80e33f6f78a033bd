// The typed client over the production deployment on the in-process network: reads the deployment
// file, quotes and trades with slippage and deadline, stakes, reads through the lens (state
// override), runs a grant proposal through propose/vote/queue/execute, and names reverts by their
// custom error.
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployFullSuite } from "../deploy/fixture";
import { deploymentFileFor } from "../e2e/helpers";
import { CipherCallError, CipherClient, decodeError, readSuiteDeployment, SuiteReader, actionOperations, proposalId, PROPOSAL_STATES, FUND_IDS, parseFund, fundName, proposalStateName, DeploymentError, parseDeployment } from "../../src/client";

const E = (n: string) => ethers.parseEther(n);

async function fresh() {
  const s = await deployFullSuite();
  const file = await deploymentFileFor(s);
  const d = readSuiteDeployment("hardhat", file);
  const [deployer, alice, bob, recipient] = await ethers.getSigners();
  return { s, d, file, deployer, alice, bob, recipient, client: new CipherClient(d.addresses, ethers.provider) };
}

describe("client: protocol facts named once", function () {
  it("names states, funds and support as the contracts number them", function () {
    expect(PROPOSAL_STATES.indexOf("Queued")).to.equal(5);
    expect(proposalStateName(7n)).to.equal("Executed");
    expect(() => proposalStateName(8)).to.throw(RangeError);
    expect(FUND_IDS.solidarity).to.equal(2);
    expect(parseFund("Welfare")).to.equal(1);
    expect(parseFund("3")).to.equal(3);
    expect(parseFund("4")).to.equal(undefined);
    expect(fundName(2)).to.equal("solidarity");
    expect(fundName(0)).to.equal(undefined);
  });

  it("refuses a deployment file with a missing contract", function () {
    expect(() => parseDeployment({ chainId: 1, contracts: {} }, "x.json")).to.throw(DeploymentError, /x.json has no address for TimelockController/);
    expect(() => parseDeployment({ contracts: {} }, "y.json")).to.throw(DeploymentError, /not a deployment file/);
    expect(() => readSuiteDeployment("hardhat", "/nonexistent/dep.json")).to.throw(DeploymentError, /no deployment file/);
    // the in-process network keeps nothing between commands: deploying there cannot help
    expect(() => readSuiteDeployment("hardhat", "/nonexistent/dep.json")).to.throw(DeploymentError, /the in-process network keeps nothing between commands: start a node/);
    expect(() => readSuiteDeployment("anvil", "/nonexistent/dep.json")).to.throw(DeploymentError, /run `npx hardhat cipher:deploy --network anvil`, or name the file \(`--deployment <file>` for bots and gov tasks, `--attach <file>` for simulate\)/);
  });
});

describe("client: the suite through one typed client", function () {
  it("buys at the quote less slippage, sells, and names a slippage revert by its custom error", async function () {
    const f = await loadFixture(fresh);
    const alice = f.client.connect(f.alice);
    const q = await alice.quoteBuy(E("1"));
    await (await alice.buy(E("1"), { slippageBps: 50 })).wait();
    expect(await f.s.token.balanceOf(f.alice.address)).to.equal(q.tokensOut);
    const half = q.tokensOut / 2n;
    const qs = await alice.quoteSell(half);
    const before = await ethers.provider.getBalance(f.alice.address);
    const rc = await (await alice.sell(half, { slippageBps: 0 })).wait();
    expect(await ethers.provider.getBalance(f.alice.address)).to.equal(before + qs.reserveOut - rc!.gasUsed * rc!.gasPrice);
    // minOut above what the market pays: the client reports the market's own error.
    let caught: unknown;
    try {
      await alice.market.sell(half / 2n, 10n ** 30n, (await time.latest()) + 600);
    } catch (e) {
      caught = e;
    }
    expect(decodeError(caught)?.name).to.equal("SlippageExceeded");
    const err = await alice.stake(10n ** 40n, 0).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(CipherCallError);
    expect((err as CipherCallError).message).to.match(/^stake failed: /);
  });

  it("reads the economy and accounts through the lens without deploying it", async function () {
    const f = await loadFixture(fresh);
    const alice = f.client.connect(f.alice);
    await (await alice.buy(E("2"))).wait();
    const bal = await f.s.token.balanceOf(f.alice.address);
    await (await alice.approveStaking(bal)).wait();
    await (await alice.stake(bal, 0)).wait();
    const r = new SuiteReader(ethers.provider, f.d.addresses);
    const e = await r.economy();
    expect(e.spotPrice).to.equal(await f.s.market.spotPrice());
    expect(e.totalStaked).to.equal(bal);
    expect(e.supply).to.equal(await f.s.token.totalSupply());
    const [a] = await r.accounts([f.alice.address]);
    expect(a.tokens).to.equal(0n);
    expect(a.stakes.map((s) => s.amount)).to.deep.equal([bal]);
    expect(a.reserve).to.equal(await ethers.provider.getBalance(f.alice.address));
  });

  it("proposes a typed grant, votes, queues and executes it; states follow the governor", async function () {
    const f = await loadFixture(fresh);
    const alice = f.client.connect(f.alice);
    await (await alice.buy(E("5"))).wait();
    const bal = await f.s.token.balanceOf(f.alice.address);
    await (await alice.approveStaking(bal)).wait();
    await (await alice.stake(bal, 0)).wait();
    // revenue into the funds: flush the fees, split them, release the solidarity bucket
    await (await f.s.market.flushFees()).wait();
    await (await f.s.splitter.release(2, ethers.ZeroAddress)).wait();
    const fund = await f.s.treasury.fundBalance(FUND_IDS.solidarity, ethers.ZeroAddress);
    expect(fund).to.be.greaterThan(0n);
    await mine(1);
    const action = { kind: "grant", fund: "solidarity", to: f.recipient.address, amount: fund / 2n, memo: "client test" } as const;
    const { id, tx } = await alice.propose(action, "client grant");
    await tx.wait();
    expect(id).to.equal(proposalId(actionOperations(f.d.addresses, action), "client grant"));
    expect(await alice.state(id)).to.equal("Pending");
    await mine(Number(await f.s.governor.votingDelay()) + 1);
    expect(await alice.state(id)).to.equal("Active");
    await (await alice.vote(id, "for", "fund it")).wait();
    await mine(Number(await f.s.governor.votingPeriod()) + 1);
    expect(await alice.state(id)).to.equal("Succeeded");
    await expect(alice.execute(id)).to.be.rejectedWith(CipherCallError, /execute failed: GovernorUnexpectedProposalState/);
    await (await alice.queue(id)).wait();
    expect(await alice.state(id)).to.equal("Queued");
    await time.increase(Number(await f.s.timelock.getMinDelay()) + 1);
    const before = await ethers.provider.getBalance(f.recipient.address);
    await (await alice.execute(id)).wait();
    expect(await alice.state(id)).to.equal("Executed");
    expect(await ethers.provider.getBalance(f.recipient.address)).to.equal(before + fund / 2n);
    const listed = await alice.proposals();
    expect(listed.map((p) => p.id)).to.deep.equal([id]);
    void hre;
  });
});
