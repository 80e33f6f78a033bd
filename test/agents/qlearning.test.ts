import { expect } from "chai";
import { Rng } from "../../src/sim/prng";
import { qGreedy, qInit, qRow, qSelect, qUpdate, type QTable } from "../../src/agents/learning/qtable";
import { epsilonAt } from "../../src/agents/learning/schedule";
import { estimatedRefund, realisableWealth } from "../../src/agents/learning/realisable";
import {
  allowedActions, qFeatures, qlearningDefaults, qlearningPolicy, qReward, stateIndex, Q_ACTIONS, Q_STATES,
  type QLearningMemory, type QLearningParams,
} from "../../src/agents/policies/qlearning";
import { bindPolicy } from "../../src/agents/registry";
import type { AccountView, Observation } from "../../src/agents/types";
import { ETH, account, obs, state, history } from "../sim/helpers";

describe("Q-learning core (tabular, pure)", () => {
  it("backs up r + gamma * max Q(s') exactly and leaves the old table alone", () => {
    let t = qInit(2, 2);
    t = { ...t, q: [0, 0, 4, 2] }; // Q(1,.) = [4, 2]
    const u = qUpdate(t, 0, 1, 1, 1, 0.5, 0.9);
    expect(u.q[1]).to.equal(0.5 * (1 + 0.9 * 4));
    expect(t.q).to.deep.equal([0, 0, 4, 2]);
    expect(qUpdate(t, 0, 0, 1, undefined, 1, 0.9).q[0]).to.equal(1); // terminal: no bootstrap
  });

  it("rejects a bad state, action, learning rate, discount or reward", () => {
    const t = qInit(2, 2);
    expect(() => qUpdate(t, 2, 0, 0, 0, 0.1, 0.9)).to.throw(RangeError);
    expect(() => qUpdate(t, 0, 2, 0, 0, 0.1, 0.9)).to.throw(RangeError);
    expect(() => qUpdate(t, 0, 0, 0, 0, 0, 0.9)).to.throw(RangeError);
    expect(() => qUpdate(t, 0, 0, 0, 0, 0.1, 1)).to.throw(RangeError);
    expect(() => qUpdate(t, 0, 0, NaN, 0, 0.1, 0.5)).to.throw(RangeError);
    expect(() => qInit(0, 1)).to.throw(RangeError);
  });

  it("is greedy with ties to the lowest allowed index and never picks a masked action", () => {
    const t: QTable = { states: 1, actions: 3, q: [1, 5, 5] };
    expect(qGreedy(t, 0)).to.equal(1);
    expect(qGreedy(t, 0, [true, false, true])).to.equal(2);
    const rng = Rng.derive(1, 0);
    for (let i = 0; i < 200; i++) expect(qSelect(t, 0, 1, rng, [true, false, false])).to.equal(0);
  });

  it("learns the discounted optimum of a two-state chain that a one-step (bandit) learner gets wrong", () => {
    // State 0: stay pays 0.1 and stays; move pays 0 and goes to state 1. State 1: stay pays 1 and
    // stays; move pays 0 and goes back. With gamma 0.9: V(1) = 10, Q(0,move) = 9, Q(0,stay) = 0.1 +
    // 0.9 * 9 = 8.2, Q(1,move) = 0.9 * 9 = 8.1. Myopically stay (0.1) beats move (0) in state 0.
    const step = (s: number, a: number): [number, number] => (a === 0 ? [s === 0 ? 0.1 : 1, s] : [0, 1 - s]);
    let t = qInit(2, 2);
    const rng = Rng.derive(7, 0);
    let s = 0;
    for (let i = 0; i < 20_000; i++) {
      const a = qSelect(t, s, 0.5, rng);
      const [r, next] = step(s, a);
      t = qUpdate(t, s, a, r, next, 0.05, 0.9);
      s = next;
    }
    expect(qRow(t, 0)[1]).to.be.closeTo(9, 0.1);
    expect(qRow(t, 0)[0]).to.be.closeTo(8.2, 0.1);
    expect(qRow(t, 1)[0]).to.be.closeTo(10, 0.1);
    expect(qRow(t, 1)[1]).to.be.closeTo(8.1, 0.1);
    expect(qGreedy(t, 0)).to.equal(1);
  });
});

describe("exploration schedules", () => {
  it("constant, linear (reaches the end at `steps`) and exponential (half-life `steps`)", () => {
    expect(epsilonAt({ kind: "constant", start: 0.2, end: 0, steps: 10 }, 99)).to.equal(0.2);
    const lin = { kind: "linear" as const, start: 0.5, end: 0.1, steps: 4 };
    expect([0, 2, 4, 9].map((t) => epsilonAt(lin, t))).to.deep.equal([0.5, 0.3, 0.1, 0.1]);
    const exp = { kind: "exponential" as const, start: 0.5, end: 0.1, steps: 10 };
    expect(epsilonAt(exp, 0)).to.equal(0.5);
    expect(epsilonAt(exp, 10)).to.be.closeTo(0.3, 1e-12);
    expect(epsilonAt(exp, 1000)).to.be.closeTo(0.1, 1e-12);
    expect(() => epsilonAt({ kind: "constant", start: 1.5, end: 0, steps: 1 }, 0)).to.throw(RangeError);
  });
});

