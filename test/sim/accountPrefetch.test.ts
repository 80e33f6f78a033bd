// The agents' account reads that go in the block's read batch (AccountBook.prefetch, accounts.ts),
// on a fake node that answers the lens and eth_getBalance from a table: what the block's logs did
// not announce is read after, only that; answers of another block, or from before an
// invalidation, are not used; a prefetch that failed is read again. (That the outputs of whole
// runs do not change is chain.test.ts's "incremental account reads" and the backend identity tests.)
import { expect } from "chai";
import { AbiCoder, getAddress } from "ethers";
import { AccountBook } from "../../src/sim/chain/accounts";
import { IFACES, type Addresses } from "../../src/sim/chain/encode";
import type { BatchRpc, RpcCall, RpcResult } from "../../src/sim/chain/node/batch";
import type { AccountView } from "../../src/agents/types";
import { LogRouter, type RawLog } from "../../src/sim/chain/logRouter";

const LENS = "0x00000000000000000000000000000000000000aa";
const A = { token: "0x00000000000000000000000000000000000000b1", staking: "0x00000000000000000000000000000000000000b2" } as unknown as Addresses;
const addr = (i: number) => getAddress("0x" + (0x1000 + i).toString(16).padStart(40, "0"));
const ALICE = addr(1);
const BOB = addr(2);
const CAROL = addr(3);
const ALL = [ALICE, BOB, CAROL];

interface Row { reserve: bigint; tokens: bigint; rewards: bigint; stakes: { id: number; amount: bigint }[] }

/** A node whose state is `world`; records every batch and the block tag of every call. */
class FakeNode implements BatchRpc {
  readonly world = new Map<string, Row>();
  readonly batches: RpcCall[][] = [];
  failNext = false;
  async send(): Promise<unknown> {
    throw new Error("not used");
  }
  async batch(calls: readonly RpcCall[]): Promise<RpcResult[]> {
    this.batches.push([...calls]);
    return calls.map((c) => this.answer(c));
  }
  answer(c: RpcCall): RpcResult {
    if (this.failNext) return { ok: false, error: new Error("boom") };
    const row = (a: string) => this.world.get(a.toLowerCase()) as Row;
    if (c.method === "eth_getBalance") return { ok: true, value: "0x" + row(c.params[0] as string).reserve.toString(16) };
    const { data } = c.params[0] as { data: string };
    const f = IFACES.lens.parseTransaction({ data });
    const list = f?.args[f.args.length - 1] as string[];
    const words: bigint[] = [];
    if (f?.name === "accounts") {
      for (const a of list) {
        const r = row(a);
        words.push(r.reserve, r.tokens, r.rewards, BigInt(r.stakes.length));
        for (const s of r.stakes) words.push(BigInt(s.id), s.amount, 0n, 0n, 0n);
      }
    } else for (const a of list) words.push(row(a).rewards);
    return { ok: true, value: AbiCoder.defaultAbiCoder().encode(["uint256[]"], [words]) };
  }
  calls(): RpcCall[] {
    return this.batches.flat();
  }
}

function setup(): { node: FakeNode; book: AccountBook } {
  const node = new FakeNode();
  node.world.set(ALICE.toLowerCase(), { reserve: 10n, tokens: 1n, rewards: 0n, stakes: [] });
  node.world.set(BOB.toLowerCase(), { reserve: 20n, tokens: 2n, rewards: 5n, stakes: [{ id: 0, amount: 7n }] });
  node.world.set(CAROL.toLowerCase(), { reserve: 30n, tokens: 3n, rewards: 0n, stakes: [] });
  const book = new AccountBook(node, A, LENS, (to, data, block) => ({ method: "eth_call", params: [{ to, data }, block] }), new Map());
  return { node, book };
}

/** The block's read batch: the prefetch's calls answered by the node as it is now. */
function mineAndPrefetch(node: FakeNode, book: AccountBook, block: number, senders: string[], stakeChangers: string[] = []): RpcCall[] {
  const calls = book.prefetch("0x" + block.toString(16), new Set(senders.map((s) => s.toLowerCase())), new Set(stakeChangers.map((s) => s.toLowerCase())));
  book.absorbPrefetch(calls.map((c) => node.answer(c)));
  book.block = block;
  return calls;
}

const view = (v: AccountView) => ({ reserve: v.reserve, tokens: v.tokens, pendingRewards: v.pendingRewards, stakes: v.stakes.length });

