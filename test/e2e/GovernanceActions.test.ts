// A full governance cycle for EACH typed action of `gov propose`, over the production deployment
// (deployFullSuite = deploy/cipher.ts): voters buy on the market and stake, the proposal goes
// propose -> vote -> queue -> execute through the gov tasks, and the effect is read back on chain.
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { CASE, E, FUND, fullCycle, gov, liveSuite, proposeAndPass, quietTasks, STATE } from "./helpers";
import { buy } from "../../tasks/market";
import { stake } from "../../tasks/staking";
import { CipherCallError } from "../../src/client/client";

/** The custom error a task's transaction reverted with, as the client names it (it must revert). */
async function revertName(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CipherCallError && e.revert !== undefined) return e.revert.name;
    throw e;
  }
  throw new Error("expected the transaction to revert");
}

const ETH = ethers.ZeroAddress;
const GUARDIAN_ROLE = ethers.id("GUARDIAN_ROLE");
const live = () => liveSuite();

describe("Governance actions over the deployed suite (gov tasks, full cycle each)", function () {
  quietTasks();

  describe("set-up", function () {
    it("gives votes only to stakers who bought on the market, and funds the solidarity fund from trading fees", async function () {
      const l = await loadFixture(live);
      const staked = await l.s.staking.totalStaked();
      const votes = (await l.s.staking.getVotes(l.alice.address)) + (await l.s.staking.getVotes(l.bob.address)) + (await l.s.staking.getVotes(l.dave.address));
      expect(votes).to.equal(staked);
      expect(await l.s.token.balanceOf(l.alice.address)).to.equal(0n); // all staked
      // Fees: 1% of every buy (deploy/parameters/hardhat.json), 15% of them to solidarity.
      const [buyFee] = await l.s.market.fees();
      const shares = await l.s.splitter.shares();
      const fees = ((E("4") * buyFee + 9999n) / 10_000n) + ((E("3") * buyFee + 9999n) / 10_000n) + ((E("1") * buyFee + 9999n) / 10_000n);
      const solidarity = await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH);
      expect(solidarity).to.equal((fees * BigInt(shares[FUND.SOLIDARITY])) / 10_000n);
      expect(solidarity).to.be.greaterThan(0n);
    });
  });

  describe("treasury", function () {
    it("grant: pays the recipient from the solidarity fund", async function () {
      const l = await loadFixture(live);
      const fund = await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH);
      const amount = fund / 2n;
      const before = await ethers.provider.getBalance(l.carol.address);
      await fullCycle(l, { action: "grant", fund: "solidarity", asset: "eth", to: l.carol.address, amount: ethers.formatEther(amount), memo: "relief", description: "grant to carol" });
      expect(await ethers.provider.getBalance(l.carol.address)).to.equal(before + amount);
      expect(await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH)).to.equal(fund - amount);
    });

    it("grant: a grant above the fund passes the vote but its execution reverts with TreasuryInsufficientFund", async function () {
      const l = await loadFixture(live);
      const fund = await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH);
      const id = await proposeAndPass(l, { action: "grant", fund: "solidarity", asset: "eth", to: l.carol.address, amount: ethers.formatEther(fund + 1n), description: "too much" });
      await expect(gov("execute", { id: id.toString(), deployment: l.file, advance: true })).to.be.rejectedWith(/execute failed: TreasuryInsufficientFund/);
      expect(await l.s.governor.state(id)).to.equal(STATE.Queued);
    });

    it("stream + cancel-stream: the recipient withdraws what vested, the cancel returns the rest to the fund", async function () {
      const l = await loadFixture(live);
      const fund = await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH);
      const amount = (fund / 3600n) * 3600n; // divisible by the duration: exact vesting arithmetic below
      await fullCycle(l, { action: "stream", fund: "solidarity", asset: "eth", to: l.carol.address, amount: ethers.formatEther(amount), duration: "3600", description: "stream to carol" });
      const id = (await l.s.treasury.streamCount()) as bigint;
      const st = await l.s.treasury.getStream(id);
      expect(st.recipient).to.equal(l.carol.address);
      expect(st.amount).to.equal(amount);
      expect(await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH)).to.equal(fund - amount);
      // The cancel proposal takes blocks and the timelock delay; the stream keeps vesting meanwhile.
      await fullCycle(l, { action: "cancel-stream", stream: id.toString(), description: "cancel stream" });
      const cancelled = await l.s.treasury.getStream(id);
      expect(cancelled.cancelled).to.equal(true);
      const cancelAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      const vested = (amount * (cancelAt - st.start)) / 3600n;
      expect(cancelled.amount).to.equal(vested);
      expect(await l.s.treasury.fundBalance(FUND.SOLIDARITY, ETH)).to.equal(fund - vested);
      await time.increase(7200);
      await expect(l.s.treasury.connect(l.carol).withdraw(id)).to.changeEtherBalance(l.carol, vested);
    });
  });

  describe("market", function () {
    it("set-fee: --buy-fee / --sell-fee reach BondingCurveMarket.setFees", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-fee", buyFee: "50", sellFee: "70", description: "fees 0.5% / 0.7%" });
      const [b, s] = await l.s.market.fees();
      expect([b, s]).to.deep.equal([50n, 70n]);
    });

    it("set-referral: BondingCurveMarket.setReferralShare", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-referral", share: "1000", description: "referral 10%" });
      expect(await l.s.market.referralShareBps()).to.equal(1000n);
    });

    it("set-breaker: BondingCurveMarket.setBreakerParameters", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-breaker", threshold: "1500", window: "20", cooldown: "30", description: "breaker" });
      expect(await l.s.market.breakerParameters()).to.deep.equal([1500n, 20n, 30n]);
    });

    it("set-curve: a step the market accepts (slope -5%) changes the curve", async function () {
      const l = await loadFixture(live);
      const [m, b] = await l.s.curve.parameters();
      const newM = m - (m * 500n) / 10_000n;
      const spotBefore = await l.s.market.spotPrice();
      await fullCycle(l, { action: "set-curve", params: `${newM},${b}`, description: "flatter curve" });
      expect(await l.s.curve.parameters()).to.deep.equal([newM, b]);
      expect(await l.s.market.spotPrice()).to.be.lessThan(spotBefore);
      expect(await l.s.market.lastCurveChange()).to.equal(BigInt((await ethers.provider.getBlock("latest"))!.timestamp));
    });

    it("set-curve: a step within bounds that the market rejects (base price +5%: reserve no longer covers the supply) reverts at execution", async function () {
      const l = await loadFixture(live);
      const [m, b] = await l.s.curve.parameters();
      const id = await proposeAndPass(l, { action: "set-curve", params: `${m},${b + (b * 500n) / 10_000n}`, description: "steeper base" });
      await expect(gov("execute", { id: id.toString(), deployment: l.file, advance: true })).to.be.rejectedWith(/execute failed: Insolvent\(/);
      expect(await l.s.curve.parameters()).to.deep.equal([m, b]);
      expect(await l.s.governor.state(id)).to.equal(STATE.Queued);
    });

    it("set-curve: a step above MAX_CURVE_STEP_BPS is refused before anything is sent", async function () {
      const l = await loadFixture(live);
      const [m, b] = await l.s.curve.parameters();
      await expect(gov("propose", { action: "set-curve", params: `${m * 2n},${b}`, description: "x", deployment: l.file, from: "1", advance: false })).to.be.rejectedWith(
        /parameter 0 moves from \d+ to \d+, more than 1000 bps/,
      );
      await expect(gov("propose", { action: "set-curve", params: `${m}`, description: "x", deployment: l.file, from: "1", advance: false })).to.be.rejectedWith(/takes 2 parameters/);
    });

    it("pause + unpause: governance pauses the market (guardian role granted, used, renounced) and unpauses it", async function () {
      const l = await loadFixture(live);
      const timelock = await l.s.timelock.getAddress();
      await fullCycle(l, { action: "pause", description: "pause trading" });
      expect(await l.s.market.paused()).to.equal(true);
      expect(await l.s.market.hasRole(GUARDIAN_ROLE, timelock)).to.equal(false);
      expect(await revertName(buy(hre, { eth: "0.1", from: l.eve.address, deployment: l.file }))).to.equal("TradingPaused");
      await fullCycle(l, { action: "unpause", description: "resume trading" });
      expect(await l.s.market.paused()).to.equal(false);
      expect(await buy(hre, { eth: "0.1", from: l.eve.address, deployment: l.file })).to.be.greaterThan(0n);
    });
  });

  describe("revenue split", function () {
    it("set-split: RevenueSplitter.setShares, and the next revenue follows the new split", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-split", shares: "3000,1500,2500,2000,1000", description: "more solidarity" });
      expect(await l.s.splitter.shares()).to.deep.equal([3000n, 1500n, 2500n, 2000n, 1000n]);
    });

    it("set-split: a split that does not sum to 10000 or exceeds MAX_SHARE_BPS is refused", async function () {
      const l = await loadFixture(live);
      const base = { action: "set-split", description: "x", deployment: l.file, from: "1", advance: false };
      await expect(gov("propose", { ...base, shares: "3000,1500,2500,2000,999" })).to.be.rejectedWith(/must sum to 10000 bps, got 9999/);
      await expect(gov("propose", { ...base, shares: "7000,1000,1000,1000,0" })).to.be.rejectedWith(/shares\[0\] 7000 is above the contract's bound 6000/);
      await expect(gov("propose", { ...base, shares: "5000,5000" })).to.be.rejectedWith(/needs 5 values/);
    });
  });

  describe("slashing (slasher proposes, staker disputes, governance decides)", function () {
    async function disputedCase(l: Awaited<ReturnType<typeof live>>) {
      await l.s.slashing.connect(l.slasher).proposeSlash(l.dave.address, 1000, ethers.id("evidence"));
      const id = await l.s.slashing.caseCount();
      await l.s.slashing.connect(l.dave).disputeSlash(id);
      expect((await l.s.slashing.slashCase(id)).status).to.equal(CASE.Disputed);
      return id;
    }

    it("uphold-slash: Slashing.upholdSlash takes the severity from the stake into the solidarity fund", async function () {
      const l = await loadFixture(live);
      const caseId = await disputedCase(l);
      const staked = (await l.s.staking.stakeOf(l.dave.address, 0)).amount;
      const cph = await l.s.token.getAddress();
      const fundBefore = await l.s.treasury.fundBalance(FUND.SOLIDARITY, cph);
      await fullCycle(l, { action: "uphold-slash", caseId: caseId.toString(), description: `uphold case ${caseId}` });
      const taken = (staked * 1000n + 9_999n) / 10_000n; // rounded up, in the protocol's favour
      expect((await l.s.slashing.slashCase(caseId)).status).to.equal(CASE.Executed);
      expect((await l.s.staking.stakeOf(l.dave.address, 0)).amount).to.equal(staked - taken);
      expect(await l.s.treasury.fundBalance(FUND.SOLIDARITY, cph)).to.equal(fundBefore + taken);
    });

    it("cancel-slash: Slashing.cancelSlash leaves the stake whole", async function () {
      const l = await loadFixture(live);
      const caseId = await disputedCase(l);
      const staked = (await l.s.staking.stakeOf(l.dave.address, 0)).amount;
      await fullCycle(l, { action: "cancel-slash", caseId: caseId.toString(), description: `cancel case ${caseId}` });
      expect((await l.s.slashing.slashCase(caseId)).status).to.equal(CASE.Cancelled);
      expect((await l.s.staking.stakeOf(l.dave.address, 0)).amount).to.equal(staked);
    });

    it("refuses to propose upholding a case that is not Disputed, or a case that does not exist", async function () {
      const l = await loadFixture(live);
      await l.s.slashing.connect(l.slasher).proposeSlash(l.dave.address, 1000, ethers.id("evidence"));
      const base = { description: "x", deployment: l.file, from: "1", advance: false };
      await expect(gov("propose", { ...base, action: "uphold-slash", caseId: "1" })).to.be.rejectedWith(/slash case 1 is Proposed; --action uphold-slash needs a Disputed case/);
      await expect(gov("propose", { ...base, action: "cancel-slash", caseId: "7" })).to.be.rejectedWith(/slash case 7 does not exist/);
    });

    it("set-slash-cap and set-dispute-window: Slashing.setMaxSeverityBps / setDisputeWindow", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-slash-cap", value: "2000", description: "cap 20%" });
      await fullCycle(l, { action: "set-dispute-window", value: String(7 * 86400), description: "7 days" });
      expect(await l.s.slashing.maxSeverityBps()).to.equal(2000n);
      expect(await l.s.slashing.disputeWindow()).to.equal(7n * 86400n);
    });
  });

  describe("staking", function () {
    it("set-staking-param: CipherStaking.setParameter(unbondingDelay)", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "set-staking-param", name: "unbondingDelay", value: String(3 * 86400), description: "3 days" });
      expect(await l.s.staking.unbondingDelay()).to.equal(3n * 86400n);
    });

    it("pause + unpause staking through governance", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "pause", contract: "CipherStaking", description: "pause staking" });
      expect(await l.s.staking.paused()).to.equal(true);
      await buy(hre, { eth: "0.1", from: l.eve.address, deployment: l.file });
      expect(await revertName(stake(hre, { amount: "all", from: l.eve.address, deployment: l.file }))).to.equal("EnforcedPause");
      // Votes keep working while staking is paused: the unpause passes.
      await fullCycle(l, { action: "unpause", contract: "CipherStaking", description: "resume staking" });
      expect(await l.s.staking.paused()).to.equal(false);
      expect(await l.s.staking.hasRole(GUARDIAN_ROLE, await l.s.timelock.getAddress())).to.equal(false);
    });
  });

  describe("governor and timelock settings", function () {
    const cases: [string, string, (l: Awaited<ReturnType<typeof live>>) => Promise<bigint>][] = [
      ["set-voting-delay", "2", (l) => l.s.governor.votingDelay()],
      ["set-voting-period", "30", (l) => l.s.governor.votingPeriod()],
      ["set-proposal-threshold", E("1").toString(), (l) => l.s.governor.proposalThreshold()],
      ["set-quorum", "500", (l) => l.s.governor["quorumNumerator()"]()],
      ["set-late-quorum", "7", (l) => l.s.governor.lateQuorumVoteExtension()],
      ["set-timelock-delay", "120", (l) => l.s.timelock.getMinDelay()],
    ];
    for (const [action, value, read] of cases) {
      it(`${action}: sets ${value}`, async function () {
        const l = await loadFixture(live);
        await fullCycle(l, { action, value, description: `${action} ${value}` });
        expect(await read(l)).to.equal(BigInt(value));
      });
    }
  });

  describe("generic calls", function () {
    it("call: CipherStaking.setTier (a new two-year tier) by name with JSON --args", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "call", contract: "CipherStaking", function: "setTier", args: `[5, ${730 * 86400}, 30000]`, description: "tier 5: two years" });
      const t = await l.s.staking.tiers(5);
      expect([t[0], t[1]]).to.deep.equal([730n * 86400n, 30000n]);
      expect(await l.s.staking.tierCount()).to.equal(6n);
    });

    it("raw: a signature and --args against a deployment name", async function () {
      const l = await loadFixture(live);
      await fullCycle(l, { action: "raw", target: "BondingCurveMarket", signature: "setReferralShare(uint256)", args: "[1234]", description: "raw referral" });
      expect(await l.s.market.referralShareBps()).to.equal(1234n);
    });
  });

  describe("gov list", function () {
    it("shows state, votes and the quorum fixed at the snapshot (400 bps of the staked votes)", async function () {
      const l = await loadFixture(live);
      const id = await fullCycle(l, { action: "set-quorum", value: "500", description: "listed" });
      const rows = (await gov("list", { deployment: l.file, json: true })) as Record<string, unknown>[];
      const snapshot = await l.s.governor.proposalSnapshot(id);
      const staked = await l.s.staking.getPastTotalSupply(snapshot);
      const forVotes = (await l.s.staking.getPastVotes(l.alice.address, snapshot)) + (await l.s.staking.getPastVotes(l.bob.address, snapshot));
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({
        id: id.toString(),
        state: "Executed",
        for: ethers.formatEther(forVotes),
        against: "0.0",
        quorum: ethers.formatEther((staked * 400n) / 10_000n),
        quorumReached: true,
      });
    });
  });

  describe("proposals bound to their proposer (OZ #proposer= suffix, issue 9 §3)", function () {
    it("B front-runs A's identical proposal and cancels it while Pending; A's `gov propose` still goes through and executes", async function () {
      const l = await loadFixture(live);
      const D = "Quorum to 5%";
      const value = 500n;
      const calldata = l.s.governor.interface.encodeFunctionData("updateQuorumNumerator", [value]);
      const target = l.s.governor.target as string;
      // B (bob, a staker) sees A's intent and submits the identical proposal first, then cancels it.
      await l.s.governor.connect(l.bob).propose([target], [0n], [calldata], D);
      await l.s.governor.connect(l.bob).cancel([target], [0n], [calldata], ethers.id(D));
      // B cannot submit the copy A's script will send either: it is bound to A.
      const bound = `${D}#proposer=${l.alice.address}`;
      await expect(l.s.governor.connect(l.bob).propose([target], [0n], [calldata], bound))
        .to.be.revertedWithCustomError(l.s.governor, "GovernorRestrictedProposer")
        .withArgs(l.bob.address);
      const id = await fullCycle(l, { action: "set-quorum", value: value.toString(), description: D });
      expect(id).to.equal(await l.s.governor.hashProposal([target], [0n], [calldata], ethers.id(bound)));
      expect(await l.s.governor.state(id)).to.equal(STATE.Executed);
      expect(await l.s.governor["quorumNumerator()"]()).to.equal(value);
      // gov list shows the description as written, and whom it is bound to.
      const rows = (await gov("list", { deployment: l.file, json: true, id: id.toString() })) as Record<string, unknown>[];
      expect(rows[0]).to.include({ description: D, boundTo: l.alice.address, proposer: l.alice.address });
    });

    it("keeps a description already bound to the sender, and refuses one bound to someone else before sending", async function () {
      const l = await loadFixture(live);
      const base = { deployment: l.file, advance: false, action: "set-quorum", value: "500" };
      const mine_ = `mine#proposer=${l.alice.address}`;
      const id = (await gov("propose", { ...base, description: mine_, from: l.alice.address })) as bigint;
      const created = await l.s.governor.queryFilter(l.s.governor.filters.ProposalCreated());
      expect(created.find((e) => e.args.proposalId === id)!.args.description).to.equal(mine_);
      await expect(gov("propose", { ...base, description: `theirs#proposer=${l.bob.address}`, from: l.alice.address })).to.be.rejectedWith(
        /the description is bound to 0x[0-9a-fA-F]{40} \(its #proposer= suffix\), but it is sent from/,
      );
    });
  });

  describe("clear errors for wrong states", function () {
    it("vote before start, execute before eta, queue while active, unknown proposal, duplicate proposal", async function () {
      const l = await loadFixture(live);
      const base = { deployment: l.file, advance: false };
      const id = (await gov("propose", { ...base, action: "set-quorum", value: "500", description: "q", from: "1" })) as bigint;
      await expect(gov("propose", { ...base, action: "set-quorum", value: "500", description: "q", from: "1" })).to.be.rejectedWith(/already exists/);
      await expect(gov("vote", { ...base, id: id.toString(), support: "for", from: "1" })).to.be.rejectedWith(/it is Pending, vote on needs Active/);
      await mine(2);
      await expect(gov("queue", { ...base, id: id.toString() })).to.be.rejectedWith(/it is Active, queue needs Succeeded/);
      await gov("vote", { ...base, id: id.toString(), support: "for", from: "1" });
      await gov("queue", { ...base, id: id.toString(), advance: true });
      await expect(gov("execute", { ...base, id: id.toString() })).to.be.rejectedWith(/executable in \d+ s/);
      await expect(gov("vote", { ...base, id: "42", support: "for", from: "1" })).to.be.rejectedWith(/no proposal 42/);
      await expect(gov("execute", { ...base, id: "0xzz" })).to.be.rejectedWith(/is not a proposal id/);
    });

    it("no votes: a voter without stake at the snapshot is refused; a proposal nobody voted on cannot be queued", async function () {
      const l = await loadFixture(live);
      const base = { deployment: l.file, advance: false };
      const id = (await gov("propose", { ...base, action: "set-quorum", value: "600", description: "nobody votes", from: "1", advance: true })) as bigint;
      await expect(gov("vote", { ...base, id: id.toString(), support: "for", from: l.eve.address })).to.be.rejectedWith(/had no votes at proposal \d+'s snapshot/);
      await expect(gov("queue", { ...base, id: id.toString(), advance: true })).to.be.rejectedWith(/it is Defeated, queue needs Succeeded \(no votes were cast on it\)/);
    });

    it("bad typed input is refused before anything is sent", async function () {
      const l = await loadFixture(live);
      const base = { description: "x", deployment: l.file, from: "1", advance: false };
      await expect(gov("propose", { ...base, action: "set-fee", buyFee: "50" })).to.be.rejectedWith(/needs --sell-fee/);
      await expect(gov("propose", { ...base, action: "set-fee", buyFee: "-1", sellFee: "1" })).to.be.rejectedWith(/--buy-fee must be a non-negative integer, got "-1"/);
      await expect(gov("propose", { ...base, action: "set-fee", buyFee: "5000", sellFee: "1" })).to.be.rejectedWith(/--buy-fee 5000 is above the contract's bound 1000/);
      await expect(gov("propose", { ...base, action: "set-breaker", threshold: "1", window: "1", cooldown: "1" })).to.be.rejectedWith(/--threshold 1 is outside/);
      await expect(gov("propose", { ...base, action: "set-staking-param", name: "apr", value: "1" })).to.be.rejectedWith(/--name must be one of/);
      await expect(gov("propose", { ...base, action: "pause", contract: "CipherTreasury" })).to.be.rejectedWith(/--contract must be BondingCurveMarket or CipherStaking/);
      await expect(gov("propose", { ...base, action: "set-slash-cap", value: "9000" })).to.be.rejectedWith(/outside the contract's bounds \[1, 5000\]/);
    });
  });
});
