// Epsilon-greedy multi-armed bandit as pure functions over an immutable state.
import type { Rng } from "../../sim/prng";

export interface BanditState {
  /** Estimated value per arm. */
  readonly q: readonly number[];
  /** Pulls per arm. */
  readonly n: readonly number[];
}

export function banditInit(arms: number, initialValue = 0): BanditState {
  if (!Number.isInteger(arms) || arms < 1) throw new RangeError(`a bandit needs at least one arm, got ${arms}`);
  return { q: new Array<number>(arms).fill(initialValue), n: new Array<number>(arms).fill(0) };
}

/** Index of the largest estimate; ties go to the lowest index (deterministic). */
export function greedyArm(state: BanditState): number {
  let best = 0;
  for (let i = 1; i < state.q.length; i++) if (state.q[i] > state.q[best]) best = i;
  return best;
}

/** With probability epsilon a uniformly random arm, otherwise the greedy arm. */
export function banditSelect(state: BanditState, epsilon: number, rng: Rng): number {
  const explore = rng.chance(epsilon);
  const randomArm = rng.int(0, state.q.length - 1); // always drawn: the stream advances the same either way
  return explore ? randomArm : greedyArm(state);
}

/**
 * Incorporates a realised reward for `arm`. stepSize 0 means sample average (stationary
 * problems); a constant stepSize in (0,1] tracks a drifting reward (the market is not stationary).
 */
export function banditUpdate(state: BanditState, arm: number, reward: number, stepSize = 0): BanditState {
  if (arm < 0 || arm >= state.q.length) throw new RangeError(`no arm ${arm}`);
  const n = state.n.map((c, i) => (i === arm ? c + 1 : c));
  const alpha = stepSize > 0 ? stepSize : 1 / n[arm];
  const q = state.q.map((v, i) => (i === arm ? v + alpha * (reward - v) : v));
  return { q, n };
}
