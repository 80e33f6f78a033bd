// An in-memory Economy over a linear bonding curve: the engine's test double. It keeps the chain's
// rules that matter to the engine: one block per mine(), priority-fee ordering with per-sender
// nonce order, explicit timestamps, reverts reported by custom error name, state read at the
// start of a step identical for every agent.
import type { AccountView, Address, MarketObservation, ProposalSpec, TxAction } from "../../agents/types";
import type { AgentSetup, BlockResult, Books, Economy, EconomyEvent, EventOutcome, FundedAgent, SubmitResult, SubmittedTx, TxOutcome, Valuation } from "../economy";
import type { Scenario } from "../scenarioTypes";
import { orderBlock } from "../ordering";
import { spotPrice, tokensForReserve } from "./linearCurve";
import { emptyFlows, type Flows } from "./flows";
import { Revert, check } from "./revert";
import type { FakeAccount, FakeState } from "./state";
import * as market from "./market";
import * as staking from "./staking";
import * as gov from "./governance";

const GAS: { readonly [kind: string]: bigint } = {
  buy: 120_000n, sell: 110_000n, stake: 150_000n, unbond: 60_000n, withdraw: 60_000n, claim: 50_000n,
  vote: 90_000n, propose: 200_000n, queue: 100_000n, execute: 150_000n, dispute: 120_000n, attest: 70_000n, proposeSlash: 130_000n,
};

/** Parses a non-negative decimal ether string into wei. */
export function parseEtherString(s: string): bigint {
  const [whole, frac = ""] = s.split(".");
  return BigInt(whole) * 10n ** 18n + BigInt((frac + "0".repeat(18)).slice(0, 18));
}

function addressOf(index: number): Address {
  return "0x" + (0x1000 + index).toString(16).padStart(40, "0");
}

interface Pending {
  readonly from: string;
  readonly nonce: number;
  readonly fee: bigint;
  readonly seq: number;
  readonly action: TxAction;
}

export class FakeEconomy implements Economy {
  readonly name = "fake-linear";
  private st!: FakeState;
  private pool: Pending[] = [];
  private seq = 0;
  private blockFlows: Flows = emptyFlows();

  async setup(s: Scenario, agents: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    if (s.curve.kind !== "linear") throw new Error(`the fake economy models a linear curve only, not "${s.curve.kind}"`);
    if (s.resources !== undefined) throw new Error("the fake economy does not model the resource market (scenario section `resources`): run it on the chain economy (the default; not --economy fake)");
    const curve = { slope: parseEtherString(s.curve.params.slope), intercept: parseEtherString(s.curve.params.intercept) };
    if (curve.intercept === 0n && curve.slope === 0n) throw new Error("a curve with zero slope and intercept gives tokens for free");
    this.st = {
      cfg: {
        curve,
        referrerShareBps: s.fees.referrerShareBps,
        split: s.split,
        tiers: s.staking.tiers,
        unbondingSeconds: s.staking.unbondingSeconds,
        disputeWindowBlocks: s.staking.disputeWindowBlocks,
        maxSlashBps: s.staking.maxSlashBps,
        votingDelayBlocks: s.governance.votingDelayBlocks,
        votingPeriodBlocks: s.governance.votingPeriodBlocks,
        quorumBps: s.governance.quorumBps,
        timelockBlocks: s.governance.timelockBlocks,
        proposalThreshold: parseEtherString(String(s.governance.proposalThreshold)),
        breaker: s.protections.breaker,
        breakerThresholdBps: s.protections.breakerThresholdBps,
        breakerWindowBlocks: s.protections.breakerWindowBlocks,
        breakerCooldownBlocks: s.protections.breakerCooldownBlocks,
        epochSteps: s.metrics.epochSteps,
      },
      curve,
      buyFeeBps: s.fees.buyBps,
      sellFeeBps: s.fees.sellBps,
      supply: 0n,
      reserve: 0n,
      block: 1,
      timestamp: s.startTimestamp,
      haltedUntilBlock: 0,
      marks: [],
      totalStaked: 0n,
      totalWeight: 0n,
      rewardPerWeight: 0n,
      funds: { welfare: 0n, solidarity: 0n, development: 0n },
      accounts: new Map(),
      proposals: [],
      slashes: [],
      epochVoters: new Set(),
      epoch: 0,
      attestations: 0,
      ledger: { rewardsHeld: 0n, minted: 0n, burned: 0n, genesisTokens: 0n },
    };
    if (s.genesis.buyEth > 0) {
      // The deployer's genesis purchase: reserve in, tokens out to an account outside the agents.
      const net = s.genesis.buyWei;
      const tokens = tokensForReserve(curve, 0n, net);
      this.st.supply = tokens;
      this.st.reserve = net;
      this.st.ledger.minted = tokens;
      this.st.ledger.genesisTokens = tokens;
    }
    return agents.map((a) => {
      const address = addressOf(a.index);
      this.st.accounts.set(address, {
        address, reserve: a.fundingWei, tokens: 0n, stakes: [], nextStakeId: 0, weight: 0n, paid: 0n, rewards: 0n,
        roles: new Set(a.roles), poolNonce: 0,
      });
      return { address, nonce: 0 };
    });
  }

