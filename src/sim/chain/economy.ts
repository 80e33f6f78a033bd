// The chain Economy: the engine's agents on the real contracts. This file only wires the parts,
// each in its own module: the node connection and its batches (node/), deployment and funding
// (deployment.ts), mining and reading a block (blockMiner.ts, reverts.ts), logs routed by topic
// (logRouter.ts), governance state and the keeper and council (governance.ts), account reads
// (accounts.ts), the lens decoded into named structs (lensCodec.ts), transaction encoding
// (encode.ts) and nonces (nonces.ts).
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, MaxUint256, ZeroAddress } from "ethers";
import type { AccountView, Address, MarketObservation, ProposalSpec } from "../../agents/types";
import type { AgentSetup, BlockResult, Books, Economy, EconomyEvent, EffectiveSetting, EventOutcome, FundedAgent, SubmitResult, SubmittedTx, TxOutcome, Valuation } from "../economy";
import { ChainBooks } from "./books";
import type { effectiveSettings } from "./deployConfig";
import type { Scenario } from "../scenarioTypes";
import { CURVE_PARAMS } from "../scenario";
import { hexQuantity, setAutomine, type RpcSender } from "./rpc";
import { EdrMiner } from "./edrTraces";
import { NativeMemoryGuard } from "./nativeMemory";
export { loadHardhat } from "./hardhat";
import { IFACES, SYSTEM_GAS, GAS_LIMIT, encodeAction, evidenceHash, FUND_ID, type Addresses, type Call } from "./encode";
import { isBatchRpc, sequentialBatch, valueOf, type BatchRpc, type RpcCall, type RpcResult } from "./node/batch";
import { agentAddress, deployLens, deployOrAttach, deploymentStart, fundAgents, nextBaseFee, SETUP_LEAD_SECONDS, type Deployed, type DeploymentReuse } from "./deployment";
export { nextBaseFee } from "./deployment";
import { BlockMiner } from "./blockMiner";
import { LogRouter } from "./logRouter";
import { Governance, type CurveState } from "./governance";
import { AccountBook } from "./accounts";
import { decodeEconomy, economyCalldata, uintWord, type EconomyReading } from "./lensCodec";
import { Nonces } from "./nonces";
import { emptyFlows, type MutableFlows, type Pending } from "./pending";
import { ResourceChain } from "./resources";
import { quoteSellLinear } from "./linearQuote";
import { ReferralCredits } from "./referrals";
export { REVENUE_EVERY } from "./governance";

const EPOCH_SECONDS = 7 * 24 * 3600;
const TRANSFER_TOPIC = IFACES.token.getEvent("Transfer")?.topicHash as string;
/** Gas for read-only calls (the lens): explicit, so a node does not run them with a huge block limit. */
const CALL_GAS = hexQuantity(16_000_000n);
/** The raised block gas limit: one step is always one block. */
const BLOCK_GAS_LIMIT = 10n ** 10n;
/** CIPHER_LENS_QUOTES=1 turns the TypeScript linear quotes off (every valuation through the lens). */
const LENS_QUOTES = process.env.CIPHER_LENS_QUOTES === "1";
/** Agents' actions that change their stakes (read in full after the block: accounts.ts). */
const STAKE_CHANGING: ReadonlySet<string> = new Set(["stake", "unbond", "withdraw"]);

export interface ChainOptions {
  /** Hardhat network name (default: the in-process "hardhat"). */
  readonly network?: string;
  /** Attach to deployments/<network>.json (or this file) instead of deploying. */
  readonly attach?: string | boolean;
  /** Read revert data from Hardhat's in-process traces of evm_mine (default on where available). */
  readonly traceHook?: boolean;
  /** Where to look for Hardhat's in-process EDR provider (default: the RpcSender itself). */
  readonly edrSource?: unknown;
  /**
   * Put the node back as it was when the run ends (evm_snapshot at setup, evm_revert at close).
   * Default: on for the in-process network only; a node the user started keeps what the run did.
   */
  readonly restore?: boolean;
  /** JSON-RPC method names of the node for impersonation and balances (default: Hardhat's, then anvil's). */
  readonly dialect?: "hardhat" | "anvil";
  /** Deploy once for many runs on this node (a sweep worker): see DeploymentReuse. Replaces `restore`. */
  readonly reuse?: DeploymentReuse;
  /** Called after close() (the backend that started a node stops it here). */
  readonly onClose?: () => Promise<void>;
}

