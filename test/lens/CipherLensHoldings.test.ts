// CipherLens.holdings: the market's own sell quotes and referral credit, many accounts in one call
// (what the simulation's realisable-wealth accounting reads each step).
import { expect } from "chai";
import hre from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";
import { deployFullSuite } from "../deploy/fixture";
import type { CipherLens } from "../../typechain-types";

const ETH = 10n ** 18n;

async function fixture() {
  const suite = await deployFullSuite();
  const [, alice, bob, carol] = await hre.ethers.getSigners();
  const lens = (await (await hre.ethers.getContractFactory("CipherLens")).deploy()) as unknown as CipherLens;
  const deadline = 4_000_000_000n;
  // bob buys with carol as referrer: carol gets referral credit
  await suite.market.connect(alice).buy(ETH, 0n, ZeroAddress, deadline, { value: ETH });
  await suite.market.connect(bob).buy(2n * ETH, 0n, carol.address, deadline, { value: 2n * ETH });
  return { suite, lens, alice, bob, carol };
}

describe("CipherLens.holdings", () => {
  it("returns quoteSell(amount) and the referral credit per account, in its documented layout", async () => {
    const { suite, lens, alice, bob, carol } = await loadFixture(fixture);
    const market = await suite.market.getAddress();
    const a = await suite.token.balanceOf(alice.address);
    const b = await suite.token.balanceOf(bob.address);
    const supply = await suite.token.totalSupply();
    const out = await lens.holdings(market, [alice.address, bob.address, carol.address, ZeroAddress], [a, b, 0n, supply]);
    expect(out.length).to.equal(4 * Number(await lens.HOLDING_WORDS()));
    for (const [i, amount] of [[0, a], [1, b], [3, supply]] as const) {
      const [net, fee] = await suite.market.quoteSell(amount);
      expect([out[3 * i], out[3 * i + 1]]).to.deep.equal([net, fee]);
    }
    expect([out[6], out[7]]).to.deep.equal([0n, 0n]); // amount 0: no quote
    expect(out[8]).to.equal(await suite.market.referralRewards(carol.address));
    expect(out[8]).to.be.above(0n);
    expect(out[11]).to.equal(0n); // address(0): no referral read
  });

  it("reverts with LengthMismatch when accounts and amounts differ in length", async () => {
    const { suite, lens, alice } = await loadFixture(fixture);
    await expect(lens.holdings(await suite.market.getAddress(), [alice.address], [])).to.be.revertedWithCustomError(lens, "LengthMismatch").withArgs(1, 0);
  });
});
