import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { CONTRACT_NAMES, type CipherSuite } from "../../src/deploy/suite";
import { auditRoles, DEFAULT_ADMIN_ROLE } from "../helpers/roles";
import { deployFullSuite } from "./fixture";

const GUARDIAN_ROLE = ethers.id("GUARDIAN_ROLE");
const ORACLE_ROLE = ethers.id("ORACLE_ROLE");
const SLASHER_ROLE = ethers.id("SLASHER_ROLE");
const PROPOSER_ROLE = ethers.id("PROPOSER_ROLE");
const CANCELLER_ROLE = ethers.id("CANCELLER_ROLE");
const EXECUTOR_ROLE = ethers.id("EXECUTOR_ROLE");

async function addresses(s: CipherSuite): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [key, name] of Object.entries(CONTRACT_NAMES) as [keyof CipherSuite, string][]) out[name] = await s[key].getAddress();
  return out;
}

async function supportsAccessControl(address: string): Promise<boolean> {
  const c = new ethers.Contract(address, ["function supportsInterface(bytes4) view returns (bool)"], ethers.provider);
  try {
    return (await c.supportsInterface("0x7965db0b")) as boolean; // IAccessControl
  } catch {
    return false; // no ERC-165 at all
  }
}

describe("Deployment (deploy/cipher.ts)", function () {
  async function fixture() {
    const [deployer, oracleA, oracleB, slasher] = await ethers.getSigners();
    const suite = await deployFullSuite({ oracles: [oracleA.address, oracleB.address], slasher: slasher.address });
    return { suite, deployer, oracleA, oracleB, slasher };
  }

  describe("wiring", function () {
    it("binds the token, the curve and the splitter to the market", async function () {
      const { suite } = await loadFixture(fixture);
      const market = await suite.market.getAddress();
      expect(await suite.token.market()).to.equal(market);
      expect(await suite.curve.market()).to.equal(market);
      expect(await suite.splitter.market()).to.equal(market);
      expect(await suite.market.token()).to.equal(await suite.token.getAddress());
      expect(await suite.market.curve()).to.equal(await suite.curve.getAddress());
      expect(await suite.market.reserveAsset()).to.equal(ethers.ZeroAddress);
    });

    it("routes the stakers' share to staking and the funds to the treasury, as hooks", async function () {
      const { suite } = await loadFixture(fixture);
      const staking = await suite.staking.getAddress();
      const treasury = await suite.treasury.getAddress();
      const r0 = await suite.splitter.recipient(0);
      expect([r0.account, r0.hook]).to.deep.equal([staking, true]);
      for (const b of [1, 2, 3]) {
        const r = await suite.splitter.recipient(b);
        expect([r.account, r.hook]).to.deep.equal([treasury, true]);
      }
    });

    it("makes the staking contract the Governor's votes source and the Governor the timelock's proposer", async function () {
      const { suite } = await loadFixture(fixture);
      const governor = await suite.governor.getAddress();
      expect(await suite.governor.token()).to.equal(await suite.staking.getAddress());
      expect(await suite.governor.timelock()).to.equal(await suite.timelock.getAddress());
      expect(await suite.timelock.hasRole(PROPOSER_ROLE, governor)).to.equal(true);
      expect(await suite.timelock.hasRole(CANCELLER_ROLE, governor)).to.equal(true);
      expect(await suite.timelock.hasRole(EXECUTOR_ROLE, ethers.ZeroAddress)).to.equal(true);
    });

    it("caps stake positions at the number the agent policies assume", async function () {
      const { suite } = await loadFixture(fixture);
      const { MAX_STAKES_PER_ACCOUNT } = await import("../../src/agents/policies/common");
      expect(await suite.staking.MAX_STAKES_PER_ACCOUNT()).to.equal(BigInt(MAX_STAKES_PER_ACCOUNT));
    });

    it("grants the configured oracles and slasher their roles", async function () {
      const { suite, oracleA, oracleB, slasher } = await loadFixture(fixture);
      expect(await suite.oracle.hasRole(ORACLE_ROLE, oracleA.address)).to.equal(true);
      expect(await suite.oracle.hasRole(ORACLE_ROLE, oracleB.address)).to.equal(true);
      expect(await suite.slashing.hasRole(SLASHER_ROLE, slasher.address)).to.equal(true);
    });
  });

  describe("hand-over to governance", function () {
    it("leaves the timelock as the only admin of every contract and no EOA with an admin role", async function () {
      const { suite, deployer } = await loadFixture(fixture);
      const all = await addresses(suite);
      // Contracts without any access control (token, curve, governor) have no role to audit:
      // prove that they are not AccessControl at all, then audit every contract that is.
      const roleContracts: Record<string, string> = {};
      for (const [name, address] of Object.entries(all)) {
        if (await supportsAccessControl(address)) roleContracts[name] = address;
      }
      expect(Object.keys(roleContracts).sort()).to.deep.equal(
        ["BondingCurveMarket", "CipherStaking", "CipherTreasury", "ContributionOracle", "RevenueSplitter", "Slashing", "TimelockController"],
      );
      // Oracles and the slasher are operational roles (attest scores at a quorum; propose disputable,
      // capped slashes), not admin roles; the guardian may only pause.
      const { holders, violations } = await auditRoles(roleContracts, { allowEoaRoles: ["GUARDIAN_ROLE", "ORACLE_ROLE", "SLASHER_ROLE"] });
      expect(violations).to.deep.equal([]);
      const timelock = await suite.timelock.getAddress();
      const admins = holders.filter((h) => h.role === DEFAULT_ADMIN_ROLE);
      // every AccessControl contract of the suite has exactly the timelock as DEFAULT_ADMIN_ROLE
      const withAdmin = new Set(admins.map((h) => h.contract));
      for (const name of ["TimelockController", "CipherStaking", "Slashing", "ContributionOracle", "CipherTreasury", "RevenueSplitter", "BondingCurveMarket"]) {
        expect(withAdmin.has(name), `${name} has an admin`).to.equal(true);
      }
      for (const h of admins) expect(h.holder, `${h.contract} admin`).to.equal(timelock);
      // the deployer holds nothing but the pause-only guardian role
      const deployerRoles = holders.filter((h) => h.holder === deployer.address).map((h) => `${h.contract}:${h.roleName}`);
      for (const r of deployerRoles) expect(r.endsWith(":GUARDIAN_ROLE"), r).to.equal(true);
      expect(deployerRoles.length).to.be.greaterThan(0);
    });

    it("lets the guardian pause the market but not unpause it", async function () {
      const { suite, deployer } = await loadFixture(fixture);
      expect(await suite.market.hasRole(GUARDIAN_ROLE, deployer.address)).to.equal(true);
      await suite.market.connect(deployer).pause();
      await expect(suite.market.connect(deployer).unpause()).to.be.revertedWithCustomError(suite.market, "AccessControlUnauthorizedAccount");
    });

    it("consumed the deployer's one-shot wiring: the token's market is immutable, the curve and splitter cannot be rebound", async function () {
      const { suite, deployer } = await loadFixture(fixture);
      const other = ethers.Wallet.createRandom().address;
      expect(await suite.token.market()).to.equal(await suite.market.getAddress());
      const curveAdmin = await ethers.getContractAt("ICurveAdmin", await suite.curve.getAddress());
      await expect(curveAdmin.connect(deployer).setMarket(other)).to.be.reverted;
      await expect(suite.splitter.connect(deployer).setMarket(other)).to.be.reverted;
    });
  });

  describe("parameters", function () {
    it("rejects a parameters file whose revenue shares do not sum to 10000", async function () {
      const { validateConfig, loadConfig } = await import("../../deploy/config");
      const bad = { ...loadConfig("hardhat"), revenueShares: [4000, 1500, 1500, 2000, 999] };
      expect(() => validateConfig(bad, "bad.json")).to.throw(/sum to 10000/);
    });

    it("sets slashing's severity cap from slashMaxSeverityBps, and keeps the contract's 1000 without it", async function () {
      const { SLASHING_DEFAULT_MAX_SEVERITY_BPS } = await import("../../deploy/config");
      const plain = await deployFullSuite({});
      expect(await plain.slashing.maxSeverityBps()).to.equal(BigInt(SLASHING_DEFAULT_MAX_SEVERITY_BPS));
      const raised = await deployFullSuite({ slashMaxSeverityBps: 3000 });
      expect(await raised.slashing.maxSeverityBps()).to.equal(3000n);
      // set before the hand-over: the timelock stays the only admin
      expect(await raised.slashing.hasRole(DEFAULT_ADMIN_ROLE, await raised.timelock.getAddress())).to.equal(true);
    });

    it("rejects a severity cap outside the contract's 1..5000 bps", async function () {
      const { validateConfig, loadConfig } = await import("../../deploy/config");
      for (const bad of [0, 5001, 2.5, "3000"]) {
        expect(() => validateConfig({ ...loadConfig("hardhat"), slashMaxSeverityBps: bad }, "bad.json"), String(bad)).to.throw(/slashMaxSeverityBps must be an integer in \[1, 5000\]/);
      }
      expect(validateConfig({ ...loadConfig("hardhat"), slashMaxSeverityBps: 5000 }, "ok.json").slashMaxSeverityBps).to.equal(5000);
    });

    for (const [kind, parameters] of [
      ["exponential", ["1000000000000000", "7000000000000"]],
      ["sigmoid", ["10000000000000000", "50000000000000", "100000000000000000000000"]],
    ] as const) {
      it(`deploys the ${kind} curve from the same definition`, async function () {
        const suite = await deployFullSuite({ curve: { kind, parameters: [...parameters] } });
        expect(await suite.curve.kind()).to.equal(kind);
        expect(await suite.market.curve()).to.equal(await suite.curve.getAddress());
        expect(await suite.market.spotPrice()).to.equal(await suite.curve.spotPrice(0));
      });
    }
  });
});
