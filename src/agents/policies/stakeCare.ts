// Housekeeping every staking policy shares: unbond stakes whose lock ended, withdraw stakes whose
// unbonding ended, and claim rewards on a schedule.
import type { Action, AgentState, Observation } from "../types";

export function stakeCare(
  obs: Observation,
  state: AgentState,
  opts: { readonly restake: boolean; readonly claimEvery: number; readonly disputeSlashes: boolean; readonly priorityFee: bigint },
): Action[] {
  const out: Action[] = [];
  for (const s of state.account.stakes) {
    if (s.unbonding && s.withdrawableAt <= obs.timestamp) {
      out.push({ kind: "withdraw", stakeId: s.id, priorityFee: opts.priorityFee });
    } else if (!s.unbonding && !opts.restake && s.unlockAt <= obs.timestamp) {
      out.push({ kind: "unbond", stakeId: s.id, priorityFee: opts.priorityFee });
    }
  }
  // An honest staker disputes any slash proposed against it (the case then goes to a vote).
  const me = state.address.toLowerCase();
  for (const c of obs.slashes) {
    if (opts.disputeSlashes && c.target.toLowerCase() === me && !c.disputed && obs.step <= c.disputeDeadlineStep) {
      out.push({ kind: "dispute", slashId: c.id, priorityFee: opts.priorityFee });
    }
  }
  if (opts.claimEvery > 0 && state.account.pendingRewards > 0n && obs.step % opts.claimEvery === 0) {
    out.push({ kind: "claim", priorityFee: opts.priorityFee });
  }
  return out;
}
