import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { BPS, CURVE_PARAMS, MARKET_DEFAULTS, MAX_DEADLINE, deploySuite, feeUp, suiteFixture } from "./fixtures";

const ONE = ethers.parseEther("1");
const fixture = suiteFixture("mock-linear", "eth");

describe("BondingCurveMarket deployment", function () {
  async function params() {
    const s = await loadFixture(fixture);
    return {
      s,
      p: {
        admin: s.admin.address,
        guardian: s.guardian.address,
        token: await s.token.getAddress(),
        curve: await s.curve.getAddress(),
        reserveAsset: ethers.ZeroAddress,
        revenueSplitter: await s.splitter.getAddress(),
        ...MARKET_DEFAULTS,
      },
    };
  }

  it("grants the admin and guardian roles and nobody else", async function () {
    const { s } = await params();
    expect(await s.market.getRoleMemberCount(ethers.ZeroHash)).to.equal(1n);
    expect(await s.market.getRoleMember(ethers.ZeroHash, 0)).to.equal(s.admin.address);
    const g = await s.market.GUARDIAN_ROLE();
    expect(g).to.equal(ethers.id("GUARDIAN_ROLE"));
    expect(await s.market.getRoleMemberCount(g)).to.equal(1n);
    expect(await s.market.getRoleMember(g, 0)).to.equal(s.guardian.address);
  });

  it("grants no guardian when guardian is the zero address", async function () {
    const { p, s } = await params();
    const m = await (await ethers.getContractFactory("BondingCurveMarket")).deploy({ ...p, guardian: ethers.ZeroAddress });
    expect(await m.getRoleMemberCount(await s.market.GUARDIAN_ROLE())).to.equal(0n);
  });

  for (const field of ["admin", "token", "curve", "revenueSplitter"] as const) {
    it(`reverts with ZeroAddress when ${field} is zero`, async function () {
      const { p, s } = await params();
      const F = await ethers.getContractFactory("BondingCurveMarket");
      await expect(F.deploy({ ...p, [field]: ethers.ZeroAddress })).to.be.revertedWithCustomError(s.market, "ZeroAddress");
    });
  }

  it("reverts with FeeTooHigh, ReferralShareTooHigh and BreakerParameterOutOfBounds on bad constructor values", async function () {
    const { p, s } = await params();
    const F = await ethers.getContractFactory("BondingCurveMarket");
    await expect(F.deploy({ ...p, buyFeeBps: 1001 })).to.be.revertedWithCustomError(s.market, "FeeTooHigh");
    await expect(F.deploy({ ...p, sellFeeBps: 1001 })).to.be.revertedWithCustomError(s.market, "FeeTooHigh");
    await expect(F.deploy({ ...p, referralShareBps: 5001 })).to.be.revertedWithCustomError(s.market, "ReferralShareTooHigh");
    await expect(F.deploy({ ...p, breakerWindowBlocks: 0 })).to.be.revertedWithCustomError(s.market, "BreakerParameterOutOfBounds");
  });
});

describe("BondingCurveMarket pause", function () {
  it("lets only the guardian pause, and emits Paused", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.admin).pause())
      .to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount")
      .withArgs(s.admin.address, await s.market.GUARDIAN_ROLE());
    await expect(s.market.connect(s.guardian).pause()).to.emit(s.market, "Paused").withArgs(s.guardian.address);
    expect(await s.market.paused()).to.equal(true);
  });

  it("lets only the admin unpause, and emits Unpaused", async function () {
    const s = await loadFixture(fixture);
    await s.market.connect(s.guardian).pause();
    await expect(s.market.connect(s.guardian).unpause()).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    await expect(s.market.connect(s.admin).unpause()).to.emit(s.market, "Unpaused").withArgs(s.admin.address);
    expect(await s.market.paused()).to.equal(false);
    await s.buy(s.alice, ONE);
  });

  it("reverts with PauseStateUnchanged when pausing twice or unpausing a running market", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.admin).unpause()).to.be.revertedWithCustomError(s.market, "PauseStateUnchanged").withArgs(false);
    await s.market.connect(s.guardian).pause();
    await expect(s.market.connect(s.guardian).pause()).to.be.revertedWithCustomError(s.market, "PauseStateUnchanged").withArgs(true);
  });

  it("still lets fees be flushed and referral rewards be claimed while paused", async function () {
    const s = await loadFixture(fixture);
    await s.buy(s.alice, ONE, 0n, s.referrer.address);
    await s.market.connect(s.guardian).pause();
    await expect(s.market.flushFees()).to.emit(s.market, "FeesFlushed");
    await expect(s.market.connect(s.referrer).claimReferralRewards()).to.emit(s.market, "ReferralRewardsClaimed");
  });
});

