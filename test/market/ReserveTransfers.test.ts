// Issue 14 moved the market's ERC20 reserve transfers to Solady's SafeTransferLib: a reserve token
// that answers `false` must still make the buy and the sell revert (TransferFromFailed() /
// TransferFailed(), Solady's errors), leaving the books untouched.
import { expect } from "chai";
import { ethers } from "hardhat";
import { deploySuite, MAX_DEADLINE } from "./fixtures";

const SOLADY_ERRORS = ["error TransferFailed()", "error TransferFromFailed()"];

describe("ERC20 reserve transfers that return false", function () {
  it("revert the buy (TransferFromFailed) and the sell (TransferFailed)", async function () {
    const s = await deploySuite("mock-linear", "erc20", { reserveContract: "FalseReturnReserveToken" });
    const reserve = await ethers.getContractAt("FalseReturnReserveToken", s.reserveAsset);
    const decoder = new ethers.Contract(s.marketAddr, SOLADY_ERRORS, ethers.provider);
    await s.buy(s.alice, ethers.parseEther("1"));
    const book = await s.market.reserveBalance();
    await reserve.setFailing(true);
    await expect(s.buy(s.alice, ethers.parseEther("1"))).to.be.revertedWithCustomError(decoder, "TransferFromFailed");
    const held = await s.token.balanceOf(s.alice.address);
    await expect(s.market.connect(s.alice).sell(held / 2n, 0n, MAX_DEADLINE)).to.be.revertedWithCustomError(decoder, "TransferFailed");
    expect(await s.market.reserveBalance()).to.equal(book);
    expect(await s.token.balanceOf(s.alice.address)).to.equal(held);
    await reserve.setFailing(false);
    await expect(s.market.connect(s.alice).sell(held / 2n, 0n, MAX_DEADLINE)).to.emit(s.market, "Sold");
  });
});
