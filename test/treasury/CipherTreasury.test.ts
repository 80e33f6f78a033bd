import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { CipherTreasury, MockERC20 } from "../../typechain-types";

const FUND = { STAKERS: 0, WELFARE: 1, SOLIDARITY: 2, DEVELOPMENT: 3, BURN: 4 } as const;
const ETH = ethers.ZeroAddress;
const E = (n: string) => ethers.parseEther(n);
const U128_MAX = (1n << 128n) - 1n;
const HOUR = 3600n;
const DAY = 86400n;

async function deployTreasury() {
  const [admin, funder, alice, bob, outsider] = await ethers.getSigners();
  const treasury = (await ethers.deployContract("CipherTreasury", [admin.address])) as unknown as CipherTreasury;
  const token = (await ethers.deployContract("MockERC20", ["Cipher", "CPH"])) as unknown as MockERC20;
  const other = (await ethers.deployContract("MockERC20", ["Other", "OTH"])) as unknown as MockERC20;
  const feeToken = await ethers.deployContract("FeeOnTransferToken");
  const tAddr = await treasury.getAddress();
  for (const t of [token, other]) {
    await t.mint(funder.address, E("1000000"));
    await t.connect(funder).approve(tAddr, ethers.MaxUint256);
  }
  await feeToken.mint(funder.address, E("1000"));
  await feeToken.connect(funder).approve(tAddr, ethers.MaxUint256);
  return { treasury, token, other, feeToken, admin, funder, alice, bob, outsider, tAddr };
}

/** Treasury with 10 ETH and 1,000 CPH in every fund. */
async function fundedTreasury() {
  const f = await deployTreasury();
  const tokenAddr = await f.token.getAddress();
  for (const fund of [FUND.WELFARE, FUND.SOLIDARITY, FUND.DEVELOPMENT]) {
    await f.treasury.connect(f.funder).receiveRevenue(ETH, E("10"), fund, { value: E("10") });
    await f.treasury.connect(f.funder).receiveRevenue(tokenAddr, E("1000"), fund);
  }
  return { ...f, tokenAddr };
}

/** A funded treasury with one 1,000-hour ETH stream of 1 ETH from WELFARE to alice, cliff 100 h. */
async function withStream() {
  const f = await fundedTreasury();
  const start = BigInt(await time.latest()) + 100n;
  await f.treasury.createStream(FUND.WELFARE, ETH, f.alice.address, E("1"), start, 100n * HOUR, 1000n * HOUR);
  return { ...f, start, streamId: 1n, amount: E("1"), cliff: 100n * HOUR, duration: 1000n * HOUR };
}

