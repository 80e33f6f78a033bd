import { expect } from "chai";
import fc from "fast-check";
import { buyCost, sellRefund, spotPrice, tokensForReserve, isqrt } from "../../src/sim/fake/linearCurve";
import { FakeEconomy, parseEtherString } from "../../src/sim/fake/economy";
import { parseScenario, resolveScenario } from "../../src/sim/scenario";
import type { TxAction } from "../../src/agents/types";

const ETH = 10n ** 18n;
const curve = { slope: 10n ** 13n, intercept: 10n ** 15n };

describe("fake economy: linear curve math", () => {
  it("prices P(S) = b + m*S and integrates it exactly: 0 -> 1000 tokens costs b*1000 + m*1000^2/2", () => {
    expect(spotPrice(curve, 1000n * ETH)).to.equal(10n ** 15n + 10n ** 16n);
    // 0.001 * 1000 + 0.00001 * 1000^2 / 2 = 1 + 5 = 6 ether
    expect(buyCost(curve, 0n, 1000n * ETH)).to.equal(6n * ETH);
    expect(sellRefund(curve, 0n, 1000n * ETH)).to.equal(6n * ETH);
  });

  it("integer square root is exact", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), (n) => {
      const r = isqrt(n);
      return r * r <= n && (r + 1n) * (r + 1n) > n;
    }), { numRuns: 300 });
  });

  it("gives the largest token amount a reserve pays for", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 1n, max: 10n ** 22n }), (s0, r) => {
      const t = tokensForReserve(curve, s0, r);
      return buyCost(curve, s0, s0 + t) <= r && buyCost(curve, s0, s0 + t + 1n) > r;
    }), { numRuns: 300 });
  });

  it("never returns more on a buy-then-sell round trip than was paid", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.bigInt({ min: 1n, max: 10n ** 22n }), (s0, r) => {
      const t = tokensForReserve(curve, s0, r);
      return sellRefund(curve, s0, s0 + t) <= r;
    }), { numRuns: 300 });
  });
});

async function economy(over: object = {}) {
  const s = resolveScenario(parseScenario({ population: [{ family: "noise", count: 2 }], genesis: { buyEth: 100 }, ...over }));
  const e = new FakeEconomy();
  const [a, b] = await e.setup(s, [
    { index: 0, family: "noise", fundingWei: 100n * ETH, roles: [] },
    { index: 1, family: "noise", fundingWei: 100n * ETH, roles: ["slasher"] },
  ]);
  return { e, a: a.address, b: b.address, s };
}
const buy = (reserveIn: bigint, minOut = 0n, priorityFee = 1n): TxAction => ({ kind: "buy", reserveIn, minOut, priorityFee });

