// CipherLens results in the simulation's shapes. The calls and the decoding are the client's
// (src/client/lensCodec.ts); this file only renames: the treasury's funds flat, stakes as the
// policies see them (src/agents/types.ts StakePosition, without the block they started in).
import type { LockTier, StakePosition } from "../../agents/types";
import { decodeAccounts as decodeAccountRecords, decodeEconomy as decodeEconomyView, type EconomyView } from "../../client/lensCodec";

export { accountsCalldata, economyCalldata, rewardsCalldata, uintArray, uintWord } from "../../client/lensCodec";

/** CipherLens.economy, named: the client's EconomyView with the treasury's funds flat. */
export type EconomyReading = Omit<EconomyView, "treasury" | "tiers"> & {
  readonly welfare: bigint;
  readonly solidarity: bigint;
  readonly development: bigint;
  readonly tiers: readonly LockTier[];
};

export function decodeEconomy(ret: string): EconomyReading {
  const v = decodeEconomyView(ret);
  return {
    block: v.block, timestamp: v.timestamp, spotPrice: v.spotPrice, supply: v.supply, reserve: v.reserve, buyFeeBps: v.buyFeeBps, sellFeeBps: v.sellFeeBps,
    haltedUntilBlock: v.haltedUntilBlock, paused: v.paused, protocolFees: v.protocolFees, totalStaked: v.totalStaked, totalWeight: v.totalWeight,
    welfare: v.treasury.welfare, solidarity: v.treasury.solidarity, development: v.treasury.development, tiers: v.tiers,
  };
}

/** One account as CipherLens.accounts reads it (stakes without the block they started in). */
export interface AccountReading {
  readonly reserve: bigint;
  readonly tokens: bigint;
  readonly pendingRewards: bigint;
  readonly stakes: readonly Omit<StakePosition, "sinceBlock">[];
}

export function decodeAccounts(ret: string, count: number): AccountReading[] {
  return decodeAccountRecords(ret, count).map((r) => ({
    reserve: r.reserve,
    tokens: r.tokens,
    pendingRewards: r.pendingRewards,
    stakes: r.stakes.map((s) => ({ id: s.id, amount: s.amount, tier: s.tier, unlockAt: s.unlockAt, unbonding: s.unbondEnd !== 0, withdrawableAt: s.unbondEnd })),
  }));
}
