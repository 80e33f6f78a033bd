// The splitter takes exactly five recipients (RevenueBuckets order).
export type Recipients5 = [RecipientLike, RecipientLike, RecipientLike, RecipientLike, RecipientLike];
type RecipientLike = { account: string; hook: boolean };

import { ethers } from "hardhat";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import * as fs from "fs";
import { DEFAULT_CURVE_PARAMETERS } from "../../src/math/curveDefaults";
import * as path from "path";
import type { BondingCurveMarket, CipherToken, ICurve, MockReserveToken, RevenueSplitter } from "../../typechain-types";

export type CurveKind = "mock-linear" | "linear" | "exponential" | "sigmoid";
export type ReserveKind = "eth" | "erc20";

export const BPS = 10_000n;
export const MAX_DEADLINE = ethers.MaxUint256;
export const DEFAULT_SHARES: [number, number, number, number, number] = [4000, 1500, 1500, 2000, 1000];
export const BUCKET = { STAKERS: 0, WELFARE: 1, SOLIDARITY: 2, DEVELOPMENT: 3, BURN: 4 } as const;

const curvesDir = path.join(__dirname, "../../contracts/market/curves");
const hasCurve = (name: string) => fs.existsSync(path.join(curvesDir, `${name}.sol`));

/** Curve kinds to run the market suites against: the real shapes once merged, else the mock. */
export const CURVE_KINDS: CurveKind[] = (() => {
  if (process.env.CURVE_KINDS) return process.env.CURVE_KINDS.split(",") as CurveKind[];
  const real: CurveKind[] = [];
  if (hasCurve("LinearCurve")) real.push("linear");
  if (hasCurve("ExponentialCurve")) real.push("exponential");
  if (hasCurve("SigmoidCurve")) real.push("sigmoid");
  return real.length > 0 ? real : ["mock-linear"];
})();

/**
 * Parameters per curve kind (units documented on each curve contract). Steeper than the
 * deployment defaults (src/math/curveDefaults.ts) so that test trades of a few reserve units move
 * the price measurably; `CURVE_PARAMS=defaults` runs the suites on the deployment defaults instead.
 */
export const STEEP_PARAMS: Record<CurveKind, bigint[]> = {
  // [m, b]: P = b + m * S (S in whole tokens), 0.001 reserve per token per token, 0.001 base.
  "mock-linear": [10n ** 15n, 10n ** 15n],
  linear: [10n ** 15n, 10n ** 15n],
  // [a, k]: P = a * e^(k*S), 0.001 at supply 0, e-fold every 100 tokens (cap 13,000 tokens).
  exponential: [10n ** 15n, 10n ** 16n],
  // [K, k, S0]: P = K / (1 + e^(-k(S - S0))), ceiling 1, steepness 0.01 per token, midpoint 500 tokens.
  sigmoid: [10n ** 18n, 10n ** 16n, 500n * 10n ** 18n],
};

export const CURVE_PARAMS: Record<CurveKind, bigint[]> =
  process.env.CURVE_PARAMS === "defaults"
    ? { ...STEEP_PARAMS, ...(Object.fromEntries(Object.entries(DEFAULT_CURVE_PARAMETERS).map(([k, v]) => [k, [...v]])) as Record<string, bigint[]>) }
    : STEEP_PARAMS;

/** Reserve the fixture's seeder spends first, so later test trades move the price moderately. */
export const SEED_RESERVE = ethers.parseEther("100");

export const MARKET_DEFAULTS = {
  buyFeeBps: 100,
  sellFeeBps: 100,
  referralShareBps: 2000,
  breakerThresholdBps: 1000,
  breakerWindowBlocks: 5,
  breakerCooldownBlocks: 10,
};

export async function deployCurve(kind: CurveKind, params: bigint[] = CURVE_PARAMS[kind]): Promise<ICurve> {
  let c;
  if (kind === "mock-linear") {
    c = await (await ethers.getContractFactory("MockLinearCurve")).deploy(params[0], params[1]);
  } else {
    const name = { linear: "LinearCurve", exponential: "ExponentialCurve", sigmoid: "SigmoidCurve" }[kind];
    c = await (await ethers.getContractFactory(name)).deploy(params);
  }
  await c.waitForDeployment();
  return (await ethers.getContractAt("ICurve", await c.getAddress())) as unknown as ICurve;
}

export function feeUp(amount: bigint, bps: bigint | number): bigint {
  const x = amount * BigInt(bps);
  return x === 0n ? 0n : (x - 1n) / BPS + 1n;
}

/**
 * The whole suite: token, curve, reserve (ETH or a mock ERC20), revenue splitter with plain
 * recipients (welfare/solidarity/development) and a hook recipient (stakers), market, wiring.
 * A seeder buys SEED_RESERVE (tripping the breaker from the bottom of the curve) and the fixture
 * mines past the cooldown, so tests start from a liquid, un-halted market.
 */
export interface SuiteOptions {
  seed?: boolean;
  params?: bigint[];
  /** contract name of the ERC20 reserve (default MockReserveToken) */
  reserveContract?: string;
}

