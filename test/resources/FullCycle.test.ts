// The resource market's whole life on the production deployment, with governance through the real
// Governor and timelock, driven by the same `gov` tasks users run (typed resource actions).
import { expect } from "chai";
import * as fs from "fs";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { fullCycle, gov, liveSuite, quietTasks } from "../e2e/helpers";
import type { DeployedSuite } from "../../src/deploy/suite";
import { resourceMarketName } from "../../src/deploy/suite";
import { CASE, EVIDENCE, MILLI, nextAndClear, toEnd, toFinal } from "./fixture";
import { sameSecond } from "../helpers/clock";

const BOND_PER_UNIT = 10n * MILLI;
const P0 = 10n * MILLI;
const SOLIDARITY = 2;

async function resourceLive() {
  const signers = await ethers.getSigners();
  const [o1, o2, o3, pA, pB, cX, cY] = signers.slice(10, 17);
  const l = await liveSuite({ oracles: [o1.address, o2.address, o3.address] });
  const s = l.s as DeployedSuite;
  const rm = s.resourceMarkets.compute;
  // The deployment file cipher:deploy writes lists the resource market too.
  const d = JSON.parse(fs.readFileSync(l.file, "utf8"));
  d.contracts[resourceMarketName("compute")] = { address: await rm.getAddress(), block: 0 };
  fs.writeFileSync(l.file, JSON.stringify(d));
  for (const u of [pA, pB, cX, cY]) {
    await s.market.connect(u).buy(ethers.parseEther("5"), 0, ethers.ZeroAddress, ethers.MaxUint256, { value: ethers.parseEther("5") });
    await s.token.connect(u).approve(await rm.getAddress(), ethers.MaxUint256);
  }
  return { ...l, s, rm, o1, o2, o3, pA, pB, cX, cY };
}

