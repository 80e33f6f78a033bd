import { expect } from "chai";
import type { Action, BuyAction, ProposalView, SellAction } from "../../src/agents/types";
import { Rng } from "../../src/sim/prng";
import { noiseDefaults, noisePolicy } from "../../src/agents/policies/noise";
import { valueDefaults, valuePolicy } from "../../src/agents/policies/value";
import { momentumDefaults, momentumPolicy } from "../../src/agents/policies/momentum";
import { meanReversionDefaults, meanReversionPolicy } from "../../src/agents/policies/meanReversion";
import { stakerDefaults, stakerPolicy } from "../../src/agents/policies/staker";
import { voterDefaults, voterPolicy } from "../../src/agents/policies/voter";
import { partnerOf, referrerDefaults, referrerPolicy } from "../../src/agents/policies/referrer";
import { sandwichDefaults, sandwichPolicy } from "../../src/agents/policies/sandwich";
import { whaleDefaults, whalePolicy, type WhaleMemory } from "../../src/agents/policies/whale";
import { govAttackerDefaults, govAttackerPolicy } from "../../src/agents/policies/govAttacker";
import { cartelDefaults, cartelPolicy } from "../../src/agents/policies/cartel";
import { grieferDefaults, grieferPolicy } from "../../src/agents/policies/griefer";
import { oracleDefaults, oraclePolicy } from "../../src/agents/policies/oracle";
import { chooseTier, hasStakeSlot, MAX_STAKES_PER_ACCOUNT, tokensAtSpot } from "../../src/agents/policies/common";
import { ETH, OTHER, SELF, account, history, obs, state } from "./helpers";

const rng = () => Rng.derive(1, 0);
const kinds = (as: readonly Action[]) => as.map((a) => a.kind);

describe("policy: noise trader", () => {
  it("is deterministic for the same stream and trades within its size bounds", () => {
    const st = state({ account: account({ reserve: 100n * ETH, tokens: 1000n * ETH }) });
    const p = { ...noiseDefaults, tradeProbability: 1 };
    const a = noisePolicy(obs(), st, Rng.derive(7, 3), p);
    const b = noisePolicy(obs(), st, Rng.derive(7, 3), p);
    expect(a).to.deep.equal(b);
    expect(a.actions).to.have.length(1);
    const act = a.actions[0] as BuyAction | SellAction;
    const amount = act.kind === "buy" ? act.reserveIn : act.tokens;
    const base = act.kind === "buy" ? 100n * ETH - ETH / 10n : 1000n * ETH;
    expect(amount * 100n >= base * 1n && amount * 10n <= base).to.equal(true);
  });

  it("does nothing while trading is halted", () => {
    const d = noisePolicy(obs({ halted: true }), state(), rng(), { ...noiseDefaults, tradeProbability: 1 });
    expect(d.actions).to.deep.equal([]);
  });
});

describe("policy: value trader", () => {
  const p = { ...valueDefaults, fairPrice: 0.01, fairJitter: 0, bandBps: 500 };
  it("buys when the price is below its fair value by more than the band", () => {
    const d = valuePolicy(obs({ spotPrice: ETH / 200n }), state(), rng(), p);
    expect(kinds(d.actions)).to.deep.equal(["buy"]);
  });
  it("sells when the price is above its fair value by more than the band", () => {
    const d = valuePolicy(obs({ spotPrice: ETH / 50n }), state({ account: account({ tokens: 100n * ETH }) }), rng(), p);
    expect(kinds(d.actions)).to.deep.equal(["sell"]);
  });
  it("holds inside the band and keeps its drawn belief", () => {
    const d = valuePolicy(obs({ spotPrice: ETH / 100n }), state(), rng(), p);
    expect(d.actions).to.deep.equal([]);
    expect(d.memory.fair).to.equal(0.01);
  });
});

describe("policy: momentum", () => {
  const st = state({ account: account({ tokens: 100n * ETH }) });
  it("buys after a rise above the threshold over the lookback", () => {
    const d = momentumPolicy(obs({ priceHistory: history(1, 1, 1, 1, 1, 1.05) }), st, rng(), momentumDefaults);
    expect(kinds(d.actions)).to.deep.equal(["buy"]);
  });
  it("sells after a fall below minus the threshold", () => {
    const d = momentumPolicy(obs({ priceHistory: history(1, 1, 1, 1, 1, 0.95) }), st, rng(), momentumDefaults);
    expect(kinds(d.actions)).to.deep.equal(["sell"]);
  });
  it("does nothing on a flat price or a history shorter than its lookback", () => {
    expect(momentumPolicy(obs({ priceHistory: history(1, 1, 1, 1, 1, 1.01) }), st, rng(), momentumDefaults).actions).to.deep.equal([]);
    expect(momentumPolicy(obs({ priceHistory: history(1, 2) }), st, rng(), momentumDefaults).actions).to.deep.equal([]);
  });
});

