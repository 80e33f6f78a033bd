import { expect } from "chai";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { CurveBase, CurveGasProbe } from "../../typechain-types";
import {
  D,
  type CurveKind,
  type CurveParams,
  type Dec,
  fromArray,
  integral,
  integralBetween,
  inverse,
  maxSupply,
  price,
} from "../../src/math/curveReference";
import { CURVE_CONTRACT, DEFAULT_CURVE_PARAMETERS } from "../../src/math/curveDefaults";

// ------------------------------------------------------------------ parameters under test

const WAD = 10n ** 18n;
const CONTRACT = CURVE_CONTRACT;

/** The defaults the deployment uses (docs/curves.md, src/math/curveDefaults.ts). */
const DEFAULT_PARAMETERS: Record<CurveKind, bigint[]> = {
  linear: [...DEFAULT_CURVE_PARAMETERS.linear],
  exponential: [...DEFAULT_CURVE_PARAMETERS.exponential],
  sigmoid: [...DEFAULT_CURVE_PARAMETERS.sigmoid],
};

/** Extreme corners of each parameter box, to exercise the domain edges. */
const EXTRA_PARAMETERS: Record<CurveKind, bigint[][]> = {
  linear: [
    [1n, 1000n], // flattest, cheapest
    [10n ** 24n, 10n ** 24n], // steepest, dearest
  ],
  exponential: [
    [1000n, 10n ** 6n], // slowest growth: cap 9e31 token-wei
    [10n ** 24n, 10n ** 21n], // fastest growth: cap 0.09 tokens
  ],
  sigmoid: [
    [1000n, 10n ** 6n, 10n ** 31n], // far-away midpoint, shallow
    [10n ** 24n, 10n ** 21n, 0n], // centred at 0, steepest
    [10n ** 16n, 10n ** 14n, 10n ** 24n], // k*S0 = 100: P(0) ~ K e^-100
  ],
};

/** [lower bounds, upper bounds] of each shape's parameters, as in the contracts' constants. */
const PARAMETER_BOX: Record<CurveKind, [bigint[], bigint[]]> = {
  linear: [
    [1n, 1000n],
    [10n ** 24n, 10n ** 24n],
  ],
  exponential: [
    [1000n, 10n ** 6n],
    [10n ** 24n, 10n ** 21n],
  ],
  sigmoid: [
    [1000n, 10n ** 6n, 0n],
    [10n ** 24n, 10n ** 21n, 10n ** 31n],
  ],
};

// ------------------------------------------------------------------ error bounds (stated, asserted)

/**
 * Absolute error scale of one reserve amount, in reserve-wei, between supplies lo and hi:
 * - linear: exact integer math, only the final rounding (< 1 wei);
 * - exponential: one 1e-18 of e^(kx) at hi, i.e. (P(hi) + a) / k reserve-wei;
 * - sigmoid: one 1e-18 of the softplus, i.e. K / k reserve-wei.
 * The asserted bound is |computed - exact| <= C_RESERVE * scale + 2 wei, with C_RESERVE = 80.
 * Almost all of it is the deliberate safety margin (2 x (16 + 4) units for the exponential,
 * 2 x 32 for the sigmoid); the approximation error itself is below one unit.
 */
const C_RESERVE = 80;
function reserveScale(p: CurveParams, hi: bigint): Dec {
  switch (p.kind) {
    case "linear":
      return new D(0);
    case "exponential":
      return price(p, hi).plus(p.a.toString()).div(p.k.toString());
    case "sigmoid":
      return new D(p.K.toString()).div(p.k.toString());
  }
}
/**
 * tokensForReserve(S, r) = d: the reserve the buyer leaves unconverted, r - exactCost(S, S + d),
 * is at most C_INVERSE * reserveScale(S + d) + P(S + d) * 2 / 1e18 + 2 wei (linear: below the
 * price of 1 token-wei, the result is the exact floor). The back-off of the closed-form inverse
 * (LN_SLACK = 8 plus the margins) accounts for the larger constant.
 */
const C_INVERSE = 160;

