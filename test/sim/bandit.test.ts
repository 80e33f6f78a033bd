import { expect } from "chai";
import { Rng } from "../../src/sim/prng";
import { banditInit, banditSelect, banditUpdate, greedyArm } from "../../src/agents/learning/bandit";
import { learnerStep, learningDefaults, learningPolicy, realisedReward, LEARNING_ARMS } from "../../src/agents/policies/learning";
import { ETH, account, obs, state } from "./helpers";

describe("epsilon-greedy bandit", () => {
  it("updates a sample average exactly: rewards 1 then 3 on one arm give 2", () => {
    let b = banditInit(3);
    b = banditUpdate(b, 1, 1);
    b = banditUpdate(b, 1, 3);
    expect(b.q).to.deep.equal([0, 2, 0]);
    expect(b.n).to.deep.equal([0, 2, 0]);
  });

  it("with a constant step size moves the estimate by alpha * (reward - estimate)", () => {
    const b = banditUpdate(banditInit(2, 1), 0, 3, 0.25);
    expect(b.q[0]).to.equal(1 + 0.25 * (3 - 1));
  });

  it("does not mutate the state it is given", () => {
    const b = banditInit(2);
    banditUpdate(b, 0, 5);
    expect(b.q).to.deep.equal([0, 0]);
  });

  it("picks the greedy arm with ties to the lowest index, and rejects unknown arms", () => {
    expect(greedyArm({ q: [1, 3, 3], n: [1, 1, 1] })).to.equal(1);
    expect(() => banditUpdate(banditInit(2), 2, 1)).to.throw(RangeError);
    expect(() => banditInit(0)).to.throw(RangeError);
  });

  it("converges to the best arm of a stationary Bernoulli problem (means 0.2, 0.5, 0.8)", () => {
    const means = [0.2, 0.5, 0.8];
    const rng = Rng.derive(123, 0);
    const env = Rng.derive(123, 1);
    let b = banditInit(3);
    let bestPulls = 0;
    const rounds = 3000;
    for (let t = 0; t < rounds; t++) {
      const arm = banditSelect(b, 0.1, rng);
      if (arm === 2) bestPulls++;
      b = banditUpdate(b, arm, env.chance(means[arm]) ? 1 : 0);
    }
    expect(greedyArm(b)).to.equal(2);
    // exploitation picks arm 2 ~90% of the time plus 1/3 of explorations: expect well over 80%
    expect(bestPulls / rounds).to.be.above(0.8);
    expect(b.q[2]).to.be.closeTo(0.8, 0.05);
  });
});

describe("policy: learning agent", () => {
  it("rewards the last arm with its wealth change relative to initial wealth", () => {
    expect(realisedReward(10n * ETH, 11n * ETH, 20n * ETH)).to.equal(0.05);
    expect(realisedReward(1n, 2n, 0n)).to.equal(0);
    const { bandit } = learnerStep({ lastArm: 2, lastWealth: 10n * ETH }, 12n * ETH, 10n * ETH, Rng.derive(1, 1), { ...learningDefaults, stepSize: 0 });
    expect(bandit.q[2]).to.equal(0.2);
    expect(bandit.n[2]).to.equal(1);
  });

  it("returns its updated learning state and one action for the arm it pulled", () => {
    const d = learningPolicy(obs(), state({ account: account({ reserve: 10n * ETH, tokens: 100n * ETH }) }), Rng.derive(2, 2), learningDefaults);
    expect(d.memory.q).to.have.length(LEARNING_ARMS.length);
    expect(d.memory.lastWealth).to.equal(10n * ETH);
    const arm = LEARNING_ARMS[d.memory.lastArm as number];
    expect(d.actions.length).to.equal(arm === "hold" ? 0 : 1);
  });

  it("learns to prefer buying in a market whose price rises after each of its buys", () => {
    // Toy market: buying is rewarded with +1% wealth, everything else with -0.5%.
    const rng = Rng.derive(9, 9);
    let mem = {};
    let wealth = 100n * ETH;
    const p = { ...learningDefaults, epsilon: 0.2, stepSize: 0 };
    for (let t = 0; t < 400; t++) {
      const d = learningPolicy(obs(), state({ wealth, initialWealth: 100n * ETH, account: account({ reserve: 100n * ETH, tokens: 100n * ETH }) }, mem), rng, p);
      mem = d.memory;
      const bought = d.actions.some((a) => a.kind === "buy");
      wealth = bought ? wealth + ETH : wealth - ETH / 2n;
    }
    const q = (mem as { q: number[] }).q;
    const best = q.indexOf(Math.max(...q));
    expect(LEARNING_ARMS[best]).to.match(/^buy/);
  });
});
