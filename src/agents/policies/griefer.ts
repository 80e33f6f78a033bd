// Slashing griefer: if it holds the slasher role, proposes frivolous slashes of random stakers at
// the maximum severity; it disputes every slash against itself and votes against every proposal.
import type { Action, Policy } from "../types";
import { stakedOf, tip, votesAt } from "./common";

export type GrieferParams = {
  readonly slashProbability: number;
  readonly severityBps: number;
  readonly voteAgainstAll: boolean;
  readonly tipGwei: number;
};

export const grieferDefaults: GrieferParams = {
  slashProbability: 0.1,
  severityBps: 1000,
  voteAgainstAll: true,
  tipGwei: 1,
};

export type GrieferMemory = { readonly slashes?: number };

export const grieferPolicy: Policy<GrieferParams, GrieferMemory> = (obs, state, rng, p) => {
  const fee = tip(p.tipGwei, 0, 0);
  const actions: Action[] = [];
  let slashes = state.memory.slashes ?? 0;
  const me = state.address.toLowerCase();
  const victims = obs.staking.stakers.filter((s) => s.toLowerCase() !== me);
  const hit = rng.chance(p.slashProbability); // drawn every step so the stream does not depend on roles
  if (state.account.roles.includes("slasher") && victims.length > 0 && hit) {
    const target = rng.pick(victims);
    actions.push({ kind: "proposeSlash", target, severityBps: p.severityBps, evidence: `griefer-${obs.step}`, priorityFee: fee });
    slashes += 1;
  }
  for (const s of obs.slashes) {
    if (s.target.toLowerCase() === me && !s.disputed && obs.step <= s.disputeDeadlineStep) {
      actions.push({ kind: "dispute", slashId: s.id, priorityFee: fee });
    }
  }
  if (p.voteAgainstAll && stakedOf(state.account) > 0n) {
    for (const prop of obs.proposals) {
      if (prop.state !== "Active" || prop.voters.some((v) => v.toLowerCase() === me)) continue;
      if (votesAt(state.account, prop.snapshotBlock) === 0n) continue;
      actions.push({ kind: "vote", proposalId: prop.id, support: 0, reason: "grief", priorityFee: fee });
    }
  }
  return { actions, memory: { slashes } };
};
