// Full governance cycles (propose -> vote -> queue -> execute) through the timelock, and the
// role layout that leaves no externally owned account in control.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deployGovernance, FUND, passAndExecute, propose, STATE, TIMELOCK_DELAY, toActive, toEnd, VOTE, type Governance, type Proposal } from "./fixtures";
import { assertNoEoaAdmin, auditRoles } from "../helpers/roles";

const E = (n: string) => ethers.parseEther(n);
const ETH = ethers.ZeroAddress;

function call(target: { target: unknown; interface: { encodeFunctionData(f: string, a: unknown[]): string } }, fn: string, args: unknown[], description: string): Proposal {
  return { targets: [target.target as string], values: [0n], calldatas: [target.interface.encodeFunctionData(fn, args)], description };
}

describe("Governance cycle", function () {
  describe("treasury grant", function () {
    it("pays a grant from the welfare fund after propose, vote, queue and execute, with every state in order", async function () {
      const g = await loadFixture(deployGovernance);
      const p = call(g.treasury, "grant", [FUND.WELFARE, ETH, g.carol.address, E("3"), "grant #1"], "welfare grant to carol");
      const { id } = await propose(g, p);
      expect(await g.governor.state(id)).to.equal(STATE.Pending);
      await toActive(g, id);
      expect(await g.governor.state(id)).to.equal(STATE.Active);
      await g.governor.connect(g.alice).castVote(id, VOTE.FOR);
      await g.governor.connect(g.dave).castVote(id, VOTE.AGAINST);
      await toEnd(g, id);
      expect(await g.governor.state(id)).to.equal(STATE.Succeeded);
      const dh = ethers.id(p.description);
      await g.governor.queue(p.targets, p.values, p.calldatas, dh);
      expect(await g.governor.state(id)).to.equal(STATE.Queued);
      // Not before the timelock delay.
      await expect(g.governor.execute(p.targets, p.values, p.calldatas, dh)).to.be.revertedWithCustomError(
        g.timelock,
        "TimelockUnexpectedOperationState",
      );
      await time.increase(TIMELOCK_DELAY);
      const exec = g.governor.connect(g.outsider).execute(p.targets, p.values, p.calldatas, dh); // anyone executes
      await expect(exec).to.emit(g.treasury, "GrantPaid").withArgs(FUND.WELFARE, ETH, g.carol.address, E("3"), "grant #1");
      await expect(exec).to.changeEtherBalance(g.carol, E("3"));
      expect(await g.governor.state(id)).to.equal(STATE.Executed);
      expect(await g.treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(E("7"));
      // And it cannot run twice.
      await expect(g.governor.execute(p.targets, p.values, p.calldatas, dh)).to.be.revertedWithCustomError(
        g.governor,
        "GovernorUnexpectedProposalState",
      );
    });

    it("cannot grant more than the fund holds: the execution reverts with TreasuryInsufficientFund", async function () {
      const g = await loadFixture(deployGovernance);
      const p = call(g.treasury, "grant", [FUND.WELFARE, ETH, g.attacker.address, E("11"), "drain"], "drain welfare");
      await expect(passAndExecute(g, p)).to.be.revertedWithCustomError(g.treasury, "TreasuryInsufficientFund");
    });

    it("does not let the proposer, the deployer or anyone but the timelock pay out", async function () {
      const g = await loadFixture(deployGovernance);
      for (const s of [g.deployer, g.alice]) {
        await expect(g.treasury.connect(s).grant(FUND.WELFARE, ETH, s.address, 1n, "")).to.be.revertedWithCustomError(
          g.treasury,
          "AccessControlUnauthorizedAccount",
        );
      }
      // Nor schedule straight on the timelock, bypassing the vote.
      const data = g.treasury.interface.encodeFunctionData("grant", [FUND.WELFARE, ETH, g.alice.address, 1n, ""]);
      await expect(
        g.timelock.connect(g.alice).schedule(g.treasury.target, 0, data, ethers.ZeroHash, ethers.ZeroHash, TIMELOCK_DELAY),
      ).to.be.revertedWithCustomError(g.timelock, "AccessControlUnauthorizedAccount");
    });
  });

  describe("treasury stream", function () {
    it("creates a stream by proposal, the recipient withdraws, a second proposal cancels it", async function () {
      const g = await loadFixture(deployGovernance);
      const cph = await g.erc20.getAddress();
      const duration = 30n * 86400n;
      const create = call(g.treasury, "createStream", [FUND.SOLIDARITY, cph, g.carol.address, E("300"), 0, 0, duration], "stream to carol");
      const { exec } = await passAndExecute(g, create);
      const start = BigInt((await ethers.provider.getBlock((await exec.wait())!.blockNumber))!.timestamp);
      await expect(exec).to.emit(g.treasury, "StreamCreated").withArgs(1n, FUND.SOLIDARITY, g.carol.address, cph, E("300"), start, 0n, duration);
      expect(await g.treasury.committedBalance(FUND.SOLIDARITY, cph)).to.equal(E("300"));

      await time.setNextBlockTimestamp(start + duration / 3n);
      await g.treasury.connect(g.carol).withdraw(1n);
      expect(await g.erc20.balanceOf(g.carol.address)).to.equal(E("100")); // a third exactly

      const cancel = call(g.treasury, "cancelStream", [1n], "cancel carol's stream");
      const { exec: cancelExec } = await passAndExecute(g, cancel);
      const tCancel = BigInt((await ethers.provider.getBlock((await cancelExec.wait())!.blockNumber))!.timestamp);
      const vested = (E("300") * (tCancel - start)) / duration;
      await expect(cancelExec).to.emit(g.treasury, "StreamCancelled").withArgs(1n, vested, E("300") - vested);
      expect(await g.treasury.fundBalance(FUND.SOLIDARITY, cph)).to.equal(E("700") + E("300") - vested);
      await time.increase(duration);
      await g.treasury.connect(g.carol).withdraw(1n);
      expect(await g.erc20.balanceOf(g.carol.address)).to.equal(vested);
    });
  });

  describe("parameter change on a governed contract", function () {
    it("changes a bounded parameter whose admin is the timelock", async function () {
      const g = await loadFixture(deployGovernance);
      const { exec } = await passAndExecute(g, call(g.param, "setFee", [75n], "fee 75 bps"));
      await expect(exec).to.emit(g.param, "FeeUpdated").withArgs(30n, 75n);
      expect(await g.param.feeBps()).to.equal(75n);
    });

    it("reverts the execution with the target's own bound error (FeeTooHigh)", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(passAndExecute(g, call(g.param, "setFee", [1_001n], "fee too high")))
        .to.be.revertedWithCustomError(g.param, "FeeTooHigh")
        .withArgs(1_001n, 1_000n);
    });

    it("rejects a direct call from an EOA", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(g.param.connect(g.deployer).setFee(1n)).to.be.revertedWithCustomError(g.param, "AccessControlUnauthorizedAccount");
    });
  });

  describe("timelock", function () {
    it("changes its own delay only through a proposal, within bounds", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(g.timelock.connect(g.alice).updateDelay(7200))
        .to.be.revertedWithCustomError(g.timelock, "TimelockUnauthorizedCaller")
        .withArgs(g.alice.address);
      const { exec } = await passAndExecute(g, call(g.timelock, "updateDelay", [7200], "delay 2h"));
      await expect(exec).to.emit(g.timelock, "MinDelayChange").withArgs(BigInt(TIMELOCK_DELAY), 7200n);
      expect(await g.timelock.getMinDelay()).to.equal(7200n);
    });

    it("reverts with TimelockDelayOutOfBounds for a delay under a minute or over 30 days", async function () {
      const g = await loadFixture(deployGovernance);
      await expect(passAndExecute(g, call(g.timelock, "updateDelay", [59], "delay 59s")))
        .to.be.revertedWithCustomError(g.timelock, "TimelockDelayOutOfBounds")
        .withArgs(59n, 60n, 30n * 86400n);
      const factory = await ethers.getContractFactory("CipherTimelock");
      await expect(factory.deploy(30n * 86400n + 1n, [], [], ETH))
        .to.be.revertedWithCustomError(factory, "TimelockDelayOutOfBounds")
        .withArgs(30n * 86400n + 1n, 60n, 30n * 86400n);
    });

    it("refuses an EOA cancelling a queued operation on the timelock (only the governor holds CANCELLER_ROLE)", async function () {
      const g = await loadFixture(deployGovernance);
      const p = call(g.param, "setFee", [10n], "fee 10");
      const { id } = await propose(g, p);
      await toActive(g, id);
      await g.governor.connect(g.alice).castVote(id, VOTE.FOR);
      await toEnd(g, id);
      await g.governor.queue(p.targets, p.values, p.calldatas, ethers.id(p.description));
      const opId = await g.timelock.hashOperationBatch(p.targets, p.values, p.calldatas, ethers.ZeroHash, await saltFor(g, p.description));
      expect(await g.timelock.isOperationPending(opId)).to.equal(true);
      await expect(g.timelock.connect(g.alice).cancel(opId)).to.be.revertedWithCustomError(g.timelock, "AccessControlUnauthorizedAccount");
      expect(await g.timelock.isOperationPending(opId)).to.equal(true);
    });

    it("lets the proposer cancel a proposal while it is Pending, and no one else", async function () {
      const g = await loadFixture(deployGovernance);
      const p = call(g.param, "setFee", [11n], "fee 11");
      const { id } = await propose(g, p);
      const dh = ethers.id(p.description);
      // staticCall: mining a block here would make the proposal Active (voting delay 1).
      await expect(g.governor.connect(g.bob).cancel.staticCall(p.targets, p.values, p.calldatas, dh))
        .to.be.revertedWithCustomError(g.governor, "GovernorUnableToCancel")
        .withArgs(id, g.bob.address);
      await expect(g.governor.connect(g.alice).cancel(p.targets, p.values, p.calldatas, dh)).to.emit(g.governor, "ProposalCanceled");
      expect(await g.governor.state(id)).to.equal(STATE.Canceled);
    });
  });

  describe("roles", function () {
    it("wires the timelock: governor proposes and cancels, anyone executes, the timelock administers itself", async function () {
      const g = await loadFixture(deployGovernance);
      const tl = g.timelock;
      expect(await tl.hasRole(await tl.PROPOSER_ROLE(), g.governor.target)).to.equal(true);
      expect(await tl.hasRole(await tl.CANCELLER_ROLE(), g.governor.target)).to.equal(true);
      expect(await tl.hasRole(await tl.EXECUTOR_ROLE(), ETH)).to.equal(true);
      expect(await tl.hasRole(await tl.DEFAULT_ADMIN_ROLE(), tl.target)).to.equal(true);
      expect(await tl.hasRole(await tl.DEFAULT_ADMIN_ROLE(), g.deployer.address)).to.equal(false);
    });

    it("audits every role of the deployment and finds no EOA holding an admin role", async function () {
      const g = await loadFixture(deployGovernance);
      const holders = await assertNoEoaAdmin({
        CipherTimelock: g.timelock.target as string,
        CipherTreasury: g.treasury.target as string,
        GovernedParameterMock: g.param.target as string,
        CipherGovernor: g.governor.target as string, // no roles: skipped, not an error
        CipherToken: g.erc20.target as string,
      });
      const admins = holders.filter((h) => h.roleName === "DEFAULT_ADMIN_ROLE").map((h) => `${h.contract}:${h.holder}`);
      expect(admins.sort()).to.deep.equal(
        [`CipherTimelock:${g.timelock.target}`, `CipherTreasury:${g.timelock.target}`, `GovernedParameterMock:${g.timelock.target}`].sort(),
      );
      const proposers = holders.filter((h) => h.roleName === "PROPOSER_ROLE" || h.roleName === "CANCELLER_ROLE");
      expect(proposers.map((h) => h.holder)).to.deep.equal([g.governor.target, g.governor.target]);
      const executors = holders.filter((h) => h.roleName === "EXECUTOR_ROLE");
      expect(executors.map((h) => h.holderKind)).to.deep.equal(["anyone"]);
    });

    it("reports an EOA that kept an admin role (a deployment that forgot to renounce)", async function () {
      const g = await loadFixture(deployGovernance);
      const leaky = await ethers.deployContract("GovernedParameterMock", [g.deployer.address]);
      const tl = await ethers.deployContract("CipherTimelock", [3600, [g.alice.address], [g.alice.address], g.deployer.address]);
      const { violations } = await auditRoles({ Leaky: leaky.target as string, LeakyTimelock: tl.target as string });
      expect(violations).to.include(`Leaky: EOA ${g.deployer.address} holds DEFAULT_ADMIN_ROLE (admin role)`);
      expect(violations).to.include(`LeakyTimelock: EOA ${g.deployer.address} holds DEFAULT_ADMIN_ROLE (admin role)`);
      expect(violations).to.include(`LeakyTimelock: EOA ${g.alice.address} holds PROPOSER_ROLE`);
      await expect(assertNoEoaAdmin({ Leaky: leaky.target as string })).to.be.rejectedWith(/role audit failed/);
    });
  });
});

/** GovernorTimelockControl's salt: the governor address xor'ed into the description hash. */
async function saltFor(g: Governance, description: string): Promise<string> {
  const gov = BigInt(g.governor.target as string) << 96n;
  return ethers.toBeHex(gov ^ BigInt(ethers.id(description)), 32);
}