describe("CipherTreasury", function () {
  describe("deployment", function () {
    it("reverts with TreasuryZeroAdmin when the admin is the zero address", async function () {
      const factory = await ethers.getContractFactory("CipherTreasury");
      await expect(factory.deploy(ETH)).to.be.revertedWithCustomError(factory, "TreasuryZeroAdmin");
    });

    it("gives DEFAULT_ADMIN_ROLE to the admin and to no one else", async function () {
      const { treasury, admin } = await loadFixture(deployTreasury);
      const role = await treasury.DEFAULT_ADMIN_ROLE();
      expect(await treasury.getRoleMemberCount(role)).to.equal(1n);
      expect(await treasury.getRoleMember(role, 0)).to.equal(admin.address);
    });
  });

  describe("receiveRevenue", function () {
    it("credits ETH to the named fund only and emits RevenueReceived", async function () {
      const { treasury, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(ETH, E("2"), FUND.SOLIDARITY, { value: E("2") }))
        .to.emit(treasury, "RevenueReceived")
        .withArgs(FUND.SOLIDARITY, ETH, funder.address, E("2"));
      expect(await treasury.fundBalance(FUND.SOLIDARITY, ETH)).to.equal(E("2"));
      expect(await treasury.totalReceived(FUND.SOLIDARITY, ETH)).to.equal(E("2"));
      expect(await treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(0n);
      expect(await treasury.fundBalance(FUND.DEVELOPMENT, ETH)).to.equal(0n);
      expect(await ethers.provider.getBalance(await treasury.getAddress())).to.equal(E("2"));
    });

    it("pulls an ERC20 from the sender with transferFrom", async function () {
      const { treasury, token, funder, tAddr } = await loadFixture(deployTreasury);
      const tokenAddr = await token.getAddress();
      await expect(treasury.connect(funder).receiveRevenue(tokenAddr, E("5"), FUND.DEVELOPMENT)).to.changeTokenBalances(
        token,
        [funder.address, tAddr],
        [-E("5"), E("5")],
      );
      expect(await treasury.fundBalance(FUND.DEVELOPMENT, tokenAddr)).to.equal(E("5"));
      expect(await treasury.accountedBalance(tokenAddr)).to.equal(E("5"));
    });

    for (const bucket of [FUND.STAKERS, FUND.BURN, 5, 255]) {
      it(`reverts with TreasuryInvalidFund for bucket ${bucket}, which is not a treasury fund`, async function () {
        const { treasury, funder } = await loadFixture(deployTreasury);
        await expect(treasury.connect(funder).receiveRevenue(ETH, 1n, bucket, { value: 1n }))
          .to.be.revertedWithCustomError(treasury, "TreasuryInvalidFund")
          .withArgs(bucket);
      });
    }

    it("reverts with TreasuryZeroAmount for a zero amount", async function () {
      const { treasury, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(ETH, 0n, FUND.WELFARE)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts with TreasuryAmountTooLarge above 2^128 - 1", async function () {
      const { treasury, token, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(await token.getAddress(), U128_MAX + 1n, FUND.WELFARE))
        .to.be.revertedWithCustomError(treasury, "TreasuryAmountTooLarge")
        .withArgs(U128_MAX + 1n, U128_MAX);
    });

    it("reverts with TreasuryValueMismatch when msg.value differs from an ETH amount", async function () {
      const { treasury, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(ETH, E("2"), FUND.WELFARE, { value: E("1") }))
        .to.be.revertedWithCustomError(treasury, "TreasuryValueMismatch")
        .withArgs(E("1"), E("2"));
    });

    it("reverts with TreasuryValueMismatch when ETH is sent along with an ERC20", async function () {
      const { treasury, token, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(await token.getAddress(), E("1"), FUND.WELFARE, { value: 1n }))
        .to.be.revertedWithCustomError(treasury, "TreasuryValueMismatch")
        .withArgs(1n, 0n);
    });

    it("reverts with TreasuryTransferAmountMismatch for a fee-on-transfer token", async function () {
      const { treasury, feeToken, funder } = await loadFixture(deployTreasury);
      await expect(treasury.connect(funder).receiveRevenue(await feeToken.getAddress(), E("100"), FUND.WELFARE))
        .to.be.revertedWithCustomError(treasury, "TreasuryTransferAmountMismatch")
        .withArgs(E("100"), E("99"));
    });

    it("reverts when the sender has not approved the ERC20", async function () {
      const { treasury, token, outsider } = await loadFixture(deployTreasury);
      await token.mint(outsider.address, E("1"));
      await expect(
        treasury.connect(outsider).receiveRevenue(await token.getAddress(), E("1"), FUND.WELFARE),
      ).to.be.revertedWithCustomError(token, "ERC20InsufficientAllowance");
    });

    it("rejects plain ETH sent to the contract with TreasuryDirectEthRejected", async function () {
      const { treasury, funder, tAddr } = await loadFixture(deployTreasury);
      await expect(funder.sendTransaction({ to: tAddr, value: E("1") }))
        .to.be.revertedWithCustomError(treasury, "TreasuryDirectEthRejected")
        .withArgs(funder.address, E("1"));
    });
  });

  describe("creditUnaccounted", function () {
    it("credits ETH forced in by selfdestruct to the chosen fund", async function () {
      const { treasury, funder, tAddr } = await loadFixture(fundedTreasury);
      // Init code `PUSH20 tAddr SELFDESTRUCT`: ETH arrives without a call, as from any
      // selfdestruct (written as raw bytecode so no contract of ours uses the deprecated opcode).
      await funder.sendTransaction({ data: "0x73" + tAddr.slice(2) + "ff", value: E("3") });
      const before = await treasury.fundBalance(FUND.DEVELOPMENT, ETH);
      await expect(treasury.creditUnaccounted(FUND.DEVELOPMENT, ETH))
        .to.emit(treasury, "UnaccountedCredited")
        .withArgs(FUND.DEVELOPMENT, ETH, E("3"));
      expect(await treasury.fundBalance(FUND.DEVELOPMENT, ETH)).to.equal(before + E("3"));
      expect(await treasury.accountedBalance(ETH)).to.equal(await ethers.provider.getBalance(tAddr));
    });

    it("credits ERC20 transferred directly", async function () {
      const { treasury, other, funder, tAddr } = await loadFixture(fundedTreasury);
      await other.connect(funder).transfer(tAddr, E("7"));
      await treasury.creditUnaccounted(FUND.WELFARE, await other.getAddress());
      expect(await treasury.fundBalance(FUND.WELFARE, await other.getAddress())).to.equal(E("7"));
    });

    it("caps one credit at 2^128 - 1 and reverts (checked overflow) rather than wrap a fund's total", async function () {
      const { treasury, other, funder, tAddr } = await loadFixture(fundedTreasury);
      const otherAddr = await other.getAddress();
      await other.mint(funder.address, U128_MAX + 6n);
      await other.connect(funder).transfer(tAddr, U128_MAX + 6n);
      await expect(treasury.creditUnaccounted(FUND.WELFARE, otherAddr))
        .to.emit(treasury, "UnaccountedCredited")
        .withArgs(FUND.WELFARE, otherAddr, U128_MAX);
      await expect(treasury.creditUnaccounted(FUND.WELFARE, otherAddr)).to.be.revertedWithPanic(0x11);
      expect(await treasury.fundBalance(FUND.WELFARE, otherAddr)).to.equal(U128_MAX);
    });

    it("reverts with TreasuryNothingUnaccounted when every unit is already in a fund", async function () {
      const { treasury, tokenAddr } = await loadFixture(fundedTreasury);
      await expect(treasury.creditUnaccounted(FUND.WELFARE, tokenAddr))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingUnaccounted")
        .withArgs(tokenAddr);
    });

    it("reverts for a non-fund bucket and for a caller without the admin role", async function () {
      const { treasury, outsider } = await loadFixture(fundedTreasury);
      await expect(treasury.creditUnaccounted(FUND.BURN, ETH)).to.be.revertedWithCustomError(treasury, "TreasuryInvalidFund");
      await expect(treasury.connect(outsider).creditUnaccounted(FUND.WELFARE, ETH))
        .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, ethers.ZeroHash);
    });
  });

  describe("grant", function () {
    it("pays ETH from the fund, records the payout and emits GrantPaid with the memo", async function () {
      const { treasury, bob, tAddr } = await loadFixture(fundedTreasury);
      const tx = treasury.grant(FUND.WELFARE, ETH, bob.address, E("4"), "welfare round 1");
      await expect(tx).to.emit(treasury, "GrantPaid").withArgs(FUND.WELFARE, ETH, bob.address, E("4"), "welfare round 1");
      await expect(tx).to.changeEtherBalances([bob, tAddr], [E("4"), -E("4")]);
      expect(await treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(E("6"));
      expect(await treasury.totalPaidOut(FUND.WELFARE, ETH)).to.equal(E("4"));
      expect(await treasury.fundBalance(FUND.SOLIDARITY, ETH)).to.equal(E("10"));
    });

    it("pays an ERC20 from the fund", async function () {
      const { treasury, token, tokenAddr, bob } = await loadFixture(fundedTreasury);
      await expect(treasury.grant(FUND.SOLIDARITY, tokenAddr, bob.address, E("250"), "")).to.changeTokenBalance(
        token,
        bob.address,
        E("250"),
      );
      expect(await treasury.fundBalance(FUND.SOLIDARITY, tokenAddr)).to.equal(E("750"));
    });

    it("reverts with AccessControlUnauthorizedAccount for a caller without the admin role", async function () {
      const { treasury, outsider } = await loadFixture(fundedTreasury);
      await expect(treasury.connect(outsider).grant(FUND.WELFARE, ETH, outsider.address, 1n, ""))
        .to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount")
        .withArgs(outsider.address, ethers.ZeroHash);
    });

    it("reverts with TreasuryInsufficientFund when a fund is overdrawn, even if another fund holds enough", async function () {
      const { treasury, bob } = await loadFixture(fundedTreasury);
      // 30 ETH in the treasury, but only 10 in WELFARE.
      await expect(treasury.grant(FUND.WELFARE, ETH, bob.address, E("10") + 1n, ""))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientFund")
        .withArgs(FUND.WELFARE, ETH, E("10"), E("10") + 1n);
    });

    it("reverts with TreasuryInsufficientFund for an asset the fund never received", async function () {
      const { treasury, other, bob } = await loadFixture(fundedTreasury);
      await expect(treasury.grant(FUND.WELFARE, await other.getAddress(), bob.address, 1n, "")).to.be.revertedWithCustomError(
        treasury,
        "TreasuryInsufficientFund",
      );
    });

    it("cannot pay out funds committed to a stream", async function () {
      const { treasury, bob, alice } = await loadFixture(fundedTreasury);
      await treasury.createStream(FUND.WELFARE, ETH, alice.address, E("8"), 0, 0, DAY);
      await expect(treasury.grant(FUND.WELFARE, ETH, bob.address, E("3"), ""))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientFund")
        .withArgs(FUND.WELFARE, ETH, E("2"), E("3"));
    });

    it("reverts with TreasuryInvalidFund, TreasuryZeroRecipient, TreasuryZeroAmount on bad inputs", async function () {
      const { treasury, bob } = await loadFixture(fundedTreasury);
      await expect(treasury.grant(FUND.STAKERS, ETH, bob.address, 1n, "")).to.be.revertedWithCustomError(
        treasury,
        "TreasuryInvalidFund",
      );
      await expect(treasury.grant(FUND.WELFARE, ETH, ETH, 1n, "")).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroRecipient",
      );
      await expect(treasury.grant(FUND.WELFARE, ETH, bob.address, 0n, "")).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts with TreasuryMemoTooLong for a memo over 1,024 bytes and accepts exactly 1,024", async function () {
      const { treasury, bob } = await loadFixture(fundedTreasury);
      await expect(treasury.grant(FUND.WELFARE, ETH, bob.address, 1n, "x".repeat(1025)))
        .to.be.revertedWithCustomError(treasury, "TreasuryMemoTooLong")
        .withArgs(1025n, 1024n);
      await expect(treasury.grant(FUND.WELFARE, ETH, bob.address, 1n, "x".repeat(1024))).to.emit(treasury, "GrantPaid");
    });

    it("reverts with TreasuryEthTransferFailed when the recipient refuses ETH, leaving the fund whole", async function () {
      const { treasury } = await loadFixture(fundedTreasury);
      const rejecter = await ethers.deployContract("TreasuryEthRejecter");
      await expect(treasury.grant(FUND.WELFARE, ETH, await rejecter.getAddress(), E("1"), ""))
        .to.be.revertedWithCustomError(treasury, "TreasuryEthTransferFailed")
        .withArgs(await rejecter.getAddress(), E("1"));
      expect(await treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(E("10"));
    });
  });

  describe("createStream", function () {
    it("moves the amount from free to committed and emits StreamCreated", async function () {
      const { treasury, alice, tokenAddr } = await loadFixture(fundedTreasury);
      const start = BigInt(await time.latest()) + 1000n;
      await expect(treasury.createStream(FUND.DEVELOPMENT, tokenAddr, alice.address, E("100"), start, HOUR, DAY))
        .to.emit(treasury, "StreamCreated")
        .withArgs(1n, FUND.DEVELOPMENT, alice.address, tokenAddr, E("100"), start, HOUR, DAY);
      expect(await treasury.fundBalance(FUND.DEVELOPMENT, tokenAddr)).to.equal(E("900"));
      expect(await treasury.committedBalance(FUND.DEVELOPMENT, tokenAddr)).to.equal(E("100"));
      expect(await treasury.accountedBalance(tokenAddr)).to.equal(E("3000"));
      expect(await treasury.streamCount()).to.equal(1n);
      const s = await treasury.getStream(1n);
      expect([s.recipient, s.fund, s.cancelled, s.start, s.cliff, s.asset, s.duration, s.amount, s.withdrawn]).to.deep.equal([
        alice.address,
        BigInt(FUND.DEVELOPMENT),
        false,
        start,
        HOUR,
        tokenAddr,
        DAY,
        E("100"),
        0n,
      ]);
    });

    it("starts at the executing block when start is 0", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      await treasury.createStream(FUND.WELFARE, ETH, alice.address, E("1"), 0, 0, DAY);
      expect((await treasury.getStream(1n)).start).to.equal(BigInt(await time.latest()));
    });

    it("reverts with AccessControlUnauthorizedAccount for a caller without the admin role", async function () {
      const { treasury, outsider } = await loadFixture(fundedTreasury);
      await expect(
        treasury.connect(outsider).createStream(FUND.WELFARE, ETH, outsider.address, 1n, 0, 0, DAY),
      ).to.be.revertedWithCustomError(treasury, "AccessControlUnauthorizedAccount");
    });

    it("reverts with TreasuryInsufficientFund when the amount exceeds the fund's free balance", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      await treasury.createStream(FUND.WELFARE, ETH, alice.address, E("6"), 0, 0, DAY);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, E("5"), 0, 0, DAY))
        .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientFund")
        .withArgs(FUND.WELFARE, ETH, E("4"), E("5"));
    });

    it("reverts with TreasuryInvalidFund, TreasuryZeroRecipient and TreasuryZeroAmount on bad inputs", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      await expect(treasury.createStream(FUND.BURN, ETH, alice.address, 1n, 0, 0, DAY)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryInvalidFund",
      );
      await expect(treasury.createStream(FUND.WELFARE, ETH, ETH, 1n, 0, 0, DAY)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroRecipient",
      );
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 0n, 0, 0, DAY)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryZeroAmount",
      );
    });

    it("reverts with TreasuryInvalidStreamDuration below one hour and above ten years", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      const max = 10n * 365n * DAY;
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, 0, 0, HOUR - 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidStreamDuration")
        .withArgs(HOUR - 1n, HOUR, max);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, 0, 0, max + 1n))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidStreamDuration")
        .withArgs(max + 1n, HOUR, max);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, 0, 0, max)).to.emit(treasury, "StreamCreated");
    });

    it("reverts with TreasuryCliffExceedsDuration when the cliff is longer than the stream", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, 0, DAY + 1n, DAY))
        .to.be.revertedWithCustomError(treasury, "TreasuryCliffExceedsDuration")
        .withArgs(DAY + 1n, DAY);
    });

    it("reverts with TreasuryInvalidStreamStart for a start in the past or more than a year ahead", async function () {
      const { treasury, alice } = await loadFixture(fundedTreasury);
      const now = BigInt(await time.latest());
      await time.setNextBlockTimestamp(now + 10n);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, now + 9n, 0, DAY))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidStreamStart")
        .withArgs(now + 9n, now + 10n, now + 10n + 365n * DAY);
      await time.setNextBlockTimestamp(now + 20n);
      await expect(treasury.createStream(FUND.WELFARE, ETH, alice.address, 1n, now + 21n + 365n * DAY, 0, DAY))
        .to.be.revertedWithCustomError(treasury, "TreasuryInvalidStreamStart")
        .withArgs(now + 21n + 365n * DAY, now + 20n, now + 20n + 365n * DAY);
    });
  });

  describe("withdraw", function () {
    it("reverts with TreasuryNothingToWithdraw before the stream starts and before the cliff", async function () {
      const { treasury, alice, streamId, start, cliff } = await loadFixture(withStream);
      await expect(treasury.connect(alice).withdraw(streamId))
        .to.be.revertedWithCustomError(treasury, "TreasuryNothingToWithdraw")
        .withArgs(streamId);
      await time.setNextBlockTimestamp(start + cliff - 1n);
      await expect(treasury.connect(alice).withdraw(streamId)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryNothingToWithdraw",
      );
    });

    it("pays the linearly vested amount, rounded down, from the cliff on", async function () {
      const { treasury, alice, streamId, start, cliff, amount, duration, tAddr } = await loadFixture(withStream);
      const t1 = start + cliff + 7n;
      const expected1 = (amount * (cliff + 7n)) / duration;
      await time.setNextBlockTimestamp(t1);
      const tx = treasury.connect(alice).withdraw(streamId);
      await expect(tx).to.emit(treasury, "StreamWithdrawn").withArgs(streamId, alice.address, expected1);
      await expect(tx).to.changeEtherBalances([alice, tAddr], [expected1, -expected1]);
      const t2 = start + 333n * HOUR + 1n;
      const expected2 = (amount * (t2 - start)) / duration - expected1;
      await time.setNextBlockTimestamp(t2);
      await expect(treasury.connect(alice).withdraw(streamId)).to.changeEtherBalance(alice, expected2);
      expect((await treasury.getStream(streamId)).withdrawn).to.equal(expected1 + expected2);
      expect(await treasury.totalPaidOut(FUND.WELFARE, ETH)).to.equal(expected1 + expected2);
      expect(await treasury.committedBalance(FUND.WELFARE, ETH)).to.equal(amount - expected1 - expected2);
    });

    it("pays the whole remainder after the end, then nothing more", async function () {
      const { treasury, alice, streamId, start, duration, amount } = await loadFixture(withStream);
      await time.setNextBlockTimestamp(start + duration + 1000n);
      await expect(treasury.connect(alice).withdraw(streamId)).to.changeEtherBalance(alice, amount);
      expect(await treasury.committedBalance(FUND.WELFARE, ETH)).to.equal(0n);
      await expect(treasury.connect(alice).withdraw(streamId)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryNothingToWithdraw",
      );
    });

    it("reverts with TreasuryNotStreamRecipient for anyone but the recipient, including the admin", async function () {
      const { treasury, admin, bob, streamId, start, duration } = await loadFixture(withStream);
      await time.setNextBlockTimestamp(start + duration);
      await expect(treasury.connect(bob).withdraw(streamId))
        .to.be.revertedWithCustomError(treasury, "TreasuryNotStreamRecipient")
        .withArgs(streamId, bob.address);
      await expect(treasury.connect(admin).withdraw(streamId)).to.be.revertedWithCustomError(
        treasury,
        "TreasuryNotStreamRecipient",
      );
    });

    it("reverts with TreasuryUnknownStream for ids 0 and beyond the count", async function () {
      const { treasury, alice } = await loadFixture(withStream);
      for (const id of [0n, 2n]) {
        await expect(treasury.connect(alice).withdraw(id))
          .to.be.revertedWithCustomError(treasury, "TreasuryUnknownStream")
          .withArgs(id);
      }
      await expect(treasury.getStream(2n)).to.be.revertedWithCustomError(treasury, "TreasuryUnknownStream");
      await expect(treasury.vestedAmount(2n)).to.be.revertedWithCustomError(treasury, "TreasuryUnknownStream");
      await expect(treasury.withdrawable(2n)).to.be.revertedWithCustomError(treasury, "TreasuryUnknownStream");
    });

    it("blocks a recipient that re-enters withdraw from its ETH callback (ReentrancyGuardReentrantCall)", async function () {
      const { treasury, tAddr } = await loadFixture(fundedTreasury);
      const attacker = await ethers.deployContract("ReentrantStreamRecipient", [tAddr]);
      await treasury.createStream(FUND.WELFARE, ETH, await attacker.getAddress(), E("5"), 0, 0, HOUR);
      await attacker.setStream(1n);
      await time.increase(2n * HOUR);
      await attacker.pull();
      expect(await attacker.stolen()).to.equal(0n);
      expect(await attacker.reentryError()).to.equal(treasury.interface.getError("ReentrancyGuardReentrantCall")!.selector);
      expect(await ethers.provider.getBalance(await attacker.getAddress())).to.equal(E("5")); // paid once, not twice
      expect(await ethers.provider.getBalance(tAddr)).to.equal(E("25"));
      expect(await treasury.committedBalance(FUND.WELFARE, ETH)).to.equal(0n);
    });

    it("blocks an admin token that re-enters creditUnaccounted, receiveRevenue and grant mid-transfer (no double credit)", async function () {
      const probe = await ethers.deployContract("ReentrantAdminToken");
      const treasury = (await ethers.deployContract("CipherTreasury", [probe.target])) as unknown as CipherTreasury;
      await probe.setTreasury(treasury.target);
      await probe.attack(E("100"));
      const guard = treasury.interface.getError("ReentrancyGuardReentrantCall")!.selector;
      expect(await probe.errorCount()).to.equal(3n);
      for (let i = 0; i < 3; i++) expect(await probe.errors(i)).to.equal(guard);
      expect(await treasury.fundBalance(FUND.WELFARE, probe.target)).to.equal(E("100")); // credited once
      expect(await treasury.accountedBalance(probe.target)).to.equal(await probe.balanceOf(treasury.target));
    });

    it("leaves an ERC20 stream's vested amount with a recipient that refuses ETH (ERC20 unaffected)", async function () {
      const { treasury, token, tokenAddr } = await loadFixture(fundedTreasury);
      const rejecter = await ethers.deployContract("TreasuryEthRejecter");
      await treasury.createStream(FUND.SOLIDARITY, tokenAddr, await rejecter.getAddress(), E("10"), 0, 0, HOUR);
      await time.increase(HOUR);
      await rejecter.pull(await treasury.getAddress(), 1n);
      expect(await token.balanceOf(await rejecter.getAddress())).to.equal(E("10"));
    });
  });

  describe("cancelStream", function () {
    it("returns the unvested part to the fund and leaves the vested part withdrawable", async function () {
      const { treasury, alice, streamId, start, duration, amount } = await loadFixture(withStream);
      const tCancel = start + 400n * HOUR;
      const vested = (amount * (tCancel - start)) / duration;
      await time.setNextBlockTimestamp(tCancel);
      await expect(treasury.cancelStream(streamId))
        .to.emit(treasury, "StreamCancelled")
        .withArgs(streamId, vested, amount - vested);
      expect(await treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(E("9") + amount - vested);
      expect(await treasury.committedBalance(FUND.WELFARE, ETH)).to.equal(vested);
      // Long after the end the recipient still gets exactly the vested part.
      await time.setNextBlockTimestamp(start + 2n * duration);
      await expect(treasury.connect(alice).withdraw(streamId)).to.changeEtherBalance(alice, vested);
      expect(await treasury.vestedAmount(streamId)).to.equal(vested);
      expect(await treasury.withdrawable(streamId)).to.equal(0n);
      expect(await treasury.committedBalance(FUND.WELFARE, ETH)).to.equal(0n);
    });

    it("returns everything when cancelled before the start", async function () {
      const { treasury, streamId, amount } = await loadFixture(withStream);
      await expect(treasury.cancelStream(streamId)).to.emit(treasury, "StreamCancelled").withArgs(streamId, 0n, amount);
      expect(await treasury.fundBalance(FUND.WELFARE, ETH)).to.equal(E("10"));
    });

    it("reverts with TreasuryStreamAlreadyCancelled on a second cancel", async function () {
      const { treasury, streamId } = await loadFixture(withStream);
      await treasury.cancelStream(streamId);
      await expect(treasury.cancelStream(streamId))
        .to.be.revertedWithCustomError(treasury, "TreasuryStreamAlreadyCancelled")
        .withArgs(streamId);
    });

    it("reverts with TreasuryStreamFullyVested once nothing is left to return", async function () {
      const { treasury, streamId, start, duration } = await loadFixture(withStream);
      await time.setNextBlockTimestamp(start + duration);
      await expect(treasury.cancelStream(streamId))
        .to.be.revertedWithCustomError(treasury, "TreasuryStreamFullyVested")
        .withArgs(streamId);
    });

    it("reverts for an unknown stream and for a caller without the admin role", async function () {
      const { treasury, outsider, streamId } = await loadFixture(withStream);
      await expect(treasury.cancelStream(9n)).to.be.revertedWithCustomError(treasury, "TreasuryUnknownStream");
      await expect(treasury.connect(outsider).cancelStream(streamId)).to.be.revertedWithCustomError(
        treasury,
        "AccessControlUnauthorizedAccount",
      );
    });
  });

  describe("accounting", function () {
    it("keeps received = free + committed + paid out per fund through grants, streams and cancels", async function () {
      const { treasury, alice, bob, start, streamId } = await loadFixture(withStream);
      await treasury.grant(FUND.WELFARE, ETH, bob.address, E("2"), "");
      await time.setNextBlockTimestamp(start + 500n * HOUR);
      await treasury.connect(alice).withdraw(streamId);
      await treasury.cancelStream(streamId);
      const free = await treasury.fundBalance(FUND.WELFARE, ETH);
      const committed = await treasury.committedBalance(FUND.WELFARE, ETH);
      const paid = await treasury.totalPaidOut(FUND.WELFARE, ETH);
      expect(free + committed + paid).to.equal(await treasury.totalReceived(FUND.WELFARE, ETH));
      expect(await treasury.accountedBalance(ETH)).to.equal(await ethers.provider.getBalance(await treasury.getAddress()));
    });
  });
});
