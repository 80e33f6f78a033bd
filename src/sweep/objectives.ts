// Named objectives a sweep ranks settings by, read from a run summary.
import type { RunSummary } from "../sim/records";
import { toEther } from "../agents/policies/common";

export interface Objective {
  readonly name: string;
  readonly description: string;
  /** Which direction ranks first. */
  readonly better: "lower" | "higher";
  value(s: RunSummary): number;
}

export const OBJECTIVES: readonly Objective[] = [
  { name: "volatility", description: "mean realised volatility of log returns", better: "lower", value: (s) => s.stats.volatility.mean },
  { name: "gini", description: "final Gini of agent wealth", better: "lower", value: (s) => s.stats.gini.last },
  { name: "stakingRatio", description: "mean staking ratio", better: "higher", value: (s) => s.stats.stakingRatio.mean },
  { name: "participation", description: "mean governance participation", better: "higher", value: (s) => s.stats.participation.mean },
  { name: "welfarePaid", description: "welfare paid out (ether)", better: "higher", value: (s) => toEther(BigInt(s.totals.welfarePaid)) },
  { name: "breakerTrips", description: "circuit-breaker trips", better: "lower", value: (s) => s.totals.breakerTrips },
  { name: "revertRate", description: "share of transactions that reverted", better: "lower", value: (s) => (s.totals.txs === 0 ? 0 : s.totals.reverts / s.totals.txs) },
  { name: "finalPrice", description: "final spot price (ether/token)", better: "higher", value: (s) => toEther(BigInt(s.final.price)) },
];

export function objectiveByName(name: string): Objective {
  const o = OBJECTIVES.find((x) => x.name === name);
  if (o === undefined) throw new Error(`unknown objective "${name}" (known: ${OBJECTIVES.map((x) => x.name).join(", ")})`);
  return o;
}

export function objectiveValues(s: RunSummary): { [name: string]: number } {
  const out: { [name: string]: number } = {};
  for (const o of OBJECTIVES) out[o.name] = o.value(s);
  return out;
}
