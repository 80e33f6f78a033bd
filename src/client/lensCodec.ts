// CipherLens's calls and results: calldata, and the flat uint256 arrays it returns decoded by hand
// (an offset word, a length word, then the words) into named views. Layouts: contracts/lens/CipherLens.sol.
// Used by the client's reader (bots, tasks) and the simulation, which reads the lens every block.
import { ZeroAddress } from "ethers";
import type { LockTier, MarketObservation } from "../agents/types";
import { IFACES } from "./abis";
import { encodeCall } from "./calldata";
import type { SuiteAddresses } from "./deployment";

/** Words of an ABI-encoded `uint256[]` return value. */
export function uintArray(ret: string): bigint[] {
  const body = ret.startsWith("0x") ? ret.slice(2) : ret;
  const offset = Number(BigInt("0x" + body.slice(0, 64))) * 2;
  const len = Number(BigInt("0x" + body.slice(offset, offset + 64)));
  const out: bigint[] = new Array(len);
  let at = offset + 64;
  for (let i = 0; i < len; i++, at += 64) out[i] = BigInt("0x" + body.slice(at, at + 64));
  return out;
}

/** A single `uint256`/`uint8` return value. */
export function uintWord(ret: string): bigint {
  return BigInt(ret.length <= 2 ? "0x0" : ret.slice(0, 66));
}

/** CipherLens.economy at a block: the market as agents observe it (price, supply, reserve, fees, treasury funds), and the rest named. */
export type EconomyView = Pick<MarketObservation, "spotPrice" | "supply" | "reserve" | "buyFeeBps" | "sellFeeBps" | "treasury"> & {
  /** The block read, and its timestamp (seconds). */
  readonly block: number;
  readonly timestamp: number;
  readonly haltedUntilBlock: number;
  readonly paused: boolean;
  readonly protocolFees: bigint;
  readonly totalStaked: bigint;
  readonly totalWeight: bigint;
  readonly tiers: readonly LockTier[];
};

export interface StakeView {
  readonly id: number;
  readonly amount: bigint;
  readonly unlockAt: number;
  /** 0 while not unbonding; else the time the stake can be withdrawn. */
  readonly unbondEnd: number;
  readonly tier: number;
}

/** One account as CipherLens.accounts reads it. */
export interface AccountRecord {
  /** Native balance, wei. */
  readonly reserve: bigint;
  readonly tokens: bigint;
  /** Unclaimed staking rewards in the reserve asset, wei. */
  readonly pendingRewards: bigint;
  readonly stakes: readonly StakeView[];
}

export function economyCalldata(a: Pick<SuiteAddresses, "market" | "token" | "staking" | "treasury">): string {
  return encodeCall(IFACES.lens, "economy", [a.market, a.token, a.staking, a.treasury, ZeroAddress]);
}

/** CipherLens.economy's result, named. */
export function decodeEconomy(ret: string): EconomyView {
  const v = uintArray(ret);
  const n = Number(v[15]);
  const tiers: LockTier[] = [];
  for (let i = 0; i < n; i++) tiers.push({ id: i, lockSeconds: Number(v[16 + 2 * i]), multiplierBps: Number(v[17 + 2 * i]) });
  return {
    block: Number(v[0]), timestamp: Number(v[1]), spotPrice: v[2], supply: v[3], reserve: v[4], buyFeeBps: Number(v[5]), sellFeeBps: Number(v[6]),
    haltedUntilBlock: Number(v[7]), paused: v[8] === 1n, protocolFees: v[9], totalStaked: v[10], totalWeight: v[11],
    treasury: { welfare: v[12], solidarity: v[13], development: v[14] }, tiers,
  };
}

export function accountsCalldata(a: Pick<SuiteAddresses, "token" | "staking">, accounts: readonly string[]): string {
  return encodeCall(IFACES.lens, "accounts", [a.token, a.staking, ZeroAddress, [...accounts]]);
}

/** CipherLens.accounts' result for `count` accounts, in order. */
export function decodeAccounts(ret: string, count: number): AccountRecord[] {
  const raw = uintArray(ret);
  const out: AccountRecord[] = [];
  let w = 0;
  for (let c = 0; c < count; c++) {
    const reserve = raw[w];
    const tokens = raw[w + 1];
    const pendingRewards = raw[w + 2];
    const k = Number(raw[w + 3]);
    w += 4;
    const stakes: StakeView[] = [];
    for (let j = 0; j < k; j++, w += 5) stakes.push({ id: Number(raw[w]), amount: raw[w + 1], unlockAt: Number(raw[w + 2]), unbondEnd: Number(raw[w + 3]), tier: Number(raw[w + 4]) });
    out.push({ reserve, tokens, pendingRewards, stakes });
  }
  return out;
}

export function rewardsCalldata(a: Pick<SuiteAddresses, "staking">, accounts: readonly string[]): string {
  return encodeCall(IFACES.lens, "pendingRewards", [a.staking, ZeroAddress, [...accounts]]);
}
