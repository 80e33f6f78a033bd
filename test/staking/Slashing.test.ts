import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time, mine } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, payEth, now, DAY, E18, BPS, ETH, EVIDENCE, SOLIDARITY, Suite } from "./fixture";

const name = (n: string) => ethers.encodeBytes32String(n);
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** The documented cut rule (StakingLib.cutStakes): each stake loses floor(amount x target / held),
 * the rounding remainder comes from the lowest ids with room; min(target, held) in total. */
function proRata(amounts: bigint[], target: bigint): bigint[] {
  const held = amounts.reduce((x, y) => x + y, 0n);
  if (target > held) target = held;
  if (held === 0n) return amounts.map(() => 0n);
  const cuts = amounts.map((a) => (a * target) / held);
  let rem = target - cuts.reduce((x, y) => x + y, 0n);
  for (let i = 0; rem > 0n; i++) {
    const c = amounts[i] - cuts[i] < rem ? amounts[i] - cuts[i] : rem;
    cuts[i] += c;
    rem -= c;
  }
  return cuts;
}

async function staked(s: Suite) {
  await s.staking.connect(s.alice).stake(100n * E18, 2); // active, 1.5x
  await s.staking.connect(s.alice).stake(7n * E18 + 3n, 0); // will be unbonding
  await s.staking.connect(s.alice).requestUnbond(1);
  return s;
}

