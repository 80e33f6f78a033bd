// The live bot runner: each new block (wall clock, whatever the node's block time) every agent
// whose earlier transactions have settled observes and decides; its transactions are signed,
// written ahead to the state file, then broadcast. Pending ones are settled from receipts, replaced
// when stuck, and re-broadcast after a restart. See docs/bots.md.
import * as fs from "fs";
import * as path from "path";
import { Transaction, type HDNodeWallet, type Wallet } from "ethers";
import type { Logger } from "pino";
import type { AccountView, MarketObservation, Action, AgentState, Memory, Observation, OwnOutcome, Role, TxAction } from "../agents/types";
import { isTx } from "../agents/types";
import { wealthOf } from "../agents/policies/common";
import { ALL_INTERFACES, IFACES } from "../client/abis";
import { encodeAgentAction, GAS_LIMIT, type Call } from "../client/agentActions";
import { requireChain, type SuiteDeployment } from "../client/deployment";
import { decodeRevert, revertDataOf } from "../client/revert";
import { expandPopulation, familiesOf, type AgentSpec } from "../sim/population";
import { Rng } from "../sim/prng";
import type { Scenario } from "../sim/scenarioTypes";
import { computeStepMetrics, type Measured } from "../sim/stepMetrics";
import { agentValue, tokensOf, type AgentValue } from "../metrics/accounting";
import type { TxOutcome } from "../sim/economy";
import type { PriceWindow } from "../metrics/volatility";
import { DEFAULT_FEE_POLICY, parseFeeHistory, suggestFees, type FeePolicy, type FeeSuggestion, type Fees } from "./fees";
import { classifySendError, NonceManager, nonceAfterRestart } from "./nonce";
import { DEFAULT_REPLACE_POLICY, replaceDecision, type ReplacePolicy } from "./replace";
import type { RetryingProvider } from "./retry";
import { readState, writeState, type AgentRecord, type BotState, type TxRecord } from "./state";
import type { BotMetrics } from "./prometheus";
import { ChainObserver, emptyFlows } from "./observer";

const MAX_UINT256 = (1n << 256n) - 1n;
const APPROVE_GAS = 100_000n;
/** Settled transactions kept in the state file (for the log; pending ones are always kept). */
const KEEP_SETTLED = 200;

export interface RunnerOptions {
  readonly provider: RetryingProvider;
  readonly chainId: bigint;
  readonly deployment: SuiteDeployment;
  readonly scenario: Scenario;
  readonly populationFile: string;
  readonly wallets: readonly (Wallet | HDNodeWallet)[];
  readonly stateFile: string;
  readonly metricsFile: string;
  readonly log: Logger;
  /** Stop deciding after this many seconds (undefined: until SIGINT). */
  readonly durationSeconds?: number;
  /** After a stop, wait at most this long for pending transactions. */
  readonly drainSeconds: number;
  readonly maxInFlight: number;
  readonly fees: FeePolicy;
  readonly replace: ReplacePolicy;
  readonly pollMs: number;
  /** Seconds between trades' block time and their deadline. */
  readonly deadlineSeconds: number;
  readonly progress?: (line: string) => void;
  readonly metrics?: BotMetrics;
}

export const RUNNER_DEFAULTS = { drainSeconds: 30, maxInFlight: 2, fees: DEFAULT_FEE_POLICY, replace: DEFAULT_REPLACE_POLICY, pollMs: 250, deadlineSeconds: 600 };

interface Agent {
  readonly spec: AgentSpec;
  readonly wallet: Wallet | HDNodeWallet;
  readonly rec: AgentRecord;
  readonly nonces: NonceManager;
  readonly roles: readonly Role[];
}

function errMessage(e: unknown): string {
  const x = e as { shortMessage?: string; message?: string; info?: { error?: { message?: string } }; error?: { message?: string } };
  return x.info?.error?.message ?? x.error?.message ?? x.shortMessage ?? x.message ?? String(e);
}

