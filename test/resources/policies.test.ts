// Pure resource-market policies (provider, consumer, adaptive bidder): no chain involved.
import { expect } from "chai";
import { consumerPolicy, type ConsumerParams } from "../../src/agents/policies/resources/consumer";
import { lastProfit, PROVIDER_START, providerPolicy, type ProviderParams } from "../../src/agents/policies/resources/provider";
import { bidderPolicy, bidderStart, bidReward, greedyArm, learn, type BidderParams } from "../../src/agents/policies/resources/adaptiveBidder";
import type { ProviderSelf, ResourceMarketView } from "../../src/agents/policies/resources/types";

const M = 10n ** 15n;
const view = (over: Partial<ResourceMarketView> = {}): ResourceMarketView => ({
  epoch: 5,
  mechanism: "posted",
  postedPrice: 10n * M,
  minPrice: M,
  tickSize: M,
  numTicks: 100,
  lastPrice: 10n * M,
  lastDemand: 100n,
  lastOffered: 100n,
  lastSold: 100n,
  bondPerUnit: 10n * M,
  ...over,
});

describe("resource policies", function () {
  describe("provider", function () {
    const p: ProviderParams = { initialCapacity: 10n, marginalCost: 6n * M, step: 5n, maxCapacity: 30n, expandAtBps: 9_000, leaveAfterLosses: 3 };
    const self = (over: Partial<ProviderSelf> = {}): ProviderSelf => ({ registered: true, exiting: false, capacity: 10n, bond: 1_000n * M, lastSold: 10n, tokens: 10n ** 18n, ...over });

    it("registers at its marginal cost with the bond its capacity needs, only when the price covers the cost and it can pay", function () {
      const r = providerPolicy(view(), self({ registered: false }), p, PROVIDER_START);
      expect(r.action).to.deep.equal({ kind: "registerProvider", capacity: 10n, askPrice: 6n * M, bond: 100n * M });
      expect(providerPolicy(view({ postedPrice: 6n * M }), self({ registered: false }), p, PROVIDER_START).action.kind).to.equal("none");
      expect(providerPolicy(view(), self({ registered: false, tokens: 99n * M }), p, PROVIDER_START).action.kind).to.equal("none");
    });

    it("expands while it sells out at a profit (within its bond and the cap), shrinks when it sells little", function () {
      expect(providerPolicy(view(), self(), p, PROVIDER_START).action).to.deep.equal({ kind: "setOffer", capacity: 15n, askPrice: 6n * M });
      expect(providerPolicy(view(), self({ capacity: 30n, lastSold: 30n }), p, PROVIDER_START).action.kind).to.equal("none");
      expect(providerPolicy(view(), self({ bond: 100n * M }), p, PROVIDER_START).action.kind).to.equal("none");
      expect(providerPolicy(view(), self({ capacity: 20n, lastSold: 2n }), p, PROVIDER_START).action).to.deep.equal({ kind: "setOffer", capacity: 15n, askPrice: 6n * M });
    });

    it("leaves after a run of loss-making epochs, and the streak resets on a profitable one", function () {
      const loss = view({ lastPrice: 5n * M });
      expect(lastProfit(loss, self(), p)).to.equal(-10n * M);
      let m = PROVIDER_START;
      for (let i = 0; i < 2; i++) m = providerPolicy(loss, self(), p, m).memory;
      expect(m.lossStreak).to.equal(2);
      expect(providerPolicy(view(), self(), p, m).memory.lossStreak).to.equal(0);
      expect(providerPolicy(loss, self(), p, m).action).to.deep.equal({ kind: "exitProvider" });
      expect(providerPolicy(loss, self({ exiting: true }), p, m).action.kind).to.equal("none");
    });
  });

  describe("consumer", function () {
    const p: ConsumerParams = { needPerEpoch: 8n, valuePerUnit: 12n * M, budgetPerEpoch: 50n * M, topUpReserve: 10n ** 17n };
    const rich = { tokens: 10n ** 18n, reserve: 10n ** 18n, lastFilled: 0n, lastRequested: 0n };

    it("requests what it needs within its budget at the posted price, never above its value", function () {
      expect(consumerPolicy(view(), rich, p)).to.deep.equal({ kind: "requestUnits", units: 5n, maxPrice: 10n * M });
      expect(consumerPolicy(view({ postedPrice: 13n * M }), rich, p).kind).to.equal("none");
      expect(consumerPolicy(view({ postedPrice: 5n * M }), rich, p)).to.deep.equal({ kind: "requestUnits", units: 8n, maxPrice: 5n * M });
    });

    it("bids its value in the auction", function () {
      expect(consumerPolicy(view({ mechanism: "auction" }), rich, p)).to.deep.equal({ kind: "requestUnits", units: 4n, maxPrice: 12n * M });
    });

    it("buys tokens on the curve when short, or requests what its tokens pay for when it has no ether left", function () {
      const short = { ...rich, tokens: 20n * M };
      expect(consumerPolicy(view(), short, p)).to.deep.equal({ kind: "buyTokens", reserveIn: 10n ** 17n });
      expect(consumerPolicy(view(), { ...short, reserve: 5n }, p)).to.deep.equal({ kind: "buyTokens", reserveIn: 5n });
      expect(consumerPolicy(view(), { ...short, reserve: 0n }, p)).to.deep.equal({ kind: "requestUnits", units: 2n, maxPrice: 10n * M });
      expect(consumerPolicy(view(), { ...short, tokens: 0n, reserve: 0n }, p).kind).to.equal("none");
    });
  });

  describe("adaptive bidder", function () {
    const p: BidderParams = { needPerEpoch: 4n, valuePerUnit: 20n * M, levelsBps: [4_000, 7_000, 10_000], epsilon: 0.1 };
    const auction = view({ mechanism: "auction" });

    it("scores an epoch by surplus per unit asked: unfilled and overpaying bids score low", function () {
      expect(bidReward(4n, 4n, 10n * M, 20n * M)).to.equal(0.5);
      expect(bidReward(0n, 4n, 8n * M, 20n * M)).to.equal(0);
      expect(bidReward(4n, 4n, 20n * M, 20n * M)).to.equal(0);
      expect(bidReward(0n, 0n, 0n, 20n * M)).to.equal(0);
    });

    it("tries every level first, then exploits the best, exploring with probability epsilon", function () {
      let m = bidderStart(p);
      const bids: bigint[] = [];
      for (let i = 0; i < 3; i++) {
        const r = bidderPolicy(auction, p, m, { explore: 0.9, arm: 0 });
        bids.push((r.action as { maxPrice: bigint }).maxPrice);
        m = learn(r.memory, [0, 0.45, 0.1][r.memory.lastArm]); // the lowest level never fills
      }
      expect(bids).to.deep.equal([8n * M, 14n * M, 20n * M]);
      expect(greedyArm(m)).to.equal(1);
      expect((bidderPolicy(auction, p, m, { explore: 0.9, arm: 0 }).action as { maxPrice: bigint }).maxPrice).to.equal(14n * M);
      expect(bidderPolicy(auction, p, m, { explore: 0.05, arm: 0.99 }).memory.lastArm).to.equal(2);
    });

    it("learns the best level from repeated outcomes (running means)", function () {
      let m = { ...bidderStart(p), lastArm: 1 };
      for (const r of [0.4, 0.5, 0.6]) m = learn({ ...m, lastArm: 1 }, r);
      expect(m.counts[1]).to.equal(3);
      expect(m.means[1]).to.be.closeTo(0.5, 1e-12);
      expect(learn({ ...m, lastArm: -1 }, 1)).to.deep.equal({ ...m, lastArm: -1 });
    });

    it("stays out of posted-price markets and keeps its bid on the grid", function () {
      expect(bidderPolicy(view(), p, bidderStart(p), { explore: 0, arm: 0 }).action.kind).to.equal("none");
      const huge = { ...p, valuePerUnit: 10n ** 24n, levelsBps: [10_000] };
      expect((bidderPolicy(auction, huge, bidderStart(huge), { explore: 1, arm: 0 }).action as { maxPrice: bigint }).maxPrice).to.equal(100n * M);
    });
  });
});
