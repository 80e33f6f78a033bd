// Adaptive bidder: learns its bid in the batch auction by an epsilon-greedy bandit over bid levels
// (fractions of its value). Reward of an arm = units filled x (value - clearing price), per unit
// asked, so a low bid that never fills and a high bid that overpays both score low. Pure: the
// caller passes the uniform random numbers (seeded PRNG) and keeps the memory.
import { clampToGrid, NONE, type ResourceAction, type ResourceMarketView } from "./types";

export interface BidderParams {
  readonly needPerEpoch: bigint;
  readonly valuePerUnit: bigint;
  /** Bid levels in bps of the value, e.g. [5000, 7000, 8500, 10000]. */
  readonly levelsBps: readonly number[];
  /** Exploration rate in [0, 1]. */
  readonly epsilon: number;
}

export interface BidderMemory {
  readonly counts: readonly number[];
  readonly means: readonly number[];
  /** The arm played last (its outcome arrives with the next observation), or -1. */
  readonly lastArm: number;
}

export function bidderStart(p: BidderParams): BidderMemory {
  return { counts: p.levelsBps.map(() => 0), means: p.levelsBps.map(() => 0), lastArm: -1 };
}

/** Reward of one epoch, in value units per unit asked: filled x (value - price) / (asked x value). */
export function bidReward(filled: bigint, asked: bigint, price: bigint, value: bigint): number {
  if (asked === 0n || value === 0n) return 0;
  return Number((filled * (value - price) * 1_000_000n) / (asked * value)) / 1_000_000;
}

/** Folds the last arm's reward into the running mean (incremental, exact for equal weights). */
export function learn(m: BidderMemory, reward: number): BidderMemory {
  if (m.lastArm < 0) return m;
  const counts = [...m.counts];
  const means = [...m.means];
  const a = m.lastArm;
  counts[a] += 1;
  means[a] += (reward - means[a]) / counts[a];
  return { counts, means, lastArm: a };
}

/** Greedy arm with ties to the lower bid; an unplayed arm is tried first. */
export function greedyArm(m: BidderMemory): number {
  const unplayed = m.counts.findIndex((c) => c === 0);
  if (unplayed >= 0) return unplayed;
  let best = 0;
  for (let i = 1; i < m.means.length; i++) if (m.means[i] > m.means[best]) best = i;
  return best;
}

export function bidderPolicy(
  v: ResourceMarketView,
  p: BidderParams,
  m: BidderMemory,
  rand: { explore: number; arm: number },
): { action: ResourceAction; memory: BidderMemory } {
  if (v.mechanism !== "auction" || p.needPerEpoch === 0n || p.levelsBps.length === 0) return { action: NONE, memory: { ...m, lastArm: -1 } };
  const arm = rand.explore < p.epsilon ? Math.min(p.levelsBps.length - 1, Math.floor(rand.arm * p.levelsBps.length)) : greedyArm(m);
  const bid = clampToGrid(v, (p.valuePerUnit * BigInt(p.levelsBps[arm])) / 10_000n);
  return { action: { kind: "requestUnits", units: p.needPerEpoch, maxPrice: bid }, memory: { ...m, lastArm: arm } };
}