describe("BondingCurveMarket governed setters", function () {
  it("setFees: admin only, bounded by MAX_FEE_BPS, emits old and new", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.alice).setFees(1, 1)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    await expect(s.market.connect(s.admin).setFees(1001, 0)).to.be.revertedWithCustomError(s.market, "FeeTooHigh").withArgs(1001, 1000);
    await expect(s.market.connect(s.admin).setFees(0, 1001)).to.be.revertedWithCustomError(s.market, "FeeTooHigh").withArgs(1001, 1000);
    await expect(s.market.connect(s.admin).setFees(1000, 250))
      .to.emit(s.market, "FeesUpdated")
      .withArgs(MARKET_DEFAULTS.buyFeeBps, MARKET_DEFAULTS.sellFeeBps, 1000, 250);
    expect(await s.market.fees()).to.deep.equal([1000n, 250n]);
    expect((await s.market.quoteBuy(ONE))[1]).to.equal(ONE / 10n);
  });

  it("setReferralShare: admin only, bounded, emits old and new", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.alice).setReferralShare(1)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    await expect(s.market.connect(s.admin).setReferralShare(5001)).to.be.revertedWithCustomError(s.market, "ReferralShareTooHigh").withArgs(5001, 5000);
    await expect(s.market.connect(s.admin).setReferralShare(5000)).to.emit(s.market, "ReferralShareUpdated").withArgs(MARKET_DEFAULTS.referralShareBps, 5000);
    expect(await s.market.referralShareBps()).to.equal(5000n);
  });

  it("setBreakerParameters: admin only, every bound enforced, emits old and new", async function () {
    const s = await loadFixture(fixture);
    const m = s.market.connect(s.admin);
    await expect(s.market.connect(s.guardian).setBreakerParameters(500, 5, 5)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    const cases: [number, number, number, number, number, number, number][] = [
      [99, 5, 5, 0, 99, 100, 10000],
      [10001, 5, 5, 0, 10001, 100, 10000],
      [500, 0, 5, 1, 0, 1, 50400],
      [500, 50401, 5, 1, 50401, 1, 50400],
      [500, 5, 0, 2, 0, 1, 50400],
      [500, 5, 50401, 2, 50401, 1, 50400],
    ];
    for (const [t, w, c, i, v, lo, hi] of cases) {
      await expect(m.setBreakerParameters(t, w, c)).to.be.revertedWithCustomError(s.market, "BreakerParameterOutOfBounds").withArgs(i, v, lo, hi);
    }
    await expect(m.setBreakerParameters(500, 7, 9))
      .to.emit(s.market, "BreakerParametersUpdated")
      .withArgs(MARKET_DEFAULTS.breakerThresholdBps, MARKET_DEFAULTS.breakerWindowBlocks, MARKET_DEFAULTS.breakerCooldownBlocks, 500, 7, 9);
    expect(await s.market.breakerParameters()).to.deep.equal([500n, 7n, 9n]);
  });

  it("setRevenueSplitter: admin only, non-zero, emits old and new", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.alice).setRevenueSplitter(s.alice.address)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    await expect(s.market.connect(s.admin).setRevenueSplitter(ethers.ZeroAddress)).to.be.revertedWithCustomError(s.market, "ZeroAddress");
    await expect(s.market.connect(s.admin).setRevenueSplitter(s.bob.address))
      .to.emit(s.market, "RevenueSplitterUpdated")
      .withArgs(await s.splitter.getAddress(), s.bob.address);
    await s.buy(s.alice, ONE);
    const fees = await s.market.protocolFees();
    await expect(s.market.flushFees()).to.changeEtherBalance(s.bob, fees);
  });
});

