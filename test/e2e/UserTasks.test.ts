// The user tasks the governance walkthrough relies on (cipher:buy, cipher:stake, cipher:distribute),
// over the production deployment, through hre.run as `npx hardhat cipher:<task>` runs them.
import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { deployFullSuite } from "../deploy/fixture";
import { deploymentFileFor, E, FUND, quietTasks } from "./helpers";

async function fresh() {
  const s = await deployFullSuite();
  const [, alice, , , , eve] = await ethers.getSigners();
  return { s, file: await deploymentFileFor(s), alice, eve };
}

describe("cipher:buy, cipher:stake, cipher:distribute over the deployed suite", function () {
  quietTasks();

  it("buys the quoted tokens, stakes them into votes, and routes the fees to stakers and the treasury funds", async function () {
    const f = await loadFixture(fresh);
    const [quoted, fee] = await f.s.market.quoteBuy(E("2"));
    const got = (await hre.run("cipher:buy", { eth: "2", from: f.alice.address, slippageBps: 100, deployment: f.file })) as bigint;
    expect(got).to.equal(quoted);
    expect(await f.s.token.balanceOf(f.alice.address)).to.equal(quoted);
    await hre.run("cipher:stake", { amount: "all", tier: 0, from: f.alice.address, deployment: f.file });
    expect(await f.s.staking.getVotes(f.alice.address)).to.equal(quoted);
    const released = (await hre.run("cipher:distribute", { from: "0", deployment: f.file })) as bigint[];
    const shares = await f.s.splitter.shares();
    const expected = [0, 1, 2, 3].map((b) => (fee * BigInt(shares[b])) / 10_000n);
    expect(released).to.deep.equal(expected);
    expect(await f.s.treasury.fundBalance(FUND.SOLIDARITY, ethers.ZeroAddress)).to.equal(expected[FUND.SOLIDARITY]);
    expect(await f.s.market.protocolFees()).to.equal(0n);
  });

  it("refuses bad input with a clear message", async function () {
    const f = await loadFixture(fresh);
    const base = { deployment: f.file, from: f.eve.address };
    await expect(hre.run("cipher:buy", { ...base, eth: "lots", slippageBps: 100 })).to.be.rejectedWith(/--eth must be an amount of ETH/);
    await expect(hre.run("cipher:buy", { ...base, eth: "0", slippageBps: 100 })).to.be.rejectedWith(/--eth must be positive/);
    await expect(hre.run("cipher:stake", { ...base, amount: "all", tier: 0 })).to.be.rejectedWith(/nothing to stake: .* holds 0\.0 CPH/);
    await hre.run("cipher:buy", { ...base, eth: "0.1", slippageBps: 100 });
    await expect(hre.run("cipher:stake", { ...base, amount: "1000000", tier: 0 })).to.be.rejectedWith(/cannot stake 1000000\.0/);
    await expect(hre.run("cipher:stake", { ...base, amount: "1", tier: 9 })).to.be.rejectedWith(/--tier must be below 5, got 9/);
    await expect(hre.run("cipher:stake", { ...base, amount: "x", tier: 0 })).to.be.rejectedWith(/--amount must be "all" or a number/);
    await expect(hre.run("cipher:buy", { eth: "1", slippageBps: 100, deployment: "/nonexistent.json" })).to.be.rejectedWith(/no deployment file/);
  });
});