describe("policy: mean reversion", () => {
  const p = { ...meanReversionDefaults, window: 5, zEntry: 1.5 };
  const st = state({ account: account({ tokens: 100n * ETH }) });
  it("buys when the price is far below its moving average", () => {
    const prices = history(1, 1.02, 0.98, 1.01, 0.8);
    const d = meanReversionPolicy(obs({ spotPrice: prices[4], priceHistory: prices }), st, rng(), p);
    expect(kinds(d.actions)).to.deep.equal(["buy"]);
  });
  it("sells when the price is far above it", () => {
    const prices = history(1, 1.02, 0.98, 1.01, 1.2);
    const d = meanReversionPolicy(obs({ spotPrice: prices[4], priceHistory: prices }), st, rng(), p);
    expect(kinds(d.actions)).to.deep.equal(["sell"]);
  });
});

describe("policy: passive staker", () => {
  it("picks the lock tier its patience selects", () => {
    const tiers = [
      { id: 0, lockSeconds: 0, multiplierBps: 10_000 },
      { id: 1, lockSeconds: 100, multiplierBps: 12_000 },
      { id: 2, lockSeconds: 1000, multiplierBps: 20_000 },
    ];
    expect(chooseTier(tiers, 0)).to.equal(0);
    expect(chooseTier(tiers, 0.5)).to.equal(1);
    expect(chooseTier(tiers, 1)).to.equal(2);
  });

  it("buys when it holds nothing, then stakes its tokens", () => {
    expect(kinds(stakerPolicy(obs(), state(), rng(), stakerDefaults).actions)).to.deep.equal(["buy"]);
    const d = stakerPolicy(obs(), state({ account: account({ tokens: 100n * ETH }) }), rng(), stakerDefaults);
    expect(d.actions).to.have.length(1);
    expect(d.actions[0]).to.include({ kind: "stake", amount: 80n * ETH });
  });

  it("stakes a purchase once: the liquid remainder is not restaked every step", () => {
    const stake = { id: 0, amount: 80n * ETH, tier: 1, unlockAt: 10_000, unbonding: false, withdrawableAt: 0, sinceBlock: 0 };
    const d = stakerPolicy(obs(), state({ account: account({ tokens: 20n * ETH, stakes: [stake] }) }), rng(), stakerDefaults);
    expect(kinds(d.actions)).to.not.include("stake");
    expect(kinds(d.actions)).to.not.include("buy");
  });

  it("never opens more positions than the contract's MAX_STAKES_PER_ACCOUNT", () => {
    const full = Array.from({ length: MAX_STAKES_PER_ACCOUNT }, (_, id) => ({ id, amount: 0n, tier: 0, unlockAt: 10_000, unbonding: true, withdrawableAt: 10_000, sinceBlock: 0 }));
    const d = stakerPolicy(obs(), state({ account: account({ tokens: 100n * ETH, stakes: full }) }), rng(), stakerDefaults);
    expect(kinds(d.actions)).to.not.include("stake");
    expect(hasStakeSlot(account({ stakes: full.slice(1) }))).to.equal(true);
    expect(hasStakeSlot(account({ stakes: full }))).to.equal(false);
  });

  it("unbonds an expired lock (when not restaking), withdraws after unbonding and disputes a slash against it", () => {
    const stakes = [
      { id: 1, amount: ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 },
      { id: 2, amount: ETH, tier: 0, unlockAt: 0, unbonding: true, withdrawableAt: 5, sinceBlock: 0 },
    ];
    const o = obs({ slashes: [{ id: "s1", target: SELF, severityBps: 100, disputed: false, disputeDeadlineStep: 99 }] });
    const d = stakerPolicy(o, state({ account: account({ stakes }) }), rng(), { ...stakerDefaults, restake: false });
    expect(kinds(d.actions)).to.deep.equal(["unbond", "withdraw", "dispute"]);
  });
});

function proposal(over: Partial<ProposalView>): ProposalView {
  return { id: "p1", proposer: OTHER, spec: { kind: "setFees", buyFeeBps: 100, sellFeeBps: 100 }, state: "Active", snapshotBlock: 5, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [], ...over };
}