/** Largest observed ratios error / asserted bound, reported after the run (docs/curves.md quotes them). */
const observed: Record<string, number> = {};
const observedAt: Record<string, string> = {};
function observe(key: string, err: Dec, scale: Dec, where = ""): void {
  if (scale.lte(0)) return;
  const ratio = err.div(scale).toNumber();
  if (!(key in observed) || ratio > observed[key]) {
    observed[key] = ratio;
    observedAt[key] = `${where} err=${err.toSignificantDigits(6)} scale=${scale.toSignificantDigits(6)}`;
  }
}

// ------------------------------------------------------------------ seeded points

/** splitmix64: small seeded PRNG so the random points are the same on every run. */
function rng(seed: bigint): () => bigint {
  let s = seed & ((1n << 64n) - 1n);
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & ((1n << 64n) - 1n);
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & ((1n << 64n) - 1n);
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & ((1n << 64n) - 1n);
    return z ^ (z >> 31n);
  };
}

/** Log-uniform bigint in [1, max] (max >= 1). */
function logUniform(next: () => bigint, max: bigint): bigint {
  const bits = max.toString(2).length;
  const b = Number(next() % BigInt(bits)) + 1;
  const hi = 1n << BigInt(b);
  let v = ((next() << 64n) | next()) % hi;
  if (v === 0n) v = 1n;
  return v > max ? max : v;
}

