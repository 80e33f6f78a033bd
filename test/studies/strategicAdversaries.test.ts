import { expect } from "chai";
import { Rng } from "../../src/sim/prng";
import type { Action, ProposalView, StakePosition } from "../../src/agents/types";
import { adaptPlan, govAttackerDefaults, govAttackerPolicy, type GovAttackerMemory } from "../../src/agents/policies/govAttacker";
import { adaptCartel, cartelDefaults, cartelPolicy, type CartelMemory } from "../../src/agents/policies/cartel";
import { ETH, OTHER, SELF, account, obs, state } from "../sim/helpers";

const rng = () => Rng.derive(1, 0);
const kinds = (as: readonly Action[]) => as.map((a) => a.kind);
const stake = (amount: bigint, id = 0): StakePosition => ({ id, amount, tier: 0, unlockAt: 0, unbonding: false, withdrawableAt: 0, sinceBlock: 0 });
function proposal(over: Partial<ProposalView>): ProposalView {
  return { id: "p1", proposer: OTHER, spec: { kind: "setFees", buyFeeBps: 100, sellFeeBps: 100 }, state: "Active", snapshotBlock: 5, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [], ...over };
}

describe("strategic governance attacker (adaptive)", () => {
  it("rules: defeated -> half the ask, twice the stake; propose reverted -> twice the stake; executed -> same again", () => {
    expect(adaptPlan({ acquireEth: 100, drainShare: 1 }, "defeated")).to.deep.equal({ acquireEth: 200, drainShare: 0.5 });
    expect(adaptPlan({ acquireEth: 100, drainShare: 1 }, "proposeReverted")).to.deep.equal({ acquireEth: 200, drainShare: 1 });
    expect(adaptPlan({ acquireEth: 100, drainShare: 0.5 }, "executed")).to.deep.equal({ acquireEth: 100, drainShare: 0.5 });
  });

  const p = { ...govAttackerDefaults, startStep: 0, acquireSteps: 2, acquireEth: 10, adaptive: true, retryDelay: 3, maxAttempts: 2 };
  const treasury = { welfare: 40n * ETH, solidarity: 0n, development: 0n };
  const drain = (id: string, st: ProposalView["state"], amount: bigint) => proposal({ id, proposer: SELF, state: st, voters: [SELF], spec: { kind: "grant", fund: "welfare", recipient: SELF, amount } });
  const staked = account({ reserve: 1000n * ETH, stakes: [stake(500n * ETH)] });

  it("after a defeat, waits, buys twice as much, stakes, and asks for half; gives up after maxAttempts", () => {
    // attempt 1 proposed: the memory a first proposal leaves
    let mem: GovAttackerMemory = { phase: "push", since: 3, attempts: 1, acquireEth: 10, drainShare: 1, settled: [] };
    let d = govAttackerPolicy(obs({ step: 30, treasury, proposals: [drain("a", "Defeated", 40n * ETH)] }), state<GovAttackerMemory>({ account: staked }, mem), rng(), p);
    expect(d.memory).to.deep.include({ phase: "retry", acquireEth: 20, drainShare: 0.5, lastLesson: "defeated" });
    expect(d.memory.settled).to.deep.equal(["a"]);
    mem = d.memory;
    // before the retry delay: nothing
    expect(govAttackerPolicy(obs({ step: 31, treasury }), state<GovAttackerMemory>({ account: staked }, mem), rng(), p).actions).to.deep.equal([]);
    // after it: buys 20 ETH over 2 steps, i.e. 10 per step (was 5)
    d = govAttackerPolicy(obs({ step: 33, treasury, proposals: [drain("a", "Defeated", 40n * ETH)] }), state<GovAttackerMemory>({ account: staked }, mem), rng(), p);
    expect(d.actions[0]).to.include({ kind: "buy", reserveIn: 10n * ETH });
    mem = { ...d.memory, phase: "propose" };
    // proposes half the fund, although its defeated proposal is still visible
    d = govAttackerPolicy(obs({ step: 36, treasury, proposals: [drain("a", "Defeated", 40n * ETH)] }), state<GovAttackerMemory>({ account: staked }, mem), rng(), p);
    expect(d.actions[0]).to.deep.include({ kind: "propose", spec: { kind: "grant", fund: "welfare", recipient: SELF, amount: 20n * ETH } });
    expect(d.memory.attempts).to.equal(2);
    // the second attempt fails too: maxAttempts reached, it stops
    d = govAttackerPolicy(obs({ step: 60, treasury, proposals: [drain("a", "Defeated", 40n * ETH), drain("b", "Defeated", 20n * ETH)] }), state<GovAttackerMemory>({ account: staked }, d.memory), rng(), p);
    expect(d.memory.phase).to.equal("done");
  });

  it("learns from a reverted proposal transaction: more stake, same ask", () => {
    const mem: GovAttackerMemory = { phase: "push", since: 3, attempts: 1, acquireEth: 10, drainShare: 1, settled: [] };
    const failed = { action: { kind: "propose" as const, spec: { kind: "grant" as const, fund: "welfare" as const, recipient: SELF, amount: ETH }, description: "", priorityFee: 0n }, ok: false, error: "GovernorInsufficientProposerVotes" };
    const d = govAttackerPolicy(obs({ step: 4, treasury }), state<GovAttackerMemory>({ account: staked, lastOutcomes: [failed] }, mem), rng(), p);
    expect(d.memory).to.deep.include({ phase: "retry", acquireEth: 20, drainShare: 1, lastLesson: "proposeReverted" });
  });

  it("with adaptive off keeps its memory to phase and since (the default behaviour is unchanged)", () => {
    const d = govAttackerPolicy(obs({ step: 0 }), state({ account: account({ reserve: 1000n * ETH }) }), rng(), { ...govAttackerDefaults, startStep: 0 });
    expect(Object.keys(d.memory).sort()).to.deep.equal(["phase", "since"]);
  });
});