export class ChainEconomy implements Economy {
  readonly name = "chain";
  private readonly rpc: BatchRpc;
  private s!: Scenario;
  private a!: Addresses;
  private lens!: string;
  /** Calldata of the lens's economy reading (the same every block). */
  private economyData!: string;
  private deployer!: string;
  private snapshot: string | undefined;
  private pool: Pending[] = [];
  private step = 0;
  private miner!: BlockMiner;
  private readonly router = new LogRouter();
  private gov!: Governance;
  private book!: AccountBook;
  private readonly nonces = new Nonces();
  private curve!: CurveState;
  private readonly roles = new Map<string, ("slasher" | "oracle")[]>();
  private flows: MutableFlows = emptyFlows();
  /** The lens's economy reading after the last mined block (read in the block's batch). */
  private reading: EconomyReading | undefined;
  /** In-process only (Hardhat's provider holds native memory until GC); a node reached over HTTP needs none (and memoryUsage() costs ~1 ms). */
  private readonly memory: NativeMemoryGuard | undefined;
  /** Accounting hooks (books.ts): receipts' gas, mints and burns; settings the deployment used. */
  private readonly ledger = new ChainBooks();
  private effective: ReturnType<typeof effectiveSettings> | undefined;
  /** The resource market's keeper, oracles and metrics (resources.ts), when the scenario has a `resources` section. */
  private res: ResourceChain | undefined;
  /** The last valuation asked for, until it is answered: the next block is not mined before (below). */
  private inflight: Promise<void> | undefined;
  /**
   * The linear curve's parameters [m, b] as of the last mined block (read once after setup, then
   * from the market's CurveParametersChanged logs): the valuation quotes sells in TypeScript
   * (linearQuote.ts). Undefined for the other curves, or where they could not be read (lens path).
   */
  private linear: { m: bigint; b: bigint } | undefined;
  /** The agents' referral credits, from one read after setup and the market's logs (referrals.ts). */
  private readonly referrals = new ReferralCredits();
  /** Valuations quoted in TypeScript (`local`) and by the lens (`lens`). */
  private readonly quoted = { local: 0, lens: 0 };

  constructor(private readonly hre: HardhatRuntimeEnvironment, p: RpcSender, private readonly opts: ChainOptions = {}) {
    this.rpc = isBatchRpc(p) ? p : sequentialBatch(p);
    this.memory = isBatchRpc(p) ? undefined : new NativeMemoryGuard(Number(process.env.CIPHER_GC_MB ?? 128));
  }

  /** Transactions mined and seconds spent in the node's evm_mine alone (the bench's ceiling). */
  get mineStats(): { readonly txs: number; readonly seconds: number } {
    return this.miner.mineStats;
  }

  /** Valuations whose sell quotes were computed in TypeScript (linear curve) and those the lens quoted. */
  get quoteStats(): { readonly local: number; readonly lens: number } {
    return { ...this.quoted };
  }

  /** Account reads answered wholly by the block's read batch, and those that read the rest after (AccountBook.prefetch). */
  get accountReads(): { readonly answered: number; readonly topUp: number } {
    return { ...this.book.prefetchStats };
  }

  /** Blocks the node mined out of the order sent (BlockMiner; expected: none). */
  get reorderedBlocks(): number {
    return this.miner.orderStats.reordered;
  }

  /** Blocks read without receipts, and those where receipts were read after all (BlockMiner). */
  get blockReads(): { readonly lean: number; readonly fallback: number } {
    return this.miner.leanStats;
  }

