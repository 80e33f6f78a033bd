import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";
import { deployFullSuite } from "../deploy/fixture";
import type { CipherLens } from "../../typechain-types";

const ETH = 10n ** 18n;

async function lensFixture() {
  const suite = await deployFullSuite();
  const [deployer, alice, bob, carol] = await hre.ethers.getSigners();
  const lens = (await (await hre.ethers.getContractFactory("CipherLens")).deploy()) as unknown as CipherLens;
  const deadline = 4_000_000_000n;
  for (const s of [alice, bob]) await suite.market.connect(s).buy(ETH, 0n, ZeroAddress, deadline, { value: ETH });
  const staking = await suite.staking.getAddress();
  await suite.token.connect(alice).approve(staking, 2n ** 255n);
  const bal = await suite.token.balanceOf(alice.address);
  // three stakes (ids 0, 1, 2) in tier 0, then stake 1 is unbonded and withdrawn: mask 0b101
  for (let i = 0; i < 3; i++) await suite.staking.connect(alice).stake(bal / 4n, 0);
  await suite.staking.connect(alice).requestUnbond(1);
  await time.increase(Number(await suite.staking.unbondingDelay()) + 1);
  await suite.staking.connect(alice).withdraw(1);
  // stake 2 starts unbonding (still listed, with its unbond end)
  await suite.staking.connect(alice).requestUnbond(2);
  return { suite, lens, deployer, alice, bob, carol };
}

describe("CipherLens", () => {
  describe("economy", () => {
    it("returns the market, staking and treasury state and the tier table in its documented layout", async () => {
      const { suite, lens } = await loadFixture(lensFixture);
      const a = (c: { getAddress(): Promise<string> }) => c.getAddress();
      const v = await lens.economy(await a(suite.market), await a(suite.token), await a(suite.staking), await a(suite.treasury), ZeroAddress);
      const blk = await hre.ethers.provider.getBlock("latest");
      expect(v[0]).to.equal(BigInt(blk?.number ?? 0));
      expect(v[1]).to.equal(BigInt(blk?.timestamp ?? 0));
      expect(v[2]).to.equal(await suite.market.spotPrice());
      expect(v[3]).to.equal(await suite.token.totalSupply());
      expect(v[4]).to.equal(await suite.market.reserveBalance());
      const [buyFee, sellFee] = await suite.market.fees();
      expect([v[5], v[6]]).to.deep.equal([buyFee, sellFee]);
      expect(v[7]).to.equal(await suite.market.haltedUntilBlock());
      expect(v[8]).to.equal(0n);
      expect(v[9]).to.equal(await suite.market.protocolFees());
      expect(v[10]).to.equal(await suite.staking.totalStaked());
      expect(v[11]).to.equal(await suite.staking.totalWeight());
      for (const [i, fund] of [[12, 1], [13, 2], [14, 3]] as const) expect(v[i]).to.equal(await suite.treasury.fundBalance(fund, ZeroAddress));
      const n = await suite.staking.tierCount();
      expect(v[15]).to.equal(n);
      expect(v.length).to.equal(16 + 2 * Number(n));
      for (let i = 0; i < Number(n); i++) {
        const t = await suite.staking.tiers(i);
        expect([v[16 + 2 * i], v[17 + 2 * i]]).to.deep.equal([t.duration, t.multiplierBps]);
      }
    });

    it("reports the market's pause flag", async () => {
      const { suite, lens, deployer } = await loadFixture(lensFixture);
      await suite.market.connect(deployer).pause();
      const v = await lens.economy(await suite.market.getAddress(), await suite.token.getAddress(), await suite.staking.getAddress(), await suite.treasury.getAddress(), ZeroAddress);
      expect(v[8]).to.equal(1n);
    });
  });

  describe("accounts", () => {
    it("lists balances, pending rewards and only the existing stakes of each account, lowest id first", async () => {
      const { suite, lens, alice, bob, carol } = await loadFixture(lensFixture);
      const who = [alice.address, bob.address, carol.address];
      const v = await lens.accounts(await suite.token.getAddress(), await suite.staking.getAddress(), ZeroAddress, who);
      let w = 0;
      for (const addr of who) {
        expect(v[w]).to.equal(await hre.ethers.provider.getBalance(addr));
        expect(v[w + 1]).to.equal(await suite.token.balanceOf(addr));
        expect(v[w + 2]).to.equal(await suite.staking.earned(addr, ZeroAddress));
        const k = Number(v[w + 3]);
        w += 4;
        const ids: number[] = [];
        for (let j = 0; j < k; j++, w += 5) {
          const id = Number(v[w]);
          ids.push(id);
          const s = await suite.staking.stakeOf(addr, id);
          expect([v[w + 1], v[w + 2], v[w + 3], v[w + 4]]).to.deep.equal([s.amount, s.unlockAt, s.unbondEnd, s.tier]);
        }
        expect(ids).to.deep.equal(addr === alice.address ? [0, 2] : []);
      }
      expect(v.length).to.equal(w);
    });

    it("returns an empty array for no accounts", async () => {
      const { suite, lens } = await loadFixture(lensFixture);
      expect(await lens.accounts(await suite.token.getAddress(), await suite.staking.getAddress(), ZeroAddress, [])).to.deep.equal([]);
    });
  });

  describe("pendingRewards", () => {
    it("returns staking.earned for each account", async () => {
      const { suite, lens, alice, bob } = await loadFixture(lensFixture);
      const v = await lens.pendingRewards(await suite.staking.getAddress(), ZeroAddress, [alice.address, bob.address]);
      expect(v).to.deep.equal([await suite.staking.earned(alice.address, ZeroAddress), await suite.staking.earned(bob.address, ZeroAddress)]);
    });
  });

  it("exposes the stake record width", async () => {
    const { lens } = await loadFixture(lensFixture);
    expect(await lens.STAKE_WORDS()).to.equal(5n);
  });
});
