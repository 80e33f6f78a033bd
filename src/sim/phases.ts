// Scheduled behaviour changes of a population entry (stress scenarios): from a step on, its agents
// use other parameters, stop or start acting (agents joining or leaving the network), or exit
// (sell every liquid token once, at market, then stay idle). Pure: a wrapper around the bound
// policy that picks the phase from obs.step, so both economies apply it identically.
import { bindPolicy, type BoundPolicy } from "../agents/registry";
import type { ParamShape } from "../agents/params";
import type { Phase } from "./scenarioTypes";

/** The phase in force at `step` (the last one starting at or before it), or undefined before the first. */
export function phaseAt(phases: readonly Phase[], step: number): Phase | undefined {
  let current: Phase | undefined;
  for (const p of phases) if (p.fromStep <= step) current = p;
  return current;
}

export function phasedPolicy(family: string, baseParams: ParamShape, phases: readonly Phase[]): BoundPolicy {
  const base = bindPolicy(family, baseParams);
  const bound = phases.map((p) => (p.params === undefined ? base : bindPolicy(family, { ...baseParams, ...p.params })));
  return {
    ...base,
    decide(obs, state, rng) {
      const p = phaseAt(phases, obs.step);
      if (p === undefined) return base.decide(obs, state, rng);
      if (p.exit) {
        // once, on the phase's first step: sell every liquid token at market (no minimum)
        const actions = obs.step === p.fromStep && state.account.tokens > 0n && !obs.halted
          ? [{ kind: "sell" as const, tokens: state.account.tokens, minOut: 0n, priorityFee: 2_000_000_000n }]
          : [];
        return { actions, memory: state.memory };
      }
      if (!p.active) return { actions: [], memory: state.memory };
      return bound[phases.indexOf(p)].decide(obs, state, rng);
    },
  };
}