  private ethCall(to: string, data: string, block = "latest"): RpcCall {
    return { method: "eth_call", params: [{ to, data, from: this.deployer, gas: CALL_GAS }, block] };
  }

  private async names(): Promise<{ impersonate: string; setBalance: string }> {
    if (this.opts.dialect === "anvil") return { impersonate: "anvil_impersonateAccount", setBalance: "anvil_setBalance" };
    if (this.opts.dialect === "hardhat") return { impersonate: "hardhat_impersonateAccount", setBalance: "hardhat_setBalance" };
    try {
      await this.rpc.send("hardhat_setBalance", [this.deployer, hexQuantity(10n ** 30n)]);
      return { impersonate: "hardhat_impersonateAccount", setBalance: "hardhat_setBalance" };
    } catch {
      return { impersonate: "anvil_impersonateAccount", setBalance: "anvil_setBalance" };
    }
  }

  async setup(s: Scenario, agents: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    this.s = s;
    const p = this.rpc;
    const reuse = this.opts.attach ? undefined : this.opts.reuse;
    const restore = reuse === undefined && (this.opts.restore ?? (this.opts.network ?? "hardhat") === "hardhat");
    if (restore) this.snapshot = (await p.send("evm_snapshot", [])) as string;
    const addrs = agents.map((a) => agentAddress(s.seed, a.index));
    const oracles = addrs.filter((_, i) => agents[i].roles.includes("oracle"));
    const slasher = addrs.find((_, i) => agents[i].roles.includes("slasher")) ?? null;
    agents.forEach((a, i) => this.roles.set(addrs[i].toLowerCase(), [...a.roles].sort()));
    this.ledger.setAgents(addrs);
    const [deployer] = (await p.send("eth_accounts", [])) as string[];
    this.deployer = getAddress(deployer);
    // After the first request (Hardhat initialises its provider lazily).
    const edr = this.opts.traceHook === false ? undefined : EdrMiner.attach(this.opts.edrSource ?? p);
    // where blocks are read without receipts, only non-agents' transactions need theirs (the books)
    this.miner = new BlockMiner(p, edr, (from) => !this.ledger.isAgent(from));
    const names = await this.names();
    const prepare = async (): Promise<void> => {
      await p.send(names.setBalance, [this.deployer, hexQuantity(10n ** 30n)]);
      try {
        await p.send("evm_setBlockGasLimit", [hexQuantity(BLOCK_GAS_LIMIT)]);
      } catch {
        try { await p.send("anvil_setBlockGasLimit", [hexQuantity(BLOCK_GAS_LIMIT)]); } catch { /* keep the node's limit */ }
      }
      const head = (await p.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string };
      // The next block's base fee from the head block by EIP-1559, set explicitly: anvil's first block
      // carries its configured fee instead of the decayed one Hardhat's has, and after evm_revert
      // anvil keeps the base fee of the last block mined before the revert. Set, every node gives
      // the same fees from here on (byte-identical runs across backends and across restored runs).
      const next = nextBaseFee(BigInt(head.baseFeePerGas ?? "0x0"), BigInt(head.gasUsed), BigInt(head.gasLimit));
      await p.send(names.setBalance.startsWith("anvil") ? "anvil_setNextBlockBaseFeePerGas" : "hardhat_setNextBlockBaseFeePerGas", [hexQuantity(next)]);
      if (Number(BigInt(head.timestamp)) < deploymentStart(s)) {
        await p.send("evm_setNextBlockTimestamp", [hexQuantity(deploymentStart(s))]);
      }
    };
    let d: Deployed & { readonly lens?: string };
    if (reuse !== undefined) d = await reuse.open({ hre: this.hre, p, deployer: this.deployer, s, oracles, slasher, names, prepare });
    else {
      await prepare();
      d = await deployOrAttach(this.hre, p, this.deployer, s, oracles, slasher, this.opts.attach);
    }
    this.a = d.addresses;
    this.effective = d.effective;
    this.curve = { names: CURVE_PARAMS[s.curve.kind], params: d.curveParams };
    this.lens = d.lens ?? (await deployLens(p, this.deployer, this.opts.attach ? undefined : deploymentStart(s)));
    this.economyData = economyCalldata(this.a);
    this.ledger.configure((to, data, block) => this.ethCall(to, data, block), this.lens, this.a, this.deployer);
    this.gov = new Governance(this.a, this.curve, this.deployer, (label, call) => this.system(label, call));
    this.gov.listen(this.router, () => this.flows);
    this.book = new AccountBook(p, this.a, this.lens, (to, data, block) => this.ethCall(to, data, block), this.roles);
    this.book.listen(this.router);
    this.listenFlows();

    // Controlled phase: automine off, explicit timestamps from here on (byte-identical runs).
    await setAutomine(p, false);
    this.nonces.startSystem(Number(BigInt((await p.send("eth_getTransactionCount", [this.deployer, "latest"])) as string)));
    await this.miner.refresh();
    await fundAgents(p, addrs, agents.map((a) => a.fundingWei), names);
    // Genesis purchase by the deployer (council), then each agent approves the staking contract.
    if (s.genesis.buyWei > 0n) {
      const wei = s.genesis.buyWei;
      this.system("genesisBuy", { to: this.a.market, value: wei, data: IFACES.market.encodeFunctionData("buy", [wei, 0n, ZeroAddress, s.startTimestamp + 3600]) });
    }
    const approve: Call = { to: this.a.token, value: 0n, data: IFACES.token.encodeFunctionData("approve", [this.a.staking, MaxUint256]) };
    for (const addr of addrs) {
      this.pool.push({ from: addr, nonce: 0, action: undefined, system: "approve", call: approve, gas: 100_000n, tip: 0n });
      this.nonces.startAgent(addr, 1);
    }
    this.system("approve", approve);
    await this.mineSetup(s.startTimestamp - SETUP_LEAD_SECONDS, "setup");
    // The council stakes half of its genesis tokens (tier 0) so it can carry scheduled proposals.
    const bal = uintWord(valueOf<string>((await p.batch([this.ethCall(this.a.token, IFACES.token.encodeFunctionData("balanceOf", [this.deployer]))]))[0]));
    if (bal > 0n) this.system("councilStake", { to: this.a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("stake", [bal / 2n, 0]) });
    // Setup blocks stay before the run's start whatever the block time (hour-long steps included).
    const setupStep = Math.min(s.secondsPerBlock, SETUP_LEAD_SECONDS / 4);
    await this.mineSetup(s.startTimestamp - SETUP_LEAD_SECONDS + setupStep, "council stake");
    // The genesis purchase moves the price from the curve's start to its genesis level, which trips
    // the breaker: let its window and cool-down pass before step 0 (empty blocks, explicit times).
    if (s.genesis.buyEth > 0) {
      const n = s.protections.breakerWindowBlocks + s.protections.breakerCooldownBlocks + 1;
      const t0 = s.startTimestamp - SETUP_LEAD_SECONDS + 2 * setupStep;
      for (let i = 0; i < n; i++) await this.miner.mine([], Math.min(s.startTimestamp - 1, t0 + i));
    }
    this.reading = undefined;
    this.ledger.forget();
    await this.readLinearCurve();
    this.referrals.start(addrs, await this.ledger.referralCredits((c) => p.batch(c), this.a.market, addrs, "latest"));
    if (s.resources !== undefined) await this.startResources(s, agents, addrs);
    return addrs.map((address) => ({ address, nonce: 1 }));
  }

