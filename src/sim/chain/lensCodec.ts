// CipherLens results decoded once, by hand (the lens returns flat uint256 arrays: an offset word,
// a length word, then the words), into named structs. Layouts: contracts/lens/CipherLens.sol.
import { ZeroAddress } from "ethers";
import type { LockTier, StakePosition } from "../../agents/types";
import { IFACES, type Addresses } from "./encode";

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

/** CipherLens.economy, named. */
export interface EconomyReading {
  readonly block: number;
  readonly timestamp: number;
  readonly spotPrice: bigint;
  readonly supply: bigint;
  readonly reserve: bigint;
  readonly buyFeeBps: number;
  readonly sellFeeBps: number;
  readonly haltedUntilBlock: number;
  readonly paused: boolean;
  readonly protocolFees: bigint;
  readonly totalStaked: bigint;
  readonly totalWeight: bigint;
  readonly welfare: bigint;
  readonly solidarity: bigint;
  readonly development: bigint;
  readonly tiers: readonly LockTier[];
}

export function economyCalldata(a: Addresses): string {
  return IFACES.lens.encodeFunctionData("economy", [a.market, a.token, a.staking, a.treasury, ZeroAddress]);
}

export function decodeEconomy(ret: string): EconomyReading {
  const v = uintArray(ret);
  const n = Number(v[15]);
  const tiers: LockTier[] = [];
  for (let i = 0; i < n; i++) tiers.push({ id: i, lockSeconds: Number(v[16 + 2 * i]), multiplierBps: Number(v[17 + 2 * i]) });
  return {
    block: Number(v[0]), timestamp: Number(v[1]), spotPrice: v[2], supply: v[3], reserve: v[4], buyFeeBps: Number(v[5]), sellFeeBps: Number(v[6]),
    haltedUntilBlock: Number(v[7]), paused: v[8] === 1n, protocolFees: v[9], totalStaked: v[10], totalWeight: v[11],
    welfare: v[12], solidarity: v[13], development: v[14], tiers,
  };
}

/** One account as CipherLens.accounts reads it (stakes without the block they started in). */
export interface AccountReading {
  readonly reserve: bigint;
  readonly tokens: bigint;
  readonly pendingRewards: bigint;
  readonly stakes: readonly Omit<StakePosition, "sinceBlock">[];
}

export function accountsCalldata(a: Addresses, accounts: readonly string[]): string {
  return IFACES.lens.encodeFunctionData("accounts", [a.token, a.staking, ZeroAddress, [...accounts]]);
}

export function decodeAccounts(ret: string, count: number): AccountReading[] {
  const raw = uintArray(ret);
  const out: AccountReading[] = [];
  let w = 0;
  for (let c = 0; c < count; c++) {
    const reserve = raw[w];
    const tokens = raw[w + 1];
    const pendingRewards = raw[w + 2];
    const k = Number(raw[w + 3]);
    w += 4;
    const stakes: Omit<StakePosition, "sinceBlock">[] = [];
    for (let j = 0; j < k; j++, w += 5) {
      const unbondEnd = Number(raw[w + 3]);
      stakes.push({ id: Number(raw[w]), amount: raw[w + 1], tier: Number(raw[w + 4]), unlockAt: Number(raw[w + 2]), unbonding: unbondEnd !== 0, withdrawableAt: unbondEnd });
    }
    out.push({ reserve, tokens, pendingRewards, stakes });
  }
  return out;
}

export function rewardsCalldata(a: Addresses, accounts: readonly string[]): string {
  return IFACES.lens.encodeFunctionData("pendingRewards", [a.staking, ZeroAddress, [...accounts]]);
}
