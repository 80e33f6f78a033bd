// The three resource families as engine policies (issue 12): each wraps its pure policy
// (provider.ts, consumer.ts, adaptiveBidder.ts) with what the engine needs: the market view from
// the observation (`obs.resources`, chain economy only), one decision per open delivery epoch,
// the token approval, token purchases on the curve, and the withdrawals. Without a resource
// market in the observation they do nothing. Amount parameters are decimal strings in tokens
// (or ether for `topUpEth`), as scenario files write them.
import { parseEther } from "ethers";
import type { AgentState, Action, Decision, Observation, TxAction } from "../../types";
import type { Rng } from "../../../sim/prng";
import { buy } from "../common";
import { providerPolicy, type ProviderParams } from "./provider";
import { consumerPolicy } from "./consumer";
import { bidderPolicy, bidderStart, bidReward, learn, type BidderMemory } from "./adaptiveBidder";
import type { ResourceObservation, ResourceOp } from "./types";

const TIP = 1_000_000_000n;
/** Ether a consumer keeps for gas: it never spends it on tokens. */
const GAS_CUSHION = 10n ** 16n;
const SLIPPAGE_BPS = 500;

const op = (o: ResourceOp): TxAction => ({ kind: "resource", op: o, priorityFee: TIP });

export const providerDefaults = {
  initialCapacity: 10,
  /** Tokens per unit: its cost of serving a unit and its ask. */
  marginalCost: "0.01",
  step: 2,
  maxCapacity: 40,
  expandAtBps: 9_000,
  leaveAfterLosses: 3,
  /** Ether spent on tokens for the bond when it has too few. */
  topUpEth: "0.5",
  /** Share of the units it sold that it delivers, bps (the oracles attest what it delivered). */
  deliveryBps: 10_000,
  /** Capacity outage: it stops delivering and leaves (set from a population phase). */
  outage: false,
};
export type ProviderFamilyParams = typeof providerDefaults;

export const consumerDefaults = {
  needPerEpoch: 5,
  /** Tokens per unit: what one unit is worth to it. */
  valuePerUnit: "0.03",
  budgetPerEpoch: "1",
  topUpEth: "0.2",
};
export type ConsumerFamilyParams = typeof consumerDefaults;

export const bidderDefaults = {
  needPerEpoch: 5,
  valuePerUnit: "0.03",
  /** Bid levels in bps of the value, comma separated. */
  levelsBps: "5000,7000,8500,10000",
  epsilon: 0.1,
  topUpEth: "0.2",
};
export type BidderFamilyParams = typeof bidderDefaults;

type Mem = AgentState["memory"];

/** Actions every resource agent takes before deciding: approve the market once. */
function approval(r: ResourceObservation, obs: Observation, st: AgentState): { pending: boolean; actions: TxAction[]; memory: Mem } {
  if (r.approved[st.address.toLowerCase()]) return { pending: false, actions: [], memory: st.memory };
  return { pending: true, actions: [op({ op: "approve" })], memory: { ...st.memory, approveSentAt: obs.step } };
}

function topUp(obs: Observation, st: AgentState, topUpEth: string): TxAction | undefined {
  if (obs.halted) return undefined;
  const spendable = st.account.reserve > GAS_CUSHION ? st.account.reserve - GAS_CUSHION : 0n;
  const want = parseEther(topUpEth);
  const reserveIn = spendable < want ? spendable : want;
  return reserveIn === 0n ? undefined : buy(obs, reserveIn, SLIPPAGE_BPS, TIP);
}

export function resourceProviderPolicy(obs: Observation, st: AgentState, _rng: Rng, p: ProviderFamilyParams): Decision {
  const r = obs.resources;
  if (r === undefined) return { actions: [], memory: st.memory };
  const a = approval(r, obs, st);
  if (a.pending) return { actions: a.actions, memory: a.memory };
  const me = r.providers[st.address.toLowerCase()];
  const actions: Action[] = [];
  let memory: Mem = { ...st.memory };
  if (me === undefined) return { actions, memory };
  if (me.earnings > 0n && st.memory.withdrawnEpoch !== r.view.epoch) {
    actions.push(op({ op: "withdrawEarnings" }));
    memory = { ...memory, withdrawnEpoch: r.view.epoch };
  }
  if (me.exiting) {
    if (me.releaseAt <= obs.timestamp && me.openCases === 0 && me.bond > 0n && st.memory.withdrawBondStep !== obs.step - 1) {
      actions.push(op({ op: "withdrawBond" }));
      memory = { ...memory, withdrawBondStep: obs.step };
    }
    return { actions, memory };
  }
  if (p.outage) {
    // leave as soon as offers are open (not while the epoch waits for clear()); again if it failed
    if (me.registered && r.openEpoch !== 0 && st.memory.exitSentAt !== obs.step - 1) {
      actions.push(op({ op: "exit" }));
      memory = { ...memory, exitSentAt: obs.step };
    }
    return { actions, memory };
  }
  if (r.openEpoch === 0 || st.memory.epoch === r.openEpoch) return { actions, memory };
  const pp: ProviderParams = {
    initialCapacity: BigInt(p.initialCapacity),
    marginalCost: parseEther(p.marginalCost),
    step: BigInt(p.step),
    maxCapacity: BigInt(p.maxCapacity),
    expandAtBps: p.expandAtBps,
    leaveAfterLosses: p.leaveAfterLosses,
  };
  // it bonds for the most capacity it may offer, so it can expand later without another bond
  // (the pure policy never grows past what its bond covers)
  const fullBond = pp.maxCapacity * r.view.bondPerUnit;
  const self = { ...me, tokens: st.account.tokens >= fullBond ? st.account.tokens : 0n };
  const d = providerPolicy(r.view, self, pp, { lossStreak: Number(st.memory.lossStreak ?? 0) });
  memory = { ...memory, lossStreak: d.memory.lossStreak, epoch: r.openEpoch };
  const x = d.action;
  if (x.kind === "registerProvider") actions.push(op({ op: "register", capacity: x.capacity, askPrice: x.askPrice, bond: x.bond > fullBond ? x.bond : fullBond }));
  else if (x.kind === "setOffer") actions.push(op({ op: "setOffer", capacity: x.capacity, askPrice: x.askPrice }));
  else if (x.kind === "exitProvider") actions.push(op({ op: "exit" }));
  else if (!me.registered && st.account.tokens < fullBond) {
    // the pure policy waits when it cannot pay the bond: buy the tokens and decide again next step
    const t = topUp(obs, st, p.topUpEth);
    if (t !== undefined) actions.push(t);
    memory = { ...memory, epoch: 0 };
  }
  return { actions, memory };
}