  async observe(step: number, timestamp: number): Promise<MarketObservation> {
    const st = this.st;
    const recent = st.proposals.filter((p) => {
      const state = gov.proposalState(st, p);
      return state === "Pending" || state === "Active" || state === "Succeeded" || state === "Queued" || p.endBlock >= st.block - 5;
    });
    return {
      step,
      block: st.block,
      timestamp,
      spotPrice: spotPrice(st.curve, st.supply),
      supply: st.supply,
      reserve: st.reserve,
      buyFeeBps: st.buyFeeBps,
      sellFeeBps: st.sellFeeBps,
      halted: market.isHalted(st),
      staking: {
        totalStaked: st.totalStaked,
        totalWeight: st.totalWeight,
        tiers: st.cfg.tiers,
        stakers: [...st.accounts.values()].filter((a) => a.stakes.length > 0).map((a) => a.address),
      },
      proposals: recent.map((p) => ({
        id: p.id, proposer: p.proposer, spec: p.spec, state: gov.proposalState(st, p), snapshotBlock: p.snapshotBlock,
        forVotes: p.forVotes, againstVotes: p.againstVotes, abstainVotes: p.abstainVotes, voters: [...p.voters],
      })),
      slashes: st.slashes.filter((c) => !c.done).map((c) => ({
        id: c.id, target: c.target, severityBps: c.severityBps, disputed: c.disputed, disputeDeadlineStep: c.deadlineBlock - 1,
      })),
      treasury: { ...st.funds },
      epoch: st.epoch,
      recentVoters: [...st.epochVoters].sort(),
    };
  }

  async accounts(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    return addresses.map((addr) => {
      const a = this.account(addr);
      staking.settle(this.st, a);
      return {
        address: a.address,
        reserve: a.reserve,
        tokens: a.tokens,
        stakes: a.stakes.map((s) => ({ id: s.id, amount: s.amount, tier: s.tier, unlockAt: s.unlockAt, unbonding: s.unbonding, withdrawableAt: s.withdrawableAt, sinceBlock: s.createdBlock })),
        pendingRewards: a.rewards,
        roles: [...a.roles].sort(),
      };
    });
  }

  async submit(tx: SubmittedTx): Promise<SubmitResult> {
    const a = this.st.accounts.get(tx.from.toLowerCase());
    if (a === undefined) return { accepted: false, error: "UnknownSender" };
    if (tx.nonce !== a.poolNonce) return { accepted: false, error: `NonceMismatch(expected ${a.poolNonce}, got ${tx.nonce})` };
    a.poolNonce += 1;
    this.pool.push({ from: a.address, nonce: tx.nonce, fee: tx.action.priorityFee, seq: this.seq++, action: tx.action });
    return { accepted: true };
  }

