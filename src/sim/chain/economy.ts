// The chain Economy: the engine's agents on the real contracts (ethers v6 interfaces, raw
// JSON-RPC). Deploys through deploySuite (or attaches), funds and impersonates deterministic agent
// accounts, sends every action with eth_sendTransaction (explicit nonce, fixed gas, tip =
// priorityFee), mines one block per step at the step's timestamp, reads receipts and logs once per
// block, and reads the whole economy and every account through CipherLens in single eth_calls.
// The economy's own roles (revenue distribution, the governance council and keeper, undisputed
// slash execution) are system transactions from the deployer in the same blocks.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, keccak256, toUtf8Bytes, MaxUint256, ZeroAddress, type LogDescription } from "ethers";
import type { AccountView, Address, MarketObservation, ProposalSpec, ProposalState, ProposalView, SlashView, StakePosition, TxAction, LockTier } from "../../agents/types";
import type { AgentSetup, BlockFlows, BlockResult, Books, Economy, EconomyEvent, EffectiveSetting, EventOutcome, FundedAgent, SubmitResult, SubmittedTx, TxOutcome, Valuation } from "../economy";
import { ChainBooks } from "./books";
import type { Scenario } from "../scenarioTypes";
import { CURVE_PARAMS } from "../scenario";
import { hexQuantity, impersonate, setAutomine, setBalance, type RpcSender } from "./rpc";
import { decodeRevert } from "./revertDecoder";
import { EdrMiner, type MinedTraces } from "./edrTraces";
import { NativeMemoryGuard } from "./nativeMemory";
import { loadHardhat } from "./hardhat";
export { loadHardhat } from "./hardhat";
import { ALL_INTERFACES, IFACES, SYSTEM_GAS, GAS_LIMIT, encodeAction, specOperations, decodeSpec, proposalId, descriptionHash, evidenceHash, FUND_ID, type Addresses, type Call, type Operations } from "./encode";
import { curveParameters, effectiveSettings, simDeployConfig } from "./deployConfig";
import { loadConfig } from "../../../deploy/config";
import { deploySuite, CONTRACT_NAMES } from "../../deploy/suite";
import { readDeployment } from "../../deploy/deploymentFile";
import { CipherLens__factory } from "../../../typechain-types";

const STATES: readonly ProposalState[] = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
const EPOCH_SECONDS = 7 * 24 * 3600;
/** Steps between two revenue distributions (flush, split, release, buy-back). */
export const REVENUE_EVERY = 10;
/** Accounts per lens call (keeps one eth_call well under the call gas cap). */
const LENS_CHUNK = 32;
/** Accounts per pendingRewards call. */
const REWARDS_CHUNK = 128;
const GWEI = 10n ** 9n;
const SETUP_LEAD_SECONDS = 600;
const TRANSFER_TOPIC = IFACES.token.getEvent("Transfer")?.topicHash as string;
/** Staking events that change an account's stakes (the account is topic 1). */
const STAKE_TOPICS = new Set((["Staked", "UnbondRequested", "Withdrawn", "Slashed"] as const).map((n) => IFACES.staking.getEvent(n)?.topicHash as string));
/** Gas for read-only calls (the lens): explicit, so a node does not run them with a huge block limit. */
const CALL_GAS = hexQuantity(16_000_000n);

export interface ChainOptions {
  /** Hardhat network name (default: the in-process "hardhat"). */
  readonly network?: string;
  /** Attach to deployments/<network>.json (or this file) instead of deploying. */
  readonly attach?: string | boolean;
  /** Read revert data from Hardhat's in-process traces of evm_mine (default on where available). */
  readonly traceHook?: boolean;
  /**
   * Where to look for Hardhat's in-process EDR provider (default: the RpcSender itself). For a
   * sender that wraps Hardhat's provider (profile-sim's timers) and talks to the same node.
   */
  readonly edrSource?: unknown;
  /** Restore the node's state when the run ends (evm_snapshot/evm_revert); default on. */
  readonly revert?: boolean;
}

interface Pending {
  readonly from: string;
  readonly nonce: number;
  readonly action: TxAction | undefined;
  readonly system?: string;
  readonly call: Call;
  readonly gas: bigint;
  readonly tip: bigint;
}

interface Proposal {
  readonly id: string;
  readonly proposer: string;
  readonly spec: ProposalSpec | undefined;
  readonly ops: Operations;
  readonly description: string;
  readonly snapshotBlock: number;
  readonly deadlineBlock: number;
  state: ProposalState;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  voters: string[];
  /** Scheduled by the council (the keeper votes, queues and executes it). */
  council: boolean;
  eta: number;
}

interface Case {
  readonly id: string;
  readonly target: string;
  readonly severityBps: number;
  disputed: boolean;
  deadline: number;
  open: boolean;
  resolutionProposed: boolean;
}

interface RawReceipt {
  transactionHash: string;
  status: string;
  from?: string;
  gasUsed: string;
  effectiveGasPrice?: string;
  logs: { address: string; topics: string[]; data: string }[];
}

function agentAddress(seed: number, index: number): string {
  return getAddress("0x" + keccak256(toUtf8Bytes(`cipher-sim/${seed}/${index}`)).slice(26));
}

