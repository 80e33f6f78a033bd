import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, E18, Suite } from "./fixture";

// PackedVotes keeps OZ Votes' IERC5805 behaviour on a packed trace (head slot + two checkpoints
// per history slot). These tests compare every past block's getPastVotes / getPastTotalSupply
// with an independent model over a random history of stakes, unbonds and re-delegations
// (several changes in one block included), so both halves of a history slot, the head, and the
// binary search are all exercised.

type Who = "alice" | "bob" | "carol";
const WHO: Who[] = ["alice", "bob", "carol"];

function rng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Model: units (active stake) and delegate of each account; votes are derived. */
class Model {
  units = new Map<string, bigint>();
  delegate = new Map<string, string>();
  votesOf(a: string): bigint {
    let v = 0n;
    for (const [acct, u] of this.units) if (this.delegate.get(acct) === a) v += u;
    return v;
  }
  total(): bigint {
    let v = 0n;
    for (const u of this.units.values()) v += u;
    return v;
  }
}

describe("PackedVotes (IERC5805 on a packed checkpoint trace)", function () {
  this.timeout(300_000);

  for (const seed of [7, 8]) {
    it(`getPastVotes and getPastTotalSupply match a model at every past block (seed ${seed})`, async function () {
      const s: Suite = await loadFixture(deploySuite);
      const r = rng(seed);
      const m = new Model();
      const addr = (w: Who) => s[w].address;
      const stakeIds = new Map<string, number[]>(); // active stakes
      const occupied = new Map<string, Set<number>>(); // ids in use (active or unbonding)
      const snaps: { block: number; votes: Map<string, bigint>; total: bigint }[] = [];
      const all = [...WHO.map(addr), s.dave.address];
      for (let step = 0; step < 45; step++) {
        const batch = 1 + (r(4) === 0 ? 1 + r(2) : 0); // sometimes 2-3 changes in one block
        await network.provider.send("evm_setAutomine", [false]);
        const sent = [];
        const fresh = new Set<string>(); // stakes made in this (not yet mined) block
        for (let k = 0; k < batch; k++) {
          const w = WHO[r(3)];
          const a = addr(w);
          const action = r(5);
          const ids = stakeIds.get(a) ?? [];
          const mined = ids.filter((id) => !fresh.has(`${a}:${id}`));
          if (action <= 2 || mined.length === 0) {
            if ((occupied.get(a)?.size ?? 0) >= 15) continue;
            const amount = BigInt(1 + r(1000)) * E18 + BigInt(r(1000));
            sent.push(await s.staking.connect(s[w]).stake(amount, 0, { gasLimit: 1_000_000 }));
            // stake ids: lowest free id
            const taken = occupied.get(a) ?? new Set<number>(); // unbonding stakes keep their id
            let id = 0;
            while (taken.has(id)) id++;
            taken.add(id);
            occupied.set(a, taken);
            stakeIds.set(a, [...ids, id]);
            fresh.add(`${a}:${id}`);
            m.units.set(a, (m.units.get(a) ?? 0n) + amount);
            if (!m.delegate.get(a)) m.delegate.set(a, a);
          } else if (action === 3) {
            const id = mined[r(mined.length)];
            const st = await s.staking.stakeOf(a, id);
            sent.push(await s.staking.connect(s[w]).requestUnbond(id, { gasLimit: 1_000_000 }));
            stakeIds.set(a, ids.filter((x) => x !== id));
            m.units.set(a, (m.units.get(a) ?? 0n) - st.amount);
          } else {
            const choice = r(4);
            const to = choice === 3 ? ethers.ZeroAddress : choice === 2 ? s.dave.address : addr(WHO[choice]);
            sent.push(await s.staking.connect(s[w]).delegate(to, { gasLimit: 1_000_000 }));
            m.delegate.set(a, to === ethers.ZeroAddress ? "" : to);
          }
        }
        await mine(1);
        await network.provider.send("evm_setAutomine", [true]);
        for (const tx of sent) expect((await tx.wait())!.status).to.equal(1);
        const block = await ethers.provider.getBlockNumber();
        snaps.push({ block, votes: new Map(all.map((a) => [a, m.votesOf(a)])), total: m.total() });
        for (const a of all) expect(await s.staking.getVotes(a), `getVotes step ${step}`).to.equal(m.votesOf(a));
        if (r(3) === 0) await mine(1 + r(3)); // blocks without changes
      }
      await mine(1);
      for (const snap of snaps) {
        for (const a of all) {
          expect(await s.staking.getPastVotes(a, snap.block), `getPastVotes ${a} @${snap.block}`).to.equal(snap.votes.get(a));
          // the value holds until the next change: also at the block after
          if (snap.block + 1 < (await ethers.provider.getBlockNumber())) {
            const next = snaps.find((x) => x.block === snap.block + 1);
            if (!next) expect(await s.staking.getPastVotes(a, snap.block + 1)).to.equal(snap.votes.get(a));
          }
        }
        expect(await s.staking.getPastTotalSupply(snap.block), `total @${snap.block}`).to.equal(snap.total);
      }
      // before the first checkpoint: nothing
      expect(await s.staking.getPastVotes(s.alice.address, snaps[0].block - 1)).to.equal(0n);
      expect(await s.staking.getPastTotalSupply(snaps[0].block - 1)).to.equal(0n);
      // a history long enough that both halves of many pair slots were written
      expect(await s.staking.numCheckpoints(s.alice.address)).to.be.greaterThan(6n);
    });
  }

  it("keeps one checkpoint per block: a second change in the same block rewrites the head", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 0);
    expect(await s.staking.numCheckpoints(s.alice.address)).to.equal(1n);
    await network.provider.send("evm_setAutomine", [false]);
    const t1 = await s.staking.connect(s.alice).stake(2n * E18, 0, { gasLimit: 1_000_000 });
    const t2 = await s.staking.connect(s.alice).stake(3n * E18, 0, { gasLimit: 1_000_000 });
    await mine(1);
    await network.provider.send("evm_setAutomine", [true]);
    await t1.wait();
    await expect(t2).to.emit(s.staking, "DelegateVotesChanged").withArgs(s.alice.address, 3n * E18, 6n * E18);
    expect(await s.staking.numCheckpoints(s.alice.address)).to.equal(2n);
    const b = await ethers.provider.getBlockNumber();
    await mine(1);
    expect(await s.staking.getPastVotes(s.alice.address, b)).to.equal(6n * E18);
    expect(await s.staking.getPastVotes(s.alice.address, b - 1)).to.equal(E18);
    expect(await s.staking.numCheckpoints(s.bob.address)).to.equal(0n);
  });

  it("reports delegates as OZ does: none, self, another account, none again", async function () {
    const s = await loadFixture(deploySuite);
    expect(await s.staking.delegates(s.alice.address)).to.equal(ethers.ZeroAddress);
    await s.staking.connect(s.alice).stake(E18, 0);
    expect(await s.staking.delegates(s.alice.address)).to.equal(s.alice.address);
    await expect(s.staking.connect(s.alice).delegate(s.bob.address))
      .to.emit(s.staking, "DelegateChanged")
      .withArgs(s.alice.address, s.alice.address, s.bob.address);
    expect(await s.staking.delegates(s.alice.address)).to.equal(s.bob.address);
    expect(await s.staking.getVotes(s.bob.address)).to.equal(E18);
    expect(await s.staking.getVotes(s.alice.address)).to.equal(0n);
    await expect(s.staking.connect(s.alice).delegate(ethers.ZeroAddress))
      .to.emit(s.staking, "DelegateVotesChanged")
      .withArgs(s.bob.address, E18, 0n);
    expect(await s.staking.delegates(s.alice.address)).to.equal(ethers.ZeroAddress);
    // a new stake with no delegate self-delegates again (stakers vote by default)
    await s.staking.connect(s.alice).stake(E18, 0);
    expect(await s.staking.delegates(s.alice.address)).to.equal(s.alice.address);
    expect(await s.staking.getVotes(s.alice.address)).to.equal(2n * E18);
    expect(await s.staking.getVotes(ethers.ZeroAddress)).to.equal(0n);
  });

  it("answers 0 before an account's only checkpoint, and moves nothing for a no-op delegation", async function () {
    const s = await loadFixture(deploySuite);
    const before = await ethers.provider.getBlockNumber();
    await s.staking.connect(s.alice).stake(E18, 0);
    await mine(1);
    expect(await s.staking.numCheckpoints(s.alice.address)).to.equal(1n); // head only, empty history
    expect(await s.staking.getPastVotes(s.alice.address, before)).to.equal(0n);
    expect(await s.staking.getPastTotalSupply(before)).to.equal(0n);
    // re-delegating to the current delegate and delegating with no units emit no vote change
    await expect(s.staking.connect(s.alice).delegate(s.alice.address)).to.not.emit(s.staking, "DelegateVotesChanged");
    await expect(s.staking.connect(s.bob).delegate(s.carol.address))
      .to.emit(s.staking, "DelegateChanged")
      .withArgs(s.bob.address, ethers.ZeroAddress, s.carol.address)
      .and.to.not.emit(s.staking, "DelegateVotesChanged");
    // bob's later stake goes to carol, his chosen delegate (no self-delegation over a choice)
    await s.staking.connect(s.bob).stake(2n * E18, 0);
    expect(await s.staking.getVotes(s.carol.address)).to.equal(2n * E18);
    expect(await s.staking.getVotes(s.bob.address)).to.equal(0n);
    expect(await s.staking.numCheckpoints(s.alice.address)).to.equal(1n);
  });

  it("rejects a timepoint at or after the current block with OZ's ERC5805FutureLookup", async function () {
    const s = await loadFixture(deploySuite);
    await s.staking.connect(s.alice).stake(E18, 0);
    const clock = await s.staking.clock();
    await expect(s.staking.getPastVotes(s.alice.address, clock))
      .to.be.revertedWithCustomError(s.staking, "ERC5805FutureLookup")
      .withArgs(clock, clock);
    await expect(s.staking.getPastTotalSupply(clock + 5n))
      .to.be.revertedWithCustomError(s.staking, "ERC5805FutureLookup")
      .withArgs(clock + 5n, clock);
    await time.increase(1);
  });
});