  async applyEvent(e: EconomyEvent, _step: number): Promise<EventOutcome> {
    try {
      this.runEvent(e);
      return { ok: true };
    } catch (err) {
      if (err instanceof Revert) return { ok: false, error: err.errorName };
      throw err;
    }
  }

  async mine(timestamp: number): Promise<BlockResult> {
    const st = this.st;
    check(timestamp >= st.timestamp, "TimestampNotIncreasing");
    st.timestamp = timestamp;
    const epoch = Math.floor((st.block - 1) / st.cfg.epochSteps);
    if (epoch !== st.epoch) {
      st.epoch = epoch;
      st.epochVoters = new Set();
    }
    st.marks.push({ block: st.block, price: spotPrice(st.curve, st.supply) });
    while (st.marks.length > 0 && st.marks[0].block <= st.block - st.cfg.breakerWindowBlocks) st.marks.shift();
    const flows = this.blockFlows;
    const ordered = orderBlock(this.pool);
    this.pool = [];
    const outcomes: TxOutcome[] = ordered.map((tx, index) => {
      try {
        this.execute(tx, flows);
        return { from: tx.from, nonce: tx.nonce, action: tx.action, index, ok: true, gasUsed: GAS[tx.action.kind] ?? 21_000n };
      } catch (err) {
        if (!(err instanceof Revert)) throw err;
        return { from: tx.from, nonce: tx.nonce, action: tx.action, index, ok: false, error: err.errorName, gasUsed: 30_000n };
      }
    });
    this.executeDueSlashes(flows);
    const number = st.block;
    st.block += 1;
    this.blockFlows = emptyFlows();
    return { number, timestamp, outcomes, flows: { ...flows } };
  }

  async close(): Promise<void> {}

  async valuation(addresses: readonly Address[], amounts: readonly bigint[]): Promise<Valuation> {
    const q = amounts.map((x) => market.quoteSell(this.st, x));
    // the fake pays referrers at once: no credit is ever held for them
    return { sellNet: q.map((x) => x.net), sellFee: q.map((x) => x.fee), referralCredit: addresses.map(() => 0n) };
  }

  async books(): Promise<Books> {
    const st = this.st;
    let staked = 0n;
    for (const a of st.accounts.values()) staked += staking.stakedOf(a);
    return {
      etherHeld: { market: st.reserve, treasury: st.funds.welfare + st.funds.solidarity + st.funds.development, staking: st.ledger.rewardsHeld },
      tokensHeld: { staking: staked, deployer: st.ledger.genesisTokens },
      tokenSupply: st.supply,
      tokensMinted: st.ledger.minted,
      tokensBurned: st.ledger.burned,
      agentGasWei: 0n, // the fake charges no gas
    };
  }

  /** The fake applies every setting as the scenario states it. */
  effectiveSettings(): { readonly [setting: string]: string | number | boolean } {
    const c = this.st.cfg;
    return {
      "governance.timelockBlocks": c.timelockBlocks, "governance.votingDelayBlocks": c.votingDelayBlocks,
      "governance.votingPeriodBlocks": c.votingPeriodBlocks, "protections.breakerThresholdBps": c.breakerThresholdBps,
      "staking.unbondingSeconds": c.unbondingSeconds,
    };
  }

  /** For tests: the fake's state (e.g. to break its books on purpose). */
  get state(): FakeState {
    return this.st;
  }

  private account(addr: string): FakeAccount {
    const a = this.st.accounts.get(addr.toLowerCase());
    if (a === undefined) throw new Error(`unknown account ${addr}`);
    return a;
  }

