import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine } from "@nomicfoundation/hardhat-network-helpers";
import { CURVE_KINDS, MAX_DEADLINE, suiteFixture } from "./fixtures";

// Representative trades for the gas reporter (REPORT_GAS=true): an existing holder buying with
// ETH without a referrer, and selling part of its holding, 20 times each at moderate sizes.
// Run alone so the reporter's medians describe exactly these calls:
//   REPORT_GAS=true CURVE_KINDS=<kind> [GAS_RESERVES=erc20] npx hardhat test test/market/Gas.test.ts
const RESERVES = (process.env.GAS_RESERVES ?? "eth").split(",") as ("eth" | "erc20")[];
for (const kind of CURVE_KINDS) for (const reserve of RESERVES) {
  describe(`Gas profile [${kind} curve, ${reserve} reserve]`, function () {
    it("buys and sells of an existing holder", async function () {
      const s = await loadFixture(suiteFixture(kind, reserve));
      await s.buy(s.alice, ethers.parseEther("0.5"));
      for (let i = 0; i < 20; i++) {
        await s.buy(s.alice, ethers.parseEther("0.1") + BigInt(i) * 10n ** 15n);
        await s.market.connect(s.alice).sell((await s.token.balanceOf(s.alice.address)) / 10n, 0n, MAX_DEADLINE);
        await mine(1);
      }
      expect(await s.token.balanceOf(s.alice.address)).to.be.gt(0n);
    });
  });
}