describe("ResourceMarket: full cycle on the production deployment", function () {
  this.timeout(600_000); // governance cycles under coverage's instrumented bytecode are slow
  quietTasks();

  it("registers, requests, clears, attests, pays, refunds, and slashes a non-delivering provider through a dispute upheld by governance", async function () {
    const l = await loadFixture(resourceLive);
    const { s, rm, o1, o2, pA, pB, cX, cY } = l;
    const token = await s.token.getAddress();

    // Register: A offers 4 units, B 3 units, both at any price; consumers ask for 7 at the posted price.
    await rm.connect(pA).register(4, 0, 4n * BOND_PER_UNIT);
    await rm.connect(pB).register(3, 0, 3n * BOND_PER_UNIT);
    await rm.connect(cX).request(5, P0);
    await rm.connect(cY).request(2, P0);

    // Clear: 7 demanded, 7 offered, 7 sold at P0.
    const e = await nextAndClear(rm);
    expect((await rm.epochData(e)).sold).to.equal(7n);

    // Attest: A delivered its 4 units, B none (a quorum of 2 of 3 oracles, matching evidence).
    await toEnd(rm, e);
    for (const o of [o1, o2]) {
      await rm.connect(o).attestDelivery(pA.address, e, 4, EVIDENCE);
      await sameSecond(); // A's boost is renewed by the quorum; read below in the same second, undecayed
      await rm.connect(o).attestDelivery(pB.address, e, 0, EVIDENCE);
    }
    const gross = 4n * P0;
    const fee = (gross * 200n + 9_999n) / 10_000n;
    expect(await rm.earnings(pA.address)).to.equal(gross - fee);
    expect(await s.staking.currentBoostBps(pA.address)).to.equal(2_500n); // delivered share 100%

    // Pay: A withdraws its earnings; the fee goes to the revenue split.
    const a0 = await s.token.balanceOf(pA.address);
    await rm.connect(pA).withdrawEarnings();
    expect((await s.token.balanceOf(pA.address)) - a0).to.equal(gross - fee);
    await rm.flushFees();
    expect(await s.splitter.unsplit(token)).to.equal(fee);

    // Refund: once final, each consumer gets back its share of B's 3 undelivered units.
    await toFinal(rm, e);
    const x0 = await s.token.balanceOf(cX.address);
    const y0 = await s.token.balanceOf(cY.address);
    await rm.settleOrder(1);
    await rm.settleOrder(2);
    expect((await s.token.balanceOf(cX.address)) - x0).to.equal((5n * P0 * 3n) / 7n);
    expect((await s.token.balanceOf(cY.address)) - y0).to.equal((2n * P0 * 3n) / 7n);

    // Slash: the slasher opens a case against B's bond, B disputes, governance upholds it.
    await rm.connect(l.slasher).proposeBondSlash(pB.address, e, EVIDENCE);
    await rm.connect(pB).disputeBondSlash(1);
    const fund0 = await s.treasury.fundBalance(SOLIDARITY, token);
    await fullCycle(l, { action: "uphold-resource-slash", caseId: "1", description: "Uphold bond case 1: B did not deliver" });
    expect((await rm.bondCase(1)).status).to.equal(CASE.Executed);
    expect((await s.treasury.fundBalance(SOLIDARITY, token)) - fund0).to.equal(3n * BOND_PER_UNIT);
    expect((await rm.providerInfo(pB.address)).bond).to.equal(0n);

    // The books close: every token the market holds is a bond, escrow, earnings or fees.
    const held = await s.token.balanceOf(await rm.getAddress());
    expect(held).to.equal((await rm.totalBonds()) + (await rm.totalEscrow()) + (await rm.totalEarnings()) + (await rm.accruedFees()));
    expect(await rm.totalEscrow()).to.be.lessThan(2n); // rounding the protocol kept
  });

  describe("typed governance actions", function () {
    it("set-resource-param and set-resource-mechanism proposals execute through the timelock", async function () {
      const l = await loadFixture(resourceLive);
      await fullCycle(l, { action: "set-resource-param", name: "feeBps", value: "350", description: "Compute fee 3.5%" });
      expect((await l.rm.params()).feeBps).to.equal(350n);
      expect((await l.rm.params()).bondPerUnit).to.equal(BOND_PER_UNIT); // the other fields kept
      await fullCycle(l, { action: "set-resource-mechanism", value: "auction", description: "Compute by batch auction" });
      expect(await l.rm.mechanism()).to.equal(1n);
    });

    it("cancel-resource-slash cancels a proposed case through the timelock", async function () {
      const l = await loadFixture(resourceLive);
      const { rm, o1, o2, pB, cX } = l;
      await rm.connect(pB).register(3, 0, 3n * BOND_PER_UNIT);
      await rm.connect(cX).request(3, P0);
      const e = await nextAndClear(rm);
      await toEnd(rm, e);
      for (const o of [o1, o2]) await rm.connect(o).attestDelivery(pB.address, e, 1, EVIDENCE);
      await toFinal(rm, e);
      await rm.connect(l.slasher).proposeBondSlash(pB.address, e, EVIDENCE);
      await fullCycle(l, { action: "cancel-resource-slash", caseId: "1", description: "Cancel bond case 1" });
      expect((await rm.bondCase(1)).status).to.equal(CASE.Cancelled);
    });

    it("refuses bad inputs before anything is sent", async function () {
      const l = await loadFixture(resourceLive);
      const base = { deployment: l.file, from: l.alice.address, description: "bad" };
      const bad = async (args: Record<string, unknown>, msg: RegExp) => expect(gov("propose", { ...base, ...args })).to.be.rejectedWith(msg);
      await bad({ action: "set-resource-param", name: "nope", value: "1" }, /--name must be one of/);
      await bad({ action: "set-resource-param", name: "feeBps", value: "1001" }, /outside the contract's bounds \[0, 1000\]/);
      await bad({ action: "set-resource-param", name: "feeBps" }, /needs --value/);
      await bad({ action: "set-resource-mechanism", value: "lottery" }, /posted or auction/);
      await bad({ action: "uphold-resource-slash", caseId: "7" }, /bond case 7 of ResourceMarket_compute does not exist/);
      await bad({ action: "set-resource-mechanism", value: "posted", contract: "BondingCurveMarket" }, /must name a resource market/);
    });
  });
});
