import { expect } from "chai";
import { Rng, deriveState, mix32 } from "../../src/sim/prng";

function draws(r: Rng, n: number): number[] {
  return Array.from({ length: n }, () => r.uniform());
}

describe("Rng (seeded per-agent streams)", () => {
  it("gives the same sequence for the same (seed, agent) in two independent instances", () => {
    expect(draws(Rng.derive(42, 7), 50)).to.deep.equal(draws(Rng.derive(42, 7), 50));
  });

  it("gives different sequences to different agents and different seeds", () => {
    const a = draws(Rng.derive(42, 0), 5);
    expect(a).to.not.deep.equal(draws(Rng.derive(42, 1), 5));
    expect(a).to.not.deep.equal(draws(Rng.derive(43, 0), 5));
  });

  it("does not let one agent's draws shift another agent's stream", () => {
    const b1 = Rng.derive(9, 1);
    const expected = draws(b1, 10);
    const a = Rng.derive(9, 0);
    draws(a, 1000);
    expect(draws(Rng.derive(9, 1), 10)).to.deep.equal(expected);
  });

  it("keeps draws inside their ranges", () => {
    const r = Rng.derive(1, 2);
    const bad: string[] = [];
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const u = r.uniform();
      if (!(u >= 0 && u < 1)) bad.push(`uniform ${u}`);
      const k = r.int(-3, 3);
      ints.add(k);
      if (!(k >= -3 && k <= 3)) bad.push(`int ${k}`);
      const b = r.bigint(10n, 20n);
      if (!(b >= 10n && b <= 20n)) bad.push(`bigint ${b}`);
    }
    expect(bad).to.deep.equal([]);
    expect(ints.size).to.equal(7); // every value of the range occurs
  });

  it("draws normals with mean about 0 and standard deviation about 1", () => {
    const r = Rng.derive(5, 0);
    const xs = Array.from({ length: 20000 }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    // standard error of the mean is 1/sqrt(20000) ~ 0.007: 5 sigma bounds
    expect(Math.abs(mean)).to.be.below(0.036);
    expect(Math.abs(sd - 1)).to.be.below(0.03);
  });

  it("takes a fraction of an amount within the given bounds", () => {
    const r = Rng.derive(3, 3);
    const xs = Array.from({ length: 500 }, () => r.fractionOf(10_000n, 0.1, 0.2));
    expect(xs.filter((x) => x < 1000n || x > 2000n)).to.deep.equal([]);
  });

  it("clones continue identically and independently", () => {
    const r = Rng.derive(11, 4);
    r.uniform();
    const c = r.clone();
    expect(draws(c, 5)).to.deep.equal(draws(r, 5));
  });

  it("rejects negative, fractional or unsafe seeds and stream indices", () => {
    expect(() => Rng.derive(-1)).to.throw(RangeError);
    expect(() => Rng.derive(1.5)).to.throw(RangeError);
    expect(() => Rng.derive(2 ** 60)).to.throw(RangeError);
    expect(() => Rng.derive(1, -2)).to.throw(RangeError);
  });

  it("folds seeds above 2^32 into distinct states", () => {
    expect(deriveState(2 ** 32, [])).to.not.deep.equal(deriveState(0, []));
  });

  it("mix32 is a bijection on a sample (no collisions among 100k inputs)", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).to.equal(100_000);
  });
});
