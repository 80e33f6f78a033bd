import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { ResourceMarket } from "../../typechain-types";
import {
  CASE,
  EVIDENCE,
  MECH,
  MILLI,
  STATUS,
  impersonate,
  nextAndClear,
  resourceFixture,
  toEnd,
  toFinal,
  toNextEpoch,
  type ResourceFixture,
} from "./fixture";

const BOND_PER_UNIT = 10n * MILLI; // default parameters file: 0.01 CPH per unit
const P0 = 10n * MILLI; // initial posted price: 0.01 CPH per unit
const SOLIDARITY = 2;

async function params(rm: ResourceMarket) {
  const p = await rm.params();
  return {
    adjustmentBps: p.adjustmentBps,
    maxChangeBps: p.maxChangeBps,
    feeBps: p.feeBps,
    slashBps: p.slashBps,
    attestationWindow: p.attestationWindow,
    exitDelay: p.exitDelay,
    maxCapacity: p.maxCapacity,
    bondPerUnit: p.bondPerUnit,
  };
}

/** Both oracles o1 and o2 (quorum 2) attest `units` for `provider` in `epoch`. */
async function attest(f: ResourceFixture, provider: string, epoch: bigint, units: bigint, evidence = EVIDENCE) {
  await f.rm.connect(f.o1).attestDelivery(provider, epoch, units, evidence);
  return f.rm.connect(f.o2).attestDelivery(provider, epoch, units, evidence);
}

/** Deploys another ResourceMarket over the same suite (admin = timelock), with overrides. */
async function deployMarket(f: ResourceFixture, over: Record<string, unknown> = {}, paramOver: Record<string, unknown> = {}) {
  const libs = {
    ResourceClearing: await (await ethers.deployContract("ResourceClearing")).getAddress(),
    ResourceBondCases: await (await ethers.deployContract("ResourceBondCases")).getAddress(),
    ResourceRules: await (await ethers.deployContract("ResourceRules")).getAddress(),
  };
  const Factory = await ethers.getContractFactory("ResourceMarket", { libraries: libs });
  const cfg = {
    admin: await f.suite.timelock.getAddress(),
    guardian: f.deployer.address,
    token: await f.suite.token.getAddress(),
    oracle: await f.suite.oracle.getAddress(),
    slashing: await f.suite.slashing.getAddress(),
    revenueSplitter: await f.suite.splitter.getAddress(),
    kind: ethers.encodeBytes32String("storage"),
    epochLength: 3600,
    minPrice: MILLI,
    tickSize: MILLI,
    numTicks: 10,
    initialPrice: 5n * MILLI,
    mechanism: MECH.BatchAuction,
    params: { ...(await params(f.rm)), ...paramOver },
    ...over,
  };
  return { Factory, cfg, deploy: async () => (await Factory.deploy(cfg)) as unknown as ResourceMarket };
}

