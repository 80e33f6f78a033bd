// The resource market in the chain simulation (SPEC §1.7, issue 12): what the agents see of it
// (obs.resources), the keeper's work each block (clear each epoch, the oracles' delivery
// attestations, settling the final epochs' orders page by page, fees to the splitter, bond
// cases against providers that did not deliver) and the per-step resource metrics, read from the
// market's events and views. Calldata comes from src/client/resourceActions.ts.
import { getAddress, parseEther, type Interface, type Result } from "ethers";
import type { ResourceMarketView, ResourceObservation, ProviderState, OrderResult } from "../../agents/policies/resources/types";
import { bindPolicy } from "../../agents/registry";
import type { ParamShape } from "../../agents/params";
import { RESOURCE_IFACE, RESOURCE_SYSTEM_GAS, resourceCalls, type ResourceCall } from "../../client/resourceActions";
import { giniBig } from "../../metrics/gini";
import { bestSurplus, ratio, ResourceTally, type EpochOutcome, type ResourceStepMetrics } from "../../metrics/resources";
import { realisedVolatility } from "../../metrics/volatility";
import { phaseAt } from "../phases";
import { Rng } from "../prng";
import type { Scenario } from "../scenarioTypes";
import { IFACES } from "./encode";
import type { LogRouter } from "./logRouter";

export const RESOURCE_FAMILIES = ["provider", "consumer", "adaptiveBidder"] as const;
/** Orders settled per block at most (the keeper pages through a final epoch's orders); tests lower it. */
export const KEEPER = { settlePage: 40 };
/** PRNG stream offset of the delivery draws (agents use their index). */
const DELIVERY_STREAM = 1_000_000_000;

export interface ResourceAgent {
  readonly address: string;
  readonly index: number;
  readonly family: string;
  readonly roles: readonly string[];
}

export interface ResourceHooks {
  /** eth_call each (to, data) at the latest block, in one batch; returns the raw results. */
  call(calls: readonly { to: string; data: string }[]): Promise<string[]>;
  /** Queue a transaction for the next block: from the deployer (from undefined) or an agent's account. */
  send(label: string, call: ResourceCall, gas: bigint, from?: string): void;
}

interface EpochBook {
  readonly epoch: number;
  price: bigint;
  demand: bigint;
  sold: bigint;
  deadline: number;
  delivered: bigint;
  capacity: bigint;
  readonly soldBy: Map<string, bigint>;
  readonly capacityBy: Map<string, bigint>;
  readonly deliveredBy: Map<string, bigint>;
  readonly orders: bigint[];
  attested: boolean;
  settleSent: number;
  casesSent: boolean;
  /** Step at which its first order was mined (or it was cleared): the agents' needs and values are read at it. */
  decidedAt: number;
  /**
   * The agents saw it open for orders at some step of the run. An epoch that took orders only
   * before the run (cleared at its first step or during the setup) had no need the agents could
   * express: counting it made unservedNeedShare depend on how long the setup took.
   */
  openSeen: boolean;
  finished: boolean;
}

interface OrderBook {
  readonly id: bigint;
  readonly consumer: string;
  readonly epoch: number;
  readonly units: bigint;
  readonly escrow: bigint;
  filled: bigint;
}

const lc = (a: string) => a.toLowerCase();
/** The market's ABI without TypeChain's per-name overloads (names chosen at run time). */
const IF: Interface = RESOURCE_IFACE;