export function resourceConsumerPolicy(obs: Observation, st: AgentState, _rng: Rng, p: ConsumerFamilyParams): Decision {
  const r = obs.resources;
  if (r === undefined) return { actions: [], memory: st.memory };
  const a = approval(r, obs, st);
  if (a.pending) return { actions: a.actions, memory: a.memory };
  const memory: Mem = st.memory;
  if (r.openEpoch === 0 || st.memory.epoch === r.openEpoch) return { actions: [], memory };
  const reserve = st.account.reserve > GAS_CUSHION ? st.account.reserve - GAS_CUSHION : 0n;
  const cp = { needPerEpoch: BigInt(p.needPerEpoch), valuePerUnit: parseEther(p.valuePerUnit), budgetPerEpoch: parseEther(p.budgetPerEpoch), topUpReserve: parseEther(p.topUpEth) };
  const x = consumerPolicy(r.view, { tokens: st.account.tokens, reserve, lastFilled: 0n, lastRequested: 0n }, cp);
  if (x.kind === "buyTokens") {
    // tokens first; the request follows once they arrive (the epoch stays undecided)
    return { actions: obs.halted ? [] : [buy(obs, x.reserveIn, SLIPPAGE_BPS, TIP)], memory };
  }
  const actions = x.kind === "requestUnits" ? [op({ op: "request", units: x.units, maxPrice: x.maxPrice })] : [];
  return { actions, memory: { ...memory, epoch: r.openEpoch } };
}

export function resourceBidderPolicy(obs: Observation, st: AgentState, rng: Rng, p: BidderFamilyParams): Decision {
  const r = obs.resources;
  if (r === undefined) return { actions: [], memory: st.memory };
  const a = approval(r, obs, st);
  if (a.pending) return { actions: a.actions, memory: a.memory };
  const levels = p.levelsBps.split(",").map((x) => Number(x.trim())).filter((x) => Number.isFinite(x) && x > 0);
  const value = parseEther(p.valuePerUnit);
  const need = BigInt(p.needPerEpoch);
  let m: BidderMemory = {
    counts: (st.memory.counts as readonly number[] | undefined) ?? bidderStart({ needPerEpoch: need, valuePerUnit: value, levelsBps: levels, epsilon: p.epsilon }).counts,
    means: (st.memory.means as readonly number[] | undefined) ?? levels.map(() => 0),
    lastArm: Number(st.memory.lastArm ?? -1),
  };
  let memory: Mem = { ...st.memory };
  // learn from the latest cleared order once
  const last = r.lastOrder[st.address.toLowerCase()];
  if (last !== undefined && last.epoch !== st.memory.learnedEpoch && m.lastArm >= 0) {
    m = learn(m, bidReward(last.filled, last.units, last.price, value));
    memory = { ...memory, learnedEpoch: last.epoch, counts: m.counts, means: m.means };
  }
  if (r.openEpoch === 0 || st.memory.epoch === r.openEpoch) return { actions: [], memory };
  let units = need;
  let price: bigint;
  let arm = -1;
  if (r.view.mechanism === "posted") {
    // no bid to learn under a posted price: it buys its need when the price is within its value
    if (r.view.postedPrice > value) return { actions: [], memory: { ...memory, epoch: r.openEpoch, lastArm: -1 } };
    price = r.view.postedPrice;
  } else {
    const d = bidderPolicy(r.view, { needPerEpoch: need, valuePerUnit: value, levelsBps: levels, epsilon: p.epsilon }, m, { explore: rng.uniform(), arm: rng.uniform() });
    if (d.action.kind !== "requestUnits") return { actions: [], memory: { ...memory, epoch: r.openEpoch } };
    units = d.action.units;
    price = d.action.maxPrice;
    arm = d.memory.lastArm;
  }
  const cost = units * price;
  if (st.account.tokens < cost) {
    const t = topUp(obs, st, p.topUpEth);
    if (t !== undefined) return { actions: [t], memory };
    units = price === 0n ? 0n : st.account.tokens / price;
    if (units === 0n) return { actions: [], memory: { ...memory, epoch: r.openEpoch } };
  }
  return { actions: [op({ op: "request", units, maxPrice: price })], memory: { ...memory, epoch: r.openEpoch, lastArm: arm } };
}
