import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, decayedBoost, payEth, now, DAY, E18, BPS, ETH, EVIDENCE } from "./fixture";
import { sameSecond } from "../helpers/clock";

const name = (n: string) => ethers.encodeBytes32String(n);

describe("CipherStaking contribution multiplier", function () {
  describe("onVoteCast (lazy vote credit)", function () {
    it("records the vote as a pending credit without changing any weight", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(100n * E18, 2);
      const base = (100n * E18 * 15_000n) / BPS;
      await expect(s.staking.connect(s.governor).onVoteCast(s.alice.address, 42))
        .to.emit(s.staking, "VoteContribution")
        .withArgs(s.alice.address, 42n, 1n)
        .and.not.to.emit(s.staking, "WeightChanged");
      const t = await now();
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.pendingVotes).to.equal(1n);
      expect(acc.lastVoteAt).to.equal(t);
      expect(acc.boostBps).to.equal(0n);
      expect(acc.weight).to.equal(base);
      expect(await s.staking.totalWeight()).to.equal(base);
      // the view already counts it
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(500n);
    });

    it("applies the credit at the next touch by anyone (poke): boost and weight move by voteBoostBps", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(100n * E18, 2);
      const base = (100n * E18 * 15_000n) / BPS;
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 42);
      const votedAt = await now();
      const w = (base * 10_500n) / BPS;
      await sameSecond(); // the credit is applied undecayed: no time passes between the vote and the poke
      await expect(s.staking.connect(s.eve).poke(s.alice.address))
        .to.emit(s.staking, "VoteCreditApplied")
        .withArgs(s.alice.address, 1n, 500n)
        .and.to.emit(s.staking, "WeightChanged")
        .withArgs(s.alice.address, base, w, w);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.pendingVotes).to.equal(0n);
      expect(acc.boostBps).to.equal(500n);
      expect(acc.boostRenewedAt).to.equal(votedAt); // renewed at the vote, not at the poke
      // a second poke has nothing left to apply
      await expect(s.staking.poke(s.alice.address)).not.to.emit(s.staking, "VoteCreditApplied");
    });

    for (const [label, act] of [
      ["stake", async (s: Awaited<ReturnType<typeof deploySuite>>) => s.staking.connect(s.alice).stake(E18, 0)],
      ["claim", async (s: Awaited<ReturnType<typeof deploySuite>>) => s.staking.connect(s.alice).claim()],
      ["requestUnbond", async (s: Awaited<ReturnType<typeof deploySuite>>) => s.staking.connect(s.alice).requestUnbond(1)],
    ] as const) {
      it(`applies the credit before the new weight is computed on ${label}`, async function () {
        const s = await loadFixture(deploySuite);
        await s.staking.connect(s.alice).stake(E18, 0); // id 0
        await s.staking.connect(s.alice).stake(E18, 0); // id 1
        await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
        await sameSecond(); // in the vote's second: the expected weight carries the undecayed credit
        await expect(act(s)).to.emit(s.staking, "VoteCreditApplied").withArgs(s.alice.address, 1n, 500n);
        const acc = await s.staking.accountOf(s.alice.address);
        expect(acc.pendingVotes).to.equal(0n);
        expect(acc.weight).to.equal((acc.baseWeight * 10_500n) / BPS);
        expect(await s.staking.totalWeight()).to.equal(acc.weight);
      });
    }

    it("applies the credit on a slash (settled at the old weight first)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
      const votedAt = await now();
      await s.slashing.connect(s.slasher).proposeSlash(s.alice.address, 1_000, EVIDENCE);
      const id = await s.slashing.caseCount();
      await time.increase(await s.slashing.disputeWindow());
      await expect(s.slashing.executeSlash(id)).to.emit(s.staking, "VoteCreditApplied").withArgs(s.alice.address, 1n, 500n);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.baseWeight).to.equal(E18 - E18 / 10n); // tier 0 (1x), 10% cut
      const boost = decayedBoost(500n, votedAt, await now(), 90n * DAY); // decayed since the vote
      expect(acc.weight).to.equal((acc.baseWeight * (BPS + boost)) / BPS);
    });

    it("folds pending votes before an accepted oracle score renews the boost", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 2);
      const ep = (await s.oracle.currentEpoch()) - 1n;
      // both attestations in the latest vote's second: the folded credit (renewed at that vote) is undecayed
      await sameSecond();
      await s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 4_000, EVIDENCE);
      const increment = (4_000n * 2_500n) / BPS;
      await sameSecond();
      await expect(s.oracle.connect(s.o2).attestScore(s.alice.address, ep, 4_000, EVIDENCE))
        .to.emit(s.staking, "VoteCreditApplied")
        .withArgs(s.alice.address, 2n, 1_000n)
        .and.to.emit(s.staking, "ContributionAdded")
        .withArgs(s.alice.address, increment, 1_000n + increment);
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * (BPS + 1_000n + increment)) / BPS);
    });

    it("caps the folded credit at maxBoostBps (multiplier <= 1.5x)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      for (let p = 0; p < 12; p++) await s.staking.connect(s.governor).onVoteCast(s.alice.address, p);
      expect((await s.staking.accountOf(s.alice.address)).pendingVotes).to.equal(12n);
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(5_000n);
      await sameSecond(); // the poke lands in the last vote's second: the cap, undecayed
      await expect(s.staking.poke(s.alice.address))
        .to.emit(s.staking, "VoteCreditApplied")
        .withArgs(s.alice.address, 12n, 5_000n);
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * 15_000n) / BPS);
    });

    it("saturates the pending counter at 255 votes instead of wrapping", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.admin).setParameter(name("voteBoostBps"), 1);
      await network.provider.send("evm_setAutomine", [false]);
      for (let p = 0; p < 257; p++) await s.staking.connect(s.governor).onVoteCast(s.alice.address, p, { gasLimit: 100_000 });
      await mine();
      await network.provider.send("evm_setAutomine", [true]);
      expect((await s.staking.accountOf(s.alice.address)).pendingVotes).to.equal(255n);
      await expect(s.staking.poke(s.alice.address))
        .to.emit(s.staking, "VoteCreditApplied")
        .withArgs(s.alice.address, 255n, 255n);
    });

    it("attacker: reverts with NotGovernor when anyone but the registered governor reports a vote", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.eve).stake(E18, 0);
      await expect(s.staking.connect(s.eve).onVoteCast(s.eve.address, 1))
        .to.be.revertedWithCustomError(s.staking, "NotGovernor")
        .withArgs(s.eve.address);
      // a replaced governor loses the right at once
      await s.staking.connect(s.admin).setGovernor(s.dave.address);
      await expect(s.staking.connect(s.governor).onVoteCast(s.eve.address, 1))
        .to.be.revertedWithCustomError(s.staking, "NotGovernor")
        .withArgs(s.governor.address);
      expect(await s.staking.currentBoostBps(s.eve.address)).to.equal(0n);
      expect((await s.staking.accountOf(s.eve.address)).pendingVotes).to.equal(0n);
    });

    it("settles rewards at the old weight: the credit earns only from the touch that applies it", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.bob).stake(E18, 0);
      await payEth(s, 7n * E18);
      await time.increase(DAY);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
      await time.increase(DAY);
      // not applied yet: both still earn at 1x
      const a0 = await s.staking.earned(s.alice.address, ETH);
      const b0 = await s.staking.earned(s.bob.address, ETH);
      expect(a0 - b0).to.be.lessThanOrEqual(1n);
      await s.staking.poke(s.alice.address);
      const a1 = await s.staking.earned(s.alice.address, ETH);
      const b1 = await s.staking.earned(s.bob.address, ETH);
      await time.increase(4n * DAY);
      const a2 = (await s.staking.earned(s.alice.address, ETH)) - a1;
      const b2 = (await s.staking.earned(s.bob.address, ETH)) - b1;
      // after the poke alice weighs 1.05 vs 1.00 (decay over 4 days of 90 is below 0.3%)
      expect((a2 * 10_000n) / b2).to.be.closeTo(10_480n, 25n);
    });

    it("skips a voter without weight (nothing recorded, no event)", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.governor).onVoteCast(s.carol.address, 7)).not.to.emit(s.staking, "VoteContribution");
      const acc = await s.staking.accountOf(s.carol.address);
      expect(acc.pendingVotes).to.equal(0n);
      expect(acc.lastVoteAt).to.equal(0n);
      expect(await s.staking.currentBoostBps(s.carol.address)).to.equal(0n);
      await s.staking.connect(s.carol).stake(E18, 0);
      expect((await s.staking.accountOf(s.carol.address)).weight).to.equal(E18);
    });
  });

  describe("decay", function () {
    it("decays the boost linearly to zero over decayPeriod; the weight follows on a touch", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      for (let p = 0; p < 4; p++) await s.staking.connect(s.governor).onVoteCast(s.alice.address, p);
      await sameSecond(); // applied in the last vote's second, so the stored weight carries 2,000 bps
      await s.staking.poke(s.alice.address);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.boostBps).to.equal(2_000n);
      const period = 90n * DAY;
      await time.increase(30n * DAY);
      const t = await now();
      const expected = decayedBoost(2_000n, acc.boostRenewedAt, t, period);
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(expected);
      // lazily applied: the stored weight still carries the old boost until someone pokes
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * 12_000n) / BPS);
      await s.staking.connect(s.bob).poke(s.alice.address);
      const t2 = await now();
      const b2 = decayedBoost(2_000n, acc.boostRenewedAt, t2, period);
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * (BPS + b2)) / BPS);
      expect(await s.staking.totalWeight()).to.equal((E18 * (BPS + b2)) / BPS);
      await time.increase(period);
      await expect(s.staking.poke(s.alice.address))
        .to.emit(s.staking, "WeightChanged")
        .withArgs(s.alice.address, (E18 * (BPS + b2)) / BPS, E18, E18);
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(0n);
    });

    it("renews from the value decayed to the vote's time: a new vote adds to what is left", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
      await s.staking.poke(s.alice.address);
      const r0 = (await s.staking.accountOf(s.alice.address)).boostRenewedAt;
      await time.setNextBlockTimestamp(r0 + 45n * DAY);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 2);
      // applied 20 days later: the renewal is the vote's time, so the poke's delay changes nothing
      await time.setNextBlockTimestamp(r0 + 65n * DAY);
      await s.staking.poke(s.alice.address);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.boostBps).to.equal(250n + 500n);
      expect(acc.boostRenewedAt).to.equal(r0 + 45n * DAY);
      expect(acc.weight).to.equal((E18 * (BPS + decayedBoost(750n, r0 + 45n * DAY, r0 + 65n * DAY, 90n * DAY))) / BPS);
    });

    it("a pending credit older than decayPeriod applies as nothing", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.governor).onVoteCast(s.alice.address, 1);
      await time.increase(91n * DAY);
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(0n);
      await expect(s.staking.poke(s.alice.address))
        .to.emit(s.staking, "VoteCreditApplied")
        .withArgs(s.alice.address, 1n, 500n)
        .and.not.to.emit(s.staking, "WeightChanged");
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.weight).to.equal(E18);
      expect(acc.boostBps).to.equal(0n); // cleared as fully decayed
    });

    it("applies a lowered maxBoostBps at the account's next touch", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      for (let p = 0; p < 10; p++) await s.staking.connect(s.governor).onVoteCast(s.alice.address, p);
      await s.staking.poke(s.alice.address);
      await s.staking.connect(s.admin).setParameter(name("maxBoostBps"), 1_000);
      expect(await s.staking.currentBoostBps(s.alice.address)).to.equal(1_000n);
      await s.staking.poke(s.alice.address);
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * 11_000n) / BPS);
    });

    it("poke is harmless on an untouched account and changes nothing without decay", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.poke(s.carol.address)).not.to.emit(s.staking, "WeightChanged");
      await s.staking.connect(s.alice).stake(E18, 0);
      await expect(s.staking.poke(s.alice.address)).not.to.emit(s.staking, "WeightChanged");
    });
  });

  describe("addContribution", function () {
    it("reverts with NotModule unless called by the contribution oracle", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.admin).addContribution(s.alice.address, 5_000))
        .to.be.revertedWithCustomError(s.staking, "NotModule")
        .withArgs(s.admin.address);
    });
  });
});

