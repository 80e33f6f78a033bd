// Small pure helpers shared by the policies: unit conversion, quotes from the spot price,
// slippage bounds and price-window statistics.
import type { BuyAction, Observation, SellAction, Address, AccountView } from "../types";

export const WAD = 10n ** 18n;
export const BPS = 10_000n;

/** Mirrors CipherStaking.MAX_STAKES_PER_ACCOUNT: one more stake reverts with TooManyStakes. */
export const MAX_STAKES_PER_ACCOUNT = 16;

/** Whether the account may open another stake position. */
export function hasStakeSlot(account: AccountView): boolean {
  return account.stakes.length < MAX_STAKES_PER_ACCOUNT;
}

/** Ether (a JSON number) to wei at micro-ether resolution, deterministic (no float rounding drift). */
export function toWei(ether: number): bigint {
  if (!Number.isFinite(ether) || ether < 0) throw new RangeError(`not a non-negative amount: ${ether}`);
  return BigInt(Math.round(ether * 1e6)) * 10n ** 12n;
}

/** Wei to a float number of ether (for ratios and statistics only, never for amounts). */
export function toEther(wei: bigint): number {
  const whole = wei / WAD;
  const frac = wei % WAD;
  return Number(whole) + Number(frac) / 1e18;
}

/** Tokens the spot price promises for a reserve amount after the buy fee (an upper bound on a rising curve). */
export function tokensAtSpot(obs: Observation, reserveIn: bigint): bigint {
  if (obs.spotPrice === 0n) return 0n;
  const net = (reserveIn * (BPS - BigInt(obs.buyFeeBps))) / BPS;
  return (net * WAD) / obs.spotPrice;
}

/** Reserve the spot price promises for tokens after the sell fee (an upper bound on a rising curve). */
export function reserveAtSpot(obs: Observation, tokens: bigint): bigint {
  const gross = (tokens * obs.spotPrice) / WAD;
  return (gross * (BPS - BigInt(obs.sellFeeBps))) / BPS;
}

export function applySlippage(amount: bigint, slippageBps: number): bigint {
  return (amount * (BPS - BigInt(Math.max(0, Math.min(10_000, slippageBps))))) / BPS;
}

export function buy(
  obs: Observation,
  reserveIn: bigint,
  slippageBps: number,
  priorityFee: bigint,
  referrer?: Address,
): BuyAction {
  const minOut = applySlippage(tokensAtSpot(obs, reserveIn), slippageBps);
  return referrer === undefined
    ? { kind: "buy", reserveIn, minOut, priorityFee }
    : { kind: "buy", reserveIn, minOut, referrer, priorityFee };
}

export function sell(obs: Observation, tokens: bigint, slippageBps: number, priorityFee: bigint): SellAction {
  return { kind: "sell", tokens, minOut: applySlippage(reserveAtSpot(obs, tokens), slippageBps), priorityFee };
}

/** Mark-to-market wealth: reserve + (liquid + staked tokens) at spot + unclaimed rewards. */
export function wealthOf(account: AccountView, spotPrice: bigint): bigint {
  const staked = account.stakes.reduce((s, p) => s + p.amount, 0n);
  return account.reserve + ((account.tokens + staked) * spotPrice) / WAD + account.pendingRewards;
}

/** Voting power at a proposal's snapshot: stakes made by then and not unbonding. */
export function votesAt(account: AccountView, snapshotBlock: number): bigint {
  return account.stakes.filter((s) => !s.unbonding && s.sinceBlock <= snapshotBlock).reduce((t, s) => t + s.amount, 0n);
}

export function stakedOf(account: AccountView): bigint {
  return account.stakes.reduce((s, p) => s + p.amount, 0n);
}

/** Relative price change over the last `lookback` steps of the window, or undefined if too short. */
export function priceChange(history: readonly bigint[], lookback: number): number | undefined {
  if (lookback < 1 || history.length < lookback + 1) return undefined;
  const then = history[history.length - 1 - lookback];
  const now = history[history.length - 1];
  if (then === 0n) return undefined;
  return toEther(now) / toEther(then) - 1;
}

/** Mean and population standard deviation of the last `window` prices (ether units). */
export function windowStats(history: readonly bigint[], window: number): { mean: number; sd: number } | undefined {
  if (window < 2 || history.length < window) return undefined;
  const xs = history.slice(history.length - window).map(toEther);
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
  return { mean, sd: Math.sqrt(variance) };
}

/** A gas tip in wei from a gwei figure with a random jitter, so ties in ordering are rare. */
export function tip(baseGwei: number, jitterGwei: number, u: number): bigint {
  return BigInt(Math.round((baseGwei + jitterGwei * u) * 1e3)) * 10n ** 6n;
}

/** The tier with the best multiplier per unit of lock time a patience in [0,1] accepts. */
export function chooseTier(
  tiers: readonly { id: number; lockSeconds: number; multiplierBps: number }[],
  patience: number,
): number | undefined {
  if (tiers.length === 0) return undefined;
  const sorted = [...tiers].sort((a, b) => a.lockSeconds - b.lockSeconds || a.id - b.id);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.floor(patience * sorted.length)));
  return sorted[idx].id;
}