export class ChainEconomy implements Economy {
  readonly name = "chain";
  private s!: Scenario;
  private a!: Addresses;
  private lens!: string;
  private deployer!: string;
  private sysNonce = 0;
  private snapshot: string | undefined;
  private pool: Pending[] = [];
  private baseFee = 0n;
  private block = 0;
  private curveParams: bigint[] = [];
  private curveNames: readonly string[] = [];
  private proposals = new Map<string, Proposal>();
  private cases = new Map<string, Case>();
  private caseByTarget = new Map<string, string>();
  private sinceBlock = new Map<string, number>();
  private voters: { block: number; voter: string }[] = [];
  private roles = new Map<string, ("slasher" | "oracle")[]>();
  private step = 0;
  private proposalCounter = 0;
  private cache = new Map<string, AccountView>();
  private dirty = new Set<string>();
  private stakeDirty = new Set<string>();
  private get tokenLc(): string {
    return this.a.token.toLowerCase();
  }
  private get stakingLc(): string {
    return this.a.staking.toLowerCase();
  }

  private miner: EdrMiner | undefined;
  /** Whether to try eth_getBlockReceipts (cleared once the node says it does not offer it). */
  private blockReceipts = true;
  private readonly memory = new NativeMemoryGuard(Number(process.env.CIPHER_GC_MB ?? 128));
  /** Accounting hooks (books.ts): receipts' gas, mints and burns; settings the deployment used. */
  private readonly ledger = new ChainBooks();
  private effective: ReturnType<typeof effectiveSettings> | undefined;

  constructor(private readonly hre: HardhatRuntimeEnvironment, private readonly p: RpcSender, private readonly opts: ChainOptions = {}) {}

  private async call(to: string, data: string, block: string = process.env.CIPHER_CALL_BLOCK === "number" ? hexQuantity(this.block) : "latest"): Promise<string> {
    return (await this.p.send("eth_call", [{ to, data, from: this.deployer, gas: CALL_GAS }, block])) as string;
  }

