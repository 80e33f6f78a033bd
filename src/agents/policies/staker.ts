// Passive staker: buys tokens until it holds a stake, stakes a fraction in the lock tier its patience picks, claims
// rewards periodically and (unless it restakes) unbonds and withdraws when locks end.
import type { Action, Policy, Memory } from "../types";
import { buy, chooseTier, hasStakeSlot, stakedOf, tip, toWei } from "./common";
import { stakeCare } from "./stakeCare";

export type StakerParams = {
  /** Ether spent on the initial purchase. */
  readonly buyEth: number;
  readonly stakeFraction: number;
  /** 0 = shortest lock tier, 1 = longest. */
  readonly patience: number;
  readonly claimEvery: number;
  /** Keep stakes locked after the lock ends (no unbonding). */
  readonly restake: boolean;
  /** Dispute slashes proposed against it (an honest staker does). */
  readonly disputeSlashes: boolean;
  readonly slippageBps: number;
  readonly tipGwei: number;
};

export const stakerDefaults: StakerParams = {
  buyEth: 5,
  stakeFraction: 0.8,
  patience: 0.5,
  claimEvery: 20,
  restake: true,
  disputeSlashes: true,
  slippageBps: 500,
  tipGwei: 1,
};

export type StakerMemory = Memory;

export const stakerPolicy: Policy<StakerParams, StakerMemory> = (obs, state, _rng, p) => {
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = stakeCare(obs, state, { restake: p.restake, claimEvery: p.claimEvery, disputeSlashes: p.disputeSlashes, priorityFee: fee });
  const liquid = state.account.tokens;
  // Stakes a fraction of a purchase once; the rest stays liquid (staking a fraction of what is
  // left every step would open a new, ever smaller position each block).
  if (liquid > 0n && stakedOf(state.account) === 0n && hasStakeSlot(state.account)) {
    const tier = chooseTier(obs.staking.tiers, p.patience);
    const amount = (liquid * BigInt(Math.round(p.stakeFraction * 10_000))) / 10_000n;
    if (tier !== undefined && amount > 0n) actions.push({ kind: "stake", amount, tier, priorityFee: fee });
  } else if (liquid === 0n && state.account.stakes.length === 0 && !obs.halted && state.account.reserve > toWei(p.buyEth)) {
    // Retried every step until a purchase lands (an earlier one may have hit its slippage bound).
    actions.push(buy(obs, toWei(p.buyEth), p.slippageBps, fee));
  }
  return { actions, memory: state.memory };
};
