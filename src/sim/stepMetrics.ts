// Per-step metrics from the post-block state: pure functions of observations and balances.
import type { AccountView, MarketObservation } from "../agents/types";
import { wealthOf, toEther } from "../agents/policies/common";
import { giniBig } from "../metrics/gini";
import { aggregatePnl } from "../metrics/pnl";
import { governanceParticipation, stakingRatio } from "../metrics/ratios";
import { pushPrice, windowVolatility, type PriceWindow } from "../metrics/volatility";
import type { BlockResult } from "./economy";
import type { StepMetrics } from "./records";

export interface AgentRow {
  readonly family: string;
  readonly initialWealth: bigint;
}

/** Votes cast on visible proposals over the staked votes that could have been cast on them. */
export function participationOf(obs: MarketObservation): number {
  const live = obs.proposals.filter((p) => p.state !== "Pending" && p.state !== "Canceled");
  if (live.length === 0 || obs.staking.totalStaked === 0n) return 0;
  const cast = live.reduce((s, p) => s + p.forVotes + p.againstVotes + p.abstainVotes, 0n);
  return governanceParticipation(cast, obs.staking.totalStaked * BigInt(live.length));
}

export function computeStepMetrics(
  step: number,
  obs: MarketObservation,
  accounts: readonly AccountView[],
  agents: readonly AgentRow[],
  families: readonly string[],
  block: BlockResult,
  priceWindow: PriceWindow,
): { metrics: StepMetrics; priceWindow: PriceWindow } {
  const window = pushPrice(priceWindow, toEther(obs.spotPrice));
  const wealth = accounts.map((a) => wealthOf(a, obs.spotPrice));
  const pnl = aggregatePnl(
    agents.map((a, i) => ({ family: a.family, pnl: wealth[i] - a.initialWealth })),
    families,
  );
  // agents' transactions only (the economy's own system transactions are logged, not counted)
  const agentTxs = block.outcomes.filter((o) => o.system === undefined);
  const reverts = agentTxs.filter((o) => !o.ok).length;
  return {
    priceWindow: window,
    metrics: {
      step,
      block: block.number,
      timestamp: block.timestamp,
      price: obs.spotPrice,
      supply: obs.supply,
      reserve: obs.reserve,
      buyVolume: block.flows.buyVolume,
      sellVolume: block.flows.sellVolume,
      fees: block.flows.feesCollected,
      volatility: windowVolatility(window),
      gini: giniBig(wealth),
      stakingRatio: stakingRatio(obs.staking.totalStaked, obs.supply),
      participation: participationOf(obs),
      welfare: obs.treasury.welfare,
      solidarity: obs.treasury.solidarity,
      development: obs.treasury.development,
      welfarePaid: block.flows.welfarePaid,
      solidarityPaid: block.flows.solidarityPaid,
      slashes: block.flows.slashesExecuted,
      breakerTrips: block.flows.breakerTrips,
      halted: obs.halted,
      txs: agentTxs.length,
      reverts,
      pnl,
    },
  };
}
