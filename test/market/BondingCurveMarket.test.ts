import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  BPS, CURVE_KINDS, MARKET_DEFAULTS, MAX_DEADLINE, ReserveKind, feeUp, gasCost, suiteFixture, deploySuite,
} from "./fixtures";

const ONE = ethers.parseEther("1");
const RESERVES: ReserveKind[] = ["eth", "erc20"];

for (const kind of CURVE_KINDS) {
  for (const reserve of RESERVES) {
    const fixture = suiteFixture(kind, reserve);

    describe(`BondingCurveMarket [${kind} curve, ${reserve} reserve]`, function () {
      describe("buy", function () {
        it("mints exactly the quoted tokens and moves exactly reserveIn from the buyer", async function () {
          const s = await loadFixture(fixture);
          const supply = await s.token.totalSupply();
          const reserveBefore = await s.market.reserveBalance();
          const fee = feeUp(ONE, MARKET_DEFAULTS.buyFeeBps);
          const expectedOut = await s.curve.tokensForReserve(supply, ONE - fee);
          const [qOut, qFee] = await s.market.quoteBuy(ONE);
          expect(qFee).to.equal(fee);
          expect(qOut).to.equal(expectedOut);

          const before = await s.balanceOf(s.alice.address);
          const tx = await s.buy(s.alice, ONE, expectedOut);
          const paid = before - (await s.balanceOf(s.alice.address)) - (reserve === "eth" ? await gasCost(tx) : 0n);
          expect(paid).to.equal(ONE);
          expect(await s.token.balanceOf(s.alice.address)).to.equal(expectedOut);
          expect(await s.token.totalSupply()).to.equal(supply + expectedOut);
          expect(await s.market.reserveBalance()).to.equal(reserveBefore + ONE - fee);
          const price = await s.curve.spotPrice(supply + expectedOut);
          await expect(tx)
            .to.emit(s.market, "Bought")
            .withArgs(s.alice.address, ethers.ZeroAddress, ONE, fee, 0n, expectedOut, price);
        });

        it("keeps the reserve at least the curve's refund for the whole supply", async function () {
          const s = await loadFixture(fixture);
          for (const amt of [1n, 12345n, ONE / 3n, ONE, 7n * ONE]) {
            if ((await s.market.quoteBuy(amt))[0] === 0n) continue;
            await s.buy(s.alice, amt);
            expect(await s.market.reserveBalance()).to.be.gte(await s.curve.reserveFor(await s.token.totalSupply()));
          }
        });

        it("reverts with ZeroAmount when reserveIn is zero", async function () {
          const s = await loadFixture(fixture);
          await expect(s.buy(s.alice, 0n)).to.be.revertedWithCustomError(s.market, "ZeroAmount");
        });

        it("reverts with ZeroOutput when the input buys no token", async function () {
          const s = await loadFixture(fixture);
          await expect(s.buy(s.alice, 1n)).to.be.revertedWithCustomError(s.market, "ZeroOutput");
        });

        it("reverts with DeadlineExpired when the deadline has passed", async function () {
          const s = await loadFixture(fixture);
          const now = BigInt(await time.latest());
          await expect(s.buy(s.alice, ONE, 0n, ethers.ZeroAddress, now - 1n))
            .to.be.revertedWithCustomError(s.market, "DeadlineExpired");
        });

        it("reverts with SlippageExceeded when fewer than minTokensOut would be minted", async function () {
          const s = await loadFixture(fixture);
          const [out] = await s.market.quoteBuy(ONE);
          await expect(s.buy(s.alice, ONE, out + 1n))
            .to.be.revertedWithCustomError(s.market, "SlippageExceeded")
            .withArgs(out, out + 1n);
        });

        it("reverts with TradingPaused while the guardian has paused", async function () {
          const s = await loadFixture(fixture);
          await s.market.connect(s.guardian).pause();
          await expect(s.buy(s.alice, ONE)).to.be.revertedWithCustomError(s.market, "TradingPaused");
        });

        it("reverts with WrongMsgValue when msg.value does not match the reserve kind", async function () {
          const s = await loadFixture(fixture);
          const bad = reserve === "eth" ? ONE - 1n : 1n;
          await expect(s.market.connect(s.alice).buy(ONE, 0n, ethers.ZeroAddress, MAX_DEADLINE, { value: bad }))
            .to.be.revertedWithCustomError(s.market, "WrongMsgValue")
            .withArgs(bad, reserve === "eth" ? ONE : 0n);
        });

        it("reverts with the curve's CurveSupplyCapExceeded when the buy would pass the cap", async function () {
          const s = await loadFixture(fixture);
          const cap = await s.curve.maxSupply();
          const supply = await s.token.totalSupply();
          // Twice the cost of the whole remaining room: after the fee the net input still buys
          // more than the room, so the curve must refuse.
          const huge = (await s.curve.buyCost(supply, cap - supply)) * 2n;
          if (reserve === "eth") await ethers.provider.send("hardhat_setBalance", [s.alice.address, ethers.toQuantity(huge * 2n)]);
          else await s.reserveToken!.mint(s.alice.address, huge);
          await expect(s.buy(s.alice, huge)).to.be.revertedWithCustomError(s.curve, "CurveSupplyCapExceeded");
        });
      });

      describe("referral", function () {
        it("credits the referrer its share of the fee, rounded down, and the protocol the rest", async function () {
          const s = await loadFixture(fixture);
          const fee = feeUp(ONE, MARKET_DEFAULTS.buyFeeBps);
          const reward = (fee * BigInt(MARKET_DEFAULTS.referralShareBps)) / BPS;
          const feesBefore = await s.market.protocolFees();
          const supply = await s.token.totalSupply();
          const out = await s.curve.tokensForReserve(supply, ONE - fee);
          await expect(s.buy(s.alice, ONE, 0n, s.referrer.address))
            .to.emit(s.market, "Bought")
            .withArgs(s.alice.address, s.referrer.address, ONE, fee, reward, out, await s.curve.spotPrice(supply + out));
          expect(await s.market.referralRewards(s.referrer.address)).to.equal(reward);
          expect(await s.market.protocolFees()).to.equal(feesBefore + fee - reward);
        });

        it("credits nothing when the buyer names itself", async function () {
          const s = await loadFixture(fixture);
          const feesBefore = await s.market.protocolFees();
          await s.buy(s.alice, ONE, 0n, s.alice.address);
          expect(await s.market.referralRewards(s.alice.address)).to.equal(0n);
          expect(await s.market.protocolFees()).to.equal(feesBefore + feeUp(ONE, MARKET_DEFAULTS.buyFeeBps));
        });

        it("pays the referrer on claim and zeroes its credit", async function () {
          const s = await loadFixture(fixture);
          await s.buy(s.alice, ONE, 0n, s.referrer.address);
          const owed = await s.market.referralRewards(s.referrer.address);
          const before = await s.balanceOf(s.referrer.address);
          const tx = await s.market.connect(s.referrer).claimReferralRewards();
          const gas = reserve === "eth" ? await gasCost(tx) : 0n;
          expect((await s.balanceOf(s.referrer.address)) + gas - before).to.equal(owed);
          expect(await s.market.referralRewards(s.referrer.address)).to.equal(0n);
          await expect(tx).to.emit(s.market, "ReferralRewardsClaimed").withArgs(s.referrer.address, owed);
        });

        it("reverts with ZeroAmount when there is nothing to claim", async function () {
          const s = await loadFixture(fixture);
          await expect(s.market.connect(s.bob).claimReferralRewards()).to.be.revertedWithCustomError(s.market, "ZeroAmount");
        });
      });

      describe("sell", function () {
        it("pays exactly the quoted reserve, burns the tokens and keeps the fee", async function () {
          const s = await loadFixture(fixture);
          await s.buy(s.alice, ONE);
          const tokens = await s.token.balanceOf(s.alice.address);
          const supply = await s.token.totalSupply();
          const refund = await s.curve.sellRefund(supply, tokens);
          const fee = feeUp(refund, MARKET_DEFAULTS.sellFeeBps);
          const [qOut, qFee] = await s.market.quoteSell(tokens);
          expect([qOut, qFee]).to.deep.equal([refund - fee, fee]);
          const reserveBefore = await s.market.reserveBalance();
          const feesBefore = await s.market.protocolFees();
          const before = await s.balanceOf(s.alice.address);
          const tx = await s.market.connect(s.alice).sell(tokens, refund - fee, MAX_DEADLINE);
          const gas = reserve === "eth" ? await gasCost(tx) : 0n;
          expect((await s.balanceOf(s.alice.address)) + gas - before).to.equal(refund - fee);
          expect(await s.token.balanceOf(s.alice.address)).to.equal(0n);
          expect(await s.market.reserveBalance()).to.equal(reserveBefore - refund);
          expect(await s.market.protocolFees()).to.equal(feesBefore + fee);
          await expect(tx)
            .to.emit(s.market, "Sold")
            .withArgs(s.alice.address, tokens, refund - fee, fee);
        });

        it("reverts with ZeroAmount when tokensIn is zero", async function () {
          const s = await loadFixture(fixture);
          await expect(s.market.connect(s.seeder).sell(0n, 0n, MAX_DEADLINE)).to.be.revertedWithCustomError(s.market, "ZeroAmount");
        });

        it("reverts with ZeroOutput when the refund rounds to nothing", async function () {
          const s = await loadFixture(fixture);
          await expect(s.market.connect(s.seeder).sell(1n, 0n, MAX_DEADLINE)).to.be.revertedWithCustomError(s.market, "ZeroOutput");
        });

        it("reverts with DeadlineExpired when the deadline has passed", async function () {
          const s = await loadFixture(fixture);
          const now = BigInt(await time.latest());
          await expect(s.market.connect(s.seeder).sell(ONE, 0n, now - 1n)).to.be.revertedWithCustomError(s.market, "DeadlineExpired");
        });

        it("reverts with SlippageExceeded when less than minReserveOut would be paid", async function () {
          const s = await loadFixture(fixture);
          const [out] = await s.market.quoteSell(ONE);
          await expect(s.market.connect(s.seeder).sell(ONE, out + 1n, MAX_DEADLINE))
            .to.be.revertedWithCustomError(s.market, "SlippageExceeded")
            .withArgs(out, out + 1n);
        });

        it("reverts with TradingPaused while the guardian has paused", async function () {
          const s = await loadFixture(fixture);
          await s.market.connect(s.guardian).pause();
          await expect(s.market.connect(s.seeder).sell(ONE, 0n, MAX_DEADLINE)).to.be.revertedWithCustomError(s.market, "TradingPaused");
        });

        it("reverts when selling more than the seller holds", async function () {
          const s = await loadFixture(fixture);
          await s.buy(s.alice, ONE);
          const bal = await s.token.balanceOf(s.alice.address);
          await expect(s.market.connect(s.alice).sell(bal + 1n, 0n, MAX_DEADLINE))
            .to.be.revertedWithCustomError(s.token, "ERC20InsufficientBalance");
        });

        it("reverts with the curve's CurveAmountExceedsSupply when selling more than the supply", async function () {
          const s = await loadFixture(fixture);
          const supply = await s.token.totalSupply();
          await expect(s.market.connect(s.seeder).sell(supply + 1n, 0n, MAX_DEADLINE))
            .to.be.revertedWithCustomError(s.curve, "CurveAmountExceedsSupply");
        });

        it("lets the whole supply be sold back (solvency)", async function () {
          const s = await loadFixture(fixture);
          await s.buy(s.alice, 3n * ONE);
          await s.buy(s.bob, ONE / 7n, 0n, s.referrer.address);
          for (const who of [s.alice, s.bob, s.seeder]) {
            const bal = await s.token.balanceOf(who.address);
            await s.market.connect(who).sell(bal, 0n, MAX_DEADLINE);
          }
          expect(await s.token.totalSupply()).to.equal(0n);
          expect(await s.market.reserveBalance()).to.be.gte(0n);
          expect(await s.curve.reserveFor(0n)).to.equal(0n);
        });
      });

      describe("quotes and views", function () {
        it("quote equals execution for a range of sizes in both directions", async function () {
          const s = await loadFixture(fixture);
          for (const amt of [10n ** 12n, ONE / 10n, ONE, 5n * ONE]) {
            const [qOut] = await s.market.quoteBuy(amt);
            await s.buy(s.bob, amt);
            const got = await s.token.balanceOf(s.bob.address);
            const [sOut] = await s.market.quoteSell(got);
            const before = await s.balanceOf(s.bob.address);
            const tx = await s.market.connect(s.bob).sell(got, 0n, MAX_DEADLINE);
            const gas = reserve === "eth" ? await gasCost(tx) : 0n;
            expect(got).to.equal(qOut);
            expect((await s.balanceOf(s.bob.address)) + gas - before).to.equal(sOut);
          }
        });

        it("reports token, curve, reserve asset, spot price and reserve", async function () {
          const s = await loadFixture(fixture);
          expect(await s.market.token()).to.equal(await s.token.getAddress());
          expect(await s.market.curve()).to.equal(await s.curve.getAddress());
          expect(await s.market.reserveAsset()).to.equal(s.reserveAsset);
          expect(await s.market.spotPrice()).to.equal(await s.curve.spotPrice(await s.token.totalSupply()));
          expect(await s.market.reserveBalance()).to.equal(
            SEED_NET(),
          );
        });
      });

      describe("fees to the splitter", function () {
        it("flushFees sends every accrued fee to the splitter, and reverts with ZeroAmount after", async function () {
          const s = await loadFixture(fixture);
          await s.buy(s.alice, ONE);
          const fees = await s.market.protocolFees();
          const splitterAddr = await s.splitter.getAddress();
          const before = await s.balanceOf(splitterAddr);
          await expect(s.market.connect(s.bob).flushFees()).to.emit(s.market, "FeesFlushed").withArgs(splitterAddr, fees);
          expect((await s.balanceOf(splitterAddr)) - before).to.equal(fees);
          expect(await s.market.protocolFees()).to.equal(0n);
          await expect(s.market.flushFees()).to.be.revertedWithCustomError(s.market, "ZeroAmount");
        });
      });

      describe("attacks", function () {
        it("a buy-then-sell round trip never returns more than it paid", async function () {
          const s = await loadFixture(fixture);
          await s.market.connect(s.admin).setFees(0, 0);
          for (const amt of [10n ** 9n, 10n ** 15n + 7n, ONE, 20n * ONE]) {
            const out = (await s.market.quoteBuy(amt))[0];
            if (out === 0n) continue;
            await s.buy(s.attacker, amt);
            const [back] = await s.market.quoteSell(out);
            expect(back).to.be.lte(amt);
            await s.market.connect(s.attacker).sell(out, 0n, MAX_DEADLINE);
          }
        });

        it("a round trip that names the attacker's own second account as referrer still loses", async function () {
          const s = await loadFixture(fixture);
          await s.market.connect(s.admin).setReferralShare(5000); // the largest share governance may set
          for (const amt of [ONE / 1000n, ONE, 20n * ONE]) {
            const rewardBefore = await s.market.referralRewards(s.carol.address);
            const [out] = await s.market.quoteBuy(amt);
            await s.buy(s.attacker, amt, 0n, s.carol.address);
            const [back] = await s.market.quoteSell(out);
            await s.market.connect(s.attacker).sell(out, 0n, MAX_DEADLINE);
            const reward = (await s.market.referralRewards(s.carol.address)) - rewardBefore;
            expect(back + reward).to.be.lt(amt);
          }
        });

        it("a donation does not change the reserve, the quotes or the surplus", async function () {
          const s = await loadFixture(fixture);
          const reserveBefore = await s.market.reserveBalance();
          const quoteBefore = await s.market.quoteSell(ONE);
          const surplusBefore = await s.market.surplus();
          if (reserve === "eth") {
            const bal = await ethers.provider.getBalance(s.marketAddr);
            await ethers.provider.send("hardhat_setBalance", [s.marketAddr, ethers.toQuantity(bal + 50n * ONE)]);
            // and a plain transfer is refused (no receive function)
            await expect(s.attacker.sendTransaction({ to: s.marketAddr, value: ONE })).to.be.reverted;
          } else {
            await s.reserveToken!.connect(s.attacker).transfer(s.marketAddr, 50n * ONE);
          }
          expect(await s.market.reserveBalance()).to.equal(reserveBefore);
          expect(await s.market.quoteSell(ONE)).to.deep.equal(quoteBefore);
          expect(await s.market.surplus()).to.equal(surplusBefore);
        });
      });
    });
  }
}

// The seeder's net input: SEED_RESERVE less its fee.
function SEED_NET(): bigint {
  const seed = ethers.parseEther("100");
  return seed - feeUp(seed, MARKET_DEFAULTS.buyFeeBps);
}
void deploySuite;
void mine;