function bigMax(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function supplyPoints(cap: bigint, next: () => bigint, randomCount: number): bigint[] {
  const fixed = [0n, 1n, 2n, 10n ** 9n, WAD, cap / 1000n, cap / 2n, cap - WAD, cap - 1000n, cap - 1n, cap];
  const pts = fixed.filter((s) => s >= 0n && s <= cap);
  for (let i = 0; i < randomCount; i++) pts.push(logUniform(next, cap));
  return [...new Set(pts)];
}

// ------------------------------------------------------------------ fixtures

async function deployCurve(kind: CurveKind, params: bigint[], market: HardhatEthersSigner): Promise<CurveBase> {
  const curve = (await ethers.deployContract(CONTRACT[kind], [params])) as unknown as CurveBase;
  await curve.setMarket(market.address);
  return curve;
}

async function curvesFixture() {
  const [deployer, market, stranger] = await ethers.getSigners();
  const curves: { kind: CurveKind; params: bigint[]; curve: CurveBase }[] = [];
  for (const kind of ["linear", "exponential", "sigmoid"] as CurveKind[]) {
    for (const params of [DEFAULT_PARAMETERS[kind], ...EXTRA_PARAMETERS[kind]]) {
      curves.push({ kind, params, curve: await deployCurve(kind, params, market) });
    }
  }
  const probe = (await ethers.deployContract("CurveGasProbe")) as unknown as CurveGasProbe;
  return { deployer, market, stranger, curves, probe };
}

function absDiff(a: Dec, b: Dec): Dec {
  return a.minus(b).abs();
}

function big(v: bigint): Dec {
  return new D(v.toString());
}

// ------------------------------------------------------------------ tests

for (const kind of ["linear", "exponential", "sigmoid"] as CurveKind[]) {
  describe(`${CONTRACT[kind]}`, function () {
    async function defaultCurve() {
      const f = await loadFixture(curvesFixture);
      const entry = f.curves.find((c) => c.kind === kind && c.params === DEFAULT_PARAMETERS[kind]);
      if (!entry) throw new Error("fixture");
      return { ...f, curve: entry.curve };
    }

    describe("construction and wiring", function () {
      it("reports its kind, parameters, deployer and cap", async function () {
        const { curve, deployer } = await defaultCurve();
        expect(await curve.kind()).to.equal(kind);
        expect(await curve.parameters()).to.deep.equal(DEFAULT_PARAMETERS[kind]);
        expect(await curve.deployer()).to.equal(deployer.address);
        expect(await curve.maxSupply()).to.equal(maxSupply(fromArray(kind, DEFAULT_PARAMETERS[kind])));
      });

      it("emits CurveParametersUpdated with the initial parameters on deployment", async function () {
        const factory = await ethers.getContractFactory(CONTRACT[kind]);
        const c = await factory.deploy(DEFAULT_PARAMETERS[kind]);
        await expect(c.deploymentTransaction())
          .to.emit(c, "CurveParametersUpdated")
          .withArgs([], DEFAULT_PARAMETERS[kind]);
      });

      it("reverts with CurveInvalidParameterCount when deployed with the wrong number of parameters", async function () {
        const factory = await ethers.getContractFactory(CONTRACT[kind]);
        const need = DEFAULT_PARAMETERS[kind].length;
        await expect(factory.deploy([...DEFAULT_PARAMETERS[kind], 1n]))
          .to.be.revertedWithCustomError(factory, "CurveInvalidParameterCount")
          .withArgs(need + 1, need);
        await expect(factory.deploy([]))
          .to.be.revertedWithCustomError(factory, "CurveInvalidParameterCount")
          .withArgs(0, need);
      });

      it("reverts with CurveInvalidParameter when deployed with a zero or out-of-bounds parameter", async function () {
        const factory = await ethers.getContractFactory(CONTRACT[kind]);
        const bad = badParameters(kind);
        for (const [index, value] of bad) {
          const p = [...DEFAULT_PARAMETERS[kind]];
          p[index] = value;
          await expect(factory.deploy(p))
            .to.be.revertedWithCustomError(factory, "CurveInvalidParameter")
            .withArgs(index, value);
        }
      });

      it("lets the deployer set the market once, emitting CurveMarketSet", async function () {
        const [deployer, market] = await ethers.getSigners();
        const c = (await ethers.deployContract(CONTRACT[kind], [DEFAULT_PARAMETERS[kind]])) as unknown as CurveBase;
        expect(await c.market()).to.equal(ethers.ZeroAddress);
        await expect(c.connect(deployer).setMarket(market.address)).to.emit(c, "CurveMarketSet").withArgs(market.address);
        expect(await c.market()).to.equal(market.address);
      });

      it("reverts with CurveMarketAlreadySet when the market is set a second time", async function () {
        const { curve, market, stranger } = await defaultCurve();
        await expect(curve.setMarket(stranger.address))
          .to.be.revertedWithCustomError(curve, "CurveMarketAlreadySet")
          .withArgs(market.address);
      });

      it("reverts with CurveNotDeployer when someone else sets the market", async function () {
        const [deployer, , stranger] = await ethers.getSigners();
        const c = (await ethers.deployContract(CONTRACT[kind], [DEFAULT_PARAMETERS[kind]])) as unknown as CurveBase;
        await expect(c.connect(stranger).setMarket(stranger.address))
          .to.be.revertedWithCustomError(c, "CurveNotDeployer")
          .withArgs(stranger.address, deployer.address);
      });

      it("reverts with CurveMarketZeroAddress when the market is the zero address", async function () {
        const c = (await ethers.deployContract(CONTRACT[kind], [DEFAULT_PARAMETERS[kind]])) as unknown as CurveBase;
        await expect(c.setMarket(ethers.ZeroAddress)).to.be.revertedWithCustomError(c, "CurveMarketZeroAddress");
      });
    });

    describe("setParameters", function () {
      it("lets the market replace the parameters, emitting old and new, and moves the cap with them", async function () {
        const { curve, market } = await defaultCurve();
        const next = EXTRA_PARAMETERS[kind][0];
        await expect(curve.connect(market).setParameters(next))
          .to.emit(curve, "CurveParametersUpdated")
          .withArgs(DEFAULT_PARAMETERS[kind], next);
        expect(await curve.parameters()).to.deep.equal(next);
        expect(await curve.maxSupply()).to.equal(maxSupply(fromArray(kind, next)));
        // and prices follow the new parameters
        const s = WAD * 1000n;
        const exact = integral(fromArray(kind, next), s);
        expect(big(await curve.reserveFor(s)).lte(exact)).to.equal(true);
      });

      it("accepts the bounds themselves", async function () {
        const { curve, market } = await defaultCurve();
        for (const p of boundaryParameters(kind)) {
          await curve.connect(market).setParameters(p);
          expect(await curve.parameters()).to.deep.equal(p);
        }
      });

      it("reverts with CurveUnauthorized when called by anyone but the market (even the deployer)", async function () {
        const { curve, deployer, stranger } = await defaultCurve();
        for (const who of [deployer, stranger]) {
          await expect(curve.connect(who).setParameters(DEFAULT_PARAMETERS[kind]))
            .to.be.revertedWithCustomError(curve, "CurveUnauthorized")
            .withArgs(who.address);
        }
      });

      it("reverts with CurveUnauthorized before any market is set", async function () {
        const [, , stranger] = await ethers.getSigners();
        const c = (await ethers.deployContract(CONTRACT[kind], [DEFAULT_PARAMETERS[kind]])) as unknown as CurveBase;
        await expect(c.connect(stranger).setParameters(DEFAULT_PARAMETERS[kind]))
          .to.be.revertedWithCustomError(c, "CurveUnauthorized")
          .withArgs(stranger.address);
      });

      it("reverts with CurveInvalidParameterCount on the wrong number of parameters", async function () {
        const { curve, market } = await defaultCurve();
        const need = DEFAULT_PARAMETERS[kind].length;
        await expect(curve.connect(market).setParameters(DEFAULT_PARAMETERS[kind].slice(1)))
          .to.be.revertedWithCustomError(curve, "CurveInvalidParameterCount")
          .withArgs(need - 1, need);
      });

      it("reverts with CurveInvalidParameter on zero or out-of-bounds values, leaving the parameters unchanged", async function () {
        const { curve, market } = await defaultCurve();
        for (const [index, value] of badParameters(kind)) {
          const p = [...DEFAULT_PARAMETERS[kind]];
          p[index] = value;
          await expect(curve.connect(market).setParameters(p))
            .to.be.revertedWithCustomError(curve, "CurveInvalidParameter")
            .withArgs(index, value);
        }
        expect(await curve.parameters()).to.deep.equal(DEFAULT_PARAMETERS[kind]);
      });
    });

    describe("bad inputs to the pricing functions", function () {
      it("reverts with CurveSupplyCapExceeded when the supply is above the cap", async function () {
        const { curve } = await defaultCurve();
        const cap = await curve.maxSupply();
        for (const call of [
          () => curve.spotPrice(cap + 1n),
          () => curve.reserveFor(cap + 1n),
          () => curve.buyCost(cap + 1n, 0n),
          () => curve.sellRefund(cap + 1n, 1n),
          () => curve.tokensForReserve(cap + 1n, 1n),
        ]) {
          await expect(call()).to.be.revertedWithCustomError(curve, "CurveSupplyCapExceeded").withArgs(cap + 1n, cap);
        }
      });

      it("reverts with CurveSupplyCapExceeded when a buy would pass the cap (including uint256 overflow)", async function () {
        const { curve } = await defaultCurve();
        const cap = await curve.maxSupply();
        await expect(curve.buyCost(cap, 1n)).to.be.revertedWithCustomError(curve, "CurveSupplyCapExceeded").withArgs(cap + 1n, cap);
        await expect(curve.buyCost(1n, ethers.MaxUint256))
          .to.be.revertedWithCustomError(curve, "CurveSupplyCapExceeded")
          .withArgs(ethers.MaxUint256, cap);
      });

      it("reverts with CurveSupplyCapExceeded when reserveIn buys past the cap, up to a reserveIn of 2^256-1", async function () {
        const { curve } = await defaultCurve();
        const cap = await curve.maxSupply();
        const toCap = await curve.buyCost(0n, cap);
        for (const r of [toCap + toCap / 100n, toCap * 2n, toCap * 10n ** 9n, 2n ** 255n, ethers.MaxUint256]) {
          await expect(curve.tokensForReserve(0n, r)).to.be.revertedWithCustomError(curve, "CurveSupplyCapExceeded");
        }
        // and the cost of buying exactly to the cap buys at most to the cap
        const d = await curve.tokensForReserve(0n, toCap);
        expect(d <= cap).to.equal(true);
        expect(await curve.buyCost(0n, d)).to.be.lte(toCap);
      });

      it("reverts with CurveAmountExceedsSupply when selling more than the supply", async function () {
        const { curve } = await defaultCurve();
        await expect(curve.sellRefund(WAD, WAD + 1n))
          .to.be.revertedWithCustomError(curve, "CurveAmountExceedsSupply")
          .withArgs(WAD + 1n, WAD);
        await expect(curve.sellRefund(0n, 1n))
          .to.be.revertedWithCustomError(curve, "CurveAmountExceedsSupply")
          .withArgs(1n, 0n);
      });

      it("returns zero for zero amounts and zero reserve, and reserveFor(0) = 0", async function () {
        const { curve } = await defaultCurve();
        expect(await curve.buyCost(WAD, 0n)).to.equal(0n);
        expect(await curve.sellRefund(WAD, 0n)).to.equal(0n);
        expect(await curve.tokensForReserve(WAD, 0n)).to.equal(0n);
        expect(await curve.reserveFor(0n)).to.equal(0n);
      });

      it("cannot be drained by a buy-then-sell round trip at any tested size", async function () {
        const { curve } = await defaultCurve();
        const cap = await curve.maxSupply();
        for (const s of [0n, WAD, cap / 3n]) {
          for (const r of [1n, 10n ** 9n, 10n ** 18n, 10n ** 21n]) {
            let d: bigint;
            try {
              d = await curve.tokensForReserve(s, r);
            } catch {
              continue; // past the cap
            }
            expect(await curve.sellRefund(s + d, d)).to.be.lte(r);
          }
        }
      });
    });
  });
}

describe("Inverse verification (forward check of the closed form)", function () {
  async function harnesses() {
    const exp = await ethers.deployContract("ExponentialCurveVerifyHarness", [DEFAULT_PARAMETERS.exponential]);
    const sig = await ethers.deployContract("SigmoidCurveVerifyHarness", [DEFAULT_PARAMETERS.sigmoid]);
    return { exp, sig };
  }

  for (const which of ["exp", "sig"] as const) {
    it(`${which}: steps an over-estimate down until buyCost(S, d) <= reserveIn`, async function () {
      const h = (await loadFixture(harnesses))[which];
      const s = 1000n * WAD;
      const r = 10n ** 18n;
      const honest = await h.tokensForReserve(s, r);
      for (const estimate of [honest + 1n, honest * 2n, honest * 1000n]) {
        const d = await h.verifyFrom(s, estimate, r);
        expect(d).to.be.lte(honest * 2n);
        expect(d).to.be.greaterThan(0n);
        expect(await h.buyCost(s, d)).to.be.lte(r);
      }
      // an honest estimate passes unchanged
      expect(await h.verifyFrom(s, honest, r)).to.equal(honest);
    });

    it(`${which}: returns 0 when not even one token-wei can be proven affordable`, async function () {
      const h = (await loadFixture(harnesses))[which];
      expect(await h.verifyFrom(1000n * WAD, 10n ** 20n, 0n)).to.equal(0n);
      expect(await h.verifyFrom(1000n * WAD, 1n, 1n)).to.equal(0n);
    });
  }
});

describe("Attacks on the rounding", function () {
  for (const kind of ["linear", "exponential", "sigmoid"] as CurveKind[]) {
    it(`${kind}: splitting a buy into 25 small buys never buys more than one buy of the same reserve`, async function () {
      const { curves } = await loadFixture(curvesFixture);
      const curve = curves.find((c) => c.kind === kind && c.params === DEFAULT_PARAMETERS[kind])!.curve;
      const s0 = 10_000n * WAD;
      const total = 10n ** 18n;
      const one = await curve.tokensForReserve(s0, total);
      let s = s0;
      for (let i = 0; i < 25; i++) s += await curve.tokensForReserve(s, total / 25n);
      expect(s - s0).to.be.lte(one);
    });

    it(`${kind}: selling in 25 slices never returns more than selling at once`, async function () {
      const { curves } = await loadFixture(curvesFixture);
      const curve = curves.find((c) => c.kind === kind && c.params === DEFAULT_PARAMETERS[kind])!.curve;
      const s0 = 10_000n * WAD;
      const d = 2_500n * WAD + 12345n;
      const once = await curve.sellRefund(s0, d);
      let got = 0n;
      let s = s0;
      for (let i = 0; i < 25; i++) {
        const slice = i === 24 ? d - (d / 25n) * 24n : d / 25n;
        got += await curve.sellRefund(s, slice);
        s -= slice;
      }
      // slicing does not beat the exact integral either
      expect(big(got).lte(integralBetween(fromArray(kind, DEFAULT_PARAMETERS[kind]), s0 - d, s0))).to.equal(true);
      expect(got).to.be.lte(once + 25n); // at most one wei of floor per slice better than the single sale
    });

    it(`${kind}: 1-wei dust buys at the left edge get nothing for free`, async function () {
      const { curves } = await loadFixture(curvesFixture);
      for (const { curve, params } of curves.filter((c) => c.kind === kind)) {
        const d = await curve.tokensForReserve(0n, 1n);
        expect(big(d).lte(inverse(fromArray(kind, params), 0n, 1n))).to.equal(true);
        expect(await curve.buyCost(0n, d)).to.be.lte(1n);
      }
    });
  }

  it("sigmoid far left of S0: a reserve barely above the margin buys tokens priced ~0 and still pays >= the exact cost", async function () {
    const { curves } = await loadFixture(curvesFixture);
    const params = EXTRA_PARAMETERS.sigmoid[2]; // k*S0 = 100: P(0) ~ K e^-100
    const curve = curves.find((c) => c.kind === "sigmoid" && c.params === params)!.curve;
    const p = fromArray("sigmoid", params);
    // K/k = 100 wei per 1e-18 of softplus: 64 ulp of margin = 6,400 wei
    for (const r of [6_400n, 6_499n, 6_500n, 6_600n, 10_000n]) {
      const d = await curve.tokensForReserve(0n, r);
      expect(await curve.buyCost(0n, d)).to.be.lte(r);
      expect(big(d).lte(inverse(p, 0n, r))).to.equal(true);
      expect(big(await curve.buyCost(0n, d)).gte(integralBetween(p, 0n, d))).to.equal(true);
    }
  });
});

describe("Curves against the 120-digit reference", function () {
  this.timeout(600_000);
  const RANDOM_SUPPLIES = 16;
  const RANDOM_PARAMETER_SETS = 12;

  async function checkAgainstReference(kind: CurveKind, params: bigint[], curve: CurveBase, seed: bigint, randomSupplies: number): Promise<number> {
    let checks = 0;
    const p = fromArray(kind, params);
    const cap = maxSupply(p);
    const next = rng(seed);
    const supplies = supplyPoints(cap, next, randomSupplies);
    const key = `${kind}[${params.join(",")}]`;
    for (const s of supplies) {
      // reserveFor: rounded down, within the bound
      const rf = await curve.reserveFor(s);
      const exactR = integral(p, s);
      expect(big(rf).lte(exactR), `${key} reserveFor(${s}) = ${rf} > exact ${exactR}`).to.equal(true);
      const errR = absDiff(big(rf), exactR);
      const boundR = reserveScale(p, s).mul(C_RESERVE).plus(2);
      observe(`${kind} reserveFor`, errR, boundR, `${key} s=${s}`);
      expect(errR.lte(boundR), `${key} reserveFor(${s}) err ${errR}`).to.equal(true);

      // spotPrice: within 1e-15 relative (+1 wei), and for the sigmoid + K * 1e-15 (far left of S0)
      const sp = await curve.spotPrice(s);
      const exactP = price(p, s);
      const errP = absDiff(big(sp), exactP);
      const pBound = exactP.mul(1e-15).plus(p.kind === "sigmoid" ? new D(p.K.toString()).mul(1e-15) : 0).plus(1);
      observe(`${kind} spotPrice`, errP, pBound, `${key} s=${s}`);
      expect(errP.lte(pBound), `${key} spotPrice(${s}) = ${sp} vs ${exactP}`).to.equal(true);
      checks += 2;

      // buys from s of several sizes, and the sell of the same tokens back
      const room = cap - s;
      const amounts = room === 0n ? [] : [1n, 1000n, WAD, room, logUniform(next, room), logUniform(next, room)];
      for (const d0 of amounts) {
        const d = d0 > room ? room : d0;
        const exact = integralBetween(p, s, s + d);
        const bound = reserveScale(p, s + d).mul(C_RESERVE).plus(2);
        const bc = await curve.buyCost(s, d);
        const refund = await curve.sellRefund(s + d, d);
        const rfHi = await curve.reserveFor(s + d);
        expect(big(bc).gte(exact), `${key} buyCost(${s},${d}) = ${bc} < exact ${exact}`).to.equal(true);
        expect(bc >= rfHi - rf, `${key} buyCost below reserveFor difference`).to.equal(true);
        expect(big(refund).lte(exact), `${key} sellRefund(${s + d},${d}) = ${refund} > exact ${exact}`).to.equal(true);
        expect(refund <= rfHi - rf, `${key} sellRefund above reserveFor difference`).to.equal(true);
        expect(rfHi >= rf, `${key} reserveFor decreasing`).to.equal(true);
        const errB = absDiff(big(bc), exact);
        const errS = absDiff(big(refund), exact);
        observe(`${kind} buyCost`, errB, bound, `${key} s=${s} d=${d}`);
        observe(`${kind} sellRefund`, errS, bound, `${key} s=${s} d=${d}`);
        expect(errB.lte(bound), `${key} buyCost(${s},${d}) err ${errB} > ${bound}`).to.equal(true);
        expect(errS.lte(bound), `${key} sellRefund(${s + d},${d}) err ${errS} > ${bound}`).to.equal(true);
        checks += 4;
      }

      // inverse: reserve amounts from 1 wei up to what buys the rest of the supply
      if (room > 0n) {
        const toCap = await curve.buyCost(s, room);
        const reserves = [1n, 1000n, 10n ** 15n, 10n ** 18n, toCap, logUniform(next, bigMax(toCap, 1n)), logUniform(next, bigMax(toCap, 1n))];
        for (const r of reserves) {
          if (r > toCap) continue;
          const exactD = inverse(p, s, r);
          if (exactD.floor().gt(room.toString())) {
            // r (the rounded-up cost to the cap) buys a fraction of a wei past the cap: either
            // the curve refuses the buy, or it returns at most the room left
            let dCap: bigint | undefined;
            try {
              dCap = await curve.tokensForReserve(s, r);
            } catch (e) {
              expect(String(e)).to.contain("CurveSupplyCapExceeded");
            }
            if (dCap !== undefined) expect(dCap <= room).to.equal(true);
            continue;
          }
          const d = await curve.tokensForReserve(s, r);
          expect(big(d).lte(exactD), `${key} tokensForReserve(${s},${r}) = ${d} > exact ${exactD}`).to.equal(true);
          expect(await curve.buyCost(s, d), `${key} buyCost(tokensForReserve) > r`).to.be.lte(r);
          if (kind === "linear") {
            // exact integer math: the result is the exact floor of the real inverse
            expect(d, `${key} linear inverse not exact`).to.equal(BigInt(exactD.floor().toFixed(0)));
          } else {
            const left = big(r).minus(integralBetween(p, s, s + d));
            const bound = reserveScale(p, s + d).mul(C_INVERSE).plus(price(p, s + d).mul(2).div(WAD.toString())).plus(2);
            observe(`${kind} tokensForReserve (unconverted reserve)`, left, bound, `${key} s=${s} r=${r} d=${d}`);
            expect(left.lte(bound), `${key} tokensForReserve(${s},${r}) = ${d}, exact ${exactD}, leaves ${left} > ${bound}`).to.equal(true);
          }
          checks += 2;
        }
      }
    }
    return checks;
  }

  it("match the reference at the default and corner parameters, with every rounding in the protocol's favour", async function () {
    const { curves } = await loadFixture(curvesFixture);
    let checks = 0;
    let seed = 0xc1f3e7n;
    for (const { kind, params, curve } of curves) checks += await checkAgainstReference(kind, params, curve, seed++, RANDOM_SUPPLIES);
    console.log(`      ${checks} comparisons`);
    expect(checks).to.be.greaterThan(5000);
  });

  it("match the reference for random parameters anywhere inside the bounds", async function () {
    const [, market] = await ethers.getSigners();
    const next = rng(0x5eedn);
    let checks = 0;
    let seed = 0xabcdefn;
    for (const kind of ["linear", "exponential", "sigmoid"] as CurveKind[]) {
      const [lo, hi] = PARAMETER_BOX[kind];
      for (let i = 0; i < RANDOM_PARAMETER_SETS; i++) {
        const params = lo.map((l, j) => {
          const v = logUniform(next, hi[j]);
          return v < l ? l : v;
        });
        const curve = await deployCurve(kind, params, market);
        checks += await checkAgainstReference(kind, params, curve, seed++, 6);
      }
    }
    console.log(`      ${checks} comparisons; largest error / asserted bound over both tests:`);
    for (const [k, v] of Object.entries(observed)) console.log(`        ${k}: ${v.toFixed(4)}  (${observedAt[k]})`);
    expect(checks).to.be.greaterThan(3000);
  });
});

const underCoverage = (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING === true;

describe("Curve gas", function () {
  it("measures tokensForReserve, sellRefund and buyCost as an external call from a contract", async function () {
    const { curves, probe } = await loadFixture(curvesFixture);
    const rows: string[] = [];
    for (const kind of ["linear", "exponential", "sigmoid"] as CurveKind[]) {
      const entry = curves.find((c) => c.kind === kind && c.params === DEFAULT_PARAMETERS[kind]);
      if (!entry) throw new Error("fixture");
      const addr = await entry.curve.getAddress();
      const gT: number[] = [];
      const gS: number[] = [];
      const gB: number[] = [];
      const wT: number[] = [];
      const wS: number[] = [];
      for (const s of [0n, 1000n * WAD, 100_000n * WAD, 1_000_000n * WAD]) {
        for (const r of [10n ** 16n, 10n ** 18n]) {
          gT.push(Number((await probe.measureTokensForReserve(addr, s, r))[1]));
          wT.push(Number((await probe.measureTokensForReserveWarm(addr, s, r))[1]));
        }
        gS.push(Number((await probe.measureSellRefund(addr, s + 10n * WAD, 10n * WAD))[1]));
        wS.push(Number((await probe.measureSellRefundWarm(addr, s + 10n * WAD, 10n * WAD))[1]));
        gB.push(Number((await probe.measureBuyCost(addr, s, 10n * WAD))[1]));
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      rows.push(
        `${kind}: tokensForReserve cold median ${med(gT)} max ${Math.max(...gT)} (warm ${med(wT)}); ` +
          `sellRefund cold median ${med(gS)} max ${Math.max(...gS)} (warm ${med(wS)}); buyCost cold median ${med(gB)}`,
      );
      // the curve call leaves the market room for its whole-tx targets (buy 95k, sell 71k);
      // cold = first call of a transaction (2,600 account + 2,100 slot access included).
      // Not asserted under solidity-coverage (instrumented, unoptimised bytecode).
      if (underCoverage) continue;
      expect(Math.max(...gT)).to.be.lessThan(12_000);
      expect(Math.max(...gS)).to.be.lessThan(10_000);
    }
    console.log("      gas of one external call (cold: incl. 2,600 account + 2,100 slot access):\n        " + rows.join("\n        "));
  });
});

// ------------------------------------------------------------------ parameter boxes

function badParameters(kind: CurveKind): [number, bigint][] {
  switch (kind) {
    case "linear":
      return [
        [0, 0n],
        [0, 10n ** 24n + 1n],
        [1, 0n],
        [1, 999n],
        [1, 10n ** 24n + 1n],
      ];
    case "exponential":
      return [
        [0, 0n],
        [0, 999n],
        [0, 10n ** 24n + 1n],
        [1, 0n],
        [1, 10n ** 6n - 1n],
        [1, 10n ** 21n + 1n],
      ];
    case "sigmoid":
      return [
        [0, 0n],
        [0, 999n],
        [0, 10n ** 24n + 1n],
        [1, 0n],
        [1, 10n ** 6n - 1n],
        [1, 10n ** 21n + 1n],
        [2, 10n ** 31n + 1n],
        [2, ethers.MaxUint256],
      ];
  }
}

function boundaryParameters(kind: CurveKind): bigint[][] {
  switch (kind) {
    case "linear":
      return [
        [1n, 1000n],
        [10n ** 24n, 10n ** 24n],
      ];
    case "exponential":
      return [
        [1000n, 10n ** 6n],
        [10n ** 24n, 10n ** 21n],
      ];
    case "sigmoid":
      return [
        [1000n, 10n ** 6n, 0n],
        [10n ** 24n, 10n ** 21n, 10n ** 31n],
      ];
  }
}