describe("BondingCurveMarket curve parameter changes", function () {
  const [m0, b0] = CURVE_PARAMS["mock-linear"];

  it("reverts for anyone but the admin", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.alice).setCurveParameters([m0, b0])).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
  });

  it("reverts with CurveParameterCountMismatch on a wrong-length list", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.admin).setCurveParameters([m0])).to.be.revertedWithCustomError(s.market, "CurveParameterCountMismatch").withArgs(1, 2);
  });

  it("reverts with CurveParameterStepTooLarge when a parameter moves more than 10%", async function () {
    const s = await loadFixture(fixture);
    const down = (m0 * 8999n) / 10000n;
    await expect(s.market.connect(s.admin).setCurveParameters([down, b0]))
      .to.be.revertedWithCustomError(s.market, "CurveParameterStepTooLarge")
      .withArgs(0, m0, down);
    const up = (b0 * 11001n) / 10000n;
    await expect(s.market.connect(s.admin).setCurveParameters([m0, up]))
      .to.be.revertedWithCustomError(s.market, "CurveParameterStepTooLarge")
      .withArgs(1, b0, up);
  });

  it("reverts with Insolvent when a raise would leave the supply uncovered", async function () {
    const s = await loadFixture(fixture);
    const up = [(m0 * 11n) / 10n, (b0 * 11n) / 10n];
    const supply = await s.token.totalSupply();
    // reserveFor of the raised curve, computed independently: (2e18*b*S + m*S^2) / 2e36
    const required = (2n * 10n ** 18n * up[1] * supply + up[0] * supply * supply) / (2n * 10n ** 36n);
    await expect(s.market.connect(s.admin).setCurveParameters(up))
      .to.be.revertedWithCustomError(s.market, "Insolvent")
      .withArgs(required, await s.market.reserveBalance());
    expect(await s.curve.parameters()).to.deep.equal([m0, b0]);
  });

  it("applies a solvent 10% cut, emits old and new, restarts the breaker window and then waits a period", async function () {
    const s = await loadFixture(fixture);
    const down = [(m0 * 9n) / 10n, (b0 * 9n) / 10n];
    await expect(s.market.connect(s.admin).setCurveParameters(down)).to.emit(s.market, "CurveParametersChanged").withArgs([m0, b0], down);
    expect(await s.curve.parameters()).to.deep.equal(down);
    expect((await s.market.breakerAnchor())[1]).to.equal(0n);
    const t = BigInt(await time.latest());
    expect(await s.market.lastCurveChange()).to.equal(t);
    expect(await s.market.reserveBalance()).to.be.gte(await s.curve.reserveFor(await s.token.totalSupply()));
    await expect(s.market.connect(s.admin).setCurveParameters([m0, b0]))
      .to.be.revertedWithCustomError(s.market, "CurveChangeTooSoon")
      .withArgs(t + 86400n);
    await time.increaseTo(t + 86400n);
    await s.market.connect(s.admin).setCurveParameters(down.map((x) => (x * 95n) / 100n));
  });

  it("reverts with SupplyAboveCap when the new cap is below the supply", async function () {
    const s = await loadFixture(fixture);
    const curve = await ethers.getContractAt("MockLinearCurve", await s.curve.getAddress());
    const supply = await s.token.totalSupply();
    await curve.setForcedCap(supply - 1n);
    await expect(s.market.connect(s.admin).setCurveParameters([m0, b0]))
      .to.be.revertedWithCustomError(s.market, "SupplyAboveCap")
      .withArgs(supply, supply - 1n);
  });
});