export async function deploySuite(kind: CurveKind, reserve: ReserveKind, opts: SuiteOptions = {}) {
  const signers = await ethers.getSigners();
  const [deployer, admin, guardian, alice, bob, carol, referrer, welfare, solidarity, development, seeder, attacker] =
    signers;

  const curve = await deployCurve(kind, opts.params ?? CURVE_PARAMS[kind]);
  let reserveToken: MockReserveToken | null = null;
  let reserveAsset = ethers.ZeroAddress;
  if (reserve === "erc20") {
    reserveToken = (await (await ethers.getContractFactory(opts.reserveContract ?? "MockReserveToken")).deploy()) as unknown as MockReserveToken;
    reserveAsset = await reserveToken.getAddress();
  }
  const stakersHook = await (await ethers.getContractFactory("MockRevenueRecipient")).deploy();
  const recipients = [
    { account: await stakersHook.getAddress(), hook: true },
    { account: welfare.address, hook: false },
    { account: solidarity.address, hook: false },
    { account: development.address, hook: false },
    { account: ethers.ZeroAddress, hook: false },
  ];
  const splitter = (await (await ethers.getContractFactory("RevenueSplitter")).deploy(
    admin.address,
    DEFAULT_SHARES,
    recipients as Recipients5,
  )) as unknown as RevenueSplitter;

  // The token holds its market as an immutable: deploy it bound to the address the market gets
  // from the deployer's next CREATE (the production deployment uses MarketDeployer instead).
  const predictedMarket = ethers.getCreateAddress({ from: deployer.address, nonce: (await deployer.getNonce()) + 1 });
  const token = (await (await ethers.getContractFactory("CipherToken")).deploy("Cipher", "CPH", predictedMarket)) as unknown as CipherToken;
  const market = (await (await ethers.getContractFactory("BondingCurveMarket")).deploy({
    admin: admin.address,
    guardian: guardian.address,
    token: await token.getAddress(),
    curve: await curve.getAddress(),
    reserveAsset,
    revenueSplitter: await splitter.getAddress(),
    ...MARKET_DEFAULTS,
  })) as unknown as BondingCurveMarket;
  const marketAddr = await market.getAddress();
  if (marketAddr !== predictedMarket) throw new Error(`market at ${marketAddr}, token bound to ${predictedMarket}`);
  await (await ethers.getContractAt("MockLinearCurve", await curve.getAddress())).setMarket(marketAddr);
  await splitter.setMarket(marketAddr);

  if (reserveToken) {
    for (const s of [alice, bob, carol, referrer, seeder, attacker]) {
      await reserveToken.mint(s.address, ethers.parseEther("100000"));
      await reserveToken.connect(s).approve(marketAddr, ethers.MaxUint256);
    }
  }

  const suite = {
    kind, reserve, deployer, admin, guardian, alice, bob, carol, referrer, welfare, solidarity, development,
    seeder, attacker, token, curve, market, splitter, reserveToken, stakersHook, reserveAsset, marketAddr,
    /** buy as `who`, paying with ETH or the ERC20 as the reserve requires */
    buy: (who: typeof alice, reserveIn: bigint, minOut = 0n, ref = ethers.ZeroAddress, deadline = MAX_DEADLINE) =>
      market.connect(who).buy(reserveIn, minOut, ref, deadline, { value: reserve === "eth" ? reserveIn : 0n }),
    /** reserve-asset balance of an account */
    balanceOf: async (a: string) =>
      reserveToken ? await reserveToken.balanceOf(a) : await ethers.provider.getBalance(a),
  };
  if (opts.seed !== false) {
    await suite.buy(seeder, SEED_RESERVE);
    const [, , cooldown] = await market.breakerParameters();
    await mine(cooldown + 1n);
  }
  return suite;
}

export type Suite = Awaited<ReturnType<typeof deploySuite>>;

/** Gas cost (wei) of a mined transaction's receipt, for ETH balance bookkeeping. */
export async function gasCost(tx: { wait(): Promise<unknown> }): Promise<bigint> {
  const r = (await tx.wait()) as { gasUsed: bigint; gasPrice: bigint };
  return r.gasUsed * r.gasPrice;
}

const fixtureCache = new Map<string, () => Promise<Suite>>();
/**
 * A stable fixture function per (curve, reserve, parameter set) so loadFixture snapshots each once.
 * `steep` forces the steep test parameters whatever CURVE_PARAMS says (the breaker suite needs
 * trades that move the price by more than its threshold).
 */
export function suiteFixture(kind: CurveKind, reserve: ReserveKind, paramSet: "active" | "steep" = "active"): () => Promise<Suite> {
  const key = `${kind}/${reserve}/${paramSet}`;
  let f = fixtureCache.get(key);
  if (!f) {
    f = async function suite() {
      return deploySuite(kind, reserve, paramSet === "steep" ? { params: STEEP_PARAMS[kind] } : {});
    };
    fixtureCache.set(key, f);
  }
  return f;
}