export class ResourceChain {
  private readonly providers: ResourceAgent[];
  private readonly resourceAgents: ResourceAgent[];
  private readonly oracles: string[];
  private readonly slasher: string | undefined;
  private genesis = 0;
  private epochLength = 0;
  private grid = { minPrice: 0n, tickSize: 0n, numTicks: 0 };
  private quorum = 1;
  private nextClear = 0;
  private postedPrice = 0n;
  private mechanism: "posted" | "auction" = "posted";
  private bondPerUnit = 0n;
  private readonly provider = new Map<string, ProviderState>();
  private readonly approved = new Map<string, boolean>();
  private readonly epochs = new Map<number, EpochBook>();
  private readonly orders = new Map<bigint, OrderBook>();
  private readonly lastOrder = new Map<string, OrderResult>();
  private readonly settledIds = new Set<bigint>();
  private lastCleared: EpochBook | undefined;
  private readonly clearedThisBlock: number[] = [];
  private readonly cases: { id: bigint; deadline: number; sent: boolean }[] = [];
  private readonly income = new Map<string, bigint>();
  private readonly prices: number[] = [];
  private readonly tally = new ResourceTally();
  /** Event books for the escrow identity. */
  private escrowed = 0n;
  private paidOut = 0n;
  private refunded = 0n;
  private chainEscrow = 0n;
  private balanceResidual = 0n;
  private balance = 0n;
  private step = 0;
  private accruedFees = 0n;
  private flushDue = false;
  private block = { unmet: 0n, requested: 0n, needed: 0n, delivered: 0n, cases: 0 };
  private lastOutcome: EpochOutcome | undefined;

  constructor(
    readonly market: string,
    private readonly token: string,
    private readonly oracleContract: string,
    private readonly s: Scenario,
    private readonly agents: readonly ResourceAgent[],
    private readonly hooks: ResourceHooks,
  ) {
    this.providers = agents.filter((a) => a.family === "provider");
    this.resourceAgents = agents.filter((a) => (RESOURCE_FAMILIES as readonly string[]).includes(a.family));
    this.oracles = agents.filter((a) => a.roles.includes("oracle")).map((a) => a.address);
    this.slasher = agents.find((a) => a.roles.includes("slasher"))?.address;
    for (const p of this.providers) this.income.set(lc(p.address), 0n);
  }

  /** Reads the market's immutables and the oracle quorum once, after deployment. */
  async init(): Promise<void> {
    const m = this.market;
    const r = await this.hooks.call([
      { to: m, data: RESOURCE_IFACE.encodeFunctionData("genesis") },
      { to: m, data: RESOURCE_IFACE.encodeFunctionData("epochLength") },
      { to: m, data: RESOURCE_IFACE.encodeFunctionData("minPrice") },
      { to: m, data: RESOURCE_IFACE.encodeFunctionData("tickSize") },
      { to: m, data: RESOURCE_IFACE.encodeFunctionData("numTicks") },
      { to: this.oracleContract, data: IFACES.oracle.encodeFunctionData("quorum") },
    ]);
    const u = (x: string) => BigInt(x.length <= 2 ? "0x0" : x.slice(0, 66));
    this.genesis = Number(u(r[0]));
    this.epochLength = Number(u(r[1]));
    this.grid = { minPrice: u(r[2]), tickSize: u(r[3]), numTicks: Number(u(r[4])) };
    this.quorum = Number(u(r[5]));
    if (this.oracles.length < this.quorum) throw new Error(`the resource market needs ${this.quorum} oracle agents (role "oracle") to attest deliveries, the population has ${this.oracles.length}`);
    await this.refresh();
  }

