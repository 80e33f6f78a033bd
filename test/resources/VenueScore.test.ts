// ContributionOracle.addVenueScore: the additive hook through which a resource market's accepted
// deliveries raise a provider's contribution boost (VENUE_ROLE only).
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { EVIDENCE, resourceFixture } from "./fixture";

describe("ContributionOracle.addVenueScore", function () {
  it("raises the boost by score x scoreBoostBps / 10,000 for VENUE_ROLE holders only", async function () {
    const f = await loadFixture(resourceFixture);
    const VENUE = await f.suite.oracle.VENUE_ROLE();
    await expect(f.suite.oracle.connect(f.stranger).addVenueScore(f.pA.address, 5_000, EVIDENCE))
      .to.be.revertedWithCustomError(f.suite.oracle, "AccessControlUnauthorizedAccount")
      .withArgs(f.stranger.address, VENUE);
    await f.suite.oracle.connect(f.timelock).grantRole(VENUE, f.stranger.address);
    await expect(f.suite.oracle.connect(f.stranger).addVenueScore(f.pA.address, 5_000, EVIDENCE))
      .to.emit(f.suite.oracle, "VenueScoreAccepted")
      .withArgs(f.stranger.address, f.pA.address, 5_000n, EVIDENCE, 1_250n);
    expect(await f.suite.staking.currentBoostBps(f.pA.address)).to.equal(1_250n);
    await expect(f.suite.oracle.connect(f.stranger).addVenueScore(f.pA.address, 10_001, EVIDENCE))
      .to.be.revertedWithCustomError(f.suite.oracle, "InvalidScore")
      .withArgs(10_001n, 10_000n);
  });

  it("reverts with StakingNotSet before the staking contract is wired", async function () {
    const [admin] = await ethers.getSigners();
    const oracle = await ethers.deployContract("ContributionOracle", [admin.address]);
    await oracle.grantRole(await oracle.VENUE_ROLE(), admin.address);
    await expect(oracle.addVenueScore(admin.address, 1, EVIDENCE)).to.be.revertedWithCustomError(oracle, "StakingNotSet");
  });
});