describe("account reads in the block's read batch (AccountBook.prefetch)", () => {
  it("needs no read of its own when the block's logs touched only its senders; prefetch calls are pinned to the block", async () => {
    const { node, book } = setup();
    await book.read(ALL);
    node.batches.length = 0;
    node.world.get(ALICE.toLowerCase())!.reserve = 9n; // alice sent a transaction (gas)
    node.world.get(BOB.toLowerCase())!.rewards = 6n; // bob's stake accrued
    const calls = mineAndPrefetch(node, book, 5, [ALICE]);
    expect(calls.map((c) => c.method)).to.deep.equal(["eth_getBalance", "eth_call"]);
    for (const c of calls) expect(c.params[c.params.length - 1], "pinned to the block read").to.equal("0x5");
    book.touch(ALICE);
    const got = await book.read(ALL);
    expect(node.batches, "no batch of its own").to.have.length(0);
    expect(got.map(view)).to.deep.equal([
      { reserve: 9n, tokens: 1n, pendingRewards: 0n, stakes: 0 },
      { reserve: 20n, tokens: 2n, pendingRewards: 6n, stakes: 1 },
      { reserve: 30n, tokens: 3n, pendingRewards: 0n, stakes: 0 },
    ]);
    expect(book.prefetchStats).to.deep.equal({ answered: 1, topUp: 0 });
  });

  it("reads after the block only what the logs asked beyond the prefetch: an account that sent nothing, a stake changed by someone else", async () => {
    const { node, book } = setup();
    await book.read(ALL);
    node.batches.length = 0;
    node.world.get(CAROL.toLowerCase())!.reserve = 31n; // paid by an event (carol sent nothing)
    node.world.get(ALICE.toLowerCase())!.stakes = [{ id: 0, amount: 1n }]; // staked for her by another sender
    node.world.get(ALICE.toLowerCase())!.reserve = 8n;
    mineAndPrefetch(node, book, 6, [BOB]);
    book.touch(BOB);
    // the block's logs, as the economy routes them: one naming carol, and alice's Staked
    const router = new LogRouter();
    book.listen(router);
    const staked = IFACES.staking.getEvent("Staked");
    const log = IFACES.staking.encodeEventLog(staked!, [ALICE, 0n, 1n, 0n, 0n, 10_000n]);
    const logs: RawLog[] = [
      { address: A.token, topics: ["0x" + "11".repeat(32), "0x" + CAROL.slice(2).toLowerCase().padStart(64, "0")], data: "0x" },
      { address: A.staking, topics: log.topics, data: log.data },
    ];
    for (const l of logs) {
      book.touchTopics(l);
      router.dispatch(l);
    }
    const got = await book.read(ALL);
    expect(node.batches, "one batch for the rest").to.have.length(1);
    const rest = node.batches[0];
    expect(rest.map((c) => c.method)).to.deep.equal(["eth_call", "eth_getBalance"]);
    expect(rest[1].params).to.deep.equal([CAROL, "latest"]);
    expect(IFACES.lens.parseTransaction({ data: (rest[0].params[0] as { data: string }).data })?.args[3]).to.deep.equal([ALICE]);
    expect(got.map(view)).to.deep.equal([
      { reserve: 8n, tokens: 1n, pendingRewards: 0n, stakes: 1 },
      { reserve: 20n, tokens: 2n, pendingRewards: 5n, stakes: 1 },
      { reserve: 31n, tokens: 3n, pendingRewards: 0n, stakes: 0 },
    ]);
    expect(book.prefetchStats).to.deep.equal({ answered: 0, topUp: 1 });
  });

  it("gives a stake changer whose stake did not change (its stake reverted) the balance of its full read with the block", async () => {
    // alice sent a stake that reverted: read in full with the block (predicted), no Staked log, but
    // she paid gas. Before the fix her row was not applied and her balance not read: a stale reserve.
    const { node, book } = setup();
    await book.read(ALL);
    node.batches.length = 0;
    node.world.get(ALICE.toLowerCase())!.reserve = 7n;
    const calls = mineAndPrefetch(node, book, 9, [ALICE], [ALICE]);
    expect(calls.map((c) => c.method)).to.deep.equal(["eth_call", "eth_call"]);
    book.touch(ALICE);
    const got = await book.read(ALL);
    expect(node.batches, "no batch of its own").to.have.length(0);
    expect(got[0].reserve).to.equal(7n);
    expect(book.prefetchStats).to.deep.equal({ answered: 1, topUp: 0 });
  });

  it("does not use answers of another block, or from before an invalidation, or a prefetch that failed", async () => {
    for (const spoil of ["other block", "invalidated", "failed"] as const) {
      const { node, book } = setup();
      await book.read(ALL);
      node.batches.length = 0;
      node.failNext = spoil === "failed";
      mineAndPrefetch(node, book, 7, [ALICE]);
      node.failNext = false;
      node.world.get(ALICE.toLowerCase())!.reserve = 1n; // moved after the prefetch was answered
      if (spoil === "other block") book.block = 8;
      if (spoil === "invalidated") book.invalidate();
      book.touch(ALICE);
      const got = await book.read(ALL);
      expect(node.batches, spoil).to.have.length(1);
      expect(got[0].reserve, spoil).to.equal(1n);
      expect(book.prefetchStats, spoil).to.deep.equal({ answered: 0, topUp: 0 });
    }
  });

  it("plans nothing before the first read and with CIPHER_FULL_READS", async () => {
    const { node, book } = setup();
    expect(book.prefetch("0x1", new Set([ALICE.toLowerCase()]), new Set())).to.deep.equal([]);
    await book.read(ALL);
    process.env.CIPHER_FULL_READS = "1";
    try {
      expect(book.prefetch("0x2", new Set([ALICE.toLowerCase()]), new Set())).to.deep.equal([]);
    } finally {
      delete process.env.CIPHER_FULL_READS;
    }
    expect(node.batches).to.have.length(1);
  });
});
