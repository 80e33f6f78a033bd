// Builders for observations and agent states in policy tests.
import type { AccountView, AgentState, Memory, Observation } from "../../src/agents/types";
import { DEFAULT_TIERS } from "../../src/sim/scenario";

export const ETH = 10n ** 18n;
export const SELF = "0x00000000000000000000000000000000000000aa";
export const OTHER = "0x00000000000000000000000000000000000000bb";

export function obs(over: Partial<Observation> = {}): Observation {
  return {
    step: 10,
    block: 11,
    timestamp: 1_800_000_000,
    spotPrice: ETH / 100n,
    supply: 10_000n * ETH,
    reserve: 100n * ETH,
    buyFeeBps: 100,
    sellFeeBps: 100,
    halted: false,
    staking: { totalStaked: 0n, totalWeight: 0n, tiers: DEFAULT_TIERS, stakers: [] },
    proposals: [],
    slashes: [],
    treasury: { welfare: 0n, solidarity: 0n, development: 0n },
    epoch: 0,
    recentVoters: [],
    priceHistory: [],
    pending: [],
    ...over,
  };
}

export function account(over: Partial<AccountView> = {}): AccountView {
  return { address: SELF, reserve: 10n * ETH, tokens: 0n, stakes: [], pendingRewards: 0n, roles: [], ...over };
}

export function state<M extends Memory = Memory>(over: Partial<AgentState<M>> = {}, memory?: M): AgentState<M> {
  return {
    index: 0,
    address: SELF,
    family: "test",
    account: account(),
    initialWealth: 10n * ETH,
    wealth: 10n * ETH,
    group: [SELF],
    lastOutcomes: [],
    memory: (memory ?? {}) as M,
    ...over,
  };
}

/** Prices (ether) to a wei history. */
export function history(...ether: number[]): bigint[] {
  return ether.map((e) => BigInt(Math.round(e * 1e9)) * 10n ** 9n);
}