  async setup(s: Scenario, agents: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    this.s = s;
    this.curveNames = CURVE_PARAMS[s.curve.kind];
    const p = this.p;
    if (this.opts.revert !== false) this.snapshot = (await p.send("evm_snapshot", [])) as string;
    const addrs = agents.map((a) => agentAddress(s.seed, a.index));
    const oracles = addrs.filter((_, i) => agents[i].roles.includes("oracle"));
    const slasher = addrs.find((_, i) => agents[i].roles.includes("slasher")) ?? null;
    agents.forEach((a, i) => this.roles.set(addrs[i].toLowerCase(), [...a.roles].sort()));
    this.ledger.setAgents(addrs);
    const [deployer] = (await p.send("eth_accounts", [])) as string[];
    this.deployer = getAddress(deployer);
    // After the first request (Hardhat initialises its provider lazily).
    this.miner = this.opts.traceHook === false ? undefined : EdrMiner.attach(this.opts.edrSource ?? p);
    await setBalance(p, this.deployer, 10n ** 30n);
    try {
      await p.send("evm_setBlockGasLimit", [hexQuantity(10n ** 10n)]);
    } catch {
      // anvil names it differently; its default limit is then the cap per block
      try { await p.send("anvil_setBlockGasLimit", [hexQuantity(10n ** 10n)]); } catch { /* keep the default */ }
    }
    const head = (await p.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
    if (Number(BigInt(head.timestamp)) < s.startTimestamp - 2 * SETUP_LEAD_SECONDS) {
      await p.send("evm_setNextBlockTimestamp", [hexQuantity(s.startTimestamp - 2 * SETUP_LEAD_SECONDS)]);
    }
    if (this.opts.attach) {
      const file = typeof this.opts.attach === "string" ? this.opts.attach : undefined;
      const d = readDeployment(this.hre.network.name, file);
      const at = (k: keyof typeof CONTRACT_NAMES) => getAddress(d.contracts[CONTRACT_NAMES[k]].address);
      this.a = { market: at("market"), token: at("token"), staking: at("staking"), slashing: at("slashing"), oracle: at("oracle"), treasury: at("treasury"), governor: at("governor"), splitter: at("splitter"), timelock: at("timelock"), curve: at("curve") };
      const raw = IFACES.curve.decodeFunctionResult("parameters", await this.call(this.a.curve, IFACES.curve.encodeFunctionData("parameters")))[0] as bigint[];
      this.curveParams = raw.map((x) => BigInt(x));
    } else {
      const base = loadConfig(this.hre.network.name);
      const config = simDeployConfig(base, s, oracles, slasher);
      this.effective = effectiveSettings(s, config);
      const deploymentId = this.hre.network.name === "hardhat" ? undefined : `sim-${Date.now()}`;
      const suite = await deploySuite(this.hre, config, { deploymentId });
      const addr = async (c: { getAddress(): Promise<string> }) => getAddress(await c.getAddress());
      this.a = {
        market: await addr(suite.market), token: await addr(suite.token), staking: await addr(suite.staking), slashing: await addr(suite.slashing),
        oracle: await addr(suite.oracle), treasury: await addr(suite.treasury), governor: await addr(suite.governor), splitter: await addr(suite.splitter),
        timelock: await addr(suite.timelock), curve: await addr(suite.curve),
      };
      this.curveParams = curveParameters(s);
      if (deploymentId !== undefined) {
        const fs = await import("fs");
        const path = await import("path");
        fs.rmSync(path.join(this.hre.config.paths.root, "ignition", "deployments", deploymentId), { recursive: true, force: true });
      }
    }
    // The lens: a stateless read helper, deployed next to the suite.
    const lensHash = (await p.send("eth_sendTransaction", [{ from: this.deployer, data: CipherLens__factory.bytecode, gas: hexQuantity(3_000_000n) }])) as string;
    let lensRcpt: { contractAddress: string } | null = null;
    // anvil automines asynchronously: the receipt may appear a moment after the hash
    for (let i = 0; i < 100 && lensRcpt === null; i++) {
      lensRcpt = (await p.send("eth_getTransactionReceipt", [lensHash])) as { contractAddress: string } | null;
      if (lensRcpt === null) await new Promise((r) => setTimeout(r, 50));
    }
    if (lensRcpt === null) throw new Error("lens deployment not mined (is automine on?)");
    this.lens = getAddress(lensRcpt.contractAddress);

    // Controlled phase: automine off, explicit timestamps from here on (byte-identical runs).
    await setAutomine(p, false);
    this.sysNonce = Number(BigInt((await p.send("eth_getTransactionCount", [this.deployer, "latest"])) as string));
    await this.refreshBaseFee();
    const nonces: number[] = [];
    for (let i = 0; i < agents.length; i++) {
      await impersonate(p, addrs[i]);
      await setBalance(p, addrs[i], agents[i].fundingWei);
    }
    // Genesis purchase by the deployer (council), then each agent approves the staking contract.
    if (s.genesis.buyEth > 0) {
      const wei = BigInt(Math.round(s.genesis.buyEth * 1e6)) * 10n ** 12n;
      this.system("genesisBuy", { to: this.a.market, value: wei, data: IFACES.market.encodeFunctionData("buy", [wei, 0n, ZeroAddress, s.startTimestamp + 3600]) });
    }
    for (let i = 0; i < agents.length; i++) {
      this.pool.push({ from: addrs[i], nonce: 0, action: undefined, system: "approve", call: { to: this.a.token, value: 0n, data: IFACES.token.encodeFunctionData("approve", [this.a.staking, MaxUint256]) }, gas: 100_000n, tip: 0n });
      nonces.push(1);
    }
    this.system("approve", { to: this.a.token, value: 0n, data: IFACES.token.encodeFunctionData("approve", [this.a.staking, MaxUint256]) });
    const setupBlock = await this.mineRaw(s.startTimestamp - SETUP_LEAD_SECONDS);
    this.requireOk(setupBlock, "setup");
    // The council stakes half of its genesis tokens (tier 0) so it can carry scheduled proposals.
    const bal = BigInt(IFACES.token.decodeFunctionResult("balanceOf", await this.call(this.a.token, IFACES.token.encodeFunctionData("balanceOf", [this.deployer])))[0] as bigint);
    if (bal > 0n) this.system("councilStake", { to: this.a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("stake", [bal / 2n, 0]) });
    // Setup blocks stay before the run's start whatever the block time (hour-long steps included).
    const setupStep = Math.min(s.secondsPerBlock, SETUP_LEAD_SECONDS / 4);
    const b2 = await this.mineRaw(s.startTimestamp - SETUP_LEAD_SECONDS + setupStep);
    this.requireOk(b2, "council stake");
    // The genesis purchase moves the price from the curve's start to its genesis level, which trips
    // the breaker: let its window and cool-down pass before step 0 (empty blocks, explicit times).
    if (s.genesis.buyEth > 0) {
      const n = s.protections.breakerWindowBlocks + s.protections.breakerCooldownBlocks + 1;
      const t0 = s.startTimestamp - SETUP_LEAD_SECONDS + 2 * setupStep;
      for (let i = 0; i < n; i++) {
        await p.send("evm_setNextBlockTimestamp", [hexQuantity(Math.min(s.startTimestamp - 1, t0 + i))]);
        await p.send("evm_mine", []);
      }
      await this.refreshBaseFee();
    }
    // Attached deployments may have history: start reading governance events from here.
    return addrs.map((address, i) => ({ address, nonce: nonces[i] }));
  }

  private requireOk(r: { outcomes: { ok: boolean; error?: string; system?: string }[] }, what: string): void {
    const bad = r.outcomes.find((o) => !o.ok);
    if (bad !== undefined) throw new Error(`${what} transaction ${bad.system ?? ""} reverted: ${bad.error ?? "?"}`);
  }

  private system(label: string, call: Call, gas: bigint = SYSTEM_GAS): void {
    this.pool.push({ from: this.deployer, nonce: this.sysNonce++, action: undefined, system: label, call, gas, tip: 0n });
  }

  private async refreshBaseFee(): Promise<void> {
    const b = (await this.p.send("eth_getBlockByNumber", ["latest", false])) as { number: string; baseFeePerGas?: string };
    this.baseFee = BigInt(b.baseFeePerGas ?? "0x0");
    this.block = Number(BigInt(b.number));
  }

  async observe(step: number, timestamp: number): Promise<MarketObservation> {
    this.step = step;
    const raw = IFACES.lens.decodeFunctionResult("economy", await this.call(this.lens, IFACES.lens.encodeFunctionData("economy", [this.a.market, this.a.token, this.a.staking, this.a.treasury, ZeroAddress])))[0] as bigint[];
    const v = raw.map((x) => BigInt(x));
    const n = Number(v[15]);
    const tiers: LockTier[] = [];
    for (let i = 0; i < n; i++) tiers.push({ id: i, lockSeconds: Number(v[16 + 2 * i]), multiplierBps: Number(v[17 + 2 * i]) });
    const nextBlock = Number(v[0]) + 1;
    const stakers = [...this.sinceBlock.keys()].map((k) => k.split(":")[0]);
    const epochStart = nextBlock - this.s.metrics.epochSteps;
    const recent = [...new Set(this.voters.filter((x) => x.block > epochStart).map((x) => x.voter))].sort();
    return {
      step,
      block: nextBlock,
      timestamp,
      spotPrice: v[2],
      supply: v[3],
      reserve: v[4],
      buyFeeBps: Number(v[5]),
      sellFeeBps: Number(v[6]),
      halted: v[8] === 1n || nextBlock < Number(v[7]),
      staking: { totalStaked: v[10], totalWeight: v[11], tiers, stakers: [...new Set(stakers)].sort() },
      proposals: this.proposalViews(nextBlock),
      slashes: this.slashViews(),
      treasury: { welfare: v[12], solidarity: v[13], development: v[14] },
      // On chain an epoch is 7 days and only finished epochs can be attested.
      epoch: Math.floor(timestamp / EPOCH_SECONDS) - 1,
      recentVoters: recent,
    };
  }

  private proposalViews(nextBlock: number): ProposalView[] {
    const out: ProposalView[] = [];
    for (const pr of this.proposals.values()) {
      const live = pr.state === "Pending" || pr.state === "Active" || pr.state === "Succeeded" || pr.state === "Queued";
      if (!live && pr.deadlineBlock < nextBlock - 5) continue;
      if (pr.spec === undefined) continue;
      out.push({ id: pr.id, proposer: pr.proposer, spec: pr.spec, state: pr.state, snapshotBlock: pr.snapshotBlock, forVotes: pr.forVotes, againstVotes: pr.againstVotes, abstainVotes: pr.abstainVotes, voters: [...pr.voters] });
    }
    return out;
  }

  private slashViews(): SlashView[] {
    const out: SlashView[] = [];
    for (const c of this.cases.values()) {
      if (!c.open) continue;
      out.push({ id: c.id, target: c.target, severityBps: c.severityBps, disputed: c.disputed, disputeDeadlineStep: Math.floor((c.deadline - this.s.startTimestamp) / this.s.secondsPerBlock) - 1 });
    }
    return out;
  }

  /**
   * Account views, read incrementally (exact: a test compares with full reads every step).
   * - Full lens read: accounts not read yet, and accounts whose stakes changed (Staked,
   *   UnbondRequested, Withdrawn, Slashed name the account in a topic).
   * - Native balance only (eth_getBalance, no EVM execution): accounts that sent a transaction or
   *   appeared as an address topic of any event since their last read (every balance change
   *   emits one: Bought, Sold, RewardPaid, GrantPaid, ...). Token balances follow the token's
   *   Transfer events.
   * - Pending rewards only (lens.pendingRewards): accounts with an active stake (rewards accrue
   *   with time) and touched accounts with unclaimed rewards.
   * Scheduled events invalidate everything. CIPHER_FULL_READS=1 forces full reads (for checks).
   * Reading little matters on Hardhat's in-process network: each eth_call there costs EVM time
   * with tracing and leaves native memory behind (see nativeMemory.ts).
   */
  async accounts(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    const full: Address[] = [];
    const balance: Address[] = [];
    const rewards: Address[] = [];
    const fullReads = process.env.CIPHER_FULL_READS !== undefined;
    for (const a of addresses) {
      const k = a.toLowerCase();
      const v = this.cache.get(k);
      if (v === undefined || this.stakeDirty.has(k) || fullReads) {
        full.push(a);
        continue;
      }
      const touched = this.dirty.has(k);
      if (touched) balance.push(a);
      if (v.stakes.some((x) => !x.unbonding) || (touched && v.pendingRewards > 0n)) rewards.push(a);
    }
    for (const v of await this.readAccounts(full)) this.cache.set(v.address.toLowerCase(), v);
    for (const a of balance) {
      const k = a.toLowerCase();
      const wei = BigInt((await this.p.send("eth_getBalance", [a, "latest"])) as string);
      this.cache.set(k, { ...(this.cache.get(k) as AccountView), reserve: wei });
    }
    for (let from = 0; from < rewards.length; from += REWARDS_CHUNK) {
      const chunk = rewards.slice(from, from + REWARDS_CHUNK);
      const raw = IFACES.lens.decodeFunctionResult("pendingRewards", await this.call(this.lens, IFACES.lens.encodeFunctionData("pendingRewards", [this.a.staking, ZeroAddress, chunk])))[0] as bigint[];
      chunk.forEach((a, i) => {
        const k = a.toLowerCase();
        const v = this.cache.get(k) as AccountView;
        this.cache.set(k, { ...v, pendingRewards: BigInt(raw[i]) });
      });
    }
    this.dirty.clear();
    this.stakeDirty.clear();
    return addresses.map((a) => this.cache.get(a.toLowerCase()) as AccountView);
  }

  /** Applies a token Transfer to the cached token balances. */
  private transfer(topics: readonly string[], data: string): void {
    const value = BigInt(data);
    this.ledger.onTransfer(topics, value);
    const from = "0x" + topics[1].slice(26).toLowerCase();
    const to = "0x" + topics[2].slice(26).toLowerCase();
    const f = this.cache.get(from);
    if (f !== undefined) this.cache.set(from, { ...f, tokens: f.tokens - value });
    const t = this.cache.get(to);
    if (t !== undefined) this.cache.set(to, { ...t, tokens: t.tokens + value });
  }

  private async readAccounts(addresses: readonly Address[]): Promise<AccountView[]> {
    const out: AccountView[] = [];
    for (let from = 0; from < addresses.length; from += LENS_CHUNK) {
      const chunk = addresses.slice(from, from + LENS_CHUNK);
      const raw = IFACES.lens.decodeFunctionResult("accounts", await this.call(this.lens, IFACES.lens.encodeFunctionData("accounts", [this.a.token, this.a.staking, ZeroAddress, chunk])))[0] as bigint[];
      let w = 0;
      for (const address of chunk) {
        const reserve = BigInt(raw[w]);
        const tokens = BigInt(raw[w + 1]);
        const pendingRewards = BigInt(raw[w + 2]);
        const k = Number(raw[w + 3]);
        w += 4;
        const stakes: StakePosition[] = [];
        for (let j = 0; j < k; j++, w += 5) {
          const id = Number(raw[w]);
          const unbondEnd = Number(raw[w + 3]);
          stakes.push({
            id, amount: BigInt(raw[w + 1]), tier: Number(raw[w + 4]), unlockAt: Number(raw[w + 2]),
            unbonding: unbondEnd !== 0, withdrawableAt: unbondEnd, sinceBlock: this.sinceBlock.get(`${address.toLowerCase()}:${id}`) ?? 0,
          });
        }
        out.push({ address, reserve, tokens, stakes, pendingRewards, roles: this.roles.get(address.toLowerCase()) ?? [] });
      }
    }
    return out;
  }

  private ops(id: string): { ops: Operations; description: string } | undefined {
    const pr = this.proposals.get(id);
    return pr === undefined ? undefined : { ops: pr.ops, description: pr.description };
  }

  async submit(tx: SubmittedTx): Promise<SubmitResult> {
    const call = encodeAction(this.a, tx.action, this.s.startTimestamp + (this.step + 1) * this.s.secondsPerBlock, { operations: (id) => this.ops(id) }, this.curveParams, this.curveNames);
    // Scheduled transactions sent from an agent's account (a scheduled slash from the slasher, a
    // scheduled dispute from the target) took nonces the engine does not know about: shift.
    const nonce = tx.nonce + (this.extraNonce.get(tx.from.toLowerCase()) ?? 0);
    this.pool.push({ from: tx.from, nonce, action: tx.action, call, gas: GAS_LIMIT[tx.action.kind], tip: tx.action.priorityFee });
    return { accepted: true };
  }

  async applyEvent(e: EconomyEvent, step: number): Promise<EventOutcome> {
    this.cache.clear();
    switch (e.kind) {
      case "setFees":
        return this.councilPropose({ kind: "setFees", buyFeeBps: e.buyFeeBps, sellFeeBps: e.sellFeeBps }, step);
      case "setCurveParam":
        return this.councilPropose({ kind: "setCurveParam", param: e.param, value: BigInt(this.parseEth(e.value)) }, step);
      case "grant":
        return this.councilPropose({ kind: "grant", fund: e.fund, recipient: e.recipient, amount: e.amount }, step);
      case "slash": {
        // The slasher role is the scenario's slasher agent (or none): the council proposes it only
        // if it holds the role; otherwise the case is opened from the slasher agent's account.
        const slasher = [...this.roles.entries()].find(([, r]) => r.includes("slasher"))?.[0];
        if (slasher === undefined) return { ok: false, error: "NoSlasher" };
        this.pool.push({ from: slasher, nonce: await this.pendingNonce(slasher), action: undefined, system: "scheduledSlash", call: { to: this.a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("proposeSlash", [e.target, e.severityBps, evidenceHash(`scheduled-${step}`)]) }, gas: GAS_LIMIT.proposeSlash, tip: 0n });
        return { ok: true };
      }
      case "dispute": {
        const id = this.caseByTarget.get(e.target.toLowerCase());
        if (id === undefined) return { ok: false, error: "UnknownSlash" };
        this.pool.push({ from: e.target, nonce: await this.pendingNonce(e.target), action: undefined, system: "scheduledDispute", call: { to: this.a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("disputeSlash", [BigInt(id)]) }, gas: GAS_LIMIT.dispute, tip: 0n });
        return { ok: true };
      }
    }
  }

  /** Agents' nonces are the engine's; a scheduled tx from an agent takes the next free one. */
  private async pendingNonce(addr: string): Promise<number> {
    const k = addr.toLowerCase();
    this.extraNonce.set(k, (this.extraNonce.get(k) ?? 0) + 1);
    return Number(BigInt((await this.p.send("eth_getTransactionCount", [addr, "pending"])) as string));
  }
  private extraNonce = new Map<string, number>();

  private parseEth(v: string): bigint {
    const [w, f = ""] = v.split(".");
    return BigInt(w) * 10n ** 18n + BigInt((f + "0".repeat(18)).slice(0, 18));
  }

  private councilPropose(spec: ProposalSpec, step: number): EventOutcome {
    const ops = specOperations(this.a, spec, this.curveParams, this.curveNames);
    const description = `council #${++this.proposalCounter} step ${step}: ${spec.kind}#proposer=${this.deployer}`; // bound to the council (OZ suffix): a copy sent first cannot block it
    this.system(`propose:${spec.kind}`, { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("propose", [ops.targets, ops.values, ops.calldatas, description]) });
    this.councilIds.add(proposalId(ops, description).toString());
    return { ok: true };
  }
  private councilIds = new Set<string>();

  /** Keeper duties for the block about to be mined (timestamp `ts`, number `n`). */
  private keeper(ts: number, n: number): void {
    for (const pr of this.proposals.values()) {
      if (!pr.council) continue;
      if (pr.state === "Pending" && n > pr.snapshotBlock && !pr.voters.includes(this.deployer.toLowerCase())) {
        pr.voters.push(this.deployer.toLowerCase());
        this.system("council:vote", { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("castVoteWithReason", [BigInt(pr.id), 1, "council"]) });
      } else if (pr.state === "Active" && n > pr.snapshotBlock && !pr.voters.includes(this.deployer.toLowerCase())) {
        pr.voters.push(this.deployer.toLowerCase());
        this.system("council:vote", { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("castVoteWithReason", [BigInt(pr.id), 1, "council"]) });
      } else if (pr.state === "Succeeded") {
        pr.state = "Queued"; // optimistic; corrected from events/state after the block
        this.system("keeper:queue", { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("queue", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      } else if (pr.state === "Queued" && pr.eta > 0 && ts >= pr.eta) {
        pr.eta = 0;
        this.system(`keeper:execute:${pr.spec?.kind ?? "unknown"}`, { to: this.a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("execute", [pr.ops.targets, pr.ops.values, pr.ops.calldatas, descriptionHash(pr.description)]) });
      }
    }
    // Undisputed slashes execute once their window has closed; disputed ones go to governance.
    for (const c of this.cases.values()) {
      if (!c.open) continue;
      if (!c.disputed && ts >= c.deadline) {
        c.open = false;
        this.system("keeper:executeSlash", { to: this.a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("executeSlash", [BigInt(c.id)]) });
      } else if (c.disputed && !c.resolutionProposed) {
        c.resolutionProposed = true;
        this.councilPropose({ kind: "resolveSlash", slashId: c.id, uphold: true }, this.step);
      }
    }
    if (this.step > 0 && this.step % REVENUE_EVERY === 0) {
      this.system("revenue:flushFees", { to: this.a.market, value: 0n, data: IFACES.market.encodeFunctionData("flushFees") });
      for (const bucket of [0, 1, 2, 3]) this.system(`revenue:release${bucket}`, { to: this.a.splitter, value: 0n, data: IFACES.splitter.encodeFunctionData("release", [bucket, ZeroAddress]) });
      this.system("revenue:buyBackAndBurn", { to: this.a.splitter, value: 0n, data: IFACES.splitter.encodeFunctionData("buyBackAndBurn") });
    }
  }

  async mine(timestamp: number): Promise<BlockResult> {
    this.memory.check();
    this.keeper(timestamp, this.block + 1);
    const r = await this.mineRaw(timestamp);
    const outcomes: TxOutcome[] = r.outcomes.map((o) => ({
      from: o.from, nonce: o.nonce, action: o.action ?? { kind: "noop" }, index: o.index, ok: o.ok, error: o.error, gasUsed: o.gasUsed,
      ...(o.system !== undefined ? { system: o.system } : {}),
    }));
    await this.refreshProposalStates(timestamp);
    return { number: r.number, timestamp, outcomes, flows: r.flows };
  }

  private async refreshProposalStates(ts: number): Promise<void> {
    for (const pr of this.proposals.values()) {
      if (pr.state === "Executed" || pr.state === "Canceled" || pr.state === "Defeated" || pr.state === "Expired") continue;
      const res = IFACES.governor.decodeFunctionResult("state", await this.call(this.a.governor, IFACES.governor.encodeFunctionData("state", [BigInt(pr.id)])));
      pr.state = STATES[Number(res[0])];
      void ts;
    }
  }

  /** Sends the pool (one request each, explicit nonces), mines at `ts`, reads receipts and logs. */
  private async mineRaw(ts: number): Promise<{ number: number; outcomes: (Omit<TxOutcome, "action"> & { action: TxAction | undefined; system?: string })[]; flows: BlockFlows }> {
    const p = this.p;
    const pool = this.pool;
    this.pool = [];
    const maxFeeBase = this.baseFee * 2n + GWEI;
    const byHash = new Map<string, Pending>();
    const rejected: Pending[] = [];
    // Sequential on purpose: a node orders equal tips by arrival, so arrival order must be the
    // engine's submission order for byte-identical runs.
    for (const tx of pool) {
      {
        try {
          const h = (await p.send("eth_sendTransaction", [{
            from: tx.from, to: tx.call.to, data: tx.call.data, value: hexQuantity(tx.call.value), nonce: hexQuantity(tx.nonce), gas: hexQuantity(tx.gas),
            maxPriorityFeePerGas: hexQuantity(tx.tip), maxFeePerGas: hexQuantity(maxFeeBase + tx.tip),
          }])) as string;
          byHash.set(h.toLowerCase(), tx);
        } catch (e) {
          rejected.push(tx);
          void e;
        }
      }
    }
    if (rejected.length > 0 && rejected.some((t) => t.system !== undefined)) {
      throw new Error(`the node refused ${rejected.length} system transaction(s)`);
    }
    await p.send("evm_setNextBlockTimestamp", [hexQuantity(ts)]);
    let traced: MinedTraces | undefined;
    if (this.miner !== undefined) traced = await this.miner.mine();
    else await p.send("evm_mine", []);
    const blk = (await p.send("eth_getBlockByNumber", ["latest", false])) as { number: string; transactions: string[]; baseFeePerGas?: string };
    this.baseFee = BigInt(blk.baseFeePerGas ?? "0x0");
    this.block = Number(BigInt(blk.number));
    const receipts = await this.receipts(blk.number, blk.transactions);
    // EDR's traces are used only if they line up with the block's receipts (checked per revert).
    const traces = traced !== undefined && traced.length === receipts.length ? traced : undefined;
    const flows = { buyVolume: 0n, sellVolume: 0n, feesCollected: 0n, welfarePaid: 0n, solidarityPaid: 0n, slashesExecuted: 0, breakerTrips: 0 };
    const outcomes: (Omit<TxOutcome, "action"> & { action: TxAction | undefined; system?: string })[] = [];
    for (let i = 0; i < blk.transactions.length; i++) {
      const h = blk.transactions[i].toLowerCase();
      const tx = byHash.get(h);
      const rc = receipts[i];
      this.ledger.onReceipt(rc);
      const ok = BigInt(rc.status) === 1n;
      if (ok) this.absorbLogs(rc.logs, this.block, flows);
      if (tx === undefined) continue;
      this.dirty.add(tx.from.toLowerCase());
      const top = ok ? undefined : traces?.result(i);
      const error = ok ? undefined : top !== undefined && !top.success ? decodeRevert(top.output, ALL_INTERFACES) : await this.revertReason(h);
      outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: i, ok, error, gasUsed: BigInt(rc.gasUsed), ...(tx.system !== undefined ? { system: tx.system } : {}) });
    }
    // Transactions the node did not include (should not happen with explicit nonces and a huge block).
    for (const tx of pool) if (![...byHash.values()].includes(tx) || !outcomes.some((o) => o.from === tx.from && o.nonce === tx.nonce)) {
      if (!rejected.includes(tx) && outcomes.some((o) => o.from === tx.from && o.nonce === tx.nonce)) continue;
      outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: -1, ok: false, error: "NotMined", gasUsed: 0n });
    }
    // The block's traces are native memory held by the response: drop them now and let a cheap
    // young-generation collection free them before the next block allocates again.
    traced?.release();
    this.memory.minor();
    return { number: this.block, outcomes, flows };
  }

