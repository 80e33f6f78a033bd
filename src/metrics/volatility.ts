// Realised volatility: sample standard deviation of log returns (per step, not annualised).

/** Log returns of consecutive positive prices. */
export function logReturns(prices: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < prices.length; i++) {
    if (prices[i - 1] > 0 && prices[i] > 0) out.push(Math.log(prices[i] / prices[i - 1]));
  }
  return out;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const ss = xs.reduce((s, x) => s + (x - mean) ** 2, 0);
  return Math.sqrt(ss / (xs.length - 1));
}

export function realisedVolatility(prices: readonly number[]): number {
  return sampleSd(logReturns(prices));
}

/** Rolling window of the last `window` prices: O(window) memory however long the run. */
export interface PriceWindow {
  readonly window: number;
  readonly prices: readonly number[];
}

export function pushPrice(w: PriceWindow, price: number): PriceWindow {
  const prices = w.prices.length >= w.window + 1 ? [...w.prices.slice(1), price] : [...w.prices, price];
  return { window: w.window, prices };
}

/** Volatility over the last `window` returns held in the window. */
export function windowVolatility(w: PriceWindow): number {
  return realisedVolatility(w.prices);
}