describe("BondingCurveMarket surplus", function () {
  it("has no surplus beyond the margin on a fresh market", async function () {
    const s = await loadFixture(fixture);
    const cover = await s.curve.reserveFor(await s.token.totalSupply());
    const floor = cover + feeUp(cover, 100);
    const r = await s.market.reserveBalance();
    expect(await s.market.surplus()).to.equal(r > floor ? r - floor : 0n);
    await expect(s.market.connect(s.admin).withdrawSurplus(s.admin.address, 1n)).to.be.revertedWithCustomError(s.market, "SurplusExceeded");
  });

  it("lets the admin take exactly the surplus a burn created, and not a wei more", async function () {
    const s = await loadFixture(fixture);
    await s.token.connect(s.seeder).burn((await s.token.balanceOf(s.seeder.address)) / 2n);
    const cover = await s.curve.reserveFor(await s.token.totalSupply());
    const expected = (await s.market.reserveBalance()) - cover - feeUp(cover, 100);
    expect(await s.market.surplus()).to.equal(expected);
    await expect(s.market.connect(s.admin).withdrawSurplus(s.carol.address, expected + 1n))
      .to.be.revertedWithCustomError(s.market, "SurplusExceeded")
      .withArgs(expected + 1n, expected);
    const carolBefore = await ethers.provider.getBalance(s.carol.address);
    await expect(s.market.connect(s.admin).withdrawSurplus(s.carol.address, expected))
      .to.emit(s.market, "SurplusWithdrawn")
      .withArgs(s.carol.address, expected);
    expect((await ethers.provider.getBalance(s.carol.address)) - carolBefore).to.equal(expected);
    expect(await s.market.reserveBalance()).to.equal(cover + feeUp(cover, 100));
    // the remaining holders can still all sell
    await s.market.connect(s.seeder).sell(await s.token.balanceOf(s.seeder.address), 0n, MAX_DEADLINE);
  });

  it("rejects zero, the zero address and non-admins", async function () {
    const s = await loadFixture(fixture);
    await expect(s.market.connect(s.alice).withdrawSurplus(s.alice.address, 1n)).to.be.revertedWithCustomError(s.market, "AccessControlUnauthorizedAccount");
    await expect(s.market.connect(s.admin).withdrawSurplus(ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(s.market, "ZeroAddress");
    await expect(s.market.connect(s.admin).withdrawSurplus(s.admin.address, 0n)).to.be.revertedWithCustomError(s.market, "ZeroAmount");
  });
});

describe("BondingCurveMarket ETH payouts", function () {
  it("reverts with NativeTransferFailed when the seller refuses ETH", async function () {
    const s = await loadFixture(fixture);
    const rej = await (await ethers.getContractFactory("EthRejecter")).deploy();
    await rej.buy(s.marketAddr, ONE, { value: ONE });
    const bal = await s.token.balanceOf(await rej.getAddress());
    const [out] = await s.market.quoteSell(bal);
    await expect(rej.sell(s.marketAddr, bal))
      .to.be.revertedWithCustomError(s.market, "NativeTransferFailed")
      .withArgs(await rej.getAddress(), out);
  });
});

describe("BondingCurveMarket reentrancy", function () {
  const GUARD = "ReentrancyGuardReentrantCall";

  it("blocks a malicious ERC20 reserve from re-entering any value-moving function during buy and sell", async function () {
    const s = await deploySuite("mock-linear", "erc20", { reserveContract: "ReentrantReserveToken" });
    const evil = await ethers.getContractAt("ReentrantReserveToken", s.reserveAsset);
    const sel = s.market.interface.getError(GUARD)!.selector;
    await s.buy(s.alice, ONE, 0n, s.referrer.address);
    const i = s.market.interface;
    const payloads = [
      i.encodeFunctionData("buy", [ONE, 0n, ethers.ZeroAddress, MAX_DEADLINE]),
      i.encodeFunctionData("sell", [1n, 0n, MAX_DEADLINE]),
      i.encodeFunctionData("flushFees"),
      i.encodeFunctionData("claimReferralRewards"),
    ];
    for (const payload of payloads) {
      await evil.arm(s.marketAddr, payload);
      await s.buy(s.alice, ONE); // transferFrom re-enters
      expect(await evil.reentered()).to.equal(false);
      expect((await evil.lastRevert()).slice(0, 10)).to.equal(sel);
      await evil.arm(s.marketAddr, payload);
      await s.market.connect(s.alice).sell(ONE / 10n, 0n, MAX_DEADLINE); // transfer re-enters
      expect(await evil.reentered()).to.equal(false);
      expect((await evil.lastRevert()).slice(0, 10)).to.equal(sel);
    }
  });

  it("blocks a seller, referrer or surplus recipient contract from re-entering when it receives ETH", async function () {
    const s = await loadFixture(fixture);
    const t = await (await ethers.getContractFactory("ReentrantTrader")).deploy(s.marketAddr);
    const tAddr = await t.getAddress();
    const sel = s.market.interface.getError(GUARD)!.selector;
    const i = s.market.interface;
    await t.buy(ONE, { value: ONE });
    await s.buy(s.alice, ONE, 0n, tAddr);
    await s.market.connect(s.admin).grantRole(ethers.ZeroHash, tAddr);
    // a large burn creates surplus to withdraw; relax the breaker so the price fall does not halt
    await s.market.connect(s.admin).setBreakerParameters(10_000, 1, 1);
    await s.token.connect(s.seeder).burn(await s.token.balanceOf(s.seeder.address));
    const payloads = [
      i.encodeFunctionData("buy", [ONE, 0n, ethers.ZeroAddress, MAX_DEADLINE]),
      i.encodeFunctionData("sell", [1n, 0n, MAX_DEADLINE]),
      i.encodeFunctionData("flushFees"),
      i.encodeFunctionData("claimReferralRewards"),
      i.encodeFunctionData("withdrawSurplus", [tAddr, 1n]),
    ];
    const triggers = [
      () => t.sell(10n ** 15n),
      () => t.claim(),
      () => t.exec(s.marketAddr, i.encodeFunctionData("withdrawSurplus", [tAddr, 10n ** 9n])),
    ];
    for (const [k, trigger] of triggers.entries()) {
      for (const payload of payloads) {
        if (k === 1) await s.buy(s.alice, ONE, 0n, tAddr); // fresh referral credit to claim
        await t.arm(s.marketAddr, payload);
        await trigger();
        expect(await t.reentered()).to.equal(false);
        expect((await t.lastRevert()).slice(0, 10)).to.equal(sel);
      }
    }
  });

  it("blocks a hook revenue recipient from re-entering the splitter", async function () {
    const s = await loadFixture(fixture);
    const t = await (await ethers.getContractFactory("ReentrantTrader")).deploy(s.marketAddr);
    const tAddr = await t.getAddress();
    const splitterAddr = await s.splitter.getAddress();
    await s.splitter.connect(s.admin).setRecipient(0, tAddr, true);
    const i = s.splitter.interface;
    const sel = i.getError(GUARD)!.selector;
    for (const payload of [
      i.encodeFunctionData("sync", [ethers.ZeroAddress]),
      i.encodeFunctionData("release", [1, ethers.ZeroAddress]),
      i.encodeFunctionData("buyBackAndBurn"),
    ]) {
      await s.alice.sendTransaction({ to: splitterAddr, value: ONE });
      await t.arm(splitterAddr, payload);
      await s.splitter.release(0, ethers.ZeroAddress);
      expect(await t.reentered()).to.equal(false);
      expect((await t.lastRevert()).slice(0, 10)).to.equal(sel);
    }
  });
});

describe("BondingCurveMarket packed-storage limits", function () {
  it("credits no referral when the referrer's share of a 1-wei fee rounds to zero", async function () {
    const s = await loadFixture(fixture);
    const feesBefore = await s.market.protocolFees();
    await s.market.connect(s.admin).setReferralShare(1); // 0.01% of the fee
    await s.buy(s.alice, 900_000n, 0n, s.referrer.address); // fee = 9,000 wei; 0.01% of it rounds to 0
    expect(await s.market.referralRewards(s.referrer.address)).to.equal(0n);
    expect(await s.market.protocolFees()).to.equal(feesBefore + 9_000n);
  });

  it("reverts with AmountOverflow when accrued fees would not fit 96 bits", async function () {
    const s = await deploySuite("mock-linear", "eth", { seed: false, params: [0n, 10n ** 24n] });
    await s.market.connect(s.admin).setFees(1000, 1000);
    const amount = 10n ** 30n;
    await ethers.provider.send("hardhat_setBalance", [s.alice.address, ethers.toQuantity(amount * 2n)]);
    await expect(s.buy(s.alice, amount)).to.be.revertedWithCustomError(s.market, "AmountOverflow").withArgs(amount / 10n);
  });

  it("reverts with AmountOverflow when the reserve would not fit 120 bits", async function () {
    const s = await deploySuite("linear", "eth", { seed: false, params: [10n ** 24n, 10n ** 24n] });
    await s.market.connect(s.admin).setFees(0, 0);
    const amount = 10n ** 39n;
    await ethers.provider.send("hardhat_setBalance", [s.alice.address, ethers.toQuantity(amount * 2n)]);
    await expect(s.buy(s.alice, amount)).to.be.revertedWithCustomError(s.market, "AmountOverflow").withArgs(amount);
  });

  it("saturates the breaker's anchor at 2^112-1 instead of reverting on huge prices", async function () {
    const s = await deploySuite("exponential", "eth", { seed: false, params: [10n ** 24n, 10n ** 21n] });
    await s.market.connect(s.admin).setFees(0, 0);
    const amount = 10n ** 31n;
    await ethers.provider.send("hardhat_setBalance", [s.alice.address, ethers.toQuantity(amount * 2n)]);
    await expect(s.buy(s.alice, amount)).to.emit(s.market, "CircuitBreakerTripped");
    expect(await s.market.spotPrice()).to.be.gt(2n ** 112n);
    expect((await s.market.breakerAnchor())[0]).to.equal(2n ** 112n - 1n);
  });
});

describe("CipherToken", function () {
  it("is bound to its market at construction (immutable), never to the zero address", async function () {
    const s = await loadFixture(fixture);
    expect(await s.token.market()).to.equal(s.marketAddr);
    const factory = await ethers.getContractFactory("CipherToken");
    await expect(factory.deploy("Cipher", "CPH", ethers.ZeroAddress)).to.be.revertedWithCustomError(factory, "CipherTokenZeroMarket");
    const fresh = await factory.deploy("Cipher", "CPH", s.bob.address);
    await expect(fresh.deploymentTransaction()).to.emit(fresh, "MarketSet").withArgs(s.bob.address);
    expect(await fresh.market()).to.equal(s.bob.address);
    // the bound address (here an EOA) is the only minter
    await fresh.connect(s.bob).mint(s.alice.address, 5n);
    await fresh.connect(s.bob).burnFrom(s.alice.address, 2n);
    expect(await fresh.balanceOf(s.alice.address)).to.equal(3n);
    await expect(fresh.connect(s.alice).mint(s.alice.address, 1n)).to.be.revertedWithCustomError(fresh, "CipherTokenUnauthorized").withArgs(s.alice.address);
  });

  it("lets only the market mint and burnFrom", async function () {
    const s = await loadFixture(fixture);
    await expect(s.token.connect(s.alice).mint(s.alice.address, 1n)).to.be.revertedWithCustomError(s.token, "CipherTokenUnauthorized").withArgs(s.alice.address);
    await expect(s.token.connect(s.admin).burnFrom(s.seeder.address, 1n)).to.be.revertedWithCustomError(s.token, "CipherTokenUnauthorized");
  });

  it("lets a holder burn its own tokens, lowering the supply and not the reserve", async function () {
    const s = await loadFixture(fixture);
    const supply = await s.token.totalSupply();
    const reserve = await s.market.reserveBalance();
    await expect(s.token.connect(s.seeder).burn(ONE)).to.emit(s.token, "Transfer").withArgs(s.seeder.address, ethers.ZeroAddress, ONE);
    expect(await s.token.totalSupply()).to.equal(supply - ONE);
    expect(await s.market.reserveBalance()).to.equal(reserve);
    await expect(s.token.connect(s.alice).burn(1n)).to.be.revertedWithCustomError(s.token, "ERC20InsufficientBalance");
  });

  it("accepts an EIP-2612 permit", async function () {
    const s = await loadFixture(fixture);
    const owner = s.seeder;
    const deadline = MAX_DEADLINE;
    const { chainId } = await ethers.provider.getNetwork();
    const domain = { name: "Cipher", version: "1", chainId, verifyingContract: await s.token.getAddress() };
    const types = {
      Permit: [
        { name: "owner", type: "address" }, { name: "spender", type: "address" }, { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" }, { name: "deadline", type: "uint256" },
      ],
    };
    const value = { owner: owner.address, spender: s.bob.address, value: ONE, nonce: 0n, deadline };
    const sig = ethers.Signature.from(await owner.signTypedData(domain, types, value));
    await s.token.permit(owner.address, s.bob.address, ONE, deadline, sig.v, sig.r, sig.s);
    expect(await s.token.allowance(owner.address, s.bob.address)).to.equal(ONE);
    expect(await s.token.name()).to.equal("Cipher");
    expect(await s.token.symbol()).to.equal("CPH");
  });
});
void BPS;
void mine;

describe("MarketDeployer (the market at an address known before the token)", function () {
  it("deploys the market at predictedMarket (its nonce-1 CREATE), once, for the deployer only, for a token bound to it", async function () {
    const s = await loadFixture(fixture);
    const md = await (await ethers.getContractFactory("MarketDeployer")).connect(s.deployer).deploy();
    const predicted = await md.predictedMarket();
    expect(predicted).to.equal(ethers.getCreateAddress({ from: await md.getAddress(), nonce: 1 }));
    expect(await md.deployer()).to.equal(s.deployer.address);
    const tokenFactory = await ethers.getContractFactory("CipherToken");
    const token = await tokenFactory.deploy("Cipher", "CPH", predicted);
    const params = {
      admin: s.admin.address,
      guardian: s.guardian.address,
      token: await token.getAddress(),
      curve: await s.curve.getAddress(),
      reserveAsset: ethers.ZeroAddress,
      revenueSplitter: await s.splitter.getAddress(),
      ...MARKET_DEFAULTS,
    };
    await expect(md.connect(s.alice).deploy(params)).to.be.revertedWithCustomError(md, "MarketDeployerUnauthorized").withArgs(s.alice.address);
    // a token bound to another market is refused (the market must be the token's minter)
    const other = await tokenFactory.deploy("Cipher", "CPH", s.bob.address);
    await expect(md.deploy({ ...params, token: await other.getAddress() }))
      .to.be.revertedWithCustomError(md, "MarketTokenMismatch").withArgs(await other.getAddress(), s.bob.address);
    await expect(md.deploy(params)).to.emit(md, "MarketDeployed").withArgs(predicted, await token.getAddress());
    const market = await ethers.getContractAt("BondingCurveMarket", predicted);
    expect(await market.token()).to.equal(await token.getAddress());
    expect(await market.hasRole(await market.DEFAULT_ADMIN_ROLE(), s.admin.address)).to.equal(true);
    expect(await market.hasRole(await market.DEFAULT_ADMIN_ROLE(), await md.getAddress())).to.equal(false);
    await expect(md.deploy(params)).to.be.revertedWithCustomError(md, "MarketAlreadyDeployed").withArgs(predicted);
  });
});