describe("Slashing", function () {
  describe("proposeSlash", function () {
    it("opens a case with a dispute deadline and holds the staker's stake", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      const tx = await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      const t = await now();
      await expect(tx)
        .to.emit(s.slashing, "SlashProposed")
        .withArgs(1n, s.alice.address, 1_000n, EVIDENCE, t + 3n * DAY)
        .and.to.emit(s.staking, "SlashHold")
        .withArgs(s.alice.address, true, 1n);
      const c = await s.slashing.slashCase(1);
      expect([c.staker, c.severityBps, c.status, c.deadline, c.evidenceHash]).to.deep.equal([
        s.alice.address, 1_000n, 1n, t + 3n * DAY, EVIDENCE,
      ]);
      expect(await s.slashing.caseCount()).to.equal(1n);
      expect((await s.staking.accountOf(s.alice.address)).openCases).to.equal(1n);
    });

    it("reverts with InvalidSeverity for zero or above the per-offence cap", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      for (const sev of [0n, 1_001n]) {
        await expect(s.slashing.connect(s.slasher).proposeSlash(s.alice.address, sev, EVIDENCE))
          .to.be.revertedWithCustomError(s.slashing, "InvalidSeverity")
          .withArgs(sev, 1_000n);
      }
    });

    it("reverts with MissingEvidence for a zero evidence hash", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await expect(
        s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(s.slashing, "MissingEvidence");
    });

    it("reverts with NothingToSlash for an account without stake", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1, EVIDENCE))
        .to.be.revertedWithCustomError(s.staking, "NothingToSlash")
        .withArgs(s.bob.address);
    });

    it("reverts with TooManyOpenCases for a fifth open case", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      for (let i = 0; i < 4; i++) await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await expect(s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE))
        .to.be.revertedWithCustomError(s.staking, "TooManyOpenCases")
        .withArgs(s.alice.address, 4n);
    });

    it("lets only SLASHER_ROLE propose", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await expect(
        s.slashing.connect(s.admin).proposeSlash(s.alice.address, 1, EVIDENCE),
      ).to.be.revertedWithCustomError(s.slashing, "AccessControlUnauthorizedAccount");
    });
  });

  describe("executeSlash", function () {
    it("takes ceil(held x severity) pro rata from every stake, active and unbonding, and moves weight, votes and totals", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      await time.increase(3n * DAY);
      const [cutA, cutU] = proRata([100n * E18, 7n * E18 + 3n], ceilDiv((107n * E18 + 3n) * 1_000n, BPS));
      const supplyBefore = await s.token.totalSupply();
      await expect(s.slashing.connect(s.bob).executeSlash(1))
        .to.emit(s.slashing, "SlashExecuted")
        .withArgs(1n, s.alice.address, cutA + cutU, false)
        .and.to.emit(s.staking, "Slashed")
        .withArgs(s.alice.address, 1_000n, cutA + cutU);
      expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(100n * E18 - cutA);
      expect((await s.staking.stakeOf(s.alice.address, 1)).amount).to.equal(7n * E18 + 3n - cutU);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.active).to.equal(100n * E18 - cutA);
      expect(acc.baseWeight).to.equal(((100n * E18 - cutA) * 15_000n) / BPS);
      expect(acc.weight).to.equal(acc.baseWeight);
      expect(acc.openCases).to.equal(0n);
      expect(await s.staking.totalWeight()).to.equal(acc.weight);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(100n * E18 - cutA);
      await mine();
      expect(await s.staking.getPastTotalSupply((await ethers.provider.getBlockNumber()) - 1)).to.equal(
        100n * E18 - cutA,
      );
      expect(await s.staking.totalStaked()).to.equal(107n * E18 + 3n - cutA - cutU);
      expect(await s.token.balanceOf(await s.staking.getAddress())).to.equal(107n * E18 + 3n - cutA - cutU);
      // solidarity fund got the tokens, nothing was burned
      expect(await s.treasury.received(SOLIDARITY, await s.token.getAddress())).to.equal(cutA + cutU);
      expect(await s.token.totalSupply()).to.equal(supplyBefore);
    });

    it("burns the slashed tokens when governance chose burning", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await expect(s.slashing.connect(s.admin).setBurnSlashed(true))
        .to.emit(s.slashing, "SlashBurnChanged")
        .withArgs(false, true);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 500, EVIDENCE);
      await time.increase(3n * DAY);
      const supply = await s.token.totalSupply();
      const cut = ceilDiv((107n * E18 + 3n) * 500n, BPS);
      await expect(s.slashing.executeSlash(1)).to.emit(s.slashing, "SlashExecuted").withArgs(1n, s.alice.address, cut, true);
      expect(await s.token.totalSupply()).to.equal(supply - cut);
      expect(await s.treasury.received(SOLIDARITY, await s.token.getAddress())).to.equal(0n);
    });

    it("deletes a stake cut to zero (a 1-wei stake loses its last wei: rounding favours the protocol)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.bob).stake(1n, 0);
      await s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1, EVIDENCE);
      await time.increase(3n * DAY);
      await expect(s.slashing.executeSlash(1)).to.emit(s.slashing, "SlashExecuted").withArgs(1n, s.bob.address, 1n, false);
      expect((await s.staking.accountOf(s.bob.address)).stakeMask).to.equal(0n);
      expect(await s.staking.totalStaked()).to.equal(0n);
    });

    it("executes a second case against an account emptied by the first, taking nothing", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.bob).stake(1n, 0);
      await s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1, EVIDENCE);
      await s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1, EVIDENCE);
      await time.increase(3n * DAY);
      await s.slashing.executeSlash(1);
      await expect(s.slashing.executeSlash(2))
        .to.emit(s.slashing, "SlashExecuted")
        .withArgs(2n, s.bob.address, 0n, false)
        .and.not.to.emit(s.token, "Transfer");
      expect((await s.staking.accountOf(s.bob.address)).openCases).to.equal(0n);
    });

    it("cuts only existing stakes when ids have gaps", async function () {
      const s = await loadFixture(deploySuite);
      for (let i = 0; i < 3; i++) await s.staking.connect(s.bob).stake(10n * E18, 0);
      await s.staking.connect(s.bob).requestUnbond(1);
      await time.increase(7n * DAY);
      await s.staking.connect(s.bob).withdraw(1); // mask 0b101
      await s.slashing.connect(s.slasher).proposeSlash(s.bob.address, 1_000, EVIDENCE);
      await time.increase(3n * DAY);
      await expect(s.slashing.executeSlash(1))
        .to.emit(s.slashing, "SlashExecuted")
        .withArgs(1n, s.bob.address, 2n * E18, false);
      expect((await s.staking.stakeOf(s.bob.address, 0)).amount).to.equal(9n * E18);
      expect((await s.staking.stakeOf(s.bob.address, 1)).amount).to.equal(0n);
      expect((await s.staking.stakeOf(s.bob.address, 2)).amount).to.equal(9n * E18);
      expect((await s.staking.accountOf(s.bob.address)).stakeMask).to.equal(0b101n);
    });

    it("settles rewards earned before the slash at the old weight", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.bob).stake(E18, 0);
      await payEth(s, 7n * E18);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      await time.increase(3n * DAY);
      await s.slashing.executeSlash(1);
      const a = await s.staking.earned(s.alice.address, ETH);
      const b = await s.staking.earned(s.bob.address, ETH);
      expect(a).to.be.closeTo(b, 2n); // equal up to the slash
      await time.increase(4n * DAY);
      const a2 = (await s.staking.earned(s.alice.address, ETH)) - a;
      const b2 = (await s.staking.earned(s.bob.address, ETH)) - b;
      // weights 0.9 : 1.0 from the slash on, so 10 x a2 = 9 x b2 up to rounding: each earned() rounds
      // down (< 1 wei) and a2, b2 are differences of two of them (< 2 wei): |10 a2 - 9 b2| < 38 wei
      expect(a2 * 10n).to.be.closeTo(b2 * 9n, 38n);
      expect(a2).to.be.greaterThan(E18 / 10n); // a real share of the stream is left after the slash
    });

    it("reverts with DisputeWindowOpen before the window closes", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      const deadline = (await s.slashing.slashCase(1)).deadline;
      await time.setNextBlockTimestamp(deadline - 1n);
      await expect(s.slashing.executeSlash(1))
        .to.be.revertedWithCustomError(s.slashing, "DisputeWindowOpen")
        .withArgs(1n, deadline);
    });

    it("reverts with WrongCaseStatus for a missing, executed or disputed case", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await expect(s.slashing.executeSlash(9)).to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus").withArgs(9n, 0n);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await s.slashing.connect(s.alice).disputeSlash(2);
      await time.increase(3n * DAY);
      await s.slashing.executeSlash(1);
      await expect(s.slashing.executeSlash(1)).to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus").withArgs(1n, 3n);
      await expect(s.slashing.executeSlash(2)).to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus").withArgs(2n, 2n);
    });
  });

  describe("disputes", function () {
    it("lets the staker dispute within the window; governance upholds", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      const tx = await s.slashing.connect(s.alice).disputeSlash(1);
      const t = await now();
      await expect(tx).to.emit(s.slashing, "SlashDisputed").withArgs(1n, s.alice.address, t + 60n * DAY);
      expect((await s.slashing.slashCase(1)).status).to.equal(2n);
      await expect(s.slashing.connect(s.alice).upholdSlash(1)).to.be.revertedWithCustomError(
        s.slashing,
        "AccessControlUnauthorizedAccount",
      );
      await expect(s.slashing.connect(s.admin).upholdSlash(1)).to.emit(s.slashing, "SlashExecuted");
      expect((await s.slashing.slashCase(1)).status).to.equal(3n);
    });

    it("lets governance cancel a proposed or disputed case, which releases the stake", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      await s.slashing.connect(s.alice).disputeSlash(2);
      await expect(s.slashing.connect(s.slasher).cancelSlash(1)).to.be.revertedWithCustomError(
        s.slashing,
        "AccessControlUnauthorizedAccount",
      );
      await expect(s.slashing.connect(s.admin).cancelSlash(1))
        .to.emit(s.slashing, "SlashCancelled")
        .withArgs(1n, s.alice.address)
        .and.to.emit(s.staking, "SlashHold")
        .withArgs(s.alice.address, false, 1n);
      await s.slashing.connect(s.admin).cancelSlash(2);
      await expect(s.slashing.connect(s.admin).cancelSlash(2))
        .to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus")
        .withArgs(2n, 4n);
      await time.increase(7n * DAY);
      await expect(s.slashing.connect(s.admin).upholdSlash(2))
        .to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus")
        .withArgs(2n, 4n);
      await expect(s.staking.connect(s.alice).withdraw(1)).to.emit(s.staking, "Withdrawn");
    });

    it("reverts with NotCaseStaker when someone else disputes", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await expect(s.slashing.connect(s.bob).disputeSlash(1))
        .to.be.revertedWithCustomError(s.slashing, "NotCaseStaker")
        .withArgs(1n, s.bob.address);
    });

    it("reverts with DisputeWindowClosed at the deadline", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      const deadline = (await s.slashing.slashCase(1)).deadline;
      await time.setNextBlockTimestamp(deadline);
      await expect(s.slashing.connect(s.alice).disputeSlash(1))
        .to.be.revertedWithCustomError(s.slashing, "DisputeWindowClosed")
        .withArgs(1n, deadline);
    });

    it("reverts with WrongCaseStatus when disputing twice", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await s.slashing.connect(s.alice).disputeSlash(1);
      await expect(s.slashing.connect(s.alice).disputeSlash(1))
        .to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus")
        .withArgs(1n, 2n);
    });

    it("expires a dispute governance left undecided past DECISION_TIMEOUT", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE);
      await expect(s.slashing.expireSlash(1)).to.be.revertedWithCustomError(s.slashing, "WrongCaseStatus").withArgs(1n, 1n);
      await s.slashing.connect(s.alice).disputeSlash(1);
      const deadline = (await s.slashing.slashCase(1)).deadline;
      await time.setNextBlockTimestamp(deadline - 1n);
      await expect(s.slashing.expireSlash(1))
        .to.be.revertedWithCustomError(s.slashing, "DecisionPending")
        .withArgs(1n, deadline);
      await time.increaseTo(deadline);
      await expect(s.slashing.connect(s.bob).expireSlash(1)).to.emit(s.slashing, "SlashCancelled");
      expect((await s.staking.accountOf(s.alice.address)).openCases).to.equal(0n);
    });
  });

  describe("attacker: escaping a slash", function () {
    it("cannot withdraw unbonded stake while a case is open, nor escape by starting to unbond", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.eve).stake(50n * E18, 0);
      await s.staking.connect(s.eve).stake(50n * E18, 0);
      await s.staking.connect(s.eve).requestUnbond(0);
      await time.increase(7n * DAY); // stake 0 is withdrawable
      await s.slashing.connect(s.slasher).proposeSlash(s.eve.address, 1_000, EVIDENCE);
      await expect(s.staking.connect(s.eve).withdraw(0))
        .to.be.revertedWithCustomError(s.staking, "PendingSlash")
        .withArgs(s.eve.address, 1n);
      await s.staking.connect(s.eve).requestUnbond(1); // unbonding does not escape
      await time.increase(7n * DAY);
      await expect(s.staking.connect(s.eve).withdraw(1)).to.be.revertedWithCustomError(s.staking, "PendingSlash");
      await s.slashing.executeSlash(1);
      const cut = ceilDiv(50n * E18 * 1_000n, BPS);
      const before = await s.token.balanceOf(s.eve.address);
      await s.staking.connect(s.eve).withdraw(0);
      await s.staking.connect(s.eve).withdraw(1);
      expect((await s.token.balanceOf(s.eve.address)) - before).to.equal(2n * (50n * E18 - cut));
    });
  });

  describe("the cut is computed on the stake held when the case was proposed (issue 9 §4)", function () {
    it("2,932 staked, 10% severity, stake added afterwards: takes 293.2, not 391; the added stake is untouched", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(2_932n * E18, 0);
      await expect(s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE))
        .to.emit(s.slashing, "SlashSnapshot")
        .withArgs(1n, s.alice.address, 2_932n * E18, 1n);
      const c = await s.slashing.slashCase(1);
      expect([c.heldAtProposal, c.stakeMask]).to.deep.equal([2_932n * E18, 1n]);
      await s.staking.connect(s.alice).stake(978n * E18, 0); // 3,910 held at execution
      await time.increase(3n * DAY);
      const expected = ceilDiv(2_932n * E18 * 1_000n, BPS); // 293.2 tokens
      await expect(s.slashing.executeSlash(1))
        .to.emit(s.slashing, "SlashExecuted")
        .withArgs(1n, s.alice.address, expected, false);
      expect(expected).to.equal(2932n * 10n ** 17n);
      expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(2_932n * E18 - expected);
      expect((await s.staking.stakeOf(s.alice.address, 1)).amount).to.equal(978n * E18);
      expect(await s.staking.totalStaked()).to.equal(3_910n * E18 - expected);
      expect(await s.token.balanceOf(await s.staking.getAddress())).to.equal(3_910n * E18 - expected);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(3_910n * E18 - expected);
    });

    it("nothing held then escapes: unbonding after the proposal is still cut in full, withdrawing is refused", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(600n * E18, 0);
      await s.staking.connect(s.alice).stake(400n * E18, 0);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      await s.staking.connect(s.alice).requestUnbond(0);
      await s.staking.connect(s.alice).requestUnbond(1);
      await time.increase(7n * DAY);
      await expect(s.staking.connect(s.alice).withdraw(0)).to.be.revertedWithCustomError(s.staking, "PendingSlash");
      await expect(s.slashing.executeSlash(1)).to.emit(s.slashing, "SlashExecuted").withArgs(1n, s.alice.address, 100n * E18, false);
      expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(540n * E18);
      expect((await s.staking.stakeOf(s.alice.address, 1)).amount).to.equal(360n * E18);
    });

    it("two cases on the same snapshot each take their share of it; stake added between them is not cut", async function () {
      const s = await loadFixture(deploySuite);
      await s.slashing.connect(s.admin).setMaxSeverityBps(5_000);
      await s.staking.connect(s.alice).stake(1_000n * E18, 0);
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 4_000, EVIDENCE); // 400 of 1,000
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 5_000, EVIDENCE); // 500 of 1,000
      await s.staking.connect(s.alice).stake(2_000n * E18, 0);
      await time.increase(3n * DAY);
      await expect(s.slashing.executeSlash(1)).to.emit(s.slashing, "SlashExecuted").withArgs(1n, s.alice.address, 400n * E18, false);
      await expect(s.slashing.executeSlash(2)).to.emit(s.slashing, "SlashExecuted").withArgs(2n, s.alice.address, 500n * E18, false);
      expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(100n * E18);
      expect((await s.staking.stakeOf(s.alice.address, 1)).amount).to.equal(2_000n * E18);
    });

    it("caps a case at what is left of its snapshot stakes (never reaches stake added later)", async function () {
      const s = await loadFixture(deploySuite);
      await s.slashing.connect(s.admin).setMaxSeverityBps(5_000);
      await s.staking.connect(s.alice).stake(1_000n * E18, 0);
      for (let i = 0; i < 3; i++) await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 5_000, EVIDENCE);
      await s.staking.connect(s.alice).stake(700n * E18, 0);
      await time.increase(3n * DAY);
      await s.slashing.executeSlash(1); // 500
      await s.slashing.executeSlash(2); // 500: stake 0 is gone
      expect((await s.staking.accountOf(s.alice.address)).stakeMask).to.equal(2n);
      await expect(s.slashing.executeSlash(3)).to.emit(s.slashing, "SlashExecuted").withArgs(3n, s.alice.address, 0n, false);
      expect((await s.staking.stakeOf(s.alice.address, 1)).amount).to.equal(700n * E18);
      expect(await s.staking.totalStaked()).to.equal(700n * E18);
    });

    it("property: over random stakes, severities and later additions, exactly min(ceil(held x sev), held) leaves the snapshot stakes", async function () {
      const s = await loadFixture(deploySuite);
      await s.slashing.connect(s.admin).setMaxSeverityBps(5_000);
      const fc = await import("fast-check");
      const stakers = [s.alice, s.bob, s.carol, s.dave, s.eve];
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.bigInt({ min: 1n, max: 10n ** 23n }), { minLength: 1, maxLength: 4 }),
          fc.integer({ min: 1, max: 5_000 }),
          fc.array(fc.bigInt({ min: 1n, max: 10n ** 23n }), { maxLength: 2 }),
          async (before, sev, after) => {
            const who = stakers[n++ % stakers.length];
            const base = (await s.staking.accountOf(who.address)).stakeMask;
            if (base !== 0n) return; // each account is used once
            for (const a of before) await s.staking.connect(who).stake(a, 0);
            await s.slashing.connect(s.slasher).proposeSlash(who.address, sev, EVIDENCE);
            const id = await s.slashing.caseCount();
            for (const a of after) await s.staking.connect(who).stake(a, 0);
            await time.increase(3n * DAY);
            const held = before.reduce((x, y) => x + y, 0n);
            const target = ceilDiv(held * BigInt(sev), BPS);
            const cuts = proRata(before, target);
            await s.slashing.executeSlash(id);
            for (let i = 0; i < before.length; i++) {
              expect((await s.staking.stakeOf(who.address, i)).amount).to.equal(before[i] - cuts[i]);
            }
            for (let j = 0; j < after.length; j++) {
              expect((await s.staking.stakeOf(who.address, before.length + j)).amount).to.equal(after[j]);
            }
          },
        ),
        { numRuns: 5, seed: 9 },
      );
    });
  });

  describe("staking hooks", function () {
    it("reverts with NotModule when anyone but the slashing module calls them", async function () {
      const s = await loadFixture(deploySuite);
      await staked(s);
      await expect(s.staking.connect(s.slasher).openSlashCase(s.alice.address))
        .to.be.revertedWithCustomError(s.staking, "NotModule")
        .withArgs(s.slasher.address);
      await expect(s.staking.connect(s.admin).closeSlashCase(s.alice.address)).to.be.revertedWithCustomError(
        s.staking,
        "NotModule",
      );
      await expect(s.staking.connect(s.admin).slash(s.alice.address, 5_000, 1n, 1n)).to.be.revertedWithCustomError(
        s.staking,
        "NotModule",
      );
    });
  });

  describe("governance", function () {
    it("sets the severity cap (1..5_000 bps) and the dispute window (1..30 days)", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.slashing.connect(s.admin).setMaxSeverityBps(5_000))
        .to.emit(s.slashing, "ParameterChanged")
        .withArgs(name("maxSeverityBps"), 1_000n, 5_000n);
      for (const v of [0n, 5_001n]) {
        await expect(s.slashing.connect(s.admin).setMaxSeverityBps(v))
          .to.be.revertedWithCustomError(s.slashing, "ParameterOutOfBounds")
          .withArgs(name("maxSeverityBps"), v, 1n, 5_000n);
      }
      await expect(s.slashing.connect(s.admin).setDisputeWindow(30n * DAY))
        .to.emit(s.slashing, "ParameterChanged")
        .withArgs(name("disputeWindow"), 3n * DAY, 30n * DAY);
      for (const v of [DAY - 1n, 30n * DAY + 1n]) {
        await expect(s.slashing.connect(s.admin).setDisputeWindow(v))
          .to.be.revertedWithCustomError(s.slashing, "ParameterOutOfBounds")
          .withArgs(name("disputeWindow"), v, DAY, 30n * DAY);
      }
    });

    it("sets the treasury (not zero) and lets only governance change anything", async function () {
      const s = await loadFixture(deploySuite);
      const old = await s.treasury.getAddress();
      await expect(s.slashing.connect(s.admin).setTreasury(s.dave.address))
        .to.emit(s.slashing, "TreasuryChanged")
        .withArgs(old, s.dave.address);
      await expect(s.slashing.connect(s.admin).setTreasury(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        s.slashing,
        "ZeroAddress",
      );
      const calls = [
        () => s.slashing.connect(s.slasher).setMaxSeverityBps(2),
        () => s.slashing.connect(s.slasher).setDisputeWindow(DAY),
        () => s.slashing.connect(s.slasher).setTreasury(s.slasher.address),
        () => s.slashing.connect(s.slasher).setBurnSlashed(true),
      ];
      for (const c of calls) {
        await expect(c()).to.be.revertedWithCustomError(s.slashing, "AccessControlUnauthorizedAccount");
      }
    });

    it("wires staking once, only from the deployer; refuses cases before; rejects zero addresses", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.slashing.setStaking(s.alice.address))
        .to.be.revertedWithCustomError(s.slashing, "InitUnauthorized")
        .withArgs(s.deployer.address);
      const F = await ethers.getContractFactory("Slashing");
      const t = await s.token.getAddress();
      const tr = await s.treasury.getAddress();
      for (const args of [
        [ethers.ZeroAddress, t, tr],
        [s.admin.address, ethers.ZeroAddress, tr],
        [s.admin.address, t, ethers.ZeroAddress],
      ]) {
        await expect(F.deploy(args[0], args[1], args[2])).to.be.revertedWithCustomError(s.slashing, "ZeroAddress");
      }
      const fresh = await F.deploy(s.admin.address, t, tr);
      await expect(fresh.connect(s.alice).setStaking(s.alice.address)).to.be.revertedWithCustomError(
        fresh,
        "InitUnauthorized",
      );
      await expect(fresh.setStaking(ethers.ZeroAddress)).to.be.revertedWithCustomError(fresh, "ZeroAddress");
      await fresh.connect(s.admin).grantRole(await fresh.SLASHER_ROLE(), s.slasher.address);
      await expect(
        fresh.connect(s.slasher).proposeSlash(s.alice.address, 1, EVIDENCE),
      ).to.be.revertedWithCustomError(fresh, "StakingNotSet");
      await expect(fresh.setStaking(await s.staking.getAddress())).to.emit(fresh, "StakingSet");
    });
  });
});
