// Family name -> policy, default parameters and scheduling facts. The engine only sees
// `BoundPolicy`, whose memory type is erased; each bound policy only ever receives back the
// memory it produced itself.
import type { AgentState, Decision, Memory, Observation, Policy } from "./types";
import type { Rng } from "../sim/prng";
import { mergeParams, type ParamShape } from "./params";
import { noiseDefaults, noisePolicy } from "./policies/noise";
import { valueDefaults, valuePolicy } from "./policies/value";
import { momentumDefaults, momentumPolicy } from "./policies/momentum";
import { meanReversionDefaults, meanReversionPolicy } from "./policies/meanReversion";
import { stakerDefaults, stakerPolicy } from "./policies/staker";
import { voterDefaults, voterPolicy } from "./policies/voter";
import { referrerDefaults, referrerPolicy } from "./policies/referrer";
import { learningDefaults, learningPolicy } from "./policies/learning";
import { sandwichDefaults, sandwichPolicy } from "./policies/sandwich";
import { whaleDefaults, whalePolicy } from "./policies/whale";
import { govAttackerDefaults, govAttackerPolicy } from "./policies/govAttacker";
import { cartelDefaults, cartelPolicy } from "./policies/cartel";
import { grieferDefaults, grieferPolicy } from "./policies/griefer";
import { oracleDefaults, oraclePolicy } from "./policies/oracle";
import { contributionFarmerDefaults, contributionFarmerPolicy } from "./policies/contributionFarmer";
import { qlearningDefaults, qlearningPolicy } from "./policies/qlearning";
import { bidderDefaults, consumerDefaults, providerDefaults, resourceBidderPolicy, resourceConsumerPolicy, resourceProviderPolicy } from "./policies/resources/families";

export interface FamilyInfo {
  readonly family: string;
  readonly description: string;
  /** Dropped from the population when a scenario turns adversaries off. */
  readonly adversarial: boolean;
  /** Decides after everyone else, seeing their pending transactions. */
  readonly readsPool: boolean;
}

export interface BoundPolicy extends FamilyInfo {
  readonly params: ParamShape;
  decide(obs: Observation, state: AgentState, rng: Rng): Decision;
}

interface FamilyDef<P extends ParamShape, M extends Memory> extends FamilyInfo {
  readonly defaults: P;
  readonly policy: Policy<P, M>;
}

type Binder = { readonly info: FamilyInfo; readonly defaults: ParamShape; bind(raw: unknown): BoundPolicy };

function family<P extends ParamShape, M extends Memory>(def: FamilyDef<P, M>): Binder {
  const info: FamilyInfo = {
    family: def.family,
    description: def.description,
    adversarial: def.adversarial,
    readsPool: def.readsPool,
  };
  return {
    info,
    defaults: def.defaults,
    bind(raw: unknown): BoundPolicy {
      const params = mergeParams(def.family, def.defaults, raw);
      // The engine stores the memory this policy returned and hands it back unchanged (starting
      // from {}), so the state really carries an M.
      const decide = (obs: Observation, state: AgentState, rng: Rng): Decision =>
        def.policy(obs, state as AgentState<M>, rng, params);
      return { ...info, params, decide };
    },
  };
}

const families: readonly Binder[] = [
  family({ family: "noise", description: "random trades", adversarial: false, readsPool: false, defaults: noiseDefaults, policy: noisePolicy }),
  family({ family: "value", description: "buys below / sells above a private fair value", adversarial: false, readsPool: false, defaults: valueDefaults, policy: valuePolicy }),
  family({ family: "momentum", description: "follows price trends", adversarial: false, readsPool: false, defaults: momentumDefaults, policy: momentumPolicy }),
  family({ family: "meanReversion", description: "trades against deviations from the moving average", adversarial: false, readsPool: false, defaults: meanReversionDefaults, policy: meanReversionPolicy }),
  family({ family: "staker", description: "buys once, stakes in a lock tier, claims", adversarial: false, readsPool: false, defaults: stakerDefaults, policy: stakerPolicy }),
  family({ family: "voter", description: "stakes and votes by a simple rule", adversarial: false, readsPool: false, defaults: voterDefaults, policy: voterPolicy }),
  family({ family: "referrer", description: "buys naming a partner as referrer", adversarial: false, readsPool: false, defaults: referrerDefaults, policy: referrerPolicy }),
  family({ family: "learning", description: "epsilon-greedy bandit maximising own wealth", adversarial: false, readsPool: false, defaults: learningDefaults, policy: learningPolicy }),
  family({ family: "qlearning", description: "tabular Q-learning over trend, position, breaker and governance state, rewarded by realisable wealth", adversarial: false, readsPool: false, defaults: qlearningDefaults, policy: qlearningPolicy }),
  family({ family: "oracle", description: "contribution oracle attesting voters each epoch", adversarial: false, readsPool: false, defaults: oracleDefaults, policy: oraclePolicy }),
  family({ family: "provider", description: "offers resource capacity at its marginal cost with a bond; expands or leaves by profit", adversarial: false, readsPool: false, defaults: providerDefaults, policy: resourceProviderPolicy }),
  family({ family: "consumer", description: "buys resource units it needs, up to its value and budget, buying tokens on the curve", adversarial: false, readsPool: false, defaults: consumerDefaults, policy: resourceConsumerPolicy }),
  family({ family: "adaptiveBidder", description: "learns its bid in the resource batch auction (epsilon-greedy over bid levels)", adversarial: false, readsPool: false, defaults: bidderDefaults, policy: resourceBidderPolicy }),
  family({ family: "sandwich", description: "brackets large pending buys", adversarial: true, readsPool: true, defaults: sandwichDefaults, policy: sandwichPolicy }),
  family({ family: "whale", description: "pump and dump", adversarial: true, readsPool: false, defaults: whaleDefaults, policy: whalePolicy }),
  family({ family: "govAttacker", description: "tries to pass a treasury drain", adversarial: true, readsPool: false, defaults: govAttackerDefaults, policy: govAttackerPolicy }),
  family({ family: "cartel", description: "coordinated trades and bloc votes", adversarial: true, readsPool: false, defaults: cartelDefaults, policy: cartelPolicy }),
  family({ family: "griefer", description: "frivolous slashes, disputes, votes against all", adversarial: true, readsPool: false, defaults: grieferDefaults, policy: grieferPolicy }),
  family({ family: "contributionFarmer", description: "no-op proposals voted by their proposer to farm the contribution boost", adversarial: true, readsPool: false, defaults: contributionFarmerDefaults, policy: contributionFarmerPolicy }),
];

const byName = new Map(families.map((f) => [f.info.family, f]));

export function familyNames(): readonly string[] {
  return families.map((f) => f.info.family);
}

export function familyInfo(name: string): FamilyInfo {
  const f = byName.get(name);
  if (f === undefined) throw new Error(`unknown agent family "${name}" (known: ${familyNames().join(", ")})`);
  return f.info;
}

export function familyDefaults(name: string): ParamShape {
  familyInfo(name);
  return (byName.get(name) as Binder).defaults;
}

/** The family's policy with validated parameters (defaults overridden by `raw`). */
export function bindPolicy(name: string, raw: unknown): BoundPolicy {
  familyInfo(name);
  return (byName.get(name) as Binder).bind(raw);
}
