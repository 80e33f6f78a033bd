// Contribution oracle (an economy role, not a trader): once per epoch attests a score for every
// account that voted during the epoch, with an evidence tag. Needs the oracle role.
import type { Action, Policy } from "../types";
import { tip } from "./common";

export type OracleParams = {
  readonly attestEvery: number;
  readonly score: number;
  readonly maxPerStep: number;
  readonly tipGwei: number;
};

export const oracleDefaults: OracleParams = { attestEvery: 10, score: 100, maxPerStep: 50, tipGwei: 1 };

export type OracleMemory = { readonly lastEpoch?: number };

export const oraclePolicy: Policy<OracleParams, OracleMemory> = (obs, state, _rng, p) => {
  const lastEpoch = state.memory.lastEpoch ?? -1;
  if (!state.account.roles.includes("oracle") || obs.step % Math.max(1, p.attestEvery) !== 0 || obs.epoch === lastEpoch) {
    return { actions: [], memory: { lastEpoch } };
  }
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = obs.recentVoters.slice(0, p.maxPerStep).map((account) => ({
    kind: "attest" as const,
    epoch: obs.epoch,
    account,
    score: p.score,
    evidence: `votes-epoch-${obs.epoch}`,
    priorityFee: fee,
  }));
  return { actions, memory: { lastEpoch: obs.epoch } };
};