  listen(router: LogRouter): void {
    const m = this.market;
    router.on(m, RESOURCE_IFACE, "OrderPlaced", (x: Result) => {
      const o: OrderBook = { id: BigInt(x[0]), consumer: getAddress(String(x[1])), epoch: Number(x[2]), units: BigInt(x[3]), escrow: BigInt(x[5]), filled: 0n };
      this.orders.set(o.id, o);
      const b = this.book(o.epoch);
      b.orders.push(o.id);
      if (b.decidedAt < 0) b.decidedAt = this.step;
      this.escrowed += o.escrow;
    });
    router.on(m, RESOURCE_IFACE, "EpochCleared", (x: Result) => {
      const e = this.book(Number(x[0]));
      if (e.decidedAt < 0) e.decidedAt = this.step;
      e.price = BigInt(x[2]);
      e.demand = BigInt(x[3]);
      e.sold = BigInt(x[5]);
      this.clearedThisBlock.push(e.epoch);
      this.lastCleared = e;
      // the price series of the volatility: epochs that traded (an auction with no asks has no price)
      if (e.sold > 0n) this.prices.push(Number(e.price) / 1e18);
    });
    router.on(m, RESOURCE_IFACE, "DeliveryAccepted", (x: Result) => {
      const e = this.book(Number(x[1]));
      const units = BigInt(x[2]);
      e.delivered += units;
      e.deliveredBy.set(lc(String(x[0])), units);
      const payment = BigInt(x[3]);
      this.paidOut += payment + BigInt(x[4]);
      const k = lc(String(x[0]));
      if (this.income.has(k)) this.income.set(k, (this.income.get(k) ?? 0n) + payment);
    });
    router.on(m, RESOURCE_IFACE, "OrderSettled", (x: Result) => {
      const o = this.orders.get(BigInt(x[0]));
      if (o !== undefined) o.filled = BigInt(x[2]);
      this.settledIds.add(BigInt(x[0]));
      this.refunded += BigInt(x[3]);
    });
    router.on(m, RESOURCE_IFACE, "BondSlashProposed", (x: Result) => {
      this.cases.push({ id: BigInt(x[0]), deadline: Number(x[5]), sent: false });
      this.block.cases += 1;
    });
  }

  private book(epoch: number): EpochBook {
    let e = this.epochs.get(epoch);
    if (e === undefined) {
      e = { epoch, price: 0n, demand: 0n, sold: 0n, deadline: 0, delivered: 0n, capacity: 0n, soldBy: new Map(), capacityBy: new Map(), deliveredBy: new Map(), orders: [], attested: false, settleSent: 0, casesSent: false, finished: false, decidedAt: -1, openSeen: false };
      this.epochs.set(epoch, e);
    }
    return e;
  }

  private epochAt(ts: number): number {
    return Math.floor((ts - this.genesis) / this.epochLength) + 1;
  }

  private epochEnd(epoch: number): number {
    return this.genesis + epoch * this.epochLength;
  }

