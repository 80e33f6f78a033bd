import { expect } from "chai";
import fc from "fast-check";
import { bindPolicy, familyNames, familyInfo } from "../../src/agents/registry";
import type { Action, Memory } from "../../src/agents/types";
import { Rng } from "../../src/sim/prng";
import { ETH, OTHER, SELF, account, obs, state } from "./helpers";

const GWEI = 10n ** 9n;

/** A problem with an action, or undefined if it respects the agent's means. */
function violation(a: Action, reserve: bigint, tokens: bigint, family: string): string | undefined {
  if (a.kind === "noop") return undefined;
  if (a.priorityFee < 0n || a.priorityFee > 1000n * GWEI) return `tip ${a.priorityFee}`;
  switch (a.kind) {
    case "buy":
      if (a.reserveIn <= 0n || a.reserveIn > reserve) return `buy ${a.reserveIn} with reserve ${reserve}`;
      if (a.minOut < 0n) return "negative minOut";
      return undefined;
    case "sell":
      // the sandwich's back-run sells what its front-run buys in the same block
      if (a.tokens <= 0n || (family !== "sandwich" && a.tokens > tokens)) return `sell ${a.tokens} with ${tokens}`;
      return a.minOut < 0n ? "negative minOut" : undefined;
    case "stake":
      return a.amount <= 0n || a.amount > tokens ? `stake ${a.amount} with ${tokens}` : undefined;
    default:
      return undefined;
  }
}

describe("policies: properties over random markets", () => {
  for (const family of familyNames()) {
    it(`${family}: never spends more than it holds, never sends a negative amount, and is deterministic`, () => {
      const policy = bindPolicy(family, undefined);
      fc.assert(
        fc.property(
          fc.record({
            seed: fc.nat({ max: 1_000_000 }),
            step: fc.nat({ max: 500 }),
            priceMilli: fc.integer({ min: 1, max: 100_000 }),
            reserveEth: fc.integer({ min: 0, max: 1000 }),
            tokens: fc.integer({ min: 0, max: 100_000 }),
            halted: fc.boolean(),
            history: fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 40 }),
            pendingBuyEth: fc.integer({ min: 0, max: 100 }),
            roles: fc.boolean(),
          }),
          (r) => {
            const price = (BigInt(r.priceMilli) * ETH) / 1000n;
            const o = obs({
              step: r.step,
              spotPrice: price,
              halted: r.halted,
              priceHistory: [...r.history.map((h) => (BigInt(h) * ETH) / 1000n), price],
              pending: r.pendingBuyEth > 0 ? [{ from: OTHER, nonce: 0, action: { kind: "buy", reserveIn: BigInt(r.pendingBuyEth) * ETH, minOut: 0n, priorityFee: 2n * GWEI } }] : [],
              staking: { totalStaked: ETH, totalWeight: ETH, tiers: obs().staking.tiers, stakers: [SELF, OTHER] },
              recentVoters: [OTHER],
            });
            const acct = account({ reserve: BigInt(r.reserveEth) * ETH, tokens: BigInt(r.tokens) * ETH, roles: r.roles ? ["slasher", "oracle"] : [] });
            const st = state<Memory>({ account: acct, group: [SELF, OTHER] });
            const d1 = policy.decide(o, st, Rng.derive(r.seed, 0));
            const d2 = policy.decide(o, st, Rng.derive(r.seed, 0));
            expect(d1).to.deep.equal(d2);
            const bad = d1.actions.map((a) => violation(a, acct.reserve, acct.tokens, family)).filter((v) => v !== undefined);
            expect(bad, family).to.deep.equal([]);
            // the total spent on buys in one block stays within the balance too
            const spent = d1.actions.reduce((s, a) => s + (a.kind === "buy" ? a.reserveIn : 0n), 0n);
            expect(spent <= acct.reserve).to.equal(true);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("marks exactly the six adversary families (the contribution farmer included) as adversarial and only the sandwich as a pool reader", () => {
    const adv = familyNames().filter((f) => familyInfo(f).adversarial);
    expect(adv).to.deep.equal(["sandwich", "whale", "govAttacker", "cartel", "griefer", "contributionFarmer"]);
    expect(familyNames().filter((f) => familyInfo(f).readsPool)).to.deep.equal(["sandwich"]);
  });
});
