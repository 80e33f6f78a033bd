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
import type { AccountView, Address, Role } from "../../agents/types";
import { IFACES, type Addresses } from "./encode";
import { decodeAccounts, uintArray } from "./lensCodec";
import { encodeWords, selectorOf } from "../../client/calldata";
import type { LogRouter, RawLog } from "./logRouter";
import type { BatchRpc, RpcCall } from "./node/batch";
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

export type EthCall = (to: string, data: string) => RpcCall;

export class AccountBook {
  private readonly cache = new Map<string, AccountView>();
  private readonly dirty = new Set<string>();
  private readonly stakeDirty = new Set<string>();
  /** Block of each live stake ("account:id"), from Staked and Withdrawn. */
  private readonly sinceBlock = new Map<string, number>();
  /** Block of the logs being dispatched. */
  block = 0;

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

  async read(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    const full: Address[] = [];
    const balance: Address[] = [];
    const rewards: Address[] = [];
    const fullReads = process.env.CIPHER_FULL_READS !== undefined;
    for (const addr of addresses) {
      const k = addr.toLowerCase();
      const v = this.cache.get(k);
      if (v === undefined || this.stakeDirty.has(k) || fullReads) {
        full.push(addr);
        continue;
      }
      const touched = this.dirty.has(k);
      if (touched) balance.push(addr);
      if (v.stakes.some((x) => !x.unbonding) || (touched && v.pendingRewards > 0n)) rewards.push(addr);
    }
    const calls: RpcCall[] = [];
    const fullChunks: Address[][] = [];
    for (let i = 0; i < full.length; i += LENS_CHUNK) fullChunks.push(full.slice(i, i + LENS_CHUNK));
    const rewardChunks: Address[][] = [];
    for (let i = 0; i < rewards.length; i += REWARDS_CHUNK) rewardChunks.push(rewards.slice(i, i + REWARDS_CHUNK));
    // (calldata encoded by hand, calldata.ts: the lens's accountsCalldata/rewardsCalldata go through ethers)
    for (const c of fullChunks) calls.push(this.call(this.lens, encodeWords(ACCOUNTS, [{ address: this.a.token }, { address: this.a.staking }, { address: NATIVE }, { addresses: c }])));
    for (const addr of balance) calls.push({ method: "eth_getBalance", params: [addr, "latest"] });
    for (const c of rewardChunks) calls.push(this.call(this.lens, encodeWords(REWARDS, [{ address: this.a.staking }, { address: NATIVE }, { addresses: c }])));
    const got = calls.length > 0 ? await this.rpc.batch(calls) : [];
    let at = 0;
    for (const c of fullChunks) {
      const rows = decodeAccounts(valueOf<string>(got[at++]), c.length);
      c.forEach((address, i) => {
        const k = address.toLowerCase();
        const r = rows[i];
        this.cache.set(k, {
          address, reserve: r.reserve, tokens: r.tokens, pendingRewards: r.pendingRewards, roles: this.roles.get(k) ?? [],
          stakes: r.stakes.map((s) => ({ ...s, sinceBlock: this.sinceBlock.get(`${k}:${s.id}`) ?? 0 })),
        });
      });
    }
    for (const addr of balance) {
      const k = addr.toLowerCase();
      this.cache.set(k, { ...(this.cache.get(k) as AccountView), reserve: BigInt(valueOf<string>(got[at++])) });
    }
    for (const c of rewardChunks) {
      const raw = uintArray(valueOf<string>(got[at++]));
      c.forEach((addr, i) => {
        const k = addr.toLowerCase();
        this.cache.set(k, { ...(this.cache.get(k) as AccountView), pendingRewards: raw[i] });
      });
    }
    this.dirty.clear();
    this.stakeDirty.clear();
    return addresses.map((addr) => this.cache.get(addr.toLowerCase()) as AccountView);
  }
}