  /** Reads the curve's kind and parameters once (at the head, after setup); later changes come from the market's logs. */
  private async readLinearCurve(): Promise<void> {
    this.linear = undefined;
    try {
      const c = IFACES.curve;
      const got = await this.rpc.batch([this.ethCall(this.a.curve, c.encodeFunctionData("kind")), this.ethCall(this.a.curve, c.encodeFunctionData("parameters"))]);
      const kind = String(c.decodeFunctionResult("kind", valueOf<string>(got[0]))[0]);
      const params = (c.decodeFunctionResult("parameters", valueOf<string>(got[1]))[0] as readonly bigint[]).map((x) => BigInt(x));
      if (kind === "linear" && params.length === 2) this.linear = { m: params[0], b: params[1] };
    } catch {
      // not readable: the lens quotes every sell
    }
  }

  private async startResources(s: Scenario, agents: readonly AgentSetup[], addrs: readonly string[]): Promise<void> {
    if (this.a.resourceMarket === undefined) throw new Error("the scenario has a `resources` section but the deployment has no compute resource market");
    this.res = new ResourceChain(this.a.resourceMarket, this.a.token, this.a.oracle, s, agents.map((x, i) => ({ address: addrs[i], index: x.index, family: x.family, roles: x.roles })), {
      call: async (calls) => (await this.rpc.batch(calls.map((c) => this.ethCall(c.to, c.data)))).map((r) => valueOf<string>(r)),
      send: (label, call, gas, from) => {
        if (from === undefined) this.system(label, call, gas);
        else this.pool.push({ from, nonce: this.nonces.takeScheduled(from), action: undefined, system: label, call, gas, tip: 0n });
      },
    });
    this.res.listen(this.router);
    await this.res.init();
  }