describe("fake economy: transactions and reverts", () => {
  it("parses ether strings exactly", () => {
    expect(parseEtherString("1.5")).to.equal(15n * 10n ** 17n);
    expect(parseEtherString("0.000000000000000001")).to.equal(1n);
  });

  it("mines the pool in priority-fee order and reports custom errors by name", async () => {
    const { e, a, b } = await economy();
    await e.submit({ from: a, nonce: 0, action: buy(ETH, 0n, 1n) });
    await e.submit({ from: b, nonce: 0, action: buy(ETH, 10n ** 30n, 5n) });
    await e.submit({ from: a, nonce: 1, action: { kind: "sell", tokens: 10n ** 30n, minOut: 0n, priorityFee: 1n } });
    const blk = await e.mine(1_800_000_000);
    expect(blk.outcomes.map((o) => [o.from, o.ok, o.error ?? ""])).to.deep.equal([
      [b, false, "SlippageExceeded"],
      [a, true, ""],
      [a, false, "InsufficientBalance"],
    ]);
    expect(blk.flows.buyVolume).to.equal(ETH);
  });

  it("refuses a transaction with a wrong nonce without consuming one", async () => {
    const { e, a } = await economy();
    expect(await e.submit({ from: a, nonce: 1, action: buy(ETH) })).to.deep.include({ accepted: false });
    expect(await e.submit({ from: a, nonce: 0, action: buy(ETH) })).to.deep.equal({ accepted: true });
  });

  it("trips the circuit breaker on a large move and then halts trading with TradingHalted", async () => {
    const { e, a, b } = await economy({ protections: { breakerThresholdBps: 500 } });
    await e.submit({ from: a, nonce: 0, action: buy(90n * ETH) });
    await e.submit({ from: b, nonce: 0, action: buy(ETH) });
    const blk = await e.mine(1_800_000_000);
    expect(blk.flows.breakerTrips).to.equal(1);
    expect(blk.outcomes[1].error).to.equal("TradingHalted");
    expect((await e.observe(1, 1_800_000_012)).halted).to.equal(true);
  });

  it("splits fees into stakers, the three funds and burn by the scenario's basis points", async () => {
    const { e, a } = await economy({ fees: { buyBps: 1000, sellBps: 0, referrerShareBps: 0 } });
    await e.submit({ from: a, nonce: 0, action: buy(10n * ETH) });
    await e.mine(1_800_000_000);
    const o = await e.observe(1, 1_800_000_012);
    // fee 1 ether; no stakers yet, so their 40% goes to development: 15% / 15% / 20% + 40%
    expect(o.treasury).to.deep.equal({ welfare: 15n * 10n ** 16n, solidarity: 15n * 10n ** 16n, development: 6n * 10n ** 17n });
  });

  it("counts votes staked by the snapshot and refuses a stake made while voting is open (no flash votes)", async () => {
    const { e, a, b } = await economy({ governance: { votingDelayBlocks: 1 } });
    await e.submit({ from: a, nonce: 0, action: buy(10n * ETH) });
    await e.submit({ from: b, nonce: 0, action: buy(10n * ETH) });
    await e.mine(1_800_000_000); // block 1
    const [acc, bcc] = await e.accounts([a, b]);
    await e.submit({ from: a, nonce: 1, action: { kind: "stake", amount: acc.tokens, tier: 0, priorityFee: 1n } });
    await e.mine(1_800_000_012); // block 2: a stakes
    await e.submit({ from: a, nonce: 2, action: { kind: "propose", spec: { kind: "setFees", buyFeeBps: 50, sellFeeBps: 50 }, description: "", priorityFee: 1n } });
    await e.mine(1_800_000_024); // block 3: proposal, snapshot = block 4
    const o = await e.observe(3, 1_800_000_036);
    expect(o.proposals[0]).to.deep.include({ state: "Pending", snapshotBlock: 4 });
    await e.mine(1_800_000_036); // block 4 = snapshot
    // block 5: voting is open; b stakes and votes in the same block
    await e.submit({ from: b, nonce: 1, action: { kind: "stake", amount: bcc.tokens, tier: 0, priorityFee: 9n } });
    await e.submit({ from: b, nonce: 2, action: { kind: "vote", proposalId: "p1", support: 0, reason: "", priorityFee: 9n } });
    await e.submit({ from: a, nonce: 3, action: { kind: "vote", proposalId: "p1", support: 1, reason: "", priorityFee: 1n } });
    const blk = await e.mine(1_800_000_048);
    expect(blk.outcomes.map((x) => `${x.action.kind}:${x.error ?? "ok"}`)).to.deep.equal(["stake:ok", "vote:NoVotingPower", "vote:ok"]);
    const after = await e.observe(5, 1_800_000_060);
    expect(after.proposals[0].forVotes).to.equal(acc.tokens);
    expect(after.proposals[0].againstVotes).to.equal(0n);
  });

  it("executes an undisputed slash after the window and cuts the stake by its severity", async () => {
    const { e, a, b } = await economy({ staking: { disputeWindowBlocks: 2 } });
    await e.submit({ from: a, nonce: 0, action: buy(10n * ETH) });
    await e.mine(1_800_000_000);
    const [acc] = await e.accounts([a]);
    await e.submit({ from: a, nonce: 1, action: { kind: "stake", amount: acc.tokens, tier: 0, priorityFee: 1n } });
    await e.mine(1_800_000_012);
    await e.submit({ from: b, nonce: 0, action: { kind: "proposeSlash", target: a, severityBps: 1000, evidence: "x", priorityFee: 1n } });
    await e.submit({ from: a, nonce: 2, action: { kind: "proposeSlash", target: b, severityBps: 1000, evidence: "x", priorityFee: 1n } });
    const blk = await e.mine(1_800_000_024);
    expect(blk.outcomes.map((o) => o.error ?? "ok")).to.deep.equal(["ok", "MissingRole"]);
    let slashes = 0;
    for (let i = 0; i < 3; i++) slashes += (await e.mine(1_800_000_036 + 12 * i)).flows.slashesExecuted;
    expect(slashes).to.equal(1);
    const [after] = await e.accounts([a]);
    // ceil(held x severity), on the stake held when the case was proposed (as Slashing does)
    expect(after.stakes[0].amount).to.equal(acc.tokens - (acc.tokens * 1000n + 9_999n) / 10_000n);
  });

  it("turns a disputed slash into a governance proposal instead of executing it", async () => {
    const { e, a, b } = await economy({ staking: { disputeWindowBlocks: 2 } });
    await e.submit({ from: a, nonce: 0, action: buy(10n * ETH) });
    await e.mine(1_800_000_000);
    const [acc] = await e.accounts([a]);
    await e.submit({ from: a, nonce: 1, action: { kind: "stake", amount: acc.tokens, tier: 0, priorityFee: 1n } });
    await e.mine(1_800_000_012);
    await e.submit({ from: b, nonce: 0, action: { kind: "proposeSlash", target: a, severityBps: 1000, evidence: "x", priorityFee: 1n } });
    await e.mine(1_800_000_024);
    await e.submit({ from: b, nonce: 1, action: { kind: "dispute", slashId: "s1", priorityFee: 1n } });
    await e.submit({ from: a, nonce: 2, action: { kind: "dispute", slashId: "s1", priorityFee: 1n } });
    const blk = await e.mine(1_800_000_036);
    expect(blk.outcomes.map((o) => o.error ?? "ok")).to.deep.equal(["NotSlashTarget", "ok"]);
    const o = await e.observe(4, 1_800_000_048);
    expect(o.proposals.map((p) => p.spec.kind)).to.deep.equal(["resolveSlash"]);
    for (let i = 0; i < 3; i++) expect((await e.mine(1_800_000_048 + 12 * i)).flows.slashesExecuted).to.equal(0);
  });
});