  /** Reads the market after a mined block (one batch, two when an epoch was cleared in it). */
  async refresh(): Promise<void> {
    const m = this.market;
    const enc = (f: string, args: readonly unknown[] = []) => ({ to: m, data: IF.encodeFunctionData(f, args) });
    const calls = [
      enc("nextClearEpoch"), enc("postedPrice"), enc("mechanism"), enc("params"),
      enc("totalEscrow"), enc("totalBonds"), enc("totalEarnings"), enc("accruedFees"),
      { to: this.token, data: IFACES.token.encodeFunctionData("balanceOf", [m]) },
      ...this.providers.flatMap((p) => [enc("providerInfo", [p.address]), enc("earnings", [p.address])]),
      ...this.resourceAgents.map((a) => ({ to: this.token, data: IFACES.token.encodeFunctionData("allowance", [a.address, m]) })),
    ];
    const r = await this.hooks.call(calls);
    const dec = (f: string, i: number) => IF.decodeFunctionResult(f, r[i]);
    const u = (i: number) => BigInt(r[i].length <= 2 ? "0x0" : r[i].slice(0, 66));
    this.nextClear = Number(u(0));
    this.postedPrice = u(1);
    this.mechanism = Number(u(2)) === 0 ? "posted" : "auction";
    this.bondPerUnit = BigInt((dec("params", 3)[0] as Result).bondPerUnit);
    this.chainEscrow = u(4);
    this.balance = u(8);
    this.accruedFees = u(7);
    this.balanceResidual = this.balance - (u(4) + u(5) + u(6) + u(7));
    let i = 9;
    const lastSoldOf = (a: string) => this.lastCleared?.soldBy.get(lc(a)) ?? 0n;
    for (const p of this.providers) {
      const info = dec("providerInfo", i)[0] as Result;
      const status = Number(info.status);
      this.provider.set(lc(p.address), {
        registered: status !== 0,
        exiting: status === 2,
        capacity: status === 1 ? BigInt(info.capacity) : 0n,
        bond: BigInt(info.bond),
        lastSold: lastSoldOf(p.address),
        tokens: 0n,
        earnings: u(i + 1),
        releaseAt: Number(info.releaseAt),
        openCases: Number(info.openCases),
      });
      i += 2;
    }
    for (const a of this.resourceAgents) this.approved.set(lc(a.address), u(i++) > 0n);
    // an epoch cleared in this block: what each provider sold and offered, each order's fill, its deadline
    for (const epoch of this.clearedThisBlock.splice(0)) {
      const e = this.book(epoch);
      const ids = [...e.orders];
      const rr = await this.hooks.call([
        enc("epochData", [epoch]),
        ...this.providers.flatMap((p) => [enc("soldBy", [p.address, epoch]), enc("offerAt", [p.address, epoch])]),
        ...ids.map((id) => enc("filledUnits", [id])),
      ]);
      e.deadline = Number((RESOURCE_IFACE.decodeFunctionResult("epochData", rr[0])[0] as Result).attestDeadline);
      let j = 1;
      for (const p of this.providers) {
        const sold = BigInt(rr[j].slice(0, 66));
        const cap = BigInt((RESOURCE_IFACE.decodeFunctionResult("offerAt", rr[j + 1]) as Result)[0]);
        if (sold > 0n) e.soldBy.set(lc(p.address), sold);
        e.capacityBy.set(lc(p.address), cap);
        e.capacity += cap;
        j += 2;
      }
      for (const id of ids) {
        const o = this.orders.get(id);
        if (o === undefined) continue;
        const filled = BigInt(rr[j++].slice(0, 66));
        this.lastOrder.set(lc(o.consumer), { epoch, units: o.units, filled, price: e.price });
      }
      // providers see what they sold in the epoch just cleared
      for (const p of this.providers) {
        const st = this.provider.get(lc(p.address));
        if (st !== undefined) this.provider.set(lc(p.address), { ...st, lastSold: e.soldBy.get(lc(p.address)) ?? 0n });
      }
    }
  }

  /** What agents see at the start of the step whose block carries `timestamp`. */
  observation(timestamp: number, accounts?: ReadonlyMap<string, bigint>): ResourceObservation {
    const current = this.epochAt(timestamp);
    const last = this.lastCleared;
    const view: ResourceMarketView = {
      epoch: current,
      mechanism: this.mechanism,
      postedPrice: this.postedPrice,
      minPrice: this.grid.minPrice,
      tickSize: this.grid.tickSize,
      numTicks: this.grid.numTicks,
      lastPrice: last?.price ?? this.postedPrice,
      lastDemand: last?.demand ?? 0n,
      lastOffered: last?.capacity ?? 0n,
      lastSold: last?.sold ?? 0n,
      bondPerUnit: this.bondPerUnit,
    };
    const providers: { [a: string]: ProviderState } = {};
    for (const [k, v] of this.provider) providers[k] = { ...v, tokens: accounts?.get(k) ?? 0n };
    const openEpoch = this.nextClear > current ? current + 1 : 0;
    if (openEpoch !== 0) this.book(openEpoch).openSeen = true;
    return {
      view,
      openEpoch,
      providers,
      approved: Object.fromEntries(this.approved),
      lastOrder: Object.fromEntries(this.lastOrder),
    };
  }