describe("ResourceMarket", function () {
  describe("deployment (deploy/cipher.ts)", function () {
    it("deploys a posted-price compute market governed by the timelock and wired to the suite", async function () {
      const f = await loadFixture(resourceFixture);
      const { rm, suite } = f;
      expect(ethers.decodeBytes32String(await rm.kind())).to.equal("compute");
      expect(await rm.token()).to.equal(await suite.token.getAddress());
      expect(await rm.oracle()).to.equal(await suite.oracle.getAddress());
      expect(await rm.slashing()).to.equal(await suite.slashing.getAddress());
      expect(await rm.revenueSplitter()).to.equal(await suite.splitter.getAddress());
      expect(await rm.hasRole(ethers.ZeroHash, await suite.timelock.getAddress())).to.equal(true);
      expect(await rm.hasRole(ethers.ZeroHash, f.deployer.address)).to.equal(false);
      expect(await rm.hasRole(await rm.GUARDIAN_ROLE(), f.deployer.address)).to.equal(true);
      expect(await suite.oracle.hasRole(await suite.oracle.VENUE_ROLE(), f.rmAddr)).to.equal(true);
      expect(await rm.mechanism()).to.equal(MECH.Posted);
      expect(await rm.postedPrice()).to.equal(P0);
      expect(await rm.nextClearEpoch()).to.equal(2n);
      expect(await rm.maxPrice()).to.equal(100n * MILLI);
      const p = await params(rm);
      expect(p).to.deep.equal({
        adjustmentBps: 1250n,
        maxChangeBps: 1250n,
        feeBps: 200n,
        slashBps: 10000n,
        attestationWindow: 1800n,
        exitDelay: 86400n,
        maxCapacity: 1000000n,
        bondPerUnit: BOND_PER_UNIT,
      });
    });
  });

  describe("constructor bounds", function () {
    it("reverts with ZeroAddress for each missing address", async function () {
      const f = await loadFixture(resourceFixture);
      const { Factory, cfg } = await deployMarket(f);
      for (const k of ["admin", "token", "oracle", "slashing", "revenueSplitter"]) {
        await expect(Factory.deploy({ ...cfg, [k]: ethers.ZeroAddress })).to.be.revertedWithCustomError(f.rm, "ZeroAddress");
      }
    });

    it("reverts with ParameterOutOfBounds for each grid or epoch value outside its bounds", async function () {
      const f = await loadFixture(resourceFixture);
      const { Factory, cfg } = await deployMarket(f);
      const cases: [string, Record<string, unknown>][] = [
        ["epochLength", { epochLength: 59 }],
        ["epochLength", { epochLength: 30 * 86400 + 1 }],
        ["numTicks", { numTicks: 1 }],
        ["numTicks", { numTicks: 101 }],
        ["minPrice", { minPrice: 0 }],
        ["minPrice", { minPrice: 10n ** 24n + 1n }],
        ["tickSize", { tickSize: 0 }],
        ["tickSize", { tickSize: 10n ** 24n + 1n }],
        ["maxPrice", { tickSize: 10n ** 23n, numTicks: 11 }],
        ["initialPrice", { initialPrice: MILLI - 1n }],
        ["initialPrice", { initialPrice: 10n * MILLI + 1n }],
      ];
      for (const [name, over] of cases) {
        await expect(Factory.deploy({ ...cfg, ...over }), name)
          .to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds")
          .withArgs(ethers.encodeBytes32String(name), (v: bigint) => v >= 0n, (v: bigint) => v >= 0n, (v: bigint) => v >= 0n);
      }
    });

    it("reverts with ParameterOutOfBounds for each governed parameter outside its bounds, at deployment and in setParams", async function () {
      const f = await loadFixture(resourceFixture);
      const { Factory, cfg } = await deployMarket(f);
      const base = await params(f.rm);
      const bad: [string, bigint][] = [
        ["adjustmentBps", 10_001n],
        ["maxChangeBps", 0n],
        ["maxChangeBps", 5_001n],
        ["feeBps", 1_001n],
        ["slashBps", 0n],
        ["slashBps", 10_001n],
        ["attestationWindow", 59n],
        ["attestationWindow", 7n * 86400n + 1n],
        ["exitDelay", 3599n],
        ["exitDelay", 60n * 86400n + 1n],
        ["maxCapacity", 0n],
        ["maxCapacity", 10n ** 12n + 1n],
        ["bondPerUnit", 0n],
        ["bondPerUnit", 10n ** 24n + 1n],
      ];
      for (const [name, v] of bad) {
        const p = { ...base, [name]: v };
        await expect(Factory.deploy({ ...cfg, params: p }), name).to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds");
        await expect(f.rm.connect(f.timelock).setParams(p), name)
          .to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds")
          .withArgs(ethers.encodeBytes32String(name), v, (x: bigint) => x >= 0n, (x: bigint) => x >= 0n);
      }
    });

    it("grants no guardian when none is given", async function () {
      const f = await loadFixture(resourceFixture);
      const { deploy } = await deployMarket(f, { guardian: ethers.ZeroAddress });
      const m = await deploy();
      expect(await m.hasRole(await m.GUARDIAN_ROLE(), ethers.ZeroAddress)).to.equal(false);
      expect(await m.mechanism()).to.equal(MECH.BatchAuction);
    });
  });

  describe("governance", function () {
    it("lets only governance set parameters, emitting one event per changed value", async function () {
      const f = await loadFixture(resourceFixture);
      const p = { ...(await params(f.rm)), feeBps: 300n, exitDelay: 7200n };
      await expect(f.rm.connect(f.stranger).setParams(p)).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await expect(f.rm.connect(f.timelock).setParams(p))
        .to.emit(f.rm, "ParameterChanged")
        .withArgs(ethers.encodeBytes32String("feeBps"), 200n, 300n)
        .and.to.emit(f.rm, "ParameterChanged")
        .withArgs(ethers.encodeBytes32String("exitDelay"), 86400n, 7200n);
      expect((await f.rm.params()).feeBps).to.equal(300n);
    });

    it("lets only governance change the mechanism, effective from the next clearing", async function () {
      const f = await loadFixture(resourceFixture);
      await expect(f.rm.connect(f.stranger).setMechanism(MECH.BatchAuction)).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await expect(f.rm.connect(f.timelock).setMechanism(MECH.BatchAuction)).to.emit(f.rm, "MechanismChanged").withArgs(MECH.Posted, MECH.BatchAuction);
      expect((await f.rm.epochData(2n)).mechanism).to.equal(MECH.Posted);
      const e = await nextAndClear(f.rm);
      expect((await f.rm.epochData(e + 1n)).mechanism).to.equal(MECH.BatchAuction);
    });

    it("pauses by the guardian only, unpauses by governance only, and pauses only entries", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(10, 0, 10n * BOND_PER_UNIT);
      await expect(f.rm.connect(f.stranger).pause()).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await f.rm.connect(f.deployer).pause();
      await expect(f.rm.connect(f.pB).register(1, 0, BOND_PER_UNIT)).to.be.revertedWithCustomError(f.rm, "EnforcedPause");
      await expect(f.rm.connect(f.pA).setOffer(1, 0)).to.be.revertedWithCustomError(f.rm, "EnforcedPause");
      await expect(f.rm.connect(f.pA).addBond(1)).to.be.revertedWithCustomError(f.rm, "EnforcedPause");
      await expect(f.rm.connect(f.cX).request(1, P0)).to.be.revertedWithCustomError(f.rm, "EnforcedPause");
      await expect(f.rm.connect(f.pA).requestExit()).to.emit(f.rm, "ExitRequested"); // leaving still works
      await expect(f.rm.connect(f.deployer).unpause()).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await f.rm.connect(f.timelock).unpause();
      await expect(f.rm.connect(f.cX).request(1, P0)).to.emit(f.rm, "OrderPlaced");
    });
  });

  describe("providers", function () {
    it("registers capacity with a measured bond, effective from the next epoch", async function () {
      const f = await loadFixture(resourceFixture);
      const before = await f.suite.token.balanceOf(f.rmAddr);
      await expect(f.rm.connect(f.pA).register(100, 3n * MILLI, 100n * BOND_PER_UNIT))
        .to.emit(f.rm, "ProviderRegistered")
        .withArgs(f.pA.address, 100n, 2n, 100n * BOND_PER_UNIT)
        .and.to.emit(f.rm, "OfferChanged")
        .withArgs(f.pA.address, 100n, 2n, 2n);
      expect((await f.suite.token.balanceOf(f.rmAddr)) - before).to.equal(100n * BOND_PER_UNIT);
      expect(await f.rm.totalBonds()).to.equal(100n * BOND_PER_UNIT);
      expect(await f.rm.supplyAt(2)).to.equal(100n);
      expect(await f.rm.totalCapacity()).to.equal(100n);
      expect(await f.rm.offerAt(f.pA.address, 1n)).to.deep.equal([0n, 0n]);
      expect(await f.rm.offerAt(f.pA.address, 2n)).to.deep.equal([100n, 2n]);
      const p = await f.rm.providerInfo(f.pA.address);
      expect(p.status).to.equal(STATUS.Active);
      // An ask between grid prices rounds up: the provider never sells below its ask.
      await f.rm.connect(f.pB).register(1, 3n * MILLI + 1n, BOND_PER_UNIT);
      expect((await f.rm.providerInfo(f.pB.address)).askTick).to.equal(3n);
    });

    it("rejects a second registration, zero or excess capacity, a short or oversized bond and an ask above the grid", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT);
      await expect(f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT))
        .to.be.revertedWithCustomError(f.rm, "WrongProviderStatus")
        .withArgs(f.pA.address, STATUS.Active);
      await expect(f.rm.connect(f.pB).register(0, 0, BOND_PER_UNIT)).to.be.revertedWithCustomError(f.rm, "InvalidUnits").withArgs(0n, 1000000n);
      await expect(f.rm.connect(f.pB).register(1000001, 0, 10n ** 30n)).to.be.revertedWithCustomError(f.rm, "InvalidUnits");
      await expect(f.rm.connect(f.pB).register(2, 0, 2n * BOND_PER_UNIT - 1n))
        .to.be.revertedWithCustomError(f.rm, "InsufficientBond")
        .withArgs(2n * BOND_PER_UNIT - 1n, 2n * BOND_PER_UNIT);
      await expect(f.rm.connect(f.pB).register(1, 0, 10n ** 36n + 1n))
        .to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds")
        .withArgs(ethers.encodeBytes32String("bond"), 10n ** 36n + 1n, 0n, 10n ** 36n);
      await expect(f.rm.connect(f.pB).register(1, 100n * MILLI + 1n, BOND_PER_UNIT))
        .to.be.revertedWithCustomError(f.rm, "AskAboveGrid")
        .withArgs(100n * MILLI + 1n, 100n * MILLI);
    });

    it("changes the offer (buckets move, history kept per epoch) within the bond", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(10, 0, 20n * BOND_PER_UNIT);
      await expect(f.rm.connect(f.pA).setOffer(20, 5n * MILLI)).to.emit(f.rm, "OfferChanged").withArgs(f.pA.address, 20n, 4n, 2n);
      expect(await f.rm.supplyAt(0)).to.equal(0n);
      expect(await f.rm.supplyAt(4)).to.equal(20n);
      await expect(f.rm.connect(f.pA).setOffer(21, 0)).to.be.revertedWithCustomError(f.rm, "InsufficientBond");
      await expect(f.rm.connect(f.pA).setOffer(0, 0)).to.be.revertedWithCustomError(f.rm, "InvalidUnits");
      await expect(f.rm.connect(f.pB).setOffer(1, 0)).to.be.revertedWithCustomError(f.rm, "WrongProviderStatus").withArgs(f.pB.address, STATUS.None);
      const e = await nextAndClear(f.rm);
      await f.rm.connect(f.pA).setOffer(7, MILLI);
      expect(await f.rm.offerAt(f.pA.address, e)).to.deep.equal([20n, 4n]);
      expect(await f.rm.offerAt(f.pA.address, e + 1n)).to.deep.equal([7n, 0n]);
    });

    it("adds to the bond; rejects zero, oversize, and non-providers", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT);
      await expect(f.rm.connect(f.pA).addBond(5n)).to.emit(f.rm, "BondAdded").withArgs(f.pA.address, 5n, BOND_PER_UNIT + 5n);
      expect(await f.rm.totalBonds()).to.equal(BOND_PER_UNIT + 5n);
      await expect(f.rm.connect(f.pA).addBond(0)).to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds");
      await expect(f.rm.connect(f.pA).addBond(10n ** 36n)).to.be.revertedWithCustomError(f.rm, "ParameterOutOfBounds");
      await expect(f.rm.connect(f.pB).addBond(1)).to.be.revertedWithCustomError(f.rm, "WrongProviderStatus");
    });

    it("waits for the current epoch to be cleared before any offer change or order", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT);
      await toNextEpoch(f.rm);
      await expect(f.rm.connect(f.pB).register(1, 0, BOND_PER_UNIT)).to.be.revertedWithCustomError(f.rm, "EpochNotCleared").withArgs(2n);
      await expect(f.rm.connect(f.pA).setOffer(1, 0)).to.be.revertedWithCustomError(f.rm, "EpochNotCleared");
      await expect(f.rm.connect(f.cX).request(1, P0)).to.be.revertedWithCustomError(f.rm, "EpochNotCleared");
      await expect(f.rm.connect(f.pA).requestExit()).to.be.revertedWithCustomError(f.rm, "EpochNotCleared");
    });

    it("leaves after the delay: no capacity next epoch, bond locked until final + exitDelay and while a case is open", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(10, 0, 10n * BOND_PER_UNIT);
      await expect(f.rm.connect(f.pA).withdrawBond()).to.be.revertedWithCustomError(f.rm, "WrongProviderStatus").withArgs(f.pA.address, STATUS.Active);
      await expect(f.rm.connect(f.pB).requestExit()).to.be.revertedWithCustomError(f.rm, "WrongProviderStatus");
      const tx = await f.rm.connect(f.pA).requestExit();
      const end = (await f.rm.genesis()) + 1n * (await f.rm.epochLength());
      const releaseAt = end + 1800n + 86400n;
      await expect(tx).to.emit(f.rm, "ExitRequested").withArgs(f.pA.address, 2n, releaseAt);
      expect(await f.rm.totalCapacity()).to.equal(0n);
      expect(await f.rm.offerAt(f.pA.address, 2n)).to.deep.equal([0n, 0n]);
      await expect(f.rm.connect(f.pA).requestExit()).to.be.revertedWithCustomError(f.rm, "WrongProviderStatus").withArgs(f.pA.address, STATUS.Exiting);
      await expect(f.rm.connect(f.pA).withdrawBond()).to.be.revertedWithCustomError(f.rm, "BondLocked").withArgs(releaseAt, 0n);
      await time.increaseTo(releaseAt);
      const bal = await f.suite.token.balanceOf(f.pA.address);
      await expect(f.rm.connect(f.pA).withdrawBond()).to.emit(f.rm, "BondWithdrawn").withArgs(f.pA.address, 10n * BOND_PER_UNIT);
      expect((await f.suite.token.balanceOf(f.pA.address)) - bal).to.equal(10n * BOND_PER_UNIT);
      expect(await f.rm.totalBonds()).to.equal(0n);
      expect((await f.rm.providerInfo(f.pA.address)).status).to.equal(STATUS.None);
      // A provider that left may come back.
      await f.rm.clear();
      await expect(f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT)).to.emit(f.rm, "ProviderRegistered");
    });

    it("reverts withdrawEarnings with NothingToWithdraw when nothing was earned", async function () {
      const f = await loadFixture(resourceFixture);
      await expect(f.rm.connect(f.pA).withdrawEarnings()).to.be.revertedWithCustomError(f.rm, "NothingToWithdraw");
      await expect(f.rm.flushFees()).to.be.revertedWithCustomError(f.rm, "NothingToWithdraw");
    });
  });

  describe("posted price", function () {
    it("escrows units x posted price and refuses a price above the consumer's limit", async function () {
      const f = await loadFixture(resourceFixture);
      await expect(f.rm.connect(f.cX).request(3, P0))
        .to.emit(f.rm, "OrderPlaced")
        .withArgs(1n, f.cX.address, 2n, 3n, 255n, 3n * P0);
      expect(await f.rm.totalEscrow()).to.equal(3n * P0);
      expect(await f.rm.demandAt(2n, 255)).to.equal(3n);
      await expect(f.rm.connect(f.cX).request(1, P0 - 1n)).to.be.revertedWithCustomError(f.rm, "PriceAboveLimit").withArgs(P0, P0 - 1n);
      await expect(f.rm.connect(f.cX).request(0, P0)).to.be.revertedWithCustomError(f.rm, "InvalidUnits").withArgs(0n, 10n ** 12n);
      await expect(f.rm.connect(f.cX).request(10n ** 12n + 1n, P0)).to.be.revertedWithCustomError(f.rm, "InvalidUnits");
    });

    it("reverts clear before the epoch to clear has started", async function () {
      const f = await loadFixture(resourceFixture);
      await expect(f.rm.clear()).to.be.revertedWithCustomError(f.rm, "EpochNotStarted").withArgs(2n, 1n);
    });

    it("rations both sides pro rata when demand exceeds capacity, and the fills sum exactly to what was sold", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(4, 0, 4n * BOND_PER_UNIT);
      await f.rm.connect(f.pB).register(3, 0, 3n * BOND_PER_UNIT);
      await f.rm.connect(f.pC).register(50, 50n * MILLI, 50n * BOND_PER_UNIT); // asks above the posted price
      await f.rm.connect(f.cX).request(5, P0);
      await f.rm.connect(f.cY).request(3, P0);
      await f.rm.connect(f.cZ).request(3, P0);
      const e = await toNextEpoch(f.rm);
      // Nothing is filled or sold before the epoch is cleared.
      expect(await f.rm.filledUnits(1)).to.equal(0n);
      expect(await f.rm.soldBy(f.pA.address, e)).to.equal(0n);
      await expect(f.rm.clear()).to.emit(f.rm, "EpochCleared").withArgs(e, MECH.Posted, P0, 11n, 7n, 7n);
      const fills = [await f.rm.filledUnits(1), await f.rm.filledUnits(2), await f.rm.filledUnits(3)];
      expect(fills.reduce((a, b) => a + b)).to.equal(7n);
      // Exact slices: floor(5*7/11)=3, floor(8*7/11)-3=2, 7-5=2.
      expect(fills).to.deep.equal([3n, 2n, 2n]);
      expect(await f.rm.soldBy(f.pA.address, e)).to.equal(4n); // floor(4 * 7/7)
      expect(await f.rm.soldBy(f.pB.address, e)).to.equal(3n);
      expect(await f.rm.soldBy(f.pC.address, e)).to.equal(0n);
      // Demand 11 over capacity 7: change = 1250 * 4/7 = 714 bps (< the 1250 clamp).
      const next = P0 + (P0 * 714n) / 10_000n;
      expect(await f.rm.postedPrice()).to.equal(next);
      expect((await f.rm.epochData(e + 1n)).price).to.equal(next);
    });

    it("moves the price down when capacity exceeds demand, clamped, and not below the grid", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.pA).register(1000, 0, 1000n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(1, P0);
      await nextAndClear(f.rm); // D=1, O=1000: 1250 x 999/1000 = 1248 bps down
      expect(await f.rm.postedPrice()).to.equal(P0 - (P0 * 1248n) / 10_000n);
      await nextAndClear(f.rm); // D=0: 1250 bps, the clamp
      const p2 = P0 - (P0 * 1248n) / 10_000n;
      expect(await f.rm.postedPrice()).to.equal(p2 - (p2 * 1250n) / 10_000n);
      for (let i = 0; i < 30; i++) await nextAndClear(f.rm);
      expect(await f.rm.postedPrice()).to.equal(MILLI); // the grid's floor
    });

    it("raises the price by the full clamp when demand meets no capacity, up to the grid's top; leaves it when both are zero", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.cX).request(1, P0);
      await nextAndClear(f.rm);
      const up = P0 + (P0 * 1250n) / 10_000n;
      expect(await f.rm.postedPrice()).to.equal(up);
      await nextAndClear(f.rm); // no demand, no capacity
      expect(await f.rm.postedPrice()).to.equal(up);
      // Demand 20 over capacity 1: d x (D - O) / O = 1250 x 19 bps, capped at the 1250 bps clamp.
      await f.rm.connect(f.pA).register(1, 0, BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(20, up);
      await nextAndClear(f.rm);
      const up2 = up + (up * 1250n) / 10_000n;
      expect(await f.rm.postedPrice()).to.equal(up2);
      await f.rm.connect(f.pA).requestExit();
      for (let i = 0; i < 25; i++) {
        await f.rm.connect(f.cX).request(1, 100n * MILLI);
        await nextAndClear(f.rm);
      }
      expect(await f.rm.postedPrice()).to.equal(100n * MILLI);
    });

    it("skips epochs nobody cleared: one clearing opens the epoch after the current one", async function () {
      const f = await loadFixture(resourceFixture);
      const len = await f.rm.epochLength();
      await time.increase(5n * len);
      const current = await f.rm.currentEpoch();
      await f.rm.clear();
      expect(await f.rm.nextClearEpoch()).to.equal(current + 1n);
      expect((await f.rm.epochData(current + 1n)).price).to.equal(P0 - (P0 * 0n) / 10_000n);
    });
  });

  describe("batch auction", function () {
    async function auctionFixture() {
      const f = await resourceFixture();
      await f.rm.connect(f.timelock).setMechanism(MECH.BatchAuction);
      await nextAndClear(f.rm); // epoch 2 (posted, empty); epoch 3 opens as an auction
      return f;
    }

    it("bids at the highest tick within the limit and escrows units x that tick's price", async function () {
      const f = await loadFixture(auctionFixture);
      await expect(f.rm.connect(f.cX).request(2, 7n * MILLI + 5n))
        .to.emit(f.rm, "OrderPlaced")
        .withArgs(1n, f.cX.address, 3n, 2n, 6n, 14n * MILLI);
      await expect(f.rm.connect(f.cX).request(1, MILLI - 1n)).to.be.revertedWithCustomError(f.rm, "PriceBelowGrid").withArgs(MILLI - 1n, MILLI);
      await f.rm.connect(f.cX).request(1, 10n ** 24n); // above the grid: bids at the top tick
      expect((await f.rm.order(2)).tick).to.equal(99n);
    });

    it("clears at the lowest price where the asks at or below it cover the bids above it, rationing the marginal tick", async function () {
      const f = await loadFixture(auctionFixture);
      // Asks: A 5 units at tick 2, B 5 units at tick 4, C 10 at tick 8.
      await f.rm.connect(f.pA).register(5, 3n * MILLI, 5n * BOND_PER_UNIT);
      await f.rm.connect(f.pB).register(5, 5n * MILLI, 5n * BOND_PER_UNIT);
      await f.rm.connect(f.pC).register(10, 9n * MILLI, 10n * BOND_PER_UNIT);
      // Bids: X 4 at tick 9, Y 4 at tick 4, Z 4 at tick 4, X again 3 at tick 1.
      await f.rm.connect(f.cX).request(4, 10n * MILLI);
      await f.rm.connect(f.cY).request(4, 5n * MILLI);
      await f.rm.connect(f.cZ).request(4, 5n * MILLI);
      await f.rm.connect(f.cX).request(3, 2n * MILLI);
      const e = await toNextEpoch(f.rm);
      // tick 2: asks<=2 = 5, bids>2 = 12 -> no; tick 3: 5 vs 8 -> no; tick 4: 10 vs 4 -> yes.
      await expect(f.rm.clear()).to.emit(f.rm, "EpochCleared").withArgs(e, MECH.BatchAuction, 5n * MILLI, 15n, 10n, 10n);
      const d = await f.rm.epochData(e);
      expect(d.price).to.equal(5n * MILLI);
      expect([await f.rm.filledUnits(1), await f.rm.filledUnits(2), await f.rm.filledUnits(3), await f.rm.filledUnits(4)]).to.deep.equal([4n, 3n, 3n, 0n]);
      expect(await f.rm.soldBy(f.pA.address, e)).to.equal(5n);
      expect(await f.rm.soldBy(f.pB.address, e)).to.equal(5n);
      expect(await f.rm.soldBy(f.pC.address, e)).to.equal(0n);
    });

    it("rations the supply side when asks exceed the bids at the clearing tick (rounded down)", async function () {
      const f = await loadFixture(auctionFixture);
      await f.rm.connect(f.pA).register(3, 2n * MILLI, 3n * BOND_PER_UNIT);
      await f.rm.connect(f.pB).register(3, 2n * MILLI, 3n * BOND_PER_UNIT);
      await f.rm.connect(f.pC).register(3, 2n * MILLI, 3n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(5, 2n * MILLI);
      const e = await toNextEpoch(f.rm);
      await f.rm.clear();
      expect((await f.rm.epochData(e)).sold).to.equal(5n);
      const sold = [await f.rm.soldBy(f.pA.address, e), await f.rm.soldBy(f.pB.address, e), await f.rm.soldBy(f.pC.address, e)];
      expect(sold).to.deep.equal([1n, 1n, 1n]); // floor(3*5/9) each: the rest counts as undelivered
      expect(await f.rm.filledUnits(1)).to.equal(5n);
    });

    it("clears at the top bid when demand exceeds all supply, and trades nothing without supply or without demand", async function () {
      const f = await loadFixture(auctionFixture);
      await f.rm.connect(f.pA).register(2, 0, 2n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(5, 7n * MILLI);
      let e = await toNextEpoch(f.rm);
      await f.rm.clear();
      expect((await f.rm.epochData(e)).price).to.equal(7n * MILLI);
      expect(await f.rm.filledUnits(1)).to.equal(2n);
      // No demand: nothing trades, the price reads as the grid's floor.
      e = await nextAndClear(f.rm);
      const d = await f.rm.epochData(e);
      expect([d.sold, d.price]).to.deep.equal([0n, MILLI]);
      expect(await f.rm.soldBy(f.pA.address, e)).to.equal(0n);
      // No supply: the bids stay unfilled.
      await f.rm.connect(f.pA).requestExit();
      await f.rm.connect(f.cY).request(1, 3n * MILLI);
      e = await toNextEpoch(f.rm);
      await f.rm.clear();
      expect((await f.rm.epochData(e)).sold).to.equal(0n);
      expect(await f.rm.filledUnits(2)).to.equal(0n);
    });

    it("clears in bounded gas: the worst case scans all 100 ticks (two cold reads each) and stays under 100 x 5,000 + 100,000 gas @no-coverage", async function () {
      const f = await loadFixture(auctionFixture);
      await f.rm.connect(f.pA).register(1, 100n * MILLI, BOND_PER_UNIT); // ask at the top tick
      await f.rm.connect(f.cX).request(1, 100n * MILLI); // bid at the top tick
      const e = await toNextEpoch(f.rm);
      const receipt = await (await f.rm.clear()).wait();
      expect((await f.rm.epochData(e)).demandTick).to.equal(99n);
      expect(receipt!.gasUsed).to.be.lessThan(100n * 5_000n + 100_000n);
    });

    it("hands the auction's clearing price to the posted price when governance switches back", async function () {
      const f = await loadFixture(auctionFixture);
      await f.rm.connect(f.pA).register(2, 0, 2n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(5, 7n * MILLI);
      await f.rm.connect(f.timelock).setMechanism(MECH.Posted);
      const e = await toNextEpoch(f.rm);
      await expect(f.rm.clear()).to.emit(f.rm, "PostedPriceSet").withArgs(e + 1n, P0, 7n * MILLI);
      // An auction that traded nothing leaves the posted price as it was.
      await f.rm.connect(f.timelock).setMechanism(MECH.BatchAuction);
      await nextAndClear(f.rm);
      await f.rm.connect(f.timelock).setMechanism(MECH.Posted);
      await nextAndClear(f.rm);
      expect(await f.rm.postedPrice()).to.equal(7n * MILLI);
    });
  });

  describe("delivery, settlement and fees", function () {
    /** Epoch e: A (4 units) and B (3 units) sell 7 of 11 requested at P0; now past e's end. */
    async function soldFixture() {
      const f = await resourceFixture();
      await f.rm.connect(f.pA).register(4, 0, 4n * BOND_PER_UNIT);
      await f.rm.connect(f.pB).register(3, 0, 3n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(5, P0);
      await f.rm.connect(f.cY).request(3, P0);
      await f.rm.connect(f.cZ).request(3, P0);
      const e = await nextAndClear(f.rm);
      return { ...f, e };
    }

    it("accepts a quorum of matching attestations: pays the provider net of the fee and raises its contribution", async function () {
      const f = await loadFixture(soldFixture);
      await toEnd(f.rm, f.e);
      const boost0 = await f.suite.staking.currentBoostBps(f.pA.address);
      await expect(f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 4, EVIDENCE))
        .to.emit(f.rm, "DeliveryAttested")
        .withArgs(f.o1.address, f.pA.address, f.e, 4n, EVIDENCE, 1n);
      expect(await f.rm.deliveredBy(f.pA.address, f.e)).to.equal(0n);
      const gross = 4n * P0;
      const fee = (gross * 200n + 9_999n) / 10_000n;
      const tx = f.rm.connect(f.o2).attestDelivery(f.pA.address, f.e, 4, EVIDENCE);
      await expect(tx).to.emit(f.rm, "DeliveryAccepted").withArgs(f.pA.address, f.e, 4n, gross - fee, fee, 10_000n);
      await expect(tx).to.emit(f.suite.oracle, "VenueScoreAccepted").withArgs(f.rmAddr, f.pA.address, 10_000n, EVIDENCE, 2_500n);
      expect(await f.rm.earnings(f.pA.address)).to.equal(gross - fee);
      expect(await f.rm.accruedFees()).to.equal(fee);
      expect(await f.rm.deliveredBy(f.pA.address, f.e)).to.equal(4n);
      expect(await f.suite.staking.currentBoostBps(f.pA.address)).to.equal(boost0 + 2_500n);
      const bal = await f.suite.token.balanceOf(f.pA.address);
      await expect(f.rm.connect(f.pA).withdrawEarnings()).to.emit(f.rm, "EarningsWithdrawn").withArgs(f.pA.address, gross - fee);
      expect((await f.suite.token.balanceOf(f.pA.address)) - bal).to.equal(gross - fee);
      // Fees go to the revenue splitter, measured; its sync splits them into the buckets.
      const token = await f.suite.token.getAddress();
      await expect(f.rm.flushFees()).to.emit(f.rm, "FeesFlushed").withArgs(await f.suite.splitter.getAddress(), fee);
      expect(await f.suite.splitter.unsplit(token)).to.equal(fee);
    });

    it("rejects attestations from non-oracles, without evidence, too early, too late, twice, above what was sold, or for nothing sold", async function () {
      const f = await loadFixture(soldFixture);
      await expect(f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 4, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "EpochNotEnded");
      await toEnd(f.rm, f.e);
      await expect(f.rm.connect(f.stranger).attestDelivery(f.pA.address, f.e, 4, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "NotOracle").withArgs(f.stranger.address);
      await expect(f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 4, ethers.ZeroHash)).to.be.revertedWithCustomError(f.rm, "MissingEvidence");
      await expect(f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 5, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "DeliveryAboveSold")
        .withArgs(f.pA.address, 5n, 4n);
      await expect(f.rm.connect(f.o1).attestDelivery(f.pC.address, f.e, 0, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "NothingSold").withArgs(f.pC.address, f.e);
      await f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 4, EVIDENCE);
      await expect(f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 3, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "AlreadyAttested")
        .withArgs(f.o1.address, f.pA.address, f.e);
      await f.rm.connect(f.o2).attestDelivery(f.pA.address, f.e, 4, EVIDENCE);
      await expect(f.rm.connect(f.o3).attestDelivery(f.pA.address, f.e, 4, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "DeliveryAlreadyAccepted")
        .withArgs(f.pA.address, f.e);
      await toFinal(f.rm, f.e);
      const deadline = (await f.rm.epochData(f.e)).attestDeadline;
      await expect(f.rm.connect(f.o1).attestDelivery(f.pB.address, f.e, 3, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "AttestationClosed")
        .withArgs(f.e, deadline);
    });

    it("counts only identical claims, and refuses a quorum that is not a strict majority of the oracle set", async function () {
      const f = await loadFixture(soldFixture);
      await toEnd(f.rm, f.e);
      await f.rm.connect(f.o1).attestDelivery(f.pA.address, f.e, 4, EVIDENCE);
      expect(await f.rm.connect(f.o2).attestDelivery.staticCall(f.pA.address, f.e, 3, EVIDENCE)).to.equal(false);
      await f.rm.connect(f.o2).attestDelivery(f.pA.address, f.e, 3, EVIDENCE);
      expect(await f.rm.deliveredBy(f.pA.address, f.e)).to.equal(0n);
      await f.suite.oracle.connect(f.timelock).setQuorum(1); // 1 of 3 oracles is no majority
      await expect(f.rm.connect(f.o3).attestDelivery(f.pB.address, f.e, 3, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "OracleQuorumTooLow")
        .withArgs(1n, 3n);
    });

    it("settles each order once its epoch is final: unfilled escrow and the undelivered share come back", async function () {
      const f = await loadFixture(soldFixture);
      await expect(f.rm.settleOrder(99)).to.be.revertedWithCustomError(f.rm, "UnknownOrder").withArgs(99n);
      await toEnd(f.rm, f.e);
      await attest(f, f.pA.address, f.e, 4n); // A delivers all 4, B (3) nothing
      const deadline = (await f.rm.epochData(f.e)).attestDeadline;
      await expect(f.rm.settleOrder(1)).to.be.revertedWithCustomError(f.rm, "EpochNotFinal").withArgs(f.e, deadline);
      await toFinal(f.rm, f.e);
      // X: 5 ordered, 3 filled; 3/7 of the sold units undelivered.
      const cost = 3n * P0;
      const refund = 2n * P0 + (cost * 3n) / 7n;
      const bal = await f.suite.token.balanceOf(f.cX.address);
      await expect(f.rm.connect(f.stranger).settleOrder(1)).to.emit(f.rm, "OrderSettled").withArgs(1n, f.cX.address, 3n, refund);
      expect((await f.suite.token.balanceOf(f.cX.address)) - bal).to.equal(refund);
      await expect(f.rm.settleOrder(1)).to.be.revertedWithCustomError(f.rm, "OrderAlreadySettled").withArgs(1n);
      await f.rm.settleOrder(2);
      await f.rm.settleOrder(3);
      // What is left in escrow is the rounding the protocol kept: consumers paid >= delivered x price.
      const left = await f.rm.totalEscrow();
      expect(left).to.be.lessThan(3n);
      const bal2 = await f.suite.token.balanceOf(f.rmAddr);
      expect(bal2).to.equal((await f.rm.totalBonds()) + left + (await f.rm.totalEarnings()) + (await f.rm.accruedFees()));
    });

    it("refuses to settle an order whose epoch is not cleared yet", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.cX).request(1, P0);
      await toNextEpoch(f.rm);
      await time.increase(7200);
      await expect(f.rm.settleOrder(1)).to.be.revertedWithCustomError(f.rm, "EpochNotFinal");
    });

    it("gives a late clearing its full attestation window", async function () {
      const f = await loadFixture(resourceFixture);
      await f.rm.connect(f.cX).request(1, P0);
      await toNextEpoch(f.rm);
      await time.increase(5000); // past the end of epoch 2
      await f.rm.clear();
      const now = BigInt(await time.latest());
      expect((await f.rm.epochData(2n)).attestDeadline).to.equal(now + 1800n);
    });
  });

  describe("bond cases", function () {
    /** B sold 3 units in epoch e and delivered none; A delivered its 4; e is final. */
    async function undeliveredFixture() {
      const f = await resourceFixture();
      await f.rm.connect(f.pA).register(4, 0, 4n * BOND_PER_UNIT);
      await f.rm.connect(f.pB).register(3, 0, 6n * BOND_PER_UNIT);
      await f.rm.connect(f.cX).request(7, P0);
      const e = await nextAndClear(f.rm);
      await toEnd(f.rm, e);
      await attest(f, f.pA.address, e, 4n);
      await attest(f, f.pB.address, e, 1n); // B delivered 1 of 3
      await toFinal(f.rm, e);
      return { ...f, e };
    }

    it("opens a case for the undelivered units (rounded up), only by a slasher, with evidence, once per epoch", async function () {
      const f = await loadFixture(undeliveredFixture);
      await expect(f.rm.connect(f.stranger).proposeBondSlash(f.pB.address, f.e, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "NotSlasher").withArgs(f.stranger.address);
      await expect(f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, ethers.ZeroHash)).to.be.revertedWithCustomError(f.rm, "MissingEvidence");
      await expect(f.rm.connect(f.slasher).proposeBondSlash(f.pA.address, f.e, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "NothingUndelivered")
        .withArgs(f.pA.address, f.e);
      await expect(f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e + 1n, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "EpochNotFinal");
      const window = await f.suite.slashing.disputeWindow();
      const tx = f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE);
      const amount = 2n * BOND_PER_UNIT; // 2 undelivered x bondPerUnit x 100%
      await expect(tx).to.emit(f.rm, "BondSlashProposed").withArgs(1n, f.pB.address, f.e, amount, EVIDENCE, (d: bigint) => d > window);
      expect(await f.rm.caseOf(f.pB.address, f.e)).to.equal(1n);
      expect(await f.rm.caseCount()).to.equal(1n);
      expect((await f.rm.providerInfo(f.pB.address)).openCases).to.equal(1n);
      await expect(f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE))
        .to.be.revertedWithCustomError(f.rm, "CaseExists")
        .withArgs(f.pB.address, f.e, 1n);
    });

    it("executes an undisputed case after the window into the solidarity fund", async function () {
      const f = await loadFixture(undeliveredFixture);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE);
      const c = await f.rm.bondCase(1);
      await expect(f.rm.executeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "DisputeWindowOpen").withArgs(1n, c.deadline);
      await time.increaseTo(c.deadline);
      await expect(f.rm.connect(f.pB).disputeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "DisputeWindowClosed").withArgs(1n, c.deadline);
      const token = await f.suite.token.getAddress();
      const fund0 = await f.suite.treasury.fundBalance(SOLIDARITY, token);
      await expect(f.rm.connect(f.stranger).executeBondSlash(1)).to.emit(f.rm, "BondSlashExecuted").withArgs(1n, f.pB.address, 2n * BOND_PER_UNIT, false);
      expect((await f.suite.treasury.fundBalance(SOLIDARITY, token)) - fund0).to.equal(2n * BOND_PER_UNIT);
      expect((await f.rm.providerInfo(f.pB.address)).bond).to.equal(4n * BOND_PER_UNIT);
      expect(await f.rm.totalBonds()).to.equal(8n * BOND_PER_UNIT);
      expect((await f.rm.providerInfo(f.pB.address)).openCases).to.equal(0n);
      await expect(f.rm.executeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus").withArgs(1n, CASE.Executed);
    });

    it("burns instead when the Slashing module is set to burn", async function () {
      const f = await loadFixture(undeliveredFixture);
      await f.suite.slashing.connect(f.timelock).setBurnSlashed(true);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE);
      await time.increaseTo((await f.rm.bondCase(1)).deadline);
      const supply = await f.suite.token.totalSupply();
      await expect(f.rm.executeBondSlash(1)).to.emit(f.rm, "BondSlashExecuted").withArgs(1n, f.pB.address, 2n * BOND_PER_UNIT, true);
      expect(supply - (await f.suite.token.totalSupply())).to.equal(2n * BOND_PER_UNIT);
    });

    it("hands a disputed case to governance: only the provider disputes, only governance upholds or cancels", async function () {
      const f = await loadFixture(undeliveredFixture);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE);
      await expect(f.rm.connect(f.pA).disputeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "NotCaseProvider").withArgs(1n, f.pA.address);
      await expect(f.rm.connect(f.pB).disputeBondSlash(1)).to.emit(f.rm, "BondSlashDisputed");
      await expect(f.rm.connect(f.pB).disputeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus").withArgs(1n, CASE.Disputed);
      await expect(f.rm.connect(f.pB).upholdBondSlash(1)).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await expect(f.rm.connect(f.pB).cancelBondSlash(1)).to.be.revertedWithCustomError(f.rm, "AccessControlUnauthorizedAccount");
      await time.increase(30 * 86400); // the window passing changes nothing for a disputed case
      await expect(f.rm.executeBondSlash(1)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus");
      await expect(f.rm.connect(f.timelock).upholdBondSlash(1)).to.emit(f.rm, "BondSlashExecuted").withArgs(1n, f.pB.address, 2n * BOND_PER_UNIT, false);
      await expect(f.rm.connect(f.timelock).upholdBondSlash(1)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus").withArgs(1n, CASE.Executed);
      await expect(f.rm.connect(f.timelock).cancelBondSlash(1)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus").withArgs(1n, CASE.Executed);
    });

    it("cancels by governance, expires undecided disputes, and unlocks the bond", async function () {
      const f = await loadFixture(undeliveredFixture);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE);
      await expect(f.rm.connect(f.timelock).cancelBondSlash(1)).to.emit(f.rm, "BondSlashCancelled").withArgs(1n, f.pB.address);
      expect((await f.rm.bondCase(1)).status).to.equal(CASE.Cancelled);
      await f.rm.clear();
      // A second epoch with an undelivered unit, disputed and left undecided.
      await f.rm.connect(f.cX).request(7, 100n * MILLI);
      const e2 = await nextAndClear(f.rm);
      await toFinal(f.rm, e2);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, e2, EVIDENCE);
      await expect(f.rm.expireBondSlash(2)).to.be.revertedWithCustomError(f.rm, "WrongCaseStatus").withArgs(2n, CASE.Proposed);
      await f.rm.connect(f.pB).disputeBondSlash(2);
      const c = await f.rm.bondCase(2);
      await expect(f.rm.expireBondSlash(2)).to.be.revertedWithCustomError(f.rm, "DecisionPending").withArgs(2n, c.deadline);
      await f.rm.clear();
      await f.rm.connect(f.pB).requestExit();
      await time.increaseTo(c.deadline);
      await expect(f.rm.connect(f.pB).withdrawBond()).to.be.revertedWithCustomError(f.rm, "BondLocked");
      await expect(f.rm.connect(f.stranger).expireBondSlash(2)).to.emit(f.rm, "BondSlashCancelled").withArgs(2n, f.pB.address);
      await expect(f.rm.connect(f.pB).withdrawBond()).to.emit(f.rm, "BondWithdrawn").withArgs(f.pB.address, 6n * BOND_PER_UNIT);
    });

    it("caps cases at what is left of the bond", async function () {
      const f = await loadFixture(undeliveredFixture);
      await f.rm.connect(f.timelock).setParams({ ...(await params(f.rm)), bondPerUnit: 4n * BOND_PER_UNIT });
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, f.e, EVIDENCE); // 2 x 4 x bpu = 8 > 6 bonded: 6
      expect((await f.rm.bondCase(1)).amount).to.equal(6n * BOND_PER_UNIT);
      await f.rm.clear();
      await f.rm.connect(f.cX).request(7, 100n * MILLI);
      const e2 = await nextAndClear(f.rm);
      await toFinal(f.rm, e2);
      await f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, e2, EVIDENCE);
      await time.increaseTo((await f.rm.bondCase(2)).deadline);
      await f.rm.executeBondSlash(1);
      await expect(f.rm.executeBondSlash(2)).to.emit(f.rm, "BondSlashExecuted").withArgs(2n, f.pB.address, 0n, false);
      // Nothing left to slash: a further undelivered epoch cannot open a case.
      await f.rm.clear();
      await f.rm.connect(f.cX).request(7, 100n * MILLI);
      const e3 = await nextAndClear(f.rm);
      await toFinal(f.rm, e3);
      await expect(f.rm.connect(f.slasher).proposeBondSlash(f.pB.address, e3, EVIDENCE)).to.be.revertedWithCustomError(f.rm, "BondEmpty").withArgs(f.pB.address);
    });
  });

  describe("measured transfers", function () {
    it("rejects a token that delivers less than asked, and a splitter that receives less than sent", async function () {
      const f = await loadFixture(resourceFixture);
      const tok = await ethers.deployContract("FeeToggleToken");
      const { Factory, cfg } = await deployMarket(f, { token: await tok.getAddress(), mechanism: MECH.Posted });
      const m = (await Factory.deploy(cfg)) as unknown as ResourceMarket;
      await f.suite.oracle.connect(f.timelock).grantRole(await f.suite.oracle.VENUE_ROLE(), await m.getAddress());
      for (const u of [f.pA, f.cX]) {
        await tok.mint(u.address, ethers.parseEther("100"));
        await tok.connect(u).approve(await m.getAddress(), ethers.MaxUint256);
      }
      await m.connect(f.pA).register(10, 0, 10n * BOND_PER_UNIT);
      await m.connect(f.cX).request(2, 5n * MILLI);
      const e = await nextAndClear(m);
      await toEnd(m, e);
      await m.connect(f.o1).attestDelivery(f.pA.address, e, 2, EVIDENCE);
      await m.connect(f.o2).attestDelivery(f.pA.address, e, 2, EVIDENCE);
      await m.clear();
      await tok.setFeeBps(100);
      const price = await m.postedPrice();
      await expect(m.connect(f.cX).request(100, price))
        .to.be.revertedWithCustomError(m, "TransferAmountMismatch")
        .withArgs(100n * price, 99n * price);
      await expect(m.flushFees()).to.be.revertedWithCustomError(m, "TransferAmountMismatch");
    });
  });
});
