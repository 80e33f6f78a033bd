import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { DAY, E18, EVIDENCE, STAKERS } from "./fixture";

/** A suite whose staked token and reward token call back into the contracts on transfer. */
async function deployHostile() {
  const [, admin, slasher, alice, bob] = await ethers.getSigners();
  const Re = await ethers.getContractFactory("ReentrantToken");
  const token = await Re.deploy();
  const reward = await Re.deploy();
  const treasury = await (await ethers.getContractFactory("MockTreasury")).deploy();
  const slashing = await (await ethers.getContractFactory("Slashing")).deploy(
    admin.address, await token.getAddress(), await treasury.getAddress(),
  );
  const oracle = await (await ethers.getContractFactory("ContributionOracle")).deploy(admin.address);
  const lib = await (await ethers.getContractFactory("StakingLib")).deploy();
  const staking = await (
    await ethers.getContractFactory("CipherStaking", { libraries: { StakingLib: await lib.getAddress() } })
  ).deploy(admin.address, await token.getAddress(), await slashing.getAddress(), await oracle.getAddress());
  await slashing.setStaking(await staking.getAddress());
  await oracle.setStaking(await staking.getAddress());
  await staking.connect(admin).addRewardAsset(await reward.getAddress());
  await slashing.connect(admin).grantRole(await slashing.SLASHER_ROLE(), slasher.address);
  for (const u of [alice, bob, admin]) {
    await token.mint(u.address, 1_000n * E18);
    await token.connect(u).approve(await staking.getAddress(), ethers.MaxUint256);
    await reward.mint(u.address, 1_000n * E18);
    await reward.connect(u).approve(await staking.getAddress(), ethers.MaxUint256);
  }
  return { admin, slasher, alice, bob, token, reward, slashing, staking };
}

describe("Reentrancy (attacker tokens calling back)", function () {
  it("blocks re-entering claim from the staked token's transferFrom during stake", async function () {
    const s = await loadFixture(deployHostile);
    await s.token.arm(await s.staking.getAddress(), s.staking.interface.encodeFunctionData("claim"));
    await expect(s.staking.connect(s.alice).stake(E18, 0)).to.be.revertedWithCustomError(
      s.staking,
      "ReentrancyGuardReentrantCall",
    );
  });

  it("blocks re-entering withdraw from the token transfer of a withdraw", async function () {
    const s = await loadFixture(deployHostile);
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.alice).stake(E18, 0);
    await s.staking.connect(s.alice).requestUnbond(0);
    await s.staking.connect(s.alice).requestUnbond(1);
    await time.increase(7n * DAY);
    await s.token.arm(await s.staking.getAddress(), s.staking.interface.encodeFunctionData("withdraw", [1]));
    await expect(s.staking.connect(s.alice).withdraw(0)).to.be.revertedWithCustomError(
      s.staking,
      "ReentrancyGuardReentrantCall",
    );
  });

  it("blocks re-entering claim from an ERC20 reward pulled by receiveRevenue or paid by claim", async function () {
    const s = await loadFixture(deployHostile);
    await s.staking.connect(s.alice).stake(E18, 0);
    const r = await s.reward.getAddress();
    const claimData = s.staking.interface.encodeFunctionData("claim");
    await s.reward.arm(await s.staking.getAddress(), claimData);
    await expect(s.staking.connect(s.admin).receiveRevenue(r, E18, STAKERS)).to.be.revertedWithCustomError(
      s.staking,
      "ReentrancyGuardReentrantCall",
    );
    await s.reward.arm(ethers.ZeroAddress, "0x");
    await s.staking.connect(s.admin).receiveRevenue(r, E18, STAKERS);
    await time.increase(DAY);
    await s.reward.arm(await s.staking.getAddress(), claimData);
    await expect(s.staking.connect(s.alice).claim()).to.be.revertedWithCustomError(
      s.staking,
      "ReentrancyGuardReentrantCall",
    );
  });

  it("blocks re-entering the slashing module while a slash moves tokens", async function () {
    const s = await loadFixture(deployHostile);
    await s.staking.connect(s.alice).stake(10n * E18, 0);
    await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 100, EVIDENCE);
    await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 100, EVIDENCE);
    await time.increase(3n * DAY);
    await s.token.arm(await s.slashing.getAddress(), s.slashing.interface.encodeFunctionData("executeSlash", [2]));
    await expect(s.slashing.executeSlash(1)).to.be.revertedWithCustomError(s.slashing, "ReentrancyGuardReentrantCall");
    await s.token.arm(await s.staking.getAddress(), s.staking.interface.encodeFunctionData("claim"));
    await expect(s.slashing.executeSlash(1)).to.be.revertedWithCustomError(s.staking, "ReentrancyGuardReentrantCall");
    await s.token.arm(ethers.ZeroAddress, "0x");
    await expect(s.slashing.executeSlash(1)).to.emit(s.slashing, "SlashExecuted");
  });
});