  /** Effective parameters of agent `index` at `step` (its population entry's phase applied). */
  private paramsAt(index: number, step: number): { params: ParamShape; active: boolean } {
    let k = index;
    for (const p of this.s.population) {
      if (k < p.count) {
        const ph = phaseAt(p.phases, step);
        const raw = ph?.params === undefined ? p.params : { ...p.params, ...ph.params };
        return { params: bindPolicy(p.family, raw).params, active: ph === undefined || (ph.active && !ph.exit) };
      }
      k -= p.count;
    }
    throw new Error(`no agent ${index}`);
  }

  /** The keeper's, oracles' and slasher's transactions for the block at `timestamp` (mined at `step`). */
  keeper(timestamp: number, step: number): void {
    this.step = step;
    const m = this.market;
    if (this.epochAt(timestamp) >= this.nextClear) this.hooks.send("resourceClear", resourceCalls.clear(m), RESOURCE_SYSTEM_GAS);
    for (const e of this.epochs.values()) {
      if (e.deadline === 0 || e.finished) continue;
      // the oracles attest each provider's delivery once the epoch has ended
      if (!e.attested && timestamp >= this.epochEnd(e.epoch) && timestamp < e.deadline) {
        e.attested = true;
        for (const p of this.providers) {
          const sold = e.soldBy.get(lc(p.address)) ?? 0n;
          if (sold === 0n) continue;
          const units = this.delivered(p, e.epoch, sold, step);
          for (const o of this.oracles.slice(0, this.quorum)) this.hooks.send("resourceAttest", resourceCalls.attest(m, p.address, e.epoch, units), RESOURCE_SYSTEM_GAS, o);
        }
      }
      if (timestamp < e.deadline || e.epoch >= this.nextClear) continue;
      // final: settle its orders page by page (refunds go to the consumers), open bond cases
      if (e.settleSent < e.orders.length) {
        const page = e.orders.slice(e.settleSent, e.settleSent + KEEPER.settlePage);
        for (const id of page) this.hooks.send("resourceSettle", resourceCalls.settle(m, id), RESOURCE_SYSTEM_GAS);
        e.settleSent += page.length;
      }
      if (!e.casesSent) {
        e.casesSent = true;
        if (this.s.resources?.slashUndelivered && this.slasher !== undefined) {
          for (const [p, sold] of e.soldBy) {
            if ((e.deliveredBy.get(p) ?? 0n) < sold) this.hooks.send("resourceBondCase", resourceCalls.proposeBondSlash(m, getAddress(p), e.epoch), RESOURCE_SYSTEM_GAS, this.slasher);
          }
        }
      }
      if (e.settleSent >= e.orders.length && !e.finished && this.settledAll(e)) this.finish(e);
    }
    // the fees of finished epochs go to the revenue split (once per block, only when there are some)
    if (this.flushDue && this.accruedFees > 0n) {
      this.flushDue = false;
      this.hooks.send("resourceFlushFees", resourceCalls.flushFees(m), RESOURCE_SYSTEM_GAS);
    }
    for (const c of this.cases) {
      if (!c.sent && timestamp > c.deadline) {
        c.sent = true;
        this.hooks.send("resourceBondSlash", resourceCalls.executeBondSlash(m, c.id), RESOURCE_SYSTEM_GAS);
      }
    }
  }

  /** Every order of `e` was sent for settlement in an earlier block (its events are in). */
  private settledAll(e: EpochBook): boolean {
    return e.orders.every((id) => this.settledIds.has(id)) || e.orders.length === 0;
  }


  /** Units `p` delivers of the `sold` it sold in `epoch`: none in an outage, else each with its delivery probability. */
  private delivered(p: ResourceAgent, epoch: number, sold: bigint, step: number): bigint {
    const { params } = this.paramsAt(p.index, step);
    if (params.outage === true) return 0n;
    const bps = Number(params.deliveryBps ?? 10_000);
    if (bps >= 10_000) return sold;
    const rng = Rng.derive(this.s.seed, DELIVERY_STREAM + p.index * 100_000 + (epoch % 100_000));
    let n = 0n;
    for (let i = 0n; i < sold; i++) if (rng.uniform() * 10_000 < bps) n += 1n;
    return n;
  }