describe("realisable wealth from the observation (adapter until issue 11's catalogue)", () => {
  it("is the exact refund of a linear curve: p(s) = 0.001 + 1e-5 s (token units)", () => {
    // supply 1000 tokens: spot 0.011 ETH, reserve = 0.001*1000 + 1e-5*1000^2/2 = 6 ETH.
    const o = { spotPrice: (11n * ETH) / 1000n, supply: 1000n * ETH, reserve: 6n * ETH, sellFeeBps: 0 };
    // selling 100 tokens: integral from 900 to 1000 = 0.001*100 + 1e-5*(1000^2-900^2)/2 = 1.05 ETH
    expect(estimatedRefund(o, 100n * ETH)).to.equal((105n * ETH) / 100n);
    expect(estimatedRefund(o, 1000n * ETH)).to.equal(6n * ETH); // the whole supply gets the reserve
    expect(estimatedRefund({ ...o, sellFeeBps: 100 }, 100n * ETH)).to.equal(((105n * ETH) / 100n) * 9900n / 10_000n);
    expect(estimatedRefund(o, 0n)).to.equal(0n);
  });

  it("counts ether, staked and liquid tokens sold together, and unclaimed rewards", () => {
    const o = { spotPrice: (11n * ETH) / 1000n, supply: 1000n * ETH, reserve: 6n * ETH, sellFeeBps: 0 };
    const a: AccountView = account({
      reserve: 2n * ETH, tokens: 40n * ETH, pendingRewards: ETH / 10n,
      stakes: [{ id: 0, amount: 60n * ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 }],
    });
    expect(realisableWealth(a, o)).to.equal(2n * ETH + (105n * ETH) / 100n + ETH / 10n);
  });
});