function plain(a: unknown): unknown {
  return JSON.parse(JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

export class BotRunner {
  private state!: BotState;
  private agents: Agent[] = [];
  private stopRequested = false;
  private stopReason = "";
  private priceWindow: PriceWindow | undefined;
  private readonly started = Date.now();
  private settledThisBlock: TxOutcome[] = [];

  constructor(private readonly o: RunnerOptions) {}

  /** Stop deciding; pending transactions are waited for (bounded) and the state written. */
  requestStop(reason: string): void {
    if (this.stopRequested) return;
    this.stopRequested = true;
    this.stopReason = reason;
    this.o.log.info({ event: "stop", reason }, "stop requested");
  }

  private save(): void {
    const settled = this.state.txs.filter((t) => t.status !== "pending");
    if (settled.length > KEEP_SETTLED) {
      const drop = new Set(settled.slice(0, settled.length - KEEP_SETTLED));
      this.state.txs = this.state.txs.filter((t) => !drop.has(t));
    }
    writeState(this.o.stateFile, this.state);
  }

  private async send<T>(method: string, params: unknown[]): Promise<T> {
    return (await this.o.provider.send(method, params)) as T;
  }

  /** Loads or creates the state, checks it belongs to this chain and deployment, and resyncs nonces. */
  async init(): Promise<void> {
    const { deployment: d, log } = this.o;
    requireChain(d, this.o.chainId);
    const head = await this.o.provider.getBlockNumber();
    const specs = expandPopulation(this.o.scenario);
    if (specs.length > this.o.wallets.length) throw new Error(`the population has ${specs.length} agents, only ${this.o.wallets.length} keys`);
    const loaded = readState(this.o.stateFile);
    if (loaded !== undefined) {
      if (BigInt(loaded.chainId) !== this.o.chainId) throw new Error(`${this.o.stateFile} is for chain ${loaded.chainId}, the node is chain ${this.o.chainId}`);
      if (loaded.agents.length !== specs.length) throw new Error(`${this.o.stateFile} has ${loaded.agents.length} agents, the population ${specs.length}: use another --state file`);
      this.state = loaded;
      this.state.priceHistory ??= [];
      log.info({ event: "resume", stateFile: this.o.stateFile, lastBlock: loaded.lastBlock, pending: loaded.txs.filter((t) => t.status === "pending").length }, "resuming from state file");
    } else {
      this.state = {
        version: 1, chainId: Number(this.o.chainId), deployment: d.file, population: this.o.populationFile, startBlock: head, lastBlock: head,
        agents: specs.map((s) => ({ index: s.index, address: this.o.wallets[s.index].address, family: s.family, memory: {}, approved: false, lastOutcomes: [] })),
        txs: [], priceHistory: [], counters: { sent: 0, mined: 0, reverted: 0, replaced: 0, dropped: 0, retries: 0 },
      };
    }
    this.agents = [];
    for (const spec of specs) {
      const rec = this.state.agents[spec.index];
      const wallet = this.o.wallets[spec.index];
      if (rec.address.toLowerCase() !== wallet.address.toLowerCase()) throw new Error(`agent ${spec.index} is ${rec.address} in the state file but the keys give ${wallet.address}`);
      const chainPending = Number(BigInt(await this.send<string>("eth_getTransactionCount", [wallet.address, "pending"])));
      const mine = this.state.txs.filter((t) => t.agent === spec.index && t.status === "pending").map((t) => t.nonce);
      this.agents.push({ spec, wallet, rec, nonces: new NonceManager(nonceAfterRestart(chainPending, mine)), roles: spec.roles });
    }
    this.save();
    // A transaction recorded but maybe never broadcast (killed in between), or dropped by a node
    // that restarted: broadcast the very same signed bytes again (same hash: at most one is mined).
    for (const t of this.state.txs.filter((x) => x.status === "pending")) await this.broadcast(t, "rebroadcast");
    this.save();
  }

  /** The main loop: one pass per new block until stopped and drained. */
  async run(): Promise<{ reason: string; pending: number }> {
    const { log } = this.o;
    let stopAt: number | undefined;
    for (;;) {
      if (!this.stopRequested && this.o.durationSeconds !== undefined && Date.now() - this.started >= this.o.durationSeconds * 1000) this.requestStop("duration");
      if (this.stopRequested && stopAt === undefined) stopAt = Date.now() + this.o.drainSeconds * 1000;
      const pending = this.state.txs.filter((t) => t.status === "pending").length;
      if (stopAt !== undefined && (pending === 0 || Date.now() >= stopAt)) {
        this.save();
        log.info({ event: "stopped", reason: this.stopReason, pending, counters: this.state.counters }, "stopped");
        return { reason: this.stopReason, pending };
      }
      let head: number;
      try {
        head = await this.o.provider.getBlockNumber();
      } catch (e) {
        log.error({ event: "error", where: "blockNumber", error: errMessage(e) }, "cannot read the head");
        await new Promise((r) => setTimeout(r, this.o.pollMs));
        continue;
      }
      if (head <= this.state.lastBlock) {
        await new Promise((r) => setTimeout(r, this.o.pollMs));
        continue;
      }
      try {
        await this.onBlock(head);
      } catch (e) {
        log.error({ event: "error", where: "block", block: head, error: errMessage(e) }, "block pass failed; retrying on the next block");
        await new Promise((r) => setTimeout(r, this.o.pollMs));
      }
    }
  }

  private async feeSuggestion(wantedTip: bigint): Promise<FeeSuggestion> {
    const raw = await this.send<{ baseFeePerGas?: string[]; reward?: string[][] }>("eth_feeHistory", ["0x5", "latest", [50]]);
    return suggestFees(parseFeeHistory(raw), this.o.fees, wantedTip);
  }

  private async onBlock(head: number): Promise<void> {
    this.settledThisBlock = [];
    await this.settle(head);
    const d = this.o.deployment;
    const o = this.o;
    const obsEconomy = await this.observer.economy();
    await this.observer.sync(obsEconomy.block);
    const step = obsEconomy.block - this.state.startBlock;
    const secondsPerBlock = this.secondsPerBlock(obsEconomy.timestamp, obsEconomy.block);
    const market = this.observer.observation(step, obsEconomy, secondsPerBlock, this.state.startBlock, o.scenario.metrics.epochSteps);
    const accounts = await this.observer.accounts(this.agents.map((a) => a.wallet.address), this.agents.map((a) => a.roles));
    const hist = this.state.priceHistory;
    hist.push(market.spotPrice);
    if (hist.length > o.scenario.metrics.historyWindow) hist.splice(0, hist.length - o.scenario.metrics.historyWindow);
    for (const [i, a] of this.agents.entries()) a.rec.initialWealth ??= wealthOf(accounts[i], market.spotPrice);

    const fresh: TxRecord[] = [];
    if (!this.stopRequested) {
      const obs: Observation = { ...market, priceHistory: [...hist], pending: [] };
      const baseFees = await this.feeSuggestion(0n);
      for (const [i, a] of this.agents.entries()) {
        const inFlight = this.state.txs.filter((t) => t.agent === a.spec.index && t.status === "pending").length;
        if (inFlight > 0) continue;
        if (!a.rec.approved) {
          fresh.push(await this.sign(a, "approve", { kind: "approve" }, { to: d.addresses.token, value: 0n, data: IFACES.token.encodeFunctionData("approve", [d.addresses.staking, MAX_UINT256]) }, APPROVE_GAS, baseFees, head));
          a.rec.approved = true;
          continue;
        }
        const account = accounts[i];
        const group = this.agents.filter((x) => x.spec.entry === a.spec.entry && x !== a).map((x) => x.wallet.address);
        const st: AgentState = {
          index: a.spec.index, address: a.wallet.address, family: a.spec.family, account, initialWealth: a.rec.initialWealth ?? 0n,
          wealth: wealthOf(account, market.spotPrice), group, lastOutcomes: a.rec.lastOutcomes as OwnOutcome[], memory: a.rec.memory,
        };
        // One stream per (seed, agent, block): a restart draws the same numbers for the same block.
        const decision = a.spec.policy.decide(obs, st, Rng.derive(o.scenario.seed, a.spec.index, head));
        a.rec.memory = decision.memory as Memory;
        a.rec.lastOutcomes = [];
        const txs = decision.actions.filter(isTx);
        if (txs.length > o.maxInFlight) o.log.info({ event: "capped", agent: a.spec.index, decided: txs.length, kept: o.maxInFlight }, "more actions than the in-flight bound; the rest are dropped");
        for (const act of txs.slice(0, o.maxInFlight)) {
          const call = encodeAgentAction(d.addresses, act, {
            curveParams: this.observer.curve.params, curveNames: this.observer.curve.names, proposals: { operations: (id) => this.observer.operations(id) }, deadline: obsEconomy.timestamp + o.deadlineSeconds,
          });
          const fees = act.priorityFee > baseFees.maxPriorityFeePerGas ? await this.feeSuggestion(act.priorityFee) : baseFees;
          const rec = await this.sign(a, act.kind, act, call, GAS_LIMIT[act.kind], fees, head);
          o.log.info({ event: "decision", agent: a.spec.index, family: a.spec.family, block: head, kind: act.kind, nonce: rec.nonce, action: plain(act) }, "decided");
          fresh.push(rec);
        }
      }
    }
    this.state.txs.push(...fresh);
    this.state.lastBlock = head;
    // Write-ahead: the signed transactions and the memory that produced them are on disk first.
    this.save();
    for (const t of fresh) await this.broadcast(t, "send");
    this.save();
    await this.writeMetrics(step, head, obsEconomy.timestamp, market, accounts);
  }

  private observerInstance: ChainObserver | undefined;
  private get observer(): ChainObserver {
    this.observerInstance ??= new ChainObserver(this.o.provider, this.o.deployment);
    return this.observerInstance;
  }

  private lastTimes: { block: number; ts: number }[] = [];
  private secondsPerBlock(ts: number, block: number): number {
    this.lastTimes.push({ block, ts });
    if (this.lastTimes.length > 20) this.lastTimes.shift();
    const f = this.lastTimes[0];
    const l = this.lastTimes[this.lastTimes.length - 1];
    return l.block > f.block ? Math.max(1, Math.round((l.ts - f.ts) / (l.block - f.block))) : 12;
  }

  private async sign(a: Agent, kind: string, action: unknown, call: Call, gas: bigint, fees: Fees, head: number): Promise<TxRecord> {
    const nonce = a.nonces.take();
    const raw = await this.signRaw(a, nonce, call, gas, fees);
    const hash = Transaction.from(raw).hash as string;
    return {
      key: `${a.spec.index}:${nonce}`, agent: a.spec.index, nonce, kind, action: plain(action), to: call.to, data: call.data, value: call.value, gas,
      fees: { maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas }, hashes: [hash], raw, sentBlock: head, replacements: 0, status: "pending", broadcast: false,
    };
  }

  private signRaw(a: Agent, nonce: number, call: { to: string; data: string; value: bigint }, gas: bigint, fees: Fees): Promise<string> {
    return a.wallet.signTransaction({
      type: 2, chainId: this.o.chainId, nonce, to: call.to, data: call.data, value: call.value, gasLimit: gas,
      maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas,
    });
  }

  /** Sends the record's newest signed version; classifies the node's answer. */
  private async broadcast(t: TxRecord, what: "send" | "rebroadcast" | "replace"): Promise<void> {
    const { log } = this.o;
    const hash = t.hashes[t.hashes.length - 1];
    try {
      await this.send<string>("eth_sendRawTransaction", [t.raw]);
      if (!t.broadcast && what !== "replace") this.state.counters.sent += 1;
      t.broadcast = true;
      log.info({ event: what, agent: t.agent, nonce: t.nonce, kind: t.kind, hash, maxFeePerGas: t.fees.maxFeePerGas.toString(), tip: t.fees.maxPriorityFeePerGas.toString() }, what);
      return;
    } catch (e) {
      const msg = errMessage(e);
      const verdict = classifySendError(msg);
      if (verdict === "known") {
        if (!t.broadcast) this.state.counters.sent += 1;
        t.broadcast = true;
        log.info({ event: what, agent: t.agent, nonce: t.nonce, kind: t.kind, hash, note: "already known to the node" }, what);
        return;
      }
      if (verdict === "tooLow") {
        // Our own earlier version may have been mined (an answer lost on the way): settle() sees it.
        const known = await this.findReceipt(t);
        if (known !== undefined) {
          if (!t.broadcast) this.state.counters.sent += 1;
          t.broadcast = true;
          log.info({ event: what, agent: t.agent, nonce: t.nonce, note: "nonce already used by this transaction" }, what);
          return;
        }
        const a = this.agents[t.agent];
        const chain = Number(BigInt(await this.send<string>("eth_getTransactionCount", [a.wallet.address, "pending"])));
        if (what === "replace" && t.broadcast) return; // an older version is being mined
        this.drop(t, `nonce too low (${msg}); the account's nonce is ${chain}`);
        a.nonces.resync(chain);
        log.warn({ event: "nonceResync", agent: t.agent, nonce: t.nonce, chainNonce: chain }, "nonce too low: resynced");
        return;
      }
      if (what === "replace") {
        log.warn({ event: "error", where: "replace", agent: t.agent, nonce: t.nonce, error: msg }, "replacement refused; the earlier version stays pending");
        return;
      }
      if (t.broadcast) {
        log.warn({ event: "error", where: what, agent: t.agent, nonce: t.nonce, error: msg }, "re-broadcast refused; waiting for the earlier one");
        return;
      }
      // Refused for good before it was ever broadcast: give the nonce back (and every later one of
      // this agent not broadcast yet), so no hole stays.
      const a = this.agents[t.agent];
      const later = this.state.txs.filter((x) => x.agent === t.agent && x.status === "pending" && x.nonce > t.nonce);
      if (later.every((x) => !x.broadcast)) {
        for (const x of later) this.drop(x, "an earlier nonce of the agent was refused");
        this.drop(t, msg);
        a.nonces.rewindTo(t.nonce);
      } else {
        log.error({ event: "error", where: what, agent: t.agent, nonce: t.nonce, error: msg }, "refused with later nonces already sent");
      }
    }
  }

  private drop(t: TxRecord, why: string): void {
    t.status = "dropped";
    t.error = why;
    this.state.counters.dropped += 1;
    this.agents[t.agent].rec.lastOutcomes.push({ action: t.action, ok: false, error: "Dropped" });
    this.o.log.warn({ event: "dropped", agent: t.agent, nonce: t.nonce, kind: t.kind, reason: why }, "transaction dropped");
  }

  private async findReceipt(t: TxRecord): Promise<{ status: string; blockNumber: string; gasUsed: string; transactionHash: string } | undefined> {
    for (const h of [...t.hashes].reverse()) {
      const r = await this.send<{ status: string; blockNumber: string; gasUsed: string; transactionHash: string } | null>("eth_getTransactionReceipt", [h]);
      if (r !== null) return r;
    }
    return undefined;
  }

  /** Receipts of pending transactions; replacement of stuck ones. */
  private async settle(head: number): Promise<void> {
    const { log } = this.o;
    let suggestion: FeeSuggestion | undefined;
    for (const t of this.state.txs.filter((x) => x.status === "pending")) {
      const r = await this.findReceipt(t);
      if (r !== null && r !== undefined) {
        const ok = BigInt(r.status) === 1n;
        t.status = ok ? "mined" : "reverted";
        t.block = Number(BigInt(r.blockNumber));
        if (!ok) t.error = await this.revertReason(t);
        if (ok) this.state.counters.mined += 1;
        else this.state.counters.reverted += 1;
        const a = this.agents[t.agent];
        if (t.kind !== "approve") a.rec.lastOutcomes.push({ action: t.action, ok, ...(ok ? {} : { error: t.error }) });
        this.settledThisBlock.push({ from: a.wallet.address, nonce: t.nonce, action: (t.kind === "approve" ? { kind: "noop" } : t.action) as Action, index: 0, ok, error: t.error, gasUsed: BigInt(r.gasUsed), ...(t.kind === "approve" ? { system: "approve" } : {}) });
        log.info({ event: "receipt", agent: t.agent, nonce: t.nonce, kind: t.kind, hash: r.transactionHash, block: t.block, ok, error: t.error, gasUsed: BigInt(r.gasUsed).toString() }, "receipt");
        this.o.metrics?.onReceipt(t.kind, ok);
        continue;
      }
      if (!t.broadcast) {
        await this.broadcast(t, "rebroadcast");
        continue;
      }
      suggestion ??= await this.feeSuggestion(0n);
      const want = suggestion.maxPriorityFeePerGas > t.fees.maxPriorityFeePerGas ? suggestion : { ...suggestion, maxPriorityFeePerGas: t.fees.maxPriorityFeePerGas };
      const dec = replaceDecision({ nonce: t.nonce, fees: t.fees, sentBlock: t.sentBlock, replacements: t.replacements }, head, want, this.o.fees, this.o.replace);
      if (dec.kind === "replace") {
        const a = this.agents[t.agent];
        const raw = await this.signRaw(a, t.nonce, { to: t.to, data: t.data, value: t.value }, t.gas, dec.fees);
        t.hashes.push(Transaction.from(raw).hash as string);
        t.raw = raw;
        t.fees = dec.fees;
        t.sentBlock = head;
        t.replacements += 1;
        this.state.counters.replaced += 1;
        log.info({ event: "replacement", agent: t.agent, nonce: t.nonce, kind: t.kind, replaces: t.hashes[t.hashes.length - 2], hash: t.hashes[t.hashes.length - 1], maxFeePerGas: dec.fees.maxFeePerGas.toString(), tip: dec.fees.maxPriorityFeePerGas.toString() }, "replacing a stuck transaction");
        this.save(); // write-ahead the new version
        await this.broadcast(t, "replace");
      } else if (dec.kind === "capped" && head - t.sentBlock === this.o.replace.stuckBlocks) {
        log.warn({ event: "stuck", agent: t.agent, nonce: t.nonce, reason: dec.reason }, "stuck, not replaced");
      } else if (head - t.sentBlock >= this.o.replace.stuckBlocks) {
        // The node may have forgotten it (restart, eviction): the same bytes again are harmless.
        await this.broadcast(t, "rebroadcast");
      }
    }
  }

  /** The custom error of a mined, reverted transaction (re-executed by the node's tracer, else replayed with eth_call). */
  private async revertReason(t: TxRecord): Promise<string> {
    try {
      const tr = await this.send<{ returnValue?: string }>("debug_traceTransaction", [t.hashes[t.hashes.length - 1], { disableStack: true, disableMemory: true, disableStorage: true }]);
      const rv = tr.returnValue ?? "";
      if (rv !== "") return decodeRevert(rv.startsWith("0x") ? rv : "0x" + rv, ALL_INTERFACES);
    } catch {
      /* no debug namespace: replay below */
    }
    try {
      await this.send("eth_call", [{ from: this.agents[t.agent].wallet.address, to: t.to, data: t.data, value: "0x" + t.value.toString(16), gas: "0x" + t.gas.toString(16) }, "0x" + ((t.block ?? 1) - 1).toString(16)]);
      return "Reverted(replay succeeded)";
    } catch (e) {
      return decodeRevert(revertDataOf(e), ALL_INTERFACES);
    }
  }

  /** The market's net refund for selling `tokens` now (quoteSell), at the latest block. */
  private async quoteSellNet(tokens: bigint): Promise<bigint> {
    if (tokens === 0n) return 0n;
    const market = this.o.deployment.addresses.market;
    const ret = await this.send<string>("eth_call", [{ to: market, data: IFACES.market.encodeFunctionData("quoteSell", [tokens]) }, "latest"]);
    return IFACES.market.decodeFunctionResult("quoteSell", ret)[0] as bigint;
  }

  /** What selling `tokens` would pay back before fees (the reserve cover's denominator). */
  private async quoteSellGross(tokens: bigint): Promise<bigint> {
    if (tokens === 0n) return 0n;
    const market = this.o.deployment.addresses.market;
    const ret = await this.send<string>("eth_call", [{ to: market, data: IFACES.market.encodeFunctionData("quoteSell", [tokens]) }, "latest"]);
    const [out, fee] = IFACES.market.decodeFunctionResult("quoteSell", ret) as unknown as [bigint, bigint];
    return out + fee;
  }

  /**
   * Realisable values (SPEC 2.3): ether + the market's quote for selling the agent's tokens alone
   * (liquid and staked), net of fees, + pending rewards + referral credit; the joint value shares
   * the quote for every agent's tokens together pro rata; mark-to-spot is the labelled third.
   */
  private async agentValues(market: MarketObservation, accounts: readonly AccountView[]): Promise<AgentValue[]> {
    const m = this.o.deployment.addresses.market;
    const credit: bigint[] = [];
    const sellNet: bigint[] = [];
    for (const a of this.agents) {
      const ret = await this.send<string>("eth_call", [{ to: m, data: IFACES.market.encodeFunctionData("referralRewards", [a.wallet.address]) }, "latest"]);
      credit.push(IFACES.market.decodeFunctionResult("referralRewards", ret)[0] as bigint);
    }
    for (const a of accounts) sellNet.push(await this.quoteSellNet(tokensOf(a)));
    const allTokens = accounts.reduce((t, a) => t + tokensOf(a), 0n);
    const jointNet = await this.quoteSellNet(allTokens);
    return accounts.map((a, i) => agentValue(a, market.spotPrice, sellNet[i], credit[i], jointNet, allTokens));
  }

  private async writeMetrics(step: number, block: number, timestamp: number, market: MarketObservation, accounts: AccountView[]): Promise<void> {
    const o = this.o;
    const flows = this.observer.flows;
    this.observer.flows = emptyFlows();
    const values = await this.agentValues(market, accounts);
    this.agents.forEach((a, i) => (a.rec.initialValue ??= values[i]));
    const rows = this.agents.map((a) => ({ family: a.spec.family, address: a.wallet.address, fundingWei: 0n }));
    const wholeSupplyGross = await this.quoteSellGross(market.supply);
    const measured: Measured = {
      values,
      initial: this.agents.map((a, i) => a.rec.initialValue ?? values[i]),
      wholeSupplyGross,
      gasPaid: 0n, // live bots: gas is in each agent's ether; no per-block ledger check (docs/bots.md)
    };
    const { metrics, priceWindow } = computeStepMetrics(step, market, rows, familiesOf(o.scenario), { number: block, timestamp, outcomes: this.settledThisBlock, flows }, this.priceWindow ?? { window: o.scenario.metrics.volatilityWindow, prices: [] }, measured);
    this.priceWindow = priceWindow;
    fs.mkdirSync(path.dirname(o.metricsFile), { recursive: true });
    fs.appendFileSync(o.metricsFile, JSON.stringify(metrics, (_k, v) => (typeof v === "bigint" ? v.toString() : v)) + "\n");
    const c = this.state.counters;
    const pending = this.state.txs.filter((t) => t.status === "pending").length;
    o.metrics?.onBlock(block, metrics, pending, c);
    o.progress?.(`block ${block} step ${step} agents ${this.agents.length} sent ${c.sent} mined ${c.mined} reverted ${c.reverted} replaced ${c.replaced} dropped ${c.dropped} pending ${pending} retries ${c.retries}${this.stopRequested ? " (stopping)" : ""}`);
  }

  /** Counts an RPC retry (the provider's onRetry hook calls this). */
  countRetry(): void {
    if (this.state !== undefined) this.state.counters.retries += 1;
  }

  /** Final state (for tests and the exit line). */
  get snapshot(): BotState {
    return this.state;
  }
}

export type { TxAction };
