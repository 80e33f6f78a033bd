// Pure parts of the resource simulation (issue 12): the best-allocation surplus behind the
// allocation efficiency, the cumulative tally, and the market calls' encoding.
import { expect } from "chai";
import { Interface, MaxUint256 } from "ethers";
import { bestSurplus, ratio, ResourceTally } from "../../src/metrics/resources";
import { deliveryEvidence, encodeResourceOp, resourceCalls } from "../../src/client/resourceActions";
import { ResourceMarket__factory } from "../../typechain-types/factories/contracts/resources/ResourceMarket__factory";

const M = 10n ** 15n; // 0.001 token

describe("resource simulation: pure metrics and encoding", function () {
  it("bestSurplus serves the highest values from the cheapest units while value > cost (hand-computed)", function () {
    // demand: 4 units at 40, 6 at 20; supply: 5 units at 10, 10 at 30.
    // greedy: 4 x (40 - 10) = 120, then 1 x (20 - 10) = 10, then 20 < 30 stops: 130.
    expect(bestSurplus([{ units: 4n, value: 40n * M }, { units: 6n, value: 20n * M }], [{ units: 10n, cost: 30n * M }, { units: 5n, cost: 10n * M }])).to.equal(130n * M);
    // scarce supply: 2 units at cost 5 against 4 at 40 -> 2 x 35
    expect(bestSurplus([{ units: 4n, value: 40n }], [{ units: 2n, cost: 5n }])).to.equal(70n);
    // value equal to cost adds nothing; empty sides give 0
    expect(bestSurplus([{ units: 3n, value: 7n }], [{ units: 3n, cost: 7n }])).to.equal(0n);
    expect(bestSurplus([], [{ units: 3n, cost: 1n }])).to.equal(0n);
    expect(bestSurplus([{ units: 3n, value: 9n }], [])).to.equal(0n);
    expect(bestSurplus([{ units: 0n, value: 9n }], [{ units: 0n, cost: 1n }])).to.equal(0n);
  });

  it("the tally's cumulative ratios are sums over epochs, not means of ratios", function () {
    const t = new ResourceTally();
    expect(Number.isNaN(t.utilisationCum)).to.equal(true);
    t.add({ epoch: 2, price: 1n, requested: 10n, needed: 12n, sold: 8n, delivered: 8n, capacity: 10n, realisedSurplus: 50n, bestSurplus: 100n });
    t.add({ epoch: 3, price: 1n, requested: 30n, needed: 30n, sold: 30n, delivered: 27n, capacity: 30n, realisedSurplus: 300n, bestSurplus: 300n });
    expect(t.utilisationCum).to.equal(35 / 40);
    expect(t.efficiencyCum).to.equal(350 / 400);
    expect(ratio(1n, 3n)).to.equal(0.333333333);
  });

  it("encodes each agent op to the market (approve to the token) and the keeper's calls", function () {
    const iface = new Interface(ResourceMarket__factory.abi);
    const market = "0x" + "11".repeat(20);
    const token = "0x" + "22".repeat(20);
    const approve = encodeResourceOp(market, token, { op: "approve" });
    expect(approve.to).to.equal(token);
    expect(new Interface(["function approve(address,uint256)"]).decodeFunctionData("approve", approve.data).map(String)).to.deep.equal([market, MaxUint256.toString()]);
    const reg = encodeResourceOp(market, token, { op: "register", capacity: 10n, askPrice: 8n * M, bond: 100n * M });
    expect(reg.to).to.equal(market);
    expect(iface.parseTransaction({ data: reg.data })?.name).to.equal("register");
    expect(iface.decodeFunctionData("register", reg.data).map((x) => BigInt(x))).to.deep.equal([10n, 8n * M, 100n * M]);
    const names = (["setOffer", "exit", "withdrawBond", "request", "withdrawEarnings"] as const).map((op) => {
      const o = op === "setOffer" ? { op, capacity: 1n, askPrice: 1n } : op === "request" ? { op, units: 1n, maxPrice: 1n } : { op };
      return iface.parseTransaction({ data: encodeResourceOp(market, token, o).data })?.name;
    });
    expect(names).to.deep.equal(["setOffer", "requestExit", "withdrawBond", "request", "withdrawEarnings"]);
    const att = iface.decodeFunctionData("attestDelivery", resourceCalls.attest(market, token, 4, 7n).data);
    expect(att[3]).to.equal(deliveryEvidence(token, 4, 7n));
    // identical claims share the evidence (they add up to the quorum); a different count does not
    expect(deliveryEvidence(token, 4, 7n)).to.not.equal(deliveryEvidence(token, 4, 6n));
    expect(iface.parseTransaction({ data: resourceCalls.clear(market).data })?.name).to.equal("clear");
  });
});