  private async receipts(blockNumber: string, hashes: readonly string[]): Promise<RawReceipt[]> {
    if (hashes.length === 0) return [];
    if (this.blockReceipts) {
      try {
        const all = (await this.p.send("eth_getBlockReceipts", [blockNumber])) as RawReceipt[] | null;
        if (all !== null && all.length === hashes.length) return all;
      } catch {
        // not offered by this node (Hardhat's in-process one): do not ask again every block
        this.blockReceipts = false;
      }
    }
    // One at a time on purpose: concurrent requests run on several of the in-process node's threads,
    // and the native memory they allocate was never given back (+0.3 MB per receipt, 15 MB per
    // 50-transaction block, not freed by a full GC; sequential: flat). The node serialises them anyway.
    const out: RawReceipt[] = [];
    for (const h of hashes) out.push((await this.p.send("eth_getTransactionReceipt", [h])) as RawReceipt);
    return out;
  }

  /**
   * Receipts carry no revert data; re-executing the transaction with a tracer that keeps no stack,
   * memory or storage returns it (debug_traceTransaction on Hardhat and anvil).
   */
  private async revertReason(hash: string): Promise<string> {
    try {
      const t = (await this.p.send("debug_traceTransaction", [hash, { disableStack: true, disableMemory: true, disableStorage: true }])) as { returnValue?: string };
      const rv = t.returnValue ?? "";
      return decodeRevert(rv === "" ? "0x" : rv.startsWith("0x") ? rv : "0x" + rv, ALL_INTERFACES);
    } catch {
      return "Reverted(unknown)";
    }
  }

