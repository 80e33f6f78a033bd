// Agents' account views, read incrementally and exactly (a test compares with full reads every
// step), every read of one call to accounts() in ONE JSON-RPC batch:
// - full lens read (CipherLens.accounts, 32 accounts per call): accounts not read yet, and
//   accounts whose stakes changed (Staked, UnbondRequested, Withdrawn, Slashed name the account);
// - native balance only (eth_getBalance, no EVM execution): accounts that sent a transaction or
//   appeared as an address topic of any event since their last read (every balance change emits
//   one: Bought, Sold, RewardPaid, GrantPaid, ...). Token balances follow the token's Transfer logs;
// - pending rewards only (CipherLens.pendingRewards): accounts with an active stake (rewards accrue
//   with time) and touched accounts with unclaimed rewards.
// Scheduled events invalidate everything. CIPHER_FULL_READS=1 forces full reads (for checks).
// The reads a block's senders will need are made in that block's own read batch (prefetch, at the
// block's number); read() then asks the node only for what the block's logs named beyond them, so
// most steps need no round trip of their own for the accounts (npm run profile counts both cases).
import type { AccountView, Address, Role } from "../../agents/types";
import { IFACES, type Addresses } from "./encode";
import { decodeAccounts, uintArray } from "./lensCodec";
import { encodeWords, selectorOf } from "../../client/calldata";
import type { LogRouter, RawLog } from "./logRouter";
import type { BatchRpc, RpcCall, RpcResult } from "./node/batch";
import { valueOf } from "./node/batch";

/** Accounts per lens call (keeps one eth_call well under the call gas cap). */
const LENS_CHUNK = 32;
/** Accounts per pendingRewards call. */
const REWARDS_CHUNK = 128;
const TRANSFER = IFACES.token.getEvent("Transfer")?.topicHash as string;
const ACCOUNTS = selectorOf(IFACES.lens, "accounts");
const REWARDS = selectorOf(IFACES.lens, "pendingRewards");
const NATIVE = "0x0000000000000000000000000000000000000000";
/** Staking events that change an account's stakes (the account is topic 1). */
const STAKE_EVENTS = ["Staked", "UnbondRequested", "Withdrawn", "Slashed"] as const;