  private async mineSetup(ts: number, what: string): Promise<void> {
    const r = await this.mineBlock(ts);
    const bad = r.outcomes.find((o) => !o.ok);
    if (bad !== undefined) throw new Error(`${what} transaction ${bad.system ?? ""} reverted: ${bad.error ?? "?"}`);
  }

  private system(label: string, call: Call, gas: bigint = SYSTEM_GAS): void {
    this.pool.push({ from: this.deployer, nonce: this.nonces.takeSystem(), action: undefined, system: label, call, gas, tip: 0n });
  }

  private listenFlows(): void {
    const m = this.a.market;
    // The books count the token's mints and burns (Transfer from/to address 0).
    this.router.onRaw(this.a.token, TRANSFER_TOPIC, (l) => this.ledger.onTransfer(l.topics, BigInt(l.data)));
    this.router.on(m, IFACES.market, "Bought", (x) => {
      this.referrals.onBought(String(x[1]), BigInt(x[4]));
      this.flows.buyVolume += BigInt(x[2]);
      this.flows.feesCollected += BigInt(x[3]);
    });
    this.router.on(m, IFACES.market, "Sold", (x) => {
      this.flows.sellVolume += BigInt(x[2]);
      this.flows.feesCollected += BigInt(x[3]);
    });
    this.router.on(m, IFACES.market, "ReferralRewardsClaimed", (x) => this.referrals.onClaimed(String(x[0])));
    this.router.on(m, IFACES.market, "CurveParametersChanged", (x) => {
      const next = (x[1] as readonly bigint[]).map((v) => BigInt(v));
      if (this.linear !== undefined) this.linear = next.length === 2 ? { m: next[0], b: next[1] } : undefined;
    });
    this.router.on(m, IFACES.market, "CircuitBreakerTripped", () => {
      this.flows.breakerTrips += 1;
    });
    this.router.on(this.a.treasury, IFACES.treasury, "GrantPaid", (x) => {
      if (Number(x[0]) === FUND_ID.welfare) this.flows.welfarePaid += BigInt(x[3]);
      if (Number(x[0]) === FUND_ID.solidarity) this.flows.solidarityPaid += BigInt(x[3]);
    });
  }

