// Provider family: offers capacity at its marginal cost; expands while it sells out at a profit,
// shrinks when it sells little, leaves after a run of loss-making epochs. Pure: (view, self, params,
// memory) -> (action, memory).
import { NONE, type ProviderSelf, type ResourceAction, type ResourceMarketView } from "./types";

export interface ProviderParams {
  /** Units offered when it registers. */
  readonly initialCapacity: bigint;
  /** Cost of serving one unit, token wei; also its ask (it never sells below cost). */
  readonly marginalCost: bigint;
  /** Units added (or removed) per adjustment. */
  readonly step: bigint;
  readonly maxCapacity: bigint;
  /** Utilisation (sold / capacity, bps) at or above which it expands, below which half of it shrinks. */
  readonly expandAtBps: number;
  /** Consecutive epochs with price below cost after which it leaves. */
  readonly leaveAfterLosses: number;
}

export interface ProviderMemory {
  readonly lossStreak: number;
}

export const PROVIDER_START: ProviderMemory = { lossStreak: 0 };

/** Profit of the last epoch: units sold x (price - marginal cost), wei (negative = loss). */
export function lastProfit(v: ResourceMarketView, self: ProviderSelf, p: ProviderParams): bigint {
  return self.lastSold * (v.lastPrice - p.marginalCost);
}

export function providerPolicy(
  v: ResourceMarketView,
  self: ProviderSelf,
  p: ProviderParams,
  m: ProviderMemory,
): { action: ResourceAction; memory: ProviderMemory } {
  if (self.exiting) return { action: NONE, memory: m };
  const price = v.mechanism === "posted" ? v.postedPrice : v.lastPrice;
  if (!self.registered) {
    if (price <= p.marginalCost) return { action: NONE, memory: m };
    const bond = p.initialCapacity * v.bondPerUnit;
    if (self.tokens < bond) return { action: NONE, memory: m };
    return { action: { kind: "registerProvider", capacity: p.initialCapacity, askPrice: p.marginalCost, bond }, memory: m };
  }
  const losing = v.lastSold > 0n && v.lastPrice < p.marginalCost;
  const lossStreak = losing ? m.lossStreak + 1 : 0;
  if (lossStreak >= p.leaveAfterLosses) return { action: { kind: "exitProvider" }, memory: { lossStreak } };
  const utilBps = self.capacity === 0n ? 0n : (self.lastSold * 10_000n) / self.capacity;
  const profitable = v.lastPrice > p.marginalCost;
  let capacity = self.capacity;
  if (profitable && utilBps >= BigInt(p.expandAtBps)) capacity = self.capacity + p.step;
  else if (utilBps * 2n < BigInt(p.expandAtBps) && self.capacity > p.step) capacity = self.capacity - p.step;
  if (capacity > p.maxCapacity) capacity = p.maxCapacity;
  // The bond must cover the new capacity; a provider that cannot afford it stays where it is.
  if (capacity > self.capacity && capacity * v.bondPerUnit > self.bond) capacity = self.capacity;
  if (capacity === self.capacity) return { action: NONE, memory: { lossStreak } };
  return { action: { kind: "setOffer", capacity, askPrice: p.marginalCost }, memory: { lossStreak } };
}
