// Mutable per-block flow counters of the fake economy.
export interface Flows {
  buyVolume: bigint;
  sellVolume: bigint;
  feesCollected: bigint;
  welfarePaid: bigint;
  solidarityPaid: bigint;
  slashesExecuted: number;
  breakerTrips: number;
}

export function emptyFlows(): Flows {
  return { buyVolume: 0n, sellVolume: 0n, feesCollected: 0n, welfarePaid: 0n, solidarityPaid: 0n, slashesExecuted: 0, breakerTrips: 0 };
}
