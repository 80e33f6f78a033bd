// Consumer family: needs some units every epoch, values each at `valuePerUnit`, spends at most a
// budget per epoch, and buys tokens on the curve when it lacks them. Pure.
import { clampToGrid, NONE, type ConsumerSelf, type ResourceAction, type ResourceMarketView } from "./types";

export interface ConsumerParams {
  readonly needPerEpoch: bigint;
  /** What one unit is worth to it, token wei: it never pays more. */
  readonly valuePerUnit: bigint;
  /** Most tokens it spends per epoch, wei. */
  readonly budgetPerEpoch: bigint;
  /** Ether spent per token purchase when it runs short, wei. */
  readonly topUpReserve: bigint;
}

export function consumerPolicy(v: ResourceMarketView, self: ConsumerSelf, p: ConsumerParams): ResourceAction {
  // Posted: the price is known; auction: it bids its value (the uniform price is at most that).
  const price = v.mechanism === "posted" ? v.postedPrice : clampToGrid(v, p.valuePerUnit);
  if (price > p.valuePerUnit || price === 0n || p.needPerEpoch === 0n) return NONE;
  let units = p.needPerEpoch;
  const affordable = p.budgetPerEpoch / price;
  if (affordable < units) units = affordable;
  if (units === 0n) return NONE;
  const cost = units * price;
  if (self.tokens < cost) {
    if (self.reserve === 0n) {
      const canPay = self.tokens / price;
      return canPay === 0n ? NONE : { kind: "requestUnits", units: canPay, maxPrice: price };
    }
    const reserveIn = self.reserve < p.topUpReserve ? self.reserve : p.topUpReserve;
    return { kind: "buyTokens", reserveIn };
  }
  return { kind: "requestUnits", units, maxPrice: price };
}