  /** An epoch is final and settled: its outcome against the best allocation of the agents' true needs and costs. */
  private finish(e: EpochBook): void {
    e.finished = true;
    // the agents' parameters when they decided on this epoch (a phase may have changed them since)
    const at = e.decidedAt < 0 ? this.step : e.decidedAt;
    let requested = 0n;
    let served = 0n;
    for (const id of e.orders) {
      const o = this.orders.get(id);
      if (o === undefined) continue;
      requested += o.units;
      const ix = this.agents.find((a) => lc(a.address) === lc(o.consumer))?.index;
      if (ix === undefined || e.sold === 0n) continue;
      const value = parseEther(String(this.paramsAt(ix, at).params.valuePerUnit ?? "0"));
      served += (value * o.filled * e.delivered) / e.sold;
    }
    let cost = 0n;
    const supply = [];
    for (const p of this.providers) {
      const c = parseEther(String(this.paramsAt(p.index, at).params.marginalCost ?? "0"));
      cost += (e.deliveredBy.get(lc(p.address)) ?? 0n) * c;
      supply.push({ units: e.capacityBy.get(lc(p.address)) ?? 0n, cost: c });
    }
    const demand = this.agents
      .filter((a) => a.family === "consumer" || a.family === "adaptiveBidder")
      .map((a) => {
        const { params, active } = this.paramsAt(a.index, at);
        // no need where the agents could not order: the epoch was never open to them during the run
        return { units: active && e.openSeen ? BigInt(Number(params.needPerEpoch ?? 0)) : 0n, value: parseEther(String(params.valuePerUnit ?? "0")) };
      });
    const needed = demand.reduce((t, d) => t + d.units, 0n);
    const out: EpochOutcome = {
      epoch: e.epoch, price: e.price, requested, needed, sold: e.sold, delivered: e.delivered, capacity: e.capacity,
      realisedSurplus: served - cost, bestSurplus: bestSurplus(demand, supply),
    };
    this.tally.add(out);
    this.lastOutcome = out;
    this.block.unmet += requested > e.delivered ? requested - e.delivered : 0n;
    this.block.requested += requested;
    this.block.needed += needed;
    this.block.delivered += e.delivered;
    this.flushDue = true;
  }

  /** The market's tokens (for the token ledger). */
  get tokensHeld(): bigint {
    return this.balance;
  }

  /** Finished epochs so far (for tests and reports). */
  get outcomes(): readonly EpochOutcome[] {
    return this.tally.epochs;
  }

  /** This block's resource metrics (resets the per-block counts). */
  takeStep(): ResourceStepMetrics {
    const last = this.lastOutcome;
    const out: ResourceStepMetrics = {
      price: this.lastCleared?.price ?? this.postedPrice,
      utilisation: last === undefined ? NaN : ratio(last.delivered, last.capacity),
      utilisationCum: this.tally.utilisationCum,
      unmetDemand: this.block.unmet,
      requested: this.block.requested,
      needed: this.block.needed,
      delivered: this.block.delivered,
      efficiency: last === undefined ? NaN : ratio(last.realisedSurplus, last.bestSurplus),
      efficiencyCum: this.tally.efficiencyCum,
      priceVolatility: realisedVolatility(this.prices),
      providerIncome: [...this.income.values()].reduce((a, b) => a + b, 0n),
      providerIncomeGini: giniBig([...this.income.values()]),
      escrowResidual: this.chainEscrow - (this.escrowed - this.paidOut - this.refunded),
      balanceResidual: this.balanceResidual,
      bondCases: this.block.cases,
    };
    this.block = { unmet: 0n, requested: 0n, needed: 0n, delivered: 0n, cases: 0 };
    return out;
  }
}