describe("policy: simple voter", () => {
  const staked = account({ stakes: [{ id: 0, amount: ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 }] });
  it("votes against a grant to the proposer itself", () => {
    const o = obs({ treasury: { welfare: 100n * ETH, solidarity: 0n, development: 0n }, proposals: [proposal({ spec: { kind: "grant", fund: "welfare", recipient: OTHER, amount: ETH } })] });
    const d = voterPolicy(o, state({ account: staked }), rng(), { ...voterDefaults, forProbability: 1 });
    expect(d.actions[0]).to.include({ kind: "vote", proposalId: "p1", support: 0 });
  });
  it("votes for a reasonable fee change when its coin says so, and never twice", () => {
    const d = voterPolicy(obs({ proposals: [proposal({})] }), state({ account: staked }), rng(), { ...voterDefaults, forProbability: 1 });
    expect(d.actions[0]).to.include({ kind: "vote", support: 1 });
    const again = voterPolicy(obs({ proposals: [proposal({ voters: [SELF] })] }), state({ account: staked }), rng(), voterDefaults);
    expect(again.actions).to.deep.equal([]);
  });
  it("does not vote with a stake made after the proposal's snapshot", () => {
    const late = account({ stakes: [{ id: 0, amount: ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 9 }] });
    const d = voterPolicy(obs({ proposals: [proposal({ snapshotBlock: 5 })] }), state({ account: late }), rng(), voterDefaults);
    expect(kinds(d.actions)).to.not.include("vote");
  });
  it("does not vote without a stake", () => {
    const d = voterPolicy(obs({ proposals: [proposal({})] }), state(), rng(), voterDefaults);
    expect(kinds(d.actions)).to.not.include("vote");
  });
});

describe("policy: referrer", () => {
  it("names the next member of its group as referrer (ring)", () => {
    expect(partnerOf("a", ["a", "b", "c"])).to.equal("b");
    expect(partnerOf("c", ["a", "b", "c"])).to.equal("a");
    expect(partnerOf("a", ["a"])).to.equal(undefined);
    const d = referrerPolicy(obs(), state({ group: [SELF, OTHER] }), rng(), { ...referrerDefaults, tradeProbability: 1, sellProbability: 0 });
    expect(d.actions[0]).to.include({ kind: "buy", referrer: OTHER });
  });
});

describe("policy: sandwich attacker", () => {
  const victim = (reserveIn: bigint, fee: bigint) => ({ from: OTHER, nonce: 0, action: { kind: "buy" as const, reserveIn, minOut: 0n, priorityFee: fee } });
  it("brackets the largest pending buy: a buy with a higher fee before and a sell with a lower fee after", () => {
    const pending = [victim(2n * ETH, 5_000_000_000n), victim(10n * ETH, 3_000_000_000n), victim(ETH, 9_000_000_000n)];
    const d = sandwichPolicy(obs({ pending }), state({ account: account({ reserve: 100n * ETH }) }), rng(), sandwichDefaults);
    expect(kinds(d.actions)).to.deep.equal(["buy", "sell"]);
    const [front, back] = d.actions as [BuyAction, SellAction];
    expect(front.reserveIn).to.equal(10n * ETH);
    expect(front.priorityFee > 3_000_000_000n).to.equal(true);
    expect(back.priorityFee < 3_000_000_000n).to.equal(true);
    // sells back no more than the spot-price estimate of what the front-run buys
    expect(back.tokens <= tokensAtSpot(obs(), 10n * ETH)).to.equal(true);
    expect(d.memory.attacks).to.equal(1);
  });
  it("ignores its own and small transactions and an empty pool", () => {
    const own = { ...victim(50n * ETH, 1n), from: SELF };
    expect(sandwichPolicy(obs({ pending: [own, victim(ETH / 10n, 1n)] }), state(), rng(), sandwichDefaults).actions).to.deep.equal([]);
    expect(sandwichPolicy(obs(), state(), rng(), sandwichDefaults).actions).to.deep.equal([]);
  });
});

describe("policy: pump-and-dump whale", () => {
  const p = { ...whaleDefaults, startStep: 0, pumpSteps: 3, dumpSteps: 2, targetGain: 10, cycles: 1 };
  it("buys while pumping, then dumps its whole position over the dump steps, then stops", () => {
    let mem: WhaleMemory = {};
    const seen: string[] = [];
    let tokens = 0n;
    for (let step = 0; step < 12; step++) {
      const d = whalePolicy(obs({ step }), state({ account: account({ reserve: 1000n * ETH, tokens }) }, mem), rng(), p);
      mem = d.memory;
      for (const a of d.actions) {
        seen.push(`${step}:${a.kind}`);
        if (a.kind === "buy") tokens += 100n * ETH;
        if (a.kind === "sell") tokens -= a.tokens;
      }
    }
    expect(seen).to.deep.equal(["0:buy", "1:buy", "2:buy", "3:sell", "4:sell"]);
    expect(tokens).to.equal(0n);
    expect(mem.phase).to.equal("rest");
  });
});