  private execute(tx: Pending, flows: Flows): void {
    const st = this.st;
    const a = this.account(tx.from);
    const act = tx.action;
    switch (act.kind) {
      case "buy":
        return market.buy(st, a, act.reserveIn, act.minOut, act.referrer === undefined ? undefined : st.accounts.get(act.referrer.toLowerCase()), flows);
      case "sell":
        return market.sell(st, a, act.tokens, act.minOut, flows);
      case "stake":
        return staking.stake(st, a, act.amount, act.tier);
      case "unbond":
        return staking.unbond(st, a, act.stakeId);
      case "withdraw":
        return staking.withdraw(st, a, act.stakeId);
      case "claim":
        return staking.claim(st, a);
      case "vote":
        return gov.vote(st, a, act.proposalId, act.support);
      case "propose":
        // like OZ: the proposer's votes at the previous block
        gov.propose(st, a.address, act.spec, staking.votesAt(a, st.block - 1));
        return;
      case "queue":
        return gov.queue(st, act.proposalId);
      case "execute":
        return gov.execute(st, act.proposalId, flows);
      case "dispute":
        return this.dispute(a.address, act.slashId);
      case "attest":
        check(a.roles.has("oracle"), "MissingRole");
        check(act.epoch === st.epoch, "WrongEpoch");
        st.attestations += 1;
        return;
      case "proposeSlash":
        check(a.roles.has("slasher"), "MissingRole");
        this.openSlash(act.target, act.severityBps);
        return;
      case "resource":
        // no resource market in the fake: the call fails like a call to a missing contract
        check(false, "NoResourceMarket");
        return;
    }
  }

  private openSlash(target: string, severityBps: number): void {
    const st = this.st;
    check(severityBps > 0 && severityBps <= st.cfg.maxSlashBps, "InvalidSeverity"); // the contract's error (Slashing.proposeSlash)
    const t = st.accounts.get(target.toLowerCase());
    check(t !== undefined && staking.stakedOf(t) > 0n, "NothingToSlash");
    st.slashes.push({ id: `s${st.slashes.length + 1}`, target: t.address, severityBps, disputed: false, deadlineBlock: st.block + st.cfg.disputeWindowBlocks, done: false, held: staking.heldStakes(t) });
  }

  private dispute(caller: string, slashId: string): void {
    const st = this.st;
    const c = st.slashes.find((x) => x.id === slashId && !x.done);
    check(c !== undefined, "UnknownSlash");
    check(c.target === caller, "NotSlashTarget");
    check(!c.disputed, "AlreadyDisputed");
    check(st.block <= c.deadlineBlock, "DisputeWindowClosed");
    c.disputed = true;
    const spec: ProposalSpec = { kind: "resolveSlash", slashId: c.id, uphold: true };
    gov.propose(st, "0x" + "0".repeat(40), spec, st.cfg.proposalThreshold);
  }

  private executeDueSlashes(flows: Flows): void {
    const st = this.st;
    for (const c of st.slashes) {
      if (c.done || c.disputed || st.block < c.deadlineBlock) continue;
      c.done = true;
      staking.executeSlash(st, this.account(c.target), c.severityBps, c.held);
      flows.slashesExecuted += 1;
    }
  }

  private runEvent(e: EconomyEvent): void {
    const st = this.st;
    switch (e.kind) {
      case "setFees":
        return gov.applySpec(st, { kind: "setFees", buyFeeBps: e.buyFeeBps, sellFeeBps: e.sellFeeBps }, this.blockFlows);
      case "setCurveParam":
        return gov.applySpec(st, { kind: "setCurveParam", param: e.param, value: parseEtherString(e.value) }, this.blockFlows);
      case "grant":
        return gov.applySpec(st, { kind: "grant", fund: e.fund, recipient: e.recipient, amount: e.amount }, this.blockFlows);
      case "slash":
        return this.openSlash(e.target, e.severityBps);
      case "dispute": {
        const c = [...st.slashes].reverse().find((x) => x.target === e.target.toLowerCase() && !x.done);
        check(c !== undefined, "UnknownSlash");
        return this.dispute(c.target, c.id);
      }
    }
  }
}