  async observe(step: number, timestamp: number): Promise<MarketObservation> {
    this.step = step;
    this.reading ??= decodeEconomy(valueOf<string>((await this.rpc.batch([this.ethCall(this.lens, this.economyData)]))[0]));
    const v = this.reading;
    const nextBlock = v.block + 1;
    return {
      step,
      block: nextBlock,
      timestamp,
      spotPrice: v.spotPrice,
      supply: v.supply,
      reserve: v.reserve,
      buyFeeBps: v.buyFeeBps,
      sellFeeBps: v.sellFeeBps,
      halted: v.paused || nextBlock < v.haltedUntilBlock,
      staking: { totalStaked: v.totalStaked, totalWeight: v.totalWeight, tiers: v.tiers, stakers: this.book.stakers() },
      proposals: this.gov.proposalViews(nextBlock),
      slashes: this.gov.slashViews(this.s),
      treasury: { welfare: v.welfare, solidarity: v.solidarity, development: v.development },
      // On chain an epoch is 7 days and only finished epochs can be attested.
      epoch: Math.floor(timestamp / EPOCH_SECONDS) - 1,
      recentVoters: this.gov.recentVoters(nextBlock - this.s.metrics.epochSteps),
      ...(this.res !== undefined ? { resources: this.res.observation(timestamp) } : {}),
    };
  }

  accounts(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    return this.book.read(addresses);
  }

  async submit(tx: SubmittedTx): Promise<SubmitResult> {
    const call = encodeAction(this.a, tx.action, this.s.startTimestamp + (this.step + 1) * this.s.secondsPerBlock, this.gov, this.curve.params, this.curve.names);
    this.pool.push({ from: tx.from, nonce: this.nonces.agent(tx.from, tx.nonce), action: tx.action, call, gas: GAS_LIMIT[tx.action.kind], tip: tx.action.priorityFee });
    return { accepted: true };
  }

  async applyEvent(e: EconomyEvent, step: number): Promise<EventOutcome> {
    this.book.invalidate();
    switch (e.kind) {
      case "setFees":
        return this.councilPropose({ kind: "setFees", buyFeeBps: e.buyFeeBps, sellFeeBps: e.sellFeeBps }, step);
      case "setCurveParam":
        return this.councilPropose({ kind: "setCurveParam", param: e.param, value: parseEth(e.value) }, step);
      case "grant":
        return this.councilPropose({ kind: "grant", fund: e.fund, recipient: e.recipient, amount: e.amount }, step);
      case "slash": {
        // The slasher role is the scenario's slasher agent (or none): the case is opened from its account.
        const slasher = [...this.roles.entries()].find(([, r]) => r.includes("slasher"))?.[0];
        if (slasher === undefined) return { ok: false, error: "NoSlasher" };
        const data = IFACES.slashing.encodeFunctionData("proposeSlash", [e.target, e.severityBps, evidenceHash(`scheduled-${step}`)]);
        this.pool.push({ from: slasher, nonce: this.nonces.takeScheduled(slasher), action: undefined, system: "scheduledSlash", call: { to: this.a.slashing, value: 0n, data }, gas: GAS_LIMIT.proposeSlash, tip: 0n });
        return { ok: true };
      }
      case "dispute": {
        const id = this.gov.caseOf(e.target);
        if (id === undefined) return { ok: false, error: "UnknownSlash" };
        const data = IFACES.slashing.encodeFunctionData("disputeSlash", [BigInt(id)]);
        this.pool.push({ from: e.target, nonce: this.nonces.takeScheduled(e.target), action: undefined, system: "scheduledDispute", call: { to: this.a.slashing, value: 0n, data }, gas: GAS_LIMIT.dispute, tip: 0n });
        return { ok: true };
      }
    }
  }

  private councilPropose(spec: ProposalSpec, step: number): EventOutcome {
    this.gov.councilPropose(spec, step);
    return { ok: true };
  }

  /** Waits for the valuation in flight, if any. */
  private async quotesAnswered(): Promise<void> {
    const q = this.inflight;
    this.inflight = undefined;
    if (q !== undefined) await q;
  }