describe("ContributionOracle", function () {
  async function epochs(s: Awaited<ReturnType<typeof deploySuite>>) {
    const cur = await s.oracle.currentEpoch();
    expect(cur).to.equal((await now()) / (7n * DAY));
    return cur - 1n;
  }

  it("accepts a score at a quorum of matching attestations and raises the boost", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 0);
    const ep = await epochs(s);
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 8_000, EVIDENCE))
      .to.emit(s.oracle, "ScoreAttested")
      .withArgs(s.o1.address, s.alice.address, ep, 8_000n, EVIDENCE, 1n)
      .and.not.to.emit(s.oracle, "ScoreAccepted");
    expect(await s.oracle.attestationCount(s.alice.address, ep, 8_000, EVIDENCE)).to.equal(1n);
    expect(await s.oracle.hasAttested(s.o1.address, s.alice.address, ep)).to.equal(true);
    const increment = (8_000n * 2_500n) / 10_000n;
    await expect(s.oracle.connect(s.o2).attestScore(s.alice.address, ep, 8_000, EVIDENCE))
      .to.emit(s.oracle, "ScoreAccepted")
      .withArgs(s.alice.address, ep, 8_000n, EVIDENCE, increment)
      .and.to.emit(s.staking, "ContributionAdded")
      .withArgs(s.alice.address, increment, increment);
    expect(await s.oracle.lastAcceptedEpoch(s.alice.address)).to.equal(ep);
    expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * (BPS + increment)) / BPS);
  });

  it("attacker: a minority of oracles cannot get a score accepted, nor can split attestations add up", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.eve).stake(E18, 0);
    const ep = await epochs(s);
    // o1 is corrupt: alone it reaches 1 of the 2 needed
    await s.oracle.connect(s.o1).attestScore(s.eve.address, ep, 10_000, EVIDENCE);
    // o2 attests another score, o3 the same score with other evidence: nothing matches
    await s.oracle.connect(s.o2).attestScore(s.eve.address, ep, 9_999, EVIDENCE);
    await expect(s.oracle.connect(s.o3).attestScore(s.eve.address, ep, 10_000, ethers.id("other"))).not.to.emit(
      s.oracle,
      "ScoreAccepted",
    );
    expect(await s.staking.currentBoostBps(s.eve.address)).to.equal(0n);
    // and o1 cannot attest twice to reach the quorum
    await expect(s.oracle.connect(s.o1).attestScore(s.eve.address, ep, 10_000, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "AlreadyAttested")
      .withArgs(s.o1.address, s.eve.address, ep);
  });

  it("reverts with OracleQuorumTooLow when the quorum is not a strict majority of the oracles", async function () {
    const s = await loadFixture(deploySuite);
    const ep = await epochs(s);
    await s.oracle.connect(s.admin).setQuorum(1);
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 1, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "OracleQuorumTooLow")
      .withArgs(1n, 3n);
    await s.oracle.connect(s.admin).setQuorum(2);
    await s.oracle.connect(s.admin).grantRole(await s.oracle.ORACLE_ROLE(), s.dave.address);
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 1, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "OracleQuorumTooLow")
      .withArgs(2n, 4n);
  });

  it("drops pending attestations when the oracle set changes", async function () {
    const s = await loadFixture(deploySuite);
    const ep = await epochs(s);
    const nonce = await s.oracle.oracleSetNonce();
    await s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 5_000, EVIDENCE);
    await expect(s.oracle.connect(s.admin).revokeRole(await s.oracle.ORACLE_ROLE(), s.o3.address))
      .to.emit(s.oracle, "OracleSetChanged")
      .withArgs(nonce + 1n);
    expect(await s.oracle.attestationCount(s.alice.address, ep, 5_000, EVIDENCE)).to.equal(0n);
    await expect(s.oracle.connect(s.o2).attestScore(s.alice.address, ep, 5_000, EVIDENCE)).not.to.emit(
      s.oracle,
      "ScoreAccepted",
    );
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 5_000, EVIDENCE)).to.emit(
      s.oracle,
      "ScoreAccepted",
    );
  });

  it("leaves the oracle set nonce alone when revoking a non-oracle", async function () {
    const s = await loadFixture(deploySuite);
    const nonce = await s.oracle.oracleSetNonce();
    await expect(s.oracle.connect(s.admin).revokeRole(await s.oracle.ORACLE_ROLE(), s.eve.address)).not.to.emit(
      s.oracle,
      "OracleSetChanged",
    );
    expect(await s.oracle.oracleSetNonce()).to.equal(nonce);
  });

  it("reverts with EpochNotFinished for the running epoch", async function () {
    const s = await loadFixture(deploySuite);
    const cur = await s.oracle.currentEpoch();
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, cur, 1, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "EpochNotFinished")
      .withArgs(cur, cur);
  });

  it("reverts with EpochAlreadyAccepted for an accepted or older epoch (no replay)", async function () {
    const s = await loadFixture(deploySuite);
    const ep = await epochs(s);
    await s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 100, EVIDENCE);
    await s.oracle.connect(s.o2).attestScore(s.alice.address, ep, 100, EVIDENCE);
    await expect(s.oracle.connect(s.o3).attestScore(s.alice.address, ep, 100, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "EpochAlreadyAccepted")
      .withArgs(s.alice.address, ep, ep);
    await expect(s.oracle.connect(s.o3).attestScore(s.alice.address, ep - 1n, 100, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "EpochAlreadyAccepted")
      .withArgs(s.alice.address, ep - 1n, ep);
  });

  it("reverts with InvalidScore, MissingEvidence and ZeroAddress for bad attestations", async function () {
    const s = await loadFixture(deploySuite);
    const ep = await epochs(s);
    await expect(s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 10_001, EVIDENCE))
      .to.be.revertedWithCustomError(s.oracle, "InvalidScore")
      .withArgs(10_001n, 10_000n);
    await expect(
      s.oracle.connect(s.o1).attestScore(s.alice.address, ep, 1, ethers.ZeroHash),
    ).to.be.revertedWithCustomError(s.oracle, "MissingEvidence");
    await expect(
      s.oracle.connect(s.o1).attestScore(ethers.ZeroAddress, ep, 1, EVIDENCE),
    ).to.be.revertedWithCustomError(s.oracle, "ZeroAddress");
  });

  it("lets only ORACLE_ROLE attest", async function () {
    const s = await loadFixture(deploySuite);
    const ep = await epochs(s);
    await expect(
      s.oracle.connect(s.eve).attestScore(s.eve.address, ep, 1, EVIDENCE),
    ).to.be.revertedWithCustomError(s.oracle, "AccessControlUnauthorizedAccount");
  });

  it("governs quorum (1..16) and scoreBoostBps (<= 5_000) with old and new values", async function () {
    const s = await loadFixture(deploySuite);
    await expect(s.oracle.connect(s.admin).setQuorum(3))
      .to.emit(s.oracle, "ParameterChanged")
      .withArgs(name("quorum"), 2n, 3n);
    for (const v of [0n, 17n]) {
      await expect(s.oracle.connect(s.admin).setQuorum(v))
        .to.be.revertedWithCustomError(s.oracle, "ParameterOutOfBounds")
        .withArgs(name("quorum"), v, 1n, 16n);
    }
    await expect(s.oracle.connect(s.admin).setScoreBoostBps(5_000))
      .to.emit(s.oracle, "ParameterChanged")
      .withArgs(name("scoreBoostBps"), 2_500n, 5_000n);
    await expect(s.oracle.connect(s.admin).setScoreBoostBps(5_001))
      .to.be.revertedWithCustomError(s.oracle, "ParameterOutOfBounds")
      .withArgs(name("scoreBoostBps"), 5_001n, 0n, 5_000n);
    await expect(s.oracle.connect(s.eve).setQuorum(3)).to.be.revertedWithCustomError(
      s.oracle,
      "AccessControlUnauthorizedAccount",
    );
    await expect(s.oracle.connect(s.eve).setScoreBoostBps(3)).to.be.revertedWithCustomError(
      s.oracle,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("wires staking once, only from the deployer, and refuses attestations before", async function () {
    const s = await loadFixture(deploySuite);
    await expect(s.oracle.setStaking(s.alice.address))
      .to.be.revertedWithCustomError(s.oracle, "InitUnauthorized")
      .withArgs(s.deployer.address);
    const F = await ethers.getContractFactory("ContributionOracle");
    await expect(F.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(s.oracle, "ZeroAddress");
    const fresh = await F.deploy(s.admin.address);
    await expect(fresh.connect(s.alice).setStaking(s.alice.address))
      .to.be.revertedWithCustomError(fresh, "InitUnauthorized")
      .withArgs(s.alice.address);
    await expect(fresh.setStaking(ethers.ZeroAddress)).to.be.revertedWithCustomError(fresh, "ZeroAddress");
    await fresh.connect(s.admin).grantRole(await fresh.ORACLE_ROLE(), s.o1.address);
    await expect(fresh.connect(s.o1).attestScore(s.alice.address, 1, 1, EVIDENCE)).to.be.revertedWithCustomError(
      fresh,
      "StakingNotSet",
    );
    await expect(fresh.setStaking(await s.staking.getAddress())).to.emit(fresh, "StakingSet");
  });
});
