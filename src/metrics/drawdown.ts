// Stability under shocks: the deepest peak-to-trough fall of the price and the steps it took to
// climb back to that peak (streaming, O(1) memory).
export interface Drawdown {
  readonly peak: number;
  /** Deepest fall so far, as a fraction of its peak (0 = never fell). */
  readonly max: number;
  /** The peak the deepest fall started from, and the step of its trough. */
  readonly maxPeak: number;
  readonly troughStep: number;
  /** Steps from that trough back to its peak; undefined while not recovered. */
  readonly recoverySteps: number | undefined;
  readonly recovered: boolean;
}

export const emptyDrawdown: Drawdown = { peak: 0, max: 0, maxPeak: 0, troughStep: 0, recoverySteps: undefined, recovered: true };

export function pushDrawdown(d: Drawdown, step: number, price: number): Drawdown {
  if (!Number.isFinite(price)) return d;
  const peak = Math.max(d.peak, price);
  const dd = peak > 0 ? 1 - price / peak : 0;
  if (dd > d.max) return { peak, max: dd, maxPeak: peak, troughStep: step, recoverySteps: undefined, recovered: false };
  if (!d.recovered && price >= d.maxPeak) return { ...d, peak, recovered: true, recoverySteps: step - d.troughStep };
  return { ...d, peak };
}
