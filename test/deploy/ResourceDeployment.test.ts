import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { DEFAULT_RESOURCES, loadConfig, validateConfig } from "../../deploy/config";
import { auditRoles } from "../helpers/roles";
import { deployFullSuite, hardhatConfig } from "./fixture";

describe("Deployment: resource markets (deploy/cipher.ts)", function () {
  describe("parameters", function () {
    const base = () => JSON.parse(JSON.stringify(loadConfig("hardhat"))) as Record<string, unknown> & { resources: Record<string, unknown>[] };

    it("every network file deploys the compute market; a file without `resources` gets the default", function () {
      for (const n of ["hardhat", "localhost", "anvil", "remote"]) {
        const c = loadConfig(n);
        expect(c.resources.map((r) => r.kind), n).to.deep.equal(["compute"]);
      }
      const raw = base();
      delete (raw as Record<string, unknown>).resources;
      expect(validateConfig(raw).resources).to.deep.equal(DEFAULT_RESOURCES);
    });

    it("rejects a resource market outside the contract's bounds before sending anything", function () {
      const bad: [Record<string, unknown>, RegExp][] = [
        [{ kind: "" }, /kind must be 1..31/],
        [{ kind: "x".repeat(32) }, /kind must be 1..31/],
        [{ mechanism: "lottery" }, /mechanism must be posted or auction/],
        [{ numTicks: 1 }, /numTicks must be an integer in \[2, 100\]/],
        [{ numTicks: 101 }, /numTicks/],
        [{ minPrice: "0" }, /minPrice and tickSize must be positive/],
        [{ tickSize: "1000000000000000000000000" }, /grid's top at most 1e24/],
        [{ minPrice: 5 }, /minPrice must be a decimal string/],
        [{ initialPrice: "1" }, /initialPrice must lie on/],
        [{ bondPerUnit: "0" }, /bondPerUnit must be in \[1, 1e24\]/],
        [{ epochLengthSeconds: 59 }, /epochLengthSeconds/],
        [{ maxChangeBps: 0 }, /maxChangeBps/],
        [{ feeBps: 1001 }, /feeBps/],
        [{ slashBps: 0 }, /slashBps/],
        [{ attestationWindowSeconds: 59 }, /attestationWindowSeconds/],
        [{ exitDelaySeconds: 3599 }, /exitDelaySeconds/],
        [{ maxCapacity: 0 }, /maxCapacity/],
        [{ adjustmentBps: 10_001 }, /adjustmentBps/],
      ];
      for (const [over, msg] of bad) {
        const raw = base();
        raw.resources = [{ ...raw.resources[0], ...over }];
        expect(() => validateConfig(raw), JSON.stringify(over)).to.throw(msg);
      }
      const raw = base();
      raw.resources = [raw.resources[0], raw.resources[0]];
      expect(() => validateConfig(raw)).to.throw(/must not repeat a kind/);
      raw.resources = "compute" as unknown as Record<string, unknown>[];
      expect(() => validateConfig(raw)).to.throw(/resources must be a list/);
      raw.resources = [null as unknown as Record<string, unknown>];
      expect(() => validateConfig(raw)).to.throw(/resources\[0\] must be an object/);
    });
  });

  describe("markets", function () {
    async function twoMarkets() {
      const [deployer, oracle, slasher] = await ethers.getSigners();
      const compute = hardhatConfig().resources[0];
      const suite = await deployFullSuite({
        oracles: [oracle.address],
        slasher: slasher.address,
        resources: [compute, { ...compute, kind: "storage", mechanism: "auction", numTicks: 50 }],
      });
      return { suite, deployer };
    }

    it("deploys one market per kind with its mechanism, each a venue of the contribution oracle", async function () {
      const { suite } = await loadFixture(twoMarkets);
      expect(Object.keys(suite.resourceMarkets)).to.deep.equal(["compute", "storage"]);
      const { compute, storage } = suite.resourceMarkets;
      expect(ethers.decodeBytes32String(await storage.kind())).to.equal("storage");
      expect(await compute.mechanism()).to.equal(0n);
      expect(await storage.mechanism()).to.equal(1n);
      expect(await storage.numTicks()).to.equal(50n);
      const VENUE = await suite.oracle.VENUE_ROLE();
      for (const rm of [compute, storage]) expect(await suite.oracle.hasRole(VENUE, await rm.getAddress())).to.equal(true);
    });

    it("leaves the timelock as the markets' only admin and no EOA with an admin role", async function () {
      const { suite, deployer } = await loadFixture(twoMarkets);
      const timelock = await suite.timelock.getAddress();
      for (const [kind, rm] of Object.entries(suite.resourceMarkets)) {
        const audit = await auditRoles({ [`ResourceMarket_${kind}`]: await rm.getAddress() }, { extraRoleNames: ["VENUE_ROLE"] });
        expect(audit.violations, kind).to.deep.equal([]);
        const admins = audit.holders.filter((h) => h.roleName === "DEFAULT_ADMIN_ROLE").map((h) => h.holder);
        expect(admins, kind).to.deep.equal([timelock]);
        expect(await rm.hasRole(await rm.GUARDIAN_ROLE(), deployer.address)).to.equal(true);
      }
    });
  });
});