describe("strategic cartel (adaptive)", () => {
  const p = { ...cartelDefaults, adaptive: true, period: 10, holdSteps: 3, buyEthPerMember: 4, maxLosses: 2 };
  const plan = { buyEth: 4, hold: 3, stakeFrac: 0.3, losses: 0, stopped: false };

  it("rules: a reverted buy halves the size; a losing trip doubles the hold and stops after maxLosses; a gain scales up to maxBuyEth; being outvoted stakes more", () => {
    expect(adaptCartel(plan, { kind: "buyReverted" }, p).buyEth).to.equal(2);
    const lost = adaptCartel(plan, { kind: "roundTrip", profitWei: -1n }, p);
    expect(lost).to.deep.include({ hold: 6, losses: 1, stopped: false });
    expect(adaptCartel(lost, { kind: "roundTrip", profitWei: -1n }, p)).to.deep.include({ hold: 8, losses: 2, stopped: true });
    expect(adaptCartel({ ...lost, buyEth: 30 }, { kind: "roundTrip", profitWei: 5n }, p)).to.deep.include({ buyEth: 40, losses: 0 });
    expect(adaptCartel({ ...plan, stakeFrac: 0.9 }, { kind: "outvoted" }, p).stakeFrac).to.equal(1);
  });

  const members = [SELF, OTHER];
  it("halves its next buy after a buy reverted (the breaker halted it)", () => {
    const failed = { action: { kind: "buy" as const, reserveIn: 4n * ETH, minOut: 0n, priorityFee: 0n }, ok: false, error: "TradingHalted" };
    const d = cartelPolicy(obs({ step: 11 }), state<CartelMemory>({ group: members, lastOutcomes: [failed] }), rng(), p);
    expect(d.memory.buyEth).to.equal(2);
    const next = cartelPolicy(obs({ step: 20 }), state<CartelMemory>({ group: members }, d.memory), rng(), p);
    expect(next.actions[0]).to.include({ kind: "buy", reserveIn: 2n * ETH });
  });

  it("judges a round trip by realisable wealth: a losing trip doubles the hold, two stop the pumping but not the bloc votes", () => {
    // started the trip with 10 ETH of realisable wealth, ends it with 9
    let d = cartelPolicy(obs({ step: 4 }), state<CartelMemory>({ group: members, account: account({ reserve: 9n * ETH }) }, { startWealth: 10n * ETH }), rng(), p);
    expect(d.memory).to.deep.include({ hold: 6, losses: 1, stopped: false, startWealth: -1n });
    d = cartelPolicy(obs({ step: 10 }), state<CartelMemory>({ group: members, account: account({ reserve: 9n * ETH }) }, d.memory), rng(), p);
    expect(kinds(d.actions)).to.deep.equal(["buy"]);
    // hold is now 6: no sell at phase 3, the sell comes at phase 6
    expect(kinds(cartelPolicy(obs({ step: 13 }), state<CartelMemory>({ group: members, account: account({ tokens: ETH }) }, d.memory), rng(), p).actions)).to.deep.equal([]);
    expect(kinds(cartelPolicy(obs({ step: 16 }), state<CartelMemory>({ group: members, account: account({ tokens: ETH }) }, d.memory), rng(), p).actions)).to.deep.equal(["sell"]);
    d = cartelPolicy(obs({ step: 17 }), state<CartelMemory>({ group: members, account: account({ reserve: 8n * ETH }) }, d.memory), rng(), p);
    expect(d.memory).to.deep.include({ losses: 2, stopped: true });
    const votes = cartelPolicy(obs({ step: 20, proposals: [proposal({ id: "x" })] }), state<CartelMemory>({ group: members, account: account({ stakes: [stake(ETH)] }) }, d.memory), rng(), p);
    expect(kinds(votes.actions)).to.deep.equal(["vote"]);
  });

  it("stakes more after a proposal it voted against passed", () => {
    const withStake = account({ tokens: 10n * ETH, stakes: [stake(3n * ETH)] });
    const outsider = "0x00000000000000000000000000000000000000cc";
    const d0 = cartelPolicy(obs({ step: 5, proposals: [proposal({ id: "q", proposer: outsider })] }), state<CartelMemory>({ group: members, account: withStake }), rng(), p);
    expect(d0.memory.opposed).to.deep.equal(["q"]);
    const d1 = cartelPolicy(obs({ step: 8, proposals: [proposal({ id: "q", proposer: outsider, state: "Succeeded", voters: [SELF] })] }), state<CartelMemory>({ group: members, account: withStake }, d0.memory), rng(), p);
    expect(d1.memory.stakeFrac).to.be.closeTo(0.55, 1e-12);
    expect(d1.memory.learned).to.deep.equal(["q"]);
    // at phase 1 it tops the stake up to 55% of its 13 tokens: 7.15 - 3 = 4.15 tokens
    const d2 = cartelPolicy(obs({ step: 11 }), state<CartelMemory>({ group: members, account: withStake }, d1.memory), rng(), p);
    expect(d2.actions[0]).to.include({ kind: "stake", amount: (415n * ETH) / 100n });
  });

  it("with adaptive off returns its memory unchanged (the default behaviour is unchanged)", () => {
    const d = cartelPolicy(obs({ step: 0 }), state<CartelMemory>({ group: members }), rng(), cartelDefaults);
    expect(d.memory).to.deep.equal({});
  });
});
