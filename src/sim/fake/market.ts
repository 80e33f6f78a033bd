// Fake bonding-curve market: buy/sell with fees, referrer share, revenue split, circuit breaker.
import { buyCost, sellRefund, spotPrice, tokensForReserve } from "./linearCurve";
import type { FakeAccount, FakeState } from "./state";
import type { Flows } from "./flows";
import { check } from "./revert";
import { distributeToStakers } from "./staking";

function feeOf(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps) + 9_999n) / 10_000n; // rounded up: in the protocol's favour
}

/** Splits protocol revenue; the burn share (and rounding dust) stays in the reserve as surplus. */
export function splitRevenue(st: FakeState, amount: bigint): void {
  const sp = st.cfg.split;
  const part = (bps: number) => (amount * BigInt(bps)) / 10_000n;
  const undistributed = distributeToStakers(st, part(sp.stakers));
  st.ledger.rewardsHeld += part(sp.stakers) - undistributed;
  st.funds.welfare += part(sp.welfare);
  st.funds.solidarity += part(sp.solidarity);
  st.funds.development += part(sp.development) + undistributed;
  st.reserve += amount - part(sp.stakers) - part(sp.welfare) - part(sp.solidarity) - part(sp.development);
}

function checkBreaker(st: FakeState, flows: Flows): void {
  if (!st.cfg.breaker || st.marks.length === 0) return;
  const ref = st.marks[0].price;
  const now = spotPrice(st.curve, st.supply);
  const moveBps = ref === 0n ? 0n : ((now > ref ? now - ref : ref - now) * 10_000n) / ref;
  if (moveBps > BigInt(st.cfg.breakerThresholdBps) && st.haltedUntilBlock <= st.block) {
    st.haltedUntilBlock = st.block + st.cfg.breakerCooldownBlocks;
    flows.breakerTrips += 1;
  }
}

export function isHalted(st: FakeState): boolean {
  return st.haltedUntilBlock > st.block;
}

export function buy(st: FakeState, a: FakeAccount, reserveIn: bigint, minOut: bigint, referrer: FakeAccount | undefined, flows: Flows): void {
  check(reserveIn > 0n, "ZeroAmount");
  check(!isHalted(st), "TradingHalted");
  check(a.reserve >= reserveIn, "InsufficientBalance");
  const fee = feeOf(reserveIn, st.buyFeeBps);
  const net = reserveIn - fee;
  const tokens = tokensForReserve(st.curve, st.supply, net);
  check(tokens > 0n, "ZeroOutput");
  check(tokens >= minOut, "SlippageExceeded");
  const cost = buyCost(st.curve, st.supply, st.supply + tokens);
  a.reserve -= reserveIn;
  a.tokens += tokens;
  st.supply += tokens;
  st.ledger.minted += tokens;
  st.reserve += cost + (net - cost); // rounding dust stays in the reserve
  let protocolFee = fee;
  if (referrer !== undefined && referrer !== a) {
    const share = (fee * BigInt(st.cfg.referrerShareBps)) / 10_000n;
    referrer.reserve += share;
    protocolFee -= share;
  }
  splitRevenue(st, protocolFee);
  flows.buyVolume += reserveIn;
  flows.feesCollected += fee;
  checkBreaker(st, flows);
}

/** What selling `tokens` alone would pay now (same arithmetic as `sell`, like the contract's quoteSell). */
export function quoteSell(st: FakeState, tokens: bigint): { net: bigint; fee: bigint } {
  if (tokens <= 0n) return { net: 0n, fee: 0n };
  if (tokens > st.supply) throw new RangeError(`cannot quote selling ${tokens} of a supply of ${st.supply}`);
  const gross = sellRefund(st.curve, st.supply - tokens, st.supply);
  const fee = feeOf(gross, st.sellFeeBps);
  return { net: gross - fee, fee };
}

export function sell(st: FakeState, a: FakeAccount, tokens: bigint, minOut: bigint, flows: Flows): void {
  check(tokens > 0n, "ZeroAmount");
  check(!isHalted(st), "TradingHalted");
  check(a.tokens >= tokens, "InsufficientBalance");
  const { net: out, fee } = quoteSell(st, tokens);
  const gross = out + fee;
  check(out >= minOut, "SlippageExceeded");
  a.tokens -= tokens;
  st.supply -= tokens;
  st.ledger.burned += tokens;
  st.reserve -= gross;
  a.reserve += out;
  splitRevenue(st, fee);
  flows.sellVolume += out;
  flows.feesCollected += fee;
  checkBreaker(st, flows);
}
