// Fake Proof-of-Contribution staking: tiers, O(1) reward accumulator, unbonding, votes, slashing.
import type { FakeAccount, FakeState } from "./state";
import { check } from "./revert";

const WAD = 10n ** 18n;

export function settle(st: FakeState, a: FakeAccount): void {
  a.rewards += (a.weight * (st.rewardPerWeight - a.paid)) / WAD;
  a.paid = st.rewardPerWeight;
}

/** Adds stakers' revenue; returns what could not be distributed (no weight yet). */
export function distributeToStakers(st: FakeState, amount: bigint): bigint {
  if (st.totalWeight === 0n) return amount;
  const inc = (amount * WAD) / st.totalWeight;
  st.rewardPerWeight += inc;
  return amount - (inc * st.totalWeight) / WAD;
}

function weightOf(st: FakeState, amount: bigint, tier: number): bigint {
  return (amount * BigInt(st.cfg.tiers[tier].multiplierBps)) / 10_000n;
}

export function stake(st: FakeState, a: FakeAccount, amount: bigint, tier: number): void {
  check(amount > 0n, "ZeroAmount");
  check(tier >= 0 && tier < st.cfg.tiers.length, "UnknownTier");
  check(a.tokens >= amount, "InsufficientBalance");
  settle(st, a);
  a.tokens -= amount;
  const w = weightOf(st, amount, tier);
  a.weight += w;
  st.totalWeight += w;
  st.totalStaked += amount;
  a.stakes.push({
    id: a.nextStakeId++, amount, tier, unlockAt: st.timestamp + st.cfg.tiers[tier].lockSeconds,
    unbonding: false, withdrawableAt: 0, createdBlock: st.block,
  });
}

export function unbond(st: FakeState, a: FakeAccount, stakeId: number): void {
  const s = a.stakes.find((x) => x.id === stakeId);
  check(s !== undefined, "UnknownStake");
  check(!s.unbonding, "AlreadyUnbonding");
  check(s.unlockAt <= st.timestamp, "StakeLocked");
  settle(st, a);
  const w = weightOf(st, s.amount, s.tier);
  a.weight -= w;
  st.totalWeight -= w;
  s.unbonding = true;
  s.withdrawableAt = st.timestamp + st.cfg.unbondingSeconds;
}

export function withdraw(st: FakeState, a: FakeAccount, stakeId: number): void {
  const i = a.stakes.findIndex((x) => x.id === stakeId);
  check(i >= 0, "UnknownStake");
  const s = a.stakes[i];
  check(s.unbonding && s.withdrawableAt <= st.timestamp, "StillUnbonding");
  check(!st.slashes.some((c) => !c.done && c.target === a.address), "SlashPending");
  a.stakes.splice(i, 1);
  a.tokens += s.amount;
  st.totalStaked -= s.amount;
}

export function claim(st: FakeState, a: FakeAccount): void {
  settle(st, a);
  check(a.rewards > 0n, "NothingToClaim");
  a.reserve += a.rewards;
  st.ledger.rewardsHeld -= a.rewards;
  a.rewards = 0n;
}

/**
 * Votes at the end of `block`: stakes made in or before it, not unbonding. Voting opens only after
 * the snapshot block, so a stake made while voting is open never counts (no flash votes).
 */
export function votesAt(a: FakeAccount, block: number): bigint {
  return a.stakes.filter((s) => !s.unbonding && s.createdBlock <= block).reduce((t, s) => t + s.amount, 0n);
}

export function stakedOf(a: FakeAccount): bigint {
  return a.stakes.reduce((t, s) => t + s.amount, 0n);
}

/** Stake id -> amount of every stake `a` holds now (a slash case's snapshot at proposal). */
export function heldStakes(a: FakeAccount): ReadonlyMap<number, bigint> {
  return new Map(a.stakes.map((s) => [s.id, s.amount]));
}

/**
 * Cuts `ceil(held x severity)` from the stakes `a` held when the case was proposed (`held`), pro
 * rata to what each held then and capped at what is left of it; stake added later is not cut (as
 * CipherStaking/Slashing do). The slashed tokens are burned (reserve stays: surplus).
 */
export function executeSlash(st: FakeState, a: FakeAccount, severityBps: number, held: ReadonlyMap<number, bigint>): bigint {
  settle(st, a);
  const total = [...held.values()].reduce((t, v) => t + v, 0n);
  const target = total === 0n ? 0n : (total * BigInt(severityBps) + 9_999n) / 10_000n;
  let cut = 0n;
  for (const s of a.stakes) {
    const h = held.get(s.id);
    if (h === undefined || total === 0n) continue;
    const share = (target * h + total - 1n) / total;
    const c = share < s.amount ? share : s.amount;
    if (!s.unbonding) {
      const w = weightOf(st, c, s.tier);
      a.weight -= w;
      st.totalWeight -= w;
    }
    s.amount -= c;
    cut += c;
  }
  st.totalStaked -= cut;
  st.supply -= cut;
  st.ledger.burned += cut;
  return cut;
}
