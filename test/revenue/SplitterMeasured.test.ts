import { expect } from "chai";
import { ethers } from "hardhat";
import type { RevenueSplitter, ShortDeliveryToken } from "../../typechain-types";

// Issue 9 §1, the splitter side: its books are the measured balance (sync splits balance -
// accounted); a payout that lowers its balance by more than the amount released would leave the
// other buckets' claims unbacked, so it is refused with TransferAmountMismatch(expected, moved).
const E18 = 10n ** 18n;

describe("RevenueSplitter with a token that debits more than it transfers (issue 9 §1)", function () {
  async function setup() {
    const [admin, w, so, d, stakers] = await ethers.getSigners();
    const token = (await (await ethers.getContractFactory("ShortDeliveryToken")).deploy()) as unknown as ShortDeliveryToken;
    const hook = await (await ethers.getContractFactory("MockRevenueRecipient")).deploy();
    const rec = [
      { account: await hook.getAddress(), hook: true },
      { account: w.address, hook: false },
      { account: so.address, hook: false },
      { account: d.address, hook: false },
      { account: ethers.ZeroAddress, hook: false },
    ];
    const splitter = (await (await ethers.getContractFactory("RevenueSplitter")).deploy(
      admin.address,
      [4000, 1500, 1500, 2000, 1000],
      rec as never,
    )) as unknown as RevenueSplitter;
    const addr = await splitter.getAddress();
    await token.mint(addr, 1_000n * E18);
    return { splitter, token, addr, w, stakers, tokenAddr: await token.getAddress() };
  }

  it("refuses a plain payout that debits 1% on top; the bucket stays claimable and the books stay backed", async function () {
    const { splitter, token, addr, tokenAddr } = await setup();
    await splitter.sync(tokenAddr);
    await token.setOverDebitBps(100n);
    const part = 150n * E18; // WELFARE 15%
    await expect(splitter.release(1, tokenAddr))
      .to.be.revertedWithCustomError(splitter, "TransferAmountMismatch")
      .withArgs(part, part + part / 100n);
    expect(await splitter.claimable(1, tokenAddr)).to.equal(part);
    expect(await splitter.accounted(tokenAddr)).to.be.lte(await token.balanceOf(addr));
  });

  it("refuses a hook payout that debits more, and pays exactly otherwise", async function () {
    const { splitter, token, addr, tokenAddr } = await setup();
    await token.setOverDebitBps(50n);
    await expect(splitter.release(0, tokenAddr))
      .to.be.revertedWithCustomError(splitter, "TransferAmountMismatch")
      .withArgs(400n * E18, 402n * E18);
    await token.setOverDebitBps(0n);
    await splitter.release(0, tokenAddr);
    expect(await splitter.accounted(tokenAddr)).to.equal(600n * E18);
    expect(await token.balanceOf(addr)).to.equal(600n * E18);
  });
});
