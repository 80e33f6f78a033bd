// Expands a scenario's population entries into agents: policy bound with its params, its own PRNG
// stream (masterSeed, agentIndex), its group, and resolves "family:k" references to agent indices.
import { bindPolicy, type BoundPolicy } from "../agents/registry";
import type { Role } from "../agents/types";
import { Rng } from "./prng";
import type { Scenario } from "./scenarioTypes";
import { phasedPolicy } from "./phases";

export interface AgentSpec {
  readonly index: number;
  readonly family: string;
  /** Population entry it came from (its group). */
  readonly entry: number;
  readonly policy: BoundPolicy;
  readonly rng: Rng;
  readonly fundingWei: bigint;
  readonly roles: readonly Role[];
}

export function expandPopulation(s: Scenario): AgentSpec[] {
  const out: AgentSpec[] = [];
  s.population.forEach((p, entry) => {
    const policy = p.phases.length > 0 ? phasedPolicy(p.family, p.params, p.phases) : bindPolicy(p.family, p.params);
    for (let k = 0; k < p.count; k++) {
      const index = out.length;
      out.push({ index, family: p.family, entry, policy, rng: Rng.derive(s.seed, index), fundingWei: p.fundingWei, roles: p.roles });
    }
  });
  return out;
}

/** Families in first-appearance order (the P&L column order). */
export function familiesOf(s: Scenario): string[] {
  const seen: string[] = [];
  for (const p of s.population) if (!seen.includes(p.family)) seen.push(p.family);
  return seen;
}

/** Index of the agent "family:k" (k-th agent of that family, population order). */
export function resolveRef(agents: readonly AgentSpec[], ref: string): number {
  const [family, k] = ref.split(":");
  const matches = agents.filter((a) => a.family === family);
  const a = matches[Number(k)];
  if (a === undefined) throw new Error(`no agent ${ref}`);
  return a.index;
}