  async mine(timestamp: number): Promise<BlockResult> {
    if (this.memory !== undefined) await this.quotesAnswered();
    this.memory?.check();
    this.gov.keeper(timestamp, this.miner.block + 1, this.step);
    this.res?.keeper(timestamp, this.step);
    const r = await this.mineBlock(timestamp);
    await this.res?.refresh();
    const outcomes: TxOutcome[] = r.outcomes.map((o) => ({
      from: o.from, nonce: o.nonce, action: o.action ?? { kind: "noop" }, index: o.index, ok: o.ok, error: o.error, ...(o.gasUsed !== undefined ? { gasUsed: o.gasUsed } : {}),
      ...(o.system !== undefined ? { system: o.system } : {}),
    }));
    return { number: r.number, timestamp, outcomes, flows: r.flows, ...(this.res !== undefined ? { resources: this.res.takeStep() } : {}) };
  }

  /** Mines the pool with the block's state reads in the miner's batch (the economy, the books), then routes the block's logs and derives proposal states from them. */
  private async mineBlock(ts: number): Promise<{ number: number; outcomes: ReturnType<BlockMiner["mine"]> extends Promise<infer R> ? R extends { outcomes: infer O } ? O : never : never; flows: MutableFlows }> {
    const pool = this.pool;
    this.pool = [];
    // The block's state is read in the miner's batch: the economy and the books.
    // ...and the agents' account reads the engine asks for next, as far as they can be told before
    // the block's logs: its senders' balances, the stake changers' full views, live stakes' rewards
    let books = 0;
    const r = await this.miner.mine(
      pool,
      ts,
      (n) => {
        const ledger = this.ledger.blockCalls(n);
        books = ledger.length;
        // (a buy's referrer is named by its Bought event: read too, as the logs will ask)
        const senders = new Set(pool.flatMap((tx) => (tx.action?.kind === "buy" && tx.action.referrer !== undefined ? [tx.from, tx.action.referrer] : [tx.from]).map((a) => a.toLowerCase())));
        const stakeChangers = new Set(pool.filter((tx) => tx.action !== undefined && STAKE_CHANGING.has(tx.action.kind)).map((tx) => tx.from.toLowerCase()));
        return [this.ethCall(this.lens, this.economyData, n), ...ledger, ...this.book.prefetch(n, senders, stakeChangers)];
      },
      () => this.quotesAnswered(),
    );
    this.flows = emptyFlows();
    this.gov.block = r.number;
    this.book.block = r.number;
    for (const o of r.outcomes) if (o.index >= 0) this.book.touch(o.from);
    if (r.blockGasWei !== undefined) this.ledger.onBlockGas(r.blockGasWei, r.receipts);
    else for (const rc of r.receipts) this.ledger.onReceipt(rc);
    for (const l of r.logs) {
      this.book.touchTopics(l);
      this.router.dispatch(l);
    }
    const got = r.extra;
    this.reading = decodeEconomy(valueOf<string>(got[0]));
    this.ledger.absorb(got.slice(1, 1 + books));
    this.book.absorbPrefetch(got.slice(1 + books));
    // Proposal states are derived from the block's logs (governance.ts); only a proposal whose
    // vote has just ended needs governor.quorum(snapshot), read at the block in one more batch.
    const govReads = this.gov.reads();
    if (govReads.length > 0) {
      const n = hexQuantity(r.number);
      const more = await this.rpc.batch(govReads.map((c) => this.ethCall(c.to, c.data, n)));
      govReads.forEach((c, i) => c.absorb(valueOf<string>(more[i])));
    }
    // The block's responses may hold native memory (in-process): a young-generation collection frees it.
    this.memory?.minor();
    return { number: r.number, outcomes: r.outcomes, flows: this.flows };
  }