/** An eth_call of `data` to `to` at `block` ("latest" or a number, hex). */
export type EthCall = (to: string, data: string, block: string) => RpcCall;
type AccountRow = ReturnType<typeof decodeAccounts>[number];
interface Need {
  readonly full: readonly Address[];
  readonly balance: readonly Address[];
  readonly rewards: readonly Address[];
}
interface Decoded {
  readonly full: Map<string, AccountRow>;
  readonly balance: Map<string, bigint>;
  readonly rewards: Map<string, bigint>;
}
const FULL_READS = (): boolean => process.env.CIPHER_FULL_READS !== undefined;

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export class AccountBook {
  private readonly cache = new Map<string, AccountView>();
  private readonly dirty = new Set<string>();
  private readonly stakeDirty = new Set<string>();
  /** Block of each live stake ("account:id"), from Staked and Withdrawn. */
  private readonly sinceBlock = new Map<string, number>();
  /** Block of the logs being dispatched. */
  block = 0;
  /** The addresses of the last read() (what prefetch plans for). */
  private lastAddresses: readonly Address[] | undefined;
  /** prefetch's plan, until its answers come (absorbPrefetch). */
  private planned: { readonly block: number; readonly need: Need; readonly count: number } | undefined;
  /** prefetch's answers, until the next read() (used only at their block). */
  private prefetched: (Decoded & { readonly block: number }) | undefined;
  /** Reads whose every need the block's batch answered, and those that read the rest after. */
  readonly prefetchStats = { answered: 0, topUp: 0 };

  constructor(
    private readonly rpc: BatchRpc,
    private readonly a: Addresses,
    private readonly lens: string,
    private readonly call: EthCall,
    private readonly roles: ReadonlyMap<string, readonly Role[]>,
  ) {}

  listen(router: LogRouter): void {
    router.onRaw(this.a.token, TRANSFER, (l) => {
      if (l.topics.length === 3) this.transfer(l);
    });
    for (const name of STAKE_EVENTS) {
      const topic = IFACES.staking.getEvent(name)?.topicHash as string;
      router.onRaw(this.a.staking, topic, (l) => {
        if (l.topics.length > 1) this.stakeDirty.add("0x" + l.topics[1].slice(26).toLowerCase());
      });
    }
    router.on(this.a.staking, IFACES.staking, "Staked", (x) => this.sinceBlock.set(`${String(x[0]).toLowerCase()}:${Number(x[1])}`, this.block));
    router.on(this.a.staking, IFACES.staking, "Withdrawn", (x) => this.sinceBlock.delete(`${String(x[0]).toLowerCase()}:${Number(x[1])}`));
  }

  /** Every address topic of a log marks that account for a balance read. */
  touchTopics(l: RawLog): void {
    for (let t = 1; t < l.topics.length; t++) {
      const topic = l.topics[t];
      if (topic.startsWith("0x000000000000000000000000")) this.dirty.add("0x" + topic.slice(26).toLowerCase());
    }
  }

  touch(address: string): void {
    this.dirty.add(address.toLowerCase());
  }

  invalidate(): void {
    this.cache.clear();
    this.prefetched = undefined;
    this.planned = undefined;
  }

  /** Accounts holding a live stake. */
  stakers(): string[] {
    return [...new Set([...this.sinceBlock.keys()].map((k) => k.split(":")[0]))].sort();
  }

  private transfer(l: RawLog): void {
    const value = BigInt(l.data);
    const from = "0x" + l.topics[1].slice(26).toLowerCase();
    const to = "0x" + l.topics[2].slice(26).toLowerCase();
    const f = this.cache.get(from);
    if (f !== undefined) this.cache.set(from, { ...f, tokens: f.tokens - value });
    const t = this.cache.get(to);
    if (t !== undefined) this.cache.set(to, { ...t, tokens: t.tokens + value });
  }

  /**
   * The reads the next read() is expected to need after the block `block` (by number) just mined,
   * to go in that block's read batch (blockMiner.ts's `extra`) rather than a round trip of their
   * own: for the addresses of the last read(), those whose entry is missing or who sent a
   * stake-changing transaction in the block (`stakeChangers`) in full, the block's other senders
   * (`senders`) their native balance, and every live stake its pending rewards. Their answers go
   * to absorbPrefetch; read() uses those it needs and reads only what the block's logs asked for
   * beyond them (an event naming an account that sent nothing, a stake changed by someone else).
   * None with CIPHER_FULL_READS or before the first read().
   */
  prefetch(block: string, senders: ReadonlySet<string>, stakeChangers: ReadonlySet<string>): RpcCall[] {
    this.prefetched = undefined;
    this.planned = undefined;
    if (this.lastAddresses === undefined || FULL_READS()) return [];
    const need = this.needOf(this.lastAddresses, (k) => senders.has(k) || this.dirty.has(k), (k) => stakeChangers.has(k) || this.stakeDirty.has(k));
    const planned = this.callsOf(need, block);
    this.planned = { block: Number(BigInt(block)), need, count: planned.calls.length };
    return planned.calls;
  }

  /** The answers to prefetch's calls, in order (kept for the next read() at that block). */
  absorbPrefetch(got: readonly RpcResult[]): void {
    const p = this.planned;
    this.planned = undefined;
    if (p === undefined || got.length !== p.count || got.some((r) => !r.ok)) return;
    this.prefetched = { block: p.block, ...this.decode(p.need, got) };
  }

  async read(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    this.lastAddresses = addresses;
    const fullReads = FULL_READS();
    const need = this.needOf(addresses, (k) => this.dirty.has(k), (k) => this.stakeDirty.has(k) || fullReads);
    // answered already with the block's reads (same block, nothing invalidated since): only the rest is read
    const pre = this.prefetched !== undefined && this.prefetched.block === this.block ? this.prefetched : undefined;
    this.prefetched = undefined;
    let rest = need;
    let answers: Decoded = { full: new Map(), balance: new Map(), rewards: new Map() };
    if (pre !== undefined) {
      const has = (m: ReadonlyMap<string, unknown>) => (a: Address) => !m.has(a.toLowerCase());
      const full = need.full.filter(has(pre.full));
      const balance = need.balance.filter((a) => has(pre.full)(a) && has(pre.balance)(a));
      const rewards = need.rewards.filter((a) => has(pre.full)(a) && has(pre.rewards)(a));
      rest = { full, balance, rewards };
      answers = pre;
      this.prefetchStats[full.length + balance.length + rewards.length === 0 ? "answered" : "topUp"] += 1;
    }
    const { calls } = this.callsOf(rest, "latest");
    if (calls.length > 0) {
      const got = this.decode(rest, await this.rpc.batch(calls));
      answers = { full: new Map([...answers.full, ...got.full]), balance: new Map([...answers.balance, ...got.balance]), rewards: new Map([...answers.rewards, ...got.rewards]) };
    }
    // Every account read in full (now, or with the block: a stake changer whose stake did not
    // change still needs its balance) takes the whole row, exact at the block; the others their
    // balance and rewards. Every value needed must have been answered.
    const lc = (a: Address) => a.toLowerCase();
    const rows = new Map<string, Address>(need.full.map((a) => [lc(a), a]));
    for (const a of [...need.balance, ...need.rewards]) if (answers.full.has(lc(a))) rows.set(lc(a), a);
    for (const [k, address] of rows) {
      const r = answers.full.get(k);
      if (r === undefined) throw new Error(`account reads: no full read of ${address}`);
      this.cache.set(k, {
        address, reserve: r.reserve, tokens: r.tokens, pendingRewards: r.pendingRewards, roles: this.roles.get(k) ?? [],
        stakes: r.stakes.map((s) => ({ ...s, sinceBlock: this.sinceBlock.get(`${k}:${s.id}`) ?? 0 })),
      });
    }
    const field = (need: readonly Address[], got: ReadonlyMap<string, bigint>, what: "reserve" | "pendingRewards"): void => {
      for (const addr of need) {
        const k = lc(addr);
        if (rows.has(k)) continue;
        const wei = got.get(k);
        if (wei === undefined) throw new Error(`account reads: no ${what} read of ${addr}`);
        this.cache.set(k, { ...(this.cache.get(k) as AccountView), [what]: wei });
      }
    };
    field(need.balance, answers.balance, "reserve");
    field(need.rewards, answers.rewards, "pendingRewards");
    this.dirty.clear();
    this.stakeDirty.clear();
    return addresses.map((addr) => this.cache.get(addr.toLowerCase()) as AccountView);
  }

  /** Which of `addresses` need a full read, a native balance, pending rewards (see the file's head). */
  private needOf(addresses: readonly Address[], touched: (k: string) => boolean, stakeChanged: (k: string) => boolean): Need {
    const full: Address[] = [];
    const balance: Address[] = [];
    const rewards: Address[] = [];
    for (const addr of addresses) {
      const k = addr.toLowerCase();
      const v = this.cache.get(k);
      if (v === undefined || stakeChanged(k)) {
        full.push(addr);
        continue;
      }
      const t = touched(k);
      if (t) balance.push(addr);
      if (v.stakes.some((x) => !x.unbonding) || (t && v.pendingRewards > 0n)) rewards.push(addr);
    }
    return { full, balance, rewards };
  }

  /** The calls for `need` at `block`: lens reads of 32 accounts, balances, pending rewards of 128. */
  private callsOf(need: Need, block: string): { calls: RpcCall[] } {
    const calls: RpcCall[] = [];
    // (calldata encoded by hand, calldata.ts: the lens's accountsCalldata/rewardsCalldata go through ethers)
    for (const c of chunks(need.full, LENS_CHUNK)) calls.push(this.call(this.lens, encodeWords(ACCOUNTS, [{ address: this.a.token }, { address: this.a.staking }, { address: NATIVE }, { addresses: c }]), block));
    for (const addr of need.balance) calls.push({ method: "eth_getBalance", params: [addr, block] });
    for (const c of chunks(need.rewards, REWARDS_CHUNK)) calls.push(this.call(this.lens, encodeWords(REWARDS, [{ address: this.a.staking }, { address: NATIVE }, { addresses: c }]), block));
    return { calls };
  }

  /** The answers to callsOf(need)'s calls, by lower-case address. */
  private decode(need: Need, got: readonly RpcResult[]): Decoded {
    const out: Decoded = { full: new Map(), balance: new Map(), rewards: new Map() };
    let at = 0;
    for (const c of chunks(need.full, LENS_CHUNK)) {
      const rows = decodeAccounts(valueOf<string>(got[at++]), c.length);
      c.forEach((address, i) => out.full.set(address.toLowerCase(), rows[i]));
    }
    for (const addr of need.balance) out.balance.set(addr.toLowerCase(), BigInt(valueOf<string>(got[at++])));
    for (const c of chunks(need.rewards, REWARDS_CHUNK)) {
      const raw = uintArray(valueOf<string>(got[at++]));
      c.forEach((addr, i) => out.rewards.set(addr.toLowerCase(), raw[i]));
    }
    return out;
  }
}