  private absorbLogs(logs: readonly { address: string; topics: string[]; data: string }[], block: number, flows: { -readonly [K in keyof BlockFlows]: BlockFlows[K] }): void {
    for (const l of logs) {
      for (let t = 1; t < l.topics.length; t++) {
        const topic = l.topics[t];
        if (topic.startsWith("0x000000000000000000000000")) this.dirty.add("0x" + topic.slice(26).toLowerCase());
      }
      const at = l.address.toLowerCase();
      if (at === this.tokenLc && l.topics[0] === TRANSFER_TOPIC && l.topics.length === 3) {
        this.transfer(l.topics, l.data);
        continue;
      }
      if (at === this.stakingLc && STAKE_TOPICS.has(l.topics[0]) && l.topics.length > 1) this.stakeDirty.add("0x" + l.topics[1].slice(26).toLowerCase());
      let ev: LogDescription | null = null;
      const src = at === this.a.market.toLowerCase() ? IFACES.market : at === this.a.staking.toLowerCase() ? IFACES.staking : at === this.a.governor.toLowerCase() ? IFACES.governor
        : at === this.a.slashing.toLowerCase() ? IFACES.slashing : at === this.a.treasury.toLowerCase() ? IFACES.treasury : undefined;
      if (src === undefined) continue;
      try {
        ev = src.parseLog({ topics: l.topics, data: l.data });
      } catch {
        ev = null;
      }
      if (ev === null) continue;
      const x = ev.args;
      switch (ev.name) {
        case "Bought":
          flows.buyVolume += BigInt(x[2]);
          flows.feesCollected += BigInt(x[3]);
          break;
        case "Sold":
          flows.sellVolume += BigInt(x[2]);
          flows.feesCollected += BigInt(x[3]);
          break;
        case "CircuitBreakerTripped":
          flows.breakerTrips += 1;
          break;
        case "GrantPaid":
          if (Number(x[0]) === FUND_ID.welfare) flows.welfarePaid += BigInt(x[3]);
          if (Number(x[0]) === FUND_ID.solidarity) flows.solidarityPaid += BigInt(x[3]);
          break;
        case "Staked":
          this.sinceBlock.set(`${String(x[0]).toLowerCase()}:${Number(x[1])}`, block);
          break;
        case "Withdrawn":
          this.sinceBlock.delete(`${String(x[0]).toLowerCase()}:${Number(x[1])}`);
          break;
        case "SlashProposed": {
          const id = String(x[0]);
          this.cases.set(id, { id, target: getAddress(String(x[1])), severityBps: Number(x[2]), disputed: false, deadline: Number(x[4]), open: true, resolutionProposed: false });
          this.caseByTarget.set(String(x[1]).toLowerCase(), id);
          break;
        }
        case "SlashDisputed": {
          const c = this.cases.get(String(x[0]));
          if (c !== undefined) {
            c.disputed = true;
            c.deadline = Number(x[2]);
          }
          break;
        }
        case "SlashExecuted":
        case "SlashCancelled": {
          const c = this.cases.get(String(x[0]));
          if (c !== undefined) c.open = false;
          if (ev.name === "SlashExecuted") flows.slashesExecuted += 1;
          break;
        }
        case "ProposalCreated": {
          const id = BigInt(x[0]).toString();
          const ops: Operations = { targets: (x[2] as string[]).map(String), values: (x[3] as bigint[]).map((v) => BigInt(v)), calldatas: (x[5] as string[]).map(String) };
          this.proposals.set(id, {
            id, proposer: getAddress(String(x[1])), spec: decodeSpec(this.a, ops, this.curveNames, this.curveParams), ops, description: String(x[8]),
            snapshotBlock: Number(x[6]), deadlineBlock: Number(x[7]), state: "Pending", forVotes: 0n, againstVotes: 0n, abstainVotes: 0n, voters: [],
            council: this.councilIds.has(id), eta: 0,
          });
          break;
        }
        case "VoteCast": {
          const pr = this.proposals.get(BigInt(x[1]).toString());
          const voter = String(x[0]).toLowerCase();
          this.voters.push({ block, voter: getAddress(voter) });
          if (this.voters.length > 10_000) this.voters.splice(0, this.voters.length - 5_000);
          if (pr !== undefined) {
            if (!pr.voters.includes(voter)) pr.voters.push(voter);
            const w = BigInt(x[3]);
            if (Number(x[2]) === 0) pr.againstVotes += w;
            else if (Number(x[2]) === 1) pr.forVotes += w;
            else pr.abstainVotes += w;
          }
          break;
        }
        case "ProposalQueued": {
          const pr = this.proposals.get(BigInt(x[0]).toString());
          if (pr !== undefined) pr.eta = Number(x[1]);
          break;
        }
        case "ProposalExecuted": {
          const pr = this.proposals.get(BigInt(x[0]).toString());
          if (pr !== undefined && pr.spec?.kind === "setCurveParam") {
            const i = this.curveNames.indexOf(pr.spec.param);
            if (i >= 0) this.curveParams[i] = pr.spec.value;
          }
          break;
        }
        default:
          break;
      }
    }
  }

  async valuation(accounts: readonly Address[], amounts: readonly bigint[]): Promise<Valuation> {
    return this.ledger.valuation((to, data) => this.call(to, data), this.lens, this.a.market, accounts, amounts);
  }

  async books(): Promise<Books> {
    return this.ledger.read((to, data) => this.call(to, data), this.lens, this.a, this.deployer);
  }

  effectiveSettings(): { readonly [setting: string]: string | number | boolean } {
    return this.effective?.effective ?? { deployment: "attached (settings not read)" };
  }

  settingChanges(): readonly EffectiveSetting[] {
    return this.effective?.changes ?? [];
  }

  async close(): Promise<void> {
    try {
      await setAutomine(this.p, true);
      if (this.snapshot !== undefined) await this.p.send("evm_revert", [this.snapshot]);
    } catch {
      // the node may be gone already
    }
  }
}

export async function createChainEconomy(opts: ChainOptions = {}): Promise<ChainEconomy> {
  const hre = await loadHardhat(opts.network);
  return new ChainEconomy(hre, hre.network.provider, opts);
}
