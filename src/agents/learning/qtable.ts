// Tabular Q-learning as pure functions over an immutable, flat table (states x actions, row-major),
// so the table fits a policy's plain-data memory (a number[]).
import type { Rng } from "../../sim/prng";

export interface QTable {
  readonly states: number;
  readonly actions: number;
  /** q[s * actions + a] */
  readonly q: readonly number[];
}

export function qInit(states: number, actions: number, initialValue = 0): QTable {
  if (!Number.isInteger(states) || states < 1) throw new RangeError(`a Q-table needs at least one state, got ${states}`);
  if (!Number.isInteger(actions) || actions < 1) throw new RangeError(`a Q-table needs at least one action, got ${actions}`);
  return { states, actions, q: new Array<number>(states * actions).fill(initialValue) };
}

function checkState(t: QTable, s: number): void {
  if (!Number.isInteger(s) || s < 0 || s >= t.states) throw new RangeError(`no state ${s}`);
}

/** The action values of state `s`. */
export function qRow(t: QTable, s: number): readonly number[] {
  checkState(t, s);
  return t.q.slice(s * t.actions, (s + 1) * t.actions);
}

/** Best action in `s` among `allowed` (default all); ties go to the lowest index. */
export function qGreedy(t: QTable, s: number, allowed?: readonly boolean[]): number {
  const row = qRow(t, s);
  let best = -1;
  for (let a = 0; a < row.length; a++) {
    if (allowed !== undefined && !allowed[a]) continue;
    if (best < 0 || row[a] > row[best]) best = a;
  }
  return best < 0 ? 0 : best;
}

export function qMax(t: QTable, s: number): number {
  return Math.max(...qRow(t, s));
}

/**
 * Epsilon-greedy: with probability epsilon a uniformly random allowed action, else the greedy one.
 * Both draws are always taken so the agent's stream advances the same whatever it chooses.
 */
export function qSelect(t: QTable, s: number, epsilon: number, rng: Rng, allowed?: readonly boolean[]): number {
  const explore = rng.chance(epsilon);
  const u = rng.uniform();
  if (!explore) return qGreedy(t, s, allowed);
  const choices = [...Array(t.actions).keys()].filter((a) => allowed === undefined || allowed[a]);
  if (choices.length === 0) return 0;
  return choices[Math.min(choices.length - 1, Math.floor(u * choices.length))];
}

/**
 * One Q-learning backup: Q(s,a) += alpha * (r + gamma * max_a' Q(s',a') - Q(s,a)).
 * `next` undefined means s was terminal (no bootstrap).
 */
export function qUpdate(t: QTable, s: number, a: number, reward: number, next: number | undefined, alpha: number, gamma: number): QTable {
  checkState(t, s);
  if (!Number.isInteger(a) || a < 0 || a >= t.actions) throw new RangeError(`no action ${a}`);
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`learning rate must lie in (0, 1], got ${alpha}`);
  if (!(gamma >= 0 && gamma < 1)) throw new RangeError(`discount must lie in [0, 1), got ${gamma}`);
  if (!Number.isFinite(reward)) throw new RangeError(`reward is not finite: ${reward}`);
  const target = reward + (next === undefined ? 0 : gamma * qMax(t, next));
  const i = s * t.actions + a;
  const q = t.q.slice();
  q[i] = q[i] + alpha * (target - q[i]);
  return { ...t, q };
}