describe("policy: governance attacker", () => {
  it("acquires, stakes, proposes a grant of the fund to itself, votes for it, queues and executes it", () => {
    const p = { ...govAttackerDefaults, startStep: 0, acquireSteps: 1 };
    const staked = [{ id: 0, amount: 500n * ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 }];
    const treasury = { welfare: 40n * ETH, solidarity: 0n, development: 0n };
    const d0 = govAttackerPolicy(obs({ step: 0 }), state({ account: account({ reserve: 1000n * ETH }) }), rng(), p);
    expect(kinds(d0.actions)).to.deep.equal(["buy"]);
    const d1 = govAttackerPolicy(obs({ step: 1 }), state({ account: account({ tokens: 500n * ETH }) }, d0.memory), rng(), p);
    expect(d1.actions[0]).to.include({ kind: "stake", amount: 500n * ETH });
    const d2 = govAttackerPolicy(obs({ step: 2, treasury }), state({ account: account({ stakes: staked }) }, d1.memory), rng(), p);
    expect(d2.actions[0]).to.deep.include({ kind: "propose", spec: { kind: "grant", fund: "welfare", recipient: SELF, amount: 40n * ETH } });
    const mine = (st: ProposalView["state"], voters: string[] = []) =>
      proposal({ proposer: SELF, state: st, voters, spec: { kind: "grant", fund: "welfare", recipient: SELF, amount: 40n * ETH } });
    const s = state({ account: account({ stakes: staked }) }, d2.memory);
    expect(govAttackerPolicy(obs({ proposals: [mine("Active")] }), s, rng(), p).actions[0]).to.include({ kind: "vote", support: 1 });
    expect(govAttackerPolicy(obs({ proposals: [mine("Succeeded", [SELF])] }), s, rng(), p).actions[0]).to.include({ kind: "queue" });
    expect(govAttackerPolicy(obs({ proposals: [mine("Queued", [SELF])] }), s, rng(), p).actions[0]).to.include({ kind: "execute" });
  });
});

describe("policy: colluding cartel", () => {
  const members = [SELF, OTHER];
  const staked = account({ stakes: [{ id: 0, amount: ETH, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 }] });
  it("buys together at the start of a period and sells together after the hold", () => {
    const p = { ...cartelDefaults, period: 10, holdSteps: 4 };
    expect(kinds(cartelPolicy(obs({ step: 20 }), state({ group: members }), rng(), p).actions)).to.deep.equal(["buy"]);
    expect(kinds(cartelPolicy(obs({ step: 24 }), state({ group: members, account: account({ tokens: ETH }) }), rng(), p).actions)).to.deep.equal(["sell"]);
  });
  it("votes for members' proposals and against outsiders'", () => {
    const o = obs({ step: 5, proposals: [proposal({ id: "in", proposer: OTHER }), proposal({ id: "out", proposer: "0x00000000000000000000000000000000000000cc" })] });
    const d = cartelPolicy(o, state({ group: members, account: staked }), rng(), cartelDefaults);
    expect(d.actions.map((a) => (a.kind === "vote" ? `${a.proposalId}:${a.support}` : a.kind))).to.deep.equal(["in:1", "out:0"]);
  });
});

describe("policy: slashing griefer", () => {
  const o = obs({ staking: { totalStaked: ETH, totalWeight: ETH, tiers: [], stakers: [SELF, OTHER] } });
  it("proposes a slash of another staker only when it holds the slasher role", () => {
    const p = { ...grieferDefaults, slashProbability: 1 };
    expect(grieferPolicy(o, state({ account: account({ roles: ["slasher"] }) }), rng(), p).actions[0]).to.include({ kind: "proposeSlash", target: OTHER, severityBps: 1000 });
    expect(grieferPolicy(o, state(), rng(), p).actions).to.deep.equal([]);
  });
  it("disputes slashes against itself while the window is open", () => {
    const withSlash = obs({ step: 3, slashes: [{ id: "s9", target: SELF, severityBps: 10, disputed: false, disputeDeadlineStep: 5 }] });
    expect(grieferPolicy(withSlash, state(), rng(), grieferDefaults).actions).to.deep.include({ kind: "dispute", slashId: "s9", priorityFee: 1_000_000_000n });
  });
});

describe("policy: contribution oracle", () => {
  it("attests every recent voter once per epoch, only with the oracle role", () => {
    const o = obs({ step: 20, epoch: 2, recentVoters: [OTHER, SELF] });
    const d = oraclePolicy(o, state({ account: account({ roles: ["oracle"] }) }), rng(), oracleDefaults);
    expect(d.actions.map((a) => (a.kind === "attest" ? a.account : ""))).to.deep.equal([OTHER, SELF]);
    expect(oraclePolicy(o, state({ account: account({ roles: ["oracle"] }) }, d.memory), rng(), oracleDefaults).actions).to.deep.equal([]);
    expect(oraclePolicy(o, state(), rng(), oracleDefaults).actions).to.deep.equal([]);
  });
});