  valuation(accounts: readonly Address[], amounts: readonly bigint[]): Promise<Valuation> {
    // At the last mined block, by number. The engine keeps it in flight while the next step's
    // agents decide and their transactions are sent (which changes no state); the next evm_mine
    // waits for it: anvil answered a read pinned to the head block from the state of a block being
    // mined meanwhile (a 1,000-agent run quoted amounts larger than the supply it then saw).
    // In-process the next mine waits for it before anything (no concurrent requests to EDR: its
    // native memory).
    // On a linear curve the quotes are computed here from the block's own reading (supply, sell
    // fee) and the curve's tracked parameters, exactly as the contracts do (linearQuote.ts), and
    // the referral credits are those kept from the logs (referrals.ts; read by the lens, without
    // quotes, for an account not kept): no request at all. Any input missing, or a quote the
    // contract would revert on: the lens quotes them all, as before.
    const block = hexQuantity(this.miner.block);
    const local = this.localQuotes(amounts);
    const batch = (c: readonly RpcCall[]): Promise<RpcResult[]> => this.rpc.batch(c);
    this.quoted[local === undefined ? "lens" : "local"] += 1;
    const kept = local === undefined ? undefined : this.referrals.of(accounts);
    const v = local === undefined
      ? this.ledger.valuation(batch, this.a.market, accounts, amounts, block)
      : kept !== undefined
        ? Promise.resolve({ ...local, referralCredit: kept })
        : this.ledger.referralCredits(batch, this.a.market, accounts, block).then((referralCredit) => ({ ...local, referralCredit }));
    this.inflight = v.then(() => undefined, () => undefined);
    return v;
  }

  /** quoteSell of each amount at the last mined block in TypeScript, or undefined where the lens must quote. */
  private localQuotes(amounts: readonly bigint[]): { sellNet: bigint[]; sellFee: bigint[] } | undefined {
    // CIPHER_LENS_QUOTES=1: always the lens (the test comparing both paths)
    if (LENS_QUOTES) return undefined;
    const lin = this.linear;
    const r = this.reading;
    if (lin === undefined || r === undefined || r.block !== this.miner.block) return undefined;
    const state = { m: lin.m, b: lin.b, supply: r.supply, sellFeeBps: BigInt(r.sellFeeBps) };
    const sellNet: bigint[] = [];
    const sellFee: bigint[] = [];
    for (const x of amounts) {
      // CipherLens.holdings skips quoteSell for 0 (0, 0)
      const q = x === 0n ? { reserveOut: 0n, fee: 0n } : quoteSellLinear(state, x);
      if (q === undefined) return undefined;
      sellNet.push(q.reserveOut);
      sellFee.push(q.fee);
    }
    return { sellNet, sellFee };
  }

  books(): Promise<Books> {
    // Everything is taken when asked (the holdings read with the last block, the resource
    // market's tokens), not after an await: the next block may be mined before this resolves.
    const tokensHeld = this.res?.tokensHeld;
    return this.ledger.read((c) => this.rpc.batch(c)).then((b) =>
      // the resource market holds bonds, escrow, earnings and fees in the token
      tokensHeld === undefined ? b : { ...b, tokensHeld: { ...b.tokensHeld, resourceMarket: tokensHeld } },
    );
  }

  /** The resource market's finished epochs so far (empty without one): for tests and studies. */
  get resourceOutcomes(): readonly import("../../metrics/resources").EpochOutcome[] {
    return this.res?.outcomes ?? [];
  }

  effectiveSettings(): { readonly [setting: string]: string | number | boolean } {
    return this.effective?.effective ?? { deployment: "attached (settings not read)" };
  }

  settingChanges(): readonly EffectiveSetting[] {
    return this.effective?.changes ?? [];
  }

  async close(): Promise<void> {
    try {
      await setAutomine(this.rpc, true);
      if (this.snapshot !== undefined) await this.rpc.send("evm_revert", [this.snapshot]);
      if (this.opts.reuse !== undefined && !this.opts.attach) await this.opts.reuse.release(this.rpc);
    } catch {
      // the node may be gone already
    }
    await this.opts.onClose?.();
  }
}

function parseEth(v: string): bigint {
  const [w, f = ""] = v.split(".");
  return BigInt(w) * 10n ** 18n + BigInt((f + "0".repeat(18)).slice(0, 18));
}

export async function createChainEconomy(opts: ChainOptions = {}): Promise<ChainEconomy> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadHardhat } = require("./hardhat") as typeof import("./hardhat");
  const hre = await loadHardhat(opts.network);
  return new ChainEconomy(hre, hre.network.provider, opts);
}
