import { expect } from "chai";
import { ethers } from "hardhat";

/** The staking test helpers behave as the tests assume. */
describe("Staking mocks", function () {
  it("MockStakingToken mints, burns its holder's and anyone's tokens, and has no market", async function () {
    const [a, b] = await ethers.getSigners();
    const t = await (await ethers.getContractFactory("MockStakingToken")).deploy("T", "T");
    await t.mint(a.address, 10n);
    await t.burn(3n);
    await t.burnFrom(a.address, 2n);
    expect(await t.balanceOf(a.address)).to.equal(5n);
    expect(await t.market()).to.equal(ethers.ZeroAddress);
    await expect(t.connect(b).burn(1n)).to.be.revertedWithCustomError(t, "ERC20InsufficientBalance");
  });

  it("MockTreasury takes ETH with a matching value and pulls approved ERC20s", async function () {
    const [a] = await ethers.getSigners();
    const tr = await (await ethers.getContractFactory("MockTreasury")).deploy();
    await tr.receiveRevenue(ethers.ZeroAddress, 5n, 2, { value: 5n });
    expect(await tr.received(2, ethers.ZeroAddress)).to.equal(5n);
    await expect(tr.receiveRevenue(ethers.ZeroAddress, 5n, 2, { value: 4n })).to.be.revertedWith("value");
    const t = await (await ethers.getContractFactory("MockStakingToken")).deploy("T", "T");
    await t.mint(a.address, 7n);
    await t.approve(await tr.getAddress(), 7n);
    await tr.receiveRevenue(await t.getAddress(), 7n, 1);
    expect(await tr.received(1, await t.getAddress())).to.equal(7n);
  });

  it("ReentrantToken burns like the Cipher token when not armed", async function () {
    const [a] = await ethers.getSigners();
    const t = await (await ethers.getContractFactory("ReentrantToken")).deploy();
    await t.mint(a.address, 4n);
    await t.burn(4n);
    expect(await t.totalSupply()).to.equal(0n);
  });
});
