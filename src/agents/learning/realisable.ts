// ADAPTER (issue 11): realisable wealth from what a policy's observation offers. Issue 11's metric
// catalogue values tokens at the refund the curve itself quotes; until it lands (and for policies,
// which see no curve), this estimates that refund from the observation alone:
//
//   the curve is taken as locally linear in supply, p(s) = p - b (S - s), with the slope b fitted
//   so that the reserve pays for the whole supply: R = S p - b S^2 / 2  =>  b = 2 (S p - R) / S^2
//   (clamped at 0). Selling q tokens then refunds q p - b q^2 / 2, net of the sell fee.
//
// It is exact for a linear curve whose reserve moved only by buys and sells (the default
// scenarios) and an estimate otherwise (buy-back-and-burn raises R above the integral: b shrinks,
// the estimate tends to q p). After the merge, point `realisableWealth` at the catalogue's
// valuation where the run has the curve; policies keep this one (they see only the observation).
import type { AccountView, MarketObservation } from "../types";
import { BPS, WAD, stakedOf } from "../policies/common";

/** Reserve wei a sale of `tokens` would return now (estimate above), after the sell fee. */
export function estimatedRefund(obs: Pick<MarketObservation, "spotPrice" | "supply" | "reserve" | "sellFeeBps">, tokens: bigint): bigint {
  if (tokens <= 0n || obs.spotPrice === 0n) return 0n;
  const S = obs.supply;
  const q = tokens > S ? S : tokens;
  const p = obs.spotPrice;
  let gross = (q * p) / WAD;
  if (S > 0n) {
    // slope b in wei per token per token (scaled): integral term b q^2 / 2 = (S p - R) q^2 / S^2
    const excess = (S * p) / WAD - obs.reserve; // S p - R, reserve wei
    if (excess > 0n) gross -= (excess * q * q) / (S * S);
  }
  if (gross < 0n) gross = 0n;
  if (gross > obs.reserve) gross = obs.reserve;
  return (gross * (BPS - BigInt(obs.sellFeeBps))) / BPS;
}

/** Ether + refund for all tokens (liquid and staked, sold together) + unclaimed rewards, wei. */
export function realisableWealth(account: AccountView, obs: Pick<MarketObservation, "spotPrice" | "supply" | "reserve" | "sellFeeBps">): bigint {
  return account.reserve + estimatedRefund(obs, account.tokens + stakedOf(account)) + account.pendingRewards;
}