describe("qlearning policy", () => {
  const p = qlearningDefaults;

  it("is registered with its defaults", () => {
    expect(bindPolicy("qlearning", { gamma: 0.5 }).params).to.deep.include({ gamma: 0.5, alpha: p.alpha });
  });

  it("discretises trend, position, breaker and governance into 36 distinct states", () => {
    const seen = new Set<number>();
    for (const trend of [0, 1, 2] as const)
      for (const position of [0, 1, 2] as const)
        for (const halted of [false, true]) for (const governance of [false, true]) seen.add(stateIndex({ trend, position, halted, governance }));
    expect(seen.size).to.equal(Q_STATES);
    expect(Math.max(...seen)).to.equal(Q_STATES - 1);
    const up = obs({ priceHistory: history(1, 1, 1, 1.1) });
    expect(qFeatures(up, state(), p, 10n * ETH)).to.deep.equal({ trend: 2, position: 0, halted: false, governance: false });
    const down = obs({ priceHistory: history(1.1, 1, 1, 1), halted: true });
    expect(qFeatures(down, state(), p, 10n * ETH).trend).to.equal(0);
    expect(qFeatures(down, state(), p, 10n * ETH).halted).to.equal(true);
  });

  it("masks buys while the breaker halts and sells without tokens", () => {
    const allowed = allowedActions(obs({ halted: true }), state(), p);
    expect(Q_ACTIONS.filter((_, i) => allowed[i])).to.deep.equal(["hold"]);
  });

  it("rewards the step return of realisable wealth", () => {
    expect(qReward(10n * ETH, 11n * ETH)).to.be.closeTo(0.1, 1e-15);
    expect(qReward(20n * ETH, 19n * ETH)).to.be.closeTo(-0.05, 1e-15);
    expect(qReward(0n, 2n)).to.equal(0);
  });

  it("keeps its Q-table, decision count and last wealth in memory and backs up the reward", () => {
    const rng = Rng.derive(3, 0);
    const o = obs({ priceHistory: history(0.01, 0.01, 0.01, 0.01), supply: 10_000n * ETH, reserve: 100n * ETH });
    const d1 = qlearningPolicy(o, state<QLearningMemory>(), rng, p);
    expect(d1.memory.q).to.have.length(Q_STATES * Q_ACTIONS.length);
    expect(d1.memory.t).to.equal(1);
    expect(d1.memory.lastWealth).to.equal(10n * ETH);
    const s0 = d1.memory.lastState as number;
    const a0 = d1.memory.lastAction as number;
    // one ether richer next step: Q(s0, a0) moves by alpha * (reward + gamma * 0)
    const richer = state<QLearningMemory>({ account: account({ reserve: 11n * ETH }) }, d1.memory);
    const d2 = qlearningPolicy(o, richer, rng, p);
    expect((d2.memory.q as number[])[s0 * Q_ACTIONS.length + a0]).to.be.closeTo(p.alpha * (1 / 10), 1e-12);
  });

  describe("a toy market with a known optimum", () => {
    // The price trends up or down by 1% a step; the regime persists with probability 0.97. The
    // optimum holds tokens while the price rises and ether while it falls. The curve is flat in
    // supply (reserve = supply x spot), so trades move no price and the refund is q x spot.
    const FEE = 10;
    interface World { price: number; up: boolean; prices: number[]; reserve: bigint; tokens: bigint }
    const wei = (x: number) => BigInt(Math.round(x * 1e9)) * 10n ** 9n;
    const observe = (w: World): Observation => {
      const spot = wei(w.price);
      return obs({
        spotPrice: spot, supply: 1_000_000n * ETH, reserve: (1_000_000n * spot), buyFeeBps: FEE, sellFeeBps: FEE,
        priceHistory: w.prices.slice(-4).map(wei), staking: { totalStaked: 0n, totalWeight: 0n, tiers: [], stakers: [] },
      });
    };
    const apply = (w: World, o: Observation, actions: readonly { kind: string; reserveIn?: bigint; tokens?: bigint }[]) => {
      for (const a of actions) {
        if (a.kind === "buy" && a.reserveIn !== undefined) {
          w.reserve -= a.reserveIn;
          w.tokens += (((a.reserveIn * BigInt(10_000 - FEE)) / 10_000n) * ETH) / o.spotPrice;
        } else if (a.kind === "sell" && a.tokens !== undefined) {
          w.tokens -= a.tokens;
          w.reserve += (((a.tokens * o.spotPrice) / ETH) * BigInt(10_000 - FEE)) / 10_000n;
        }
      }
    };
    const advance = (w: World, env: Rng) => {
      if (env.chance(0.03)) w.up = !w.up;
      w.price *= w.up ? 1.01 : 0.99;
      w.prices.push(w.price);
    };
    const fresh = (m: QLearningMemory): QLearningMemory => (m.q === undefined ? {} : { q: m.q, t: m.t });
    const run = (steps: number, params: QLearningParams, memory: QLearningMemory, envSeed: number, fixed?: "hold" | "cash") => {
      const env = Rng.derive(envSeed, 1);
      const rng = Rng.derive(envSeed, 2);
      const w: World = { price: 1, up: true, prices: [1, 1, 1, 1], reserve: 10n * ETH, tokens: 0n };
      let mem = memory;
      const start = 10;
      for (let i = 0; i < steps; i++) {
        const o = observe(w);
        const acct = account({ reserve: w.reserve, tokens: w.tokens });
        if (fixed === undefined) {
          const d = qlearningPolicy(o, state<QLearningMemory>({ account: acct }, mem), rng, params);
          mem = d.memory;
          apply(w, o, d.actions as { kind: string; reserveIn?: bigint; tokens?: bigint }[]);
        } else if (fixed === "hold" && i === 0) {
          apply(w, o, [{ kind: "buy", reserveIn: w.reserve - ETH / 10n }]);
        }
        advance(w, env);
      }
      const o = observe(w);
      const end = Number(realisableWealth(account({ reserve: w.reserve, tokens: w.tokens }), o)) / 1e18;
      return { mem, growth: end / start };
    };

    const train: QLearningParams = { ...qlearningDefaults, alpha: 0.1, gamma: 0.5, schedule: "linear", epsilonStart: 1, epsilonEnd: 0.05, epsilonSteps: 25_000 };
    const greedy: QLearningParams = { ...train, schedule: "constant", epsilonStart: 0, epsilonEnd: 0 };

    it("learns to buy in a rising market and sell all in a falling one, and beats holding and cash", () => {
      // 150 episodes of 200 steps, each from price 1 and 10 ether; the Q-table carries over
      let mem: QLearningMemory = {};
      for (let ep = 0; ep < 150; ep++) mem = fresh(run(200, train, mem, 100 + ep).mem);
      const table: QTable = { states: Q_STATES, actions: Q_ACTIONS.length, q: mem.q as number[] };
      const best = (trend: 0 | 1 | 2, position: 0 | 1 | 2) => Q_ACTIONS[qGreedy(table, stateIndex({ trend, position, halted: false, governance: false }))];
      expect(best(2, 0)).to.match(/^buy/);
      expect(best(2, 1)).to.match(/^buy|hold/);
      expect(best(0, 2)).to.equal("sellAll");
      expect(best(0, 1)).to.equal("sellAll");
      // evaluation on fresh price paths, learning frozen at epsilon 0
      for (const seed of [21, 22, 23]) {
        const learned = run(300, greedy, mem, seed).growth;
        const hold = run(300, greedy, {}, seed, "hold").growth;
        const cash = run(300, greedy, {}, seed, "cash").growth;
        expect(learned, `seed ${seed}: learned ${learned} vs hold ${hold}`).to.be.greaterThan(Math.max(hold, cash));
      }
    });
  });
});
