// Seeded pseudo-random streams for the simulation. Every agent owns one stream derived from
// (masterSeed, agentIndex) only, so its draws never depend on how many draws other agents made,
// on wall-clock time, or on the order agents are processed in.
import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformBigInt } from "pure-rand/distribution/uniformBigInt";
import type { RandomGenerator } from "pure-rand/types/RandomGenerator";

/** murmur3's 32-bit finaliser: a bijective avalanche mix, so nearby seeds give unrelated states. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Folds a non-negative safe integer seed and a path of indices into a 128-bit generator state. */
export function deriveState(masterSeed: number, path: readonly number[]): readonly number[] {
  if (!Number.isSafeInteger(masterSeed) || masterSeed < 0) {
    throw new RangeError(`seed must be a non-negative safe integer, got ${masterSeed}`);
  }
  let h = mix32(mix32(masterSeed >>> 0) ^ mix32(Math.floor(masterSeed / 0x1_0000_0000) + 0x9e3779b9));
  for (const p of path) {
    if (!Number.isSafeInteger(p) || p < 0) throw new RangeError(`stream index must be a non-negative integer, got ${p}`);
    h = mix32(h ^ mix32((p >>> 0) + 0x632be5ab) ^ mix32(Math.floor(p / 0x1_0000_0000) + 0x85157af5));
  }
  const words: number[] = [0, 1, 2, 3].map((i) => mix32(h + Math.imul(i + 1, 0x9e3779b9)) | 0);
  // xoroshiro128+ must not start from the all-zero state.
  if (!words.some((w) => w !== 0)) words[0] = 1;
  return words;
}

/** A seeded random stream. Each draw advances this stream only. */
export class Rng {
  private constructor(private readonly gen: RandomGenerator) {}

  /** The stream for (masterSeed, ...path), e.g. `Rng.derive(seed, agentIndex)`. */
  static derive(masterSeed: number, ...path: number[]): Rng {
    return new Rng(xoroshiro128plusFromState(deriveState(masterSeed, path)));
  }

  /** An independent copy that continues from the same point. */
  clone(): Rng {
    return new Rng(this.gen.clone());
  }

  /** Uniform in [0, 1), 53 bits. */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`int(${lo}, ${hi}): empty range`);
    return uniformInt(this.gen, lo, hi);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal by Box-Muller; always consumes exactly two draws (no cached spare). */
  normal(mean = 0, sd = 1): number {
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Uniform bigint in [lo, hi], both included (amounts in wei). */
  bigint(lo: bigint, hi: bigint): bigint {
    if (hi < lo) throw new RangeError(`bigint(${lo}, ${hi}): empty range`);
    return uniformBigInt(this.gen, lo, hi);
  }

  /** amount * f for f uniform in [loFrac, hiFrac], at basis-point resolution, rounded down. */
  fractionOf(amount: bigint, loFrac: number, hiFrac: number): bigint {
    const bps = this.int(Math.round(loFrac * 10_000), Math.round(hiFrac * 10_000));
    return (amount * BigInt(bps)) / 10_000n;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(0, items.length - 1)];
  }
}
