// Mines one block of pending transactions and reads what came of them, in as few round trips as
// the node allows:
// 1. the block's transactions are ordered by the engine's rule (ordering.ts: highest tip first,
//    a sender's nonces in order, equal tips in submission order) and sent in that order as
//    JSON-RPC batches of at most 30 with no sender twice, each after the last was answered
//    (ordering.ts, segmentsBySender: anvil answers a batch's calls concurrently; eth_sendTransaction
//    from impersonated accounts, explicit nonce, gas and fees); a node whose pool keeps arrival
//    order (the spawned anvil runs `--order fifo`) and a fee-priority pool that breaks ties by
//    arrival (Hardhat's) both mine exactly that order, which is checked after each block;
// 2. one evm_mine at the step's timestamp;
// 3. ONE batch of reads: the block, its receipts (status, exact gasUsed, logs) and, where the node
//    offers it, its parity traces (trace_block: the revert data of every reverted transaction,
//    from the block as it was mined), plus whatever the caller reads at that block (`extra`: the
//    economy's lens reading, proposals' states, the books). Methods a node lacks are found out once
//    and not asked again.
// In-process, evm_mine goes to EDR directly (edrTraces.ts) and reverts are named from its traces.
import type { BlockFlows } from "../economy";
import { orderBlock, segmentsBySender } from "../ordering";
import { hexQuantity } from "./rpc";
import { valueOf, type BatchRpc, type RpcCall, type RpcResult } from "./node/batch";
import type { EdrMiner, MinedTraces } from "./edrTraces";
import type { RawLog } from "./logRouter";
import type { MinedTx, Pending } from "./pending";
import { RevertNamer } from "./reverts";

const GWEI = 10n ** 9n;

export interface RawReceipt {
  readonly transactionHash: string;
  readonly status: string;
  readonly from?: string;
  readonly gasUsed: string;
  readonly effectiveGasPrice?: string;
  readonly logs: readonly RawLog[];
}

interface RawBlock {
  readonly number: string;
  readonly transactions: readonly string[];
  readonly baseFeePerGas?: string;
  readonly gasUsed?: string;
  readonly miner?: string;
}

export interface MinedRaw {
  readonly number: number;
  readonly outcomes: MinedTx[];
  /** Logs of the block's successful transactions, in block order. */
  readonly logs: RawLog[];
  /**
   * The receipts read, in block order: every transaction's where the block was read with receipts
   * (`blockGasWei` undefined); otherwise only those of the transactions `needsReceipt` picked.
   */
  readonly receipts: readonly RawReceipt[];
  /**
   * Set where the block was read without per-transaction receipts: the gas every transaction of
   * the block paid together, wei (base fee x the block's gasUsed + the priority fees the coinbase
   * received).
   */
  readonly blockGasWei?: bigint;
  /** Answers to the caller's `extra` reads, in order. */
  readonly extra: readonly RpcResult[];
}

export class BlockMiner {
  /** Whether the node answers eth_getBlockReceipts (in-process Hardhat does not). */
  private blockReceipts = true;
  private baseFeeWei = 0n;
  private number = 0;
  readonly reverts: RevertNamer;
  /** Transactions mined and wall time of the node's evm_mine alone (EVM execution and block building), for the bench's ceiling. */
  readonly mineStats = { txs: 0, seconds: 0 };

  /** The block's coinbase (where the priority fees go), from the head. */
  private coinbase: string | undefined;
  /** The coinbase's balance after the block read last without receipts. */
  private coinbaseBalance: { readonly block: number; readonly wei: string } | undefined;
  /** Blocks whose transactions the node mined out of the order sent (expected: none). */
  readonly orderStats = { reordered: 0 };
  /** Blocks read without receipts, and those where that was not possible and receipts were read after all. */
  readonly leanStats = { lean: 0, fallback: 0 };
  /** CIPHER_BLOCK_RECEIPTS=1: read every block's receipts (for checks and comparisons). */
  private readonly forceReceipts = process.env.CIPHER_BLOCK_RECEIPTS !== undefined;

  /**
   * @param needsReceipt - which senders' transactions need their own receipt where the block is
   *   read without receipts (the books: everyone who is not an agent); none by default.
   */
  constructor(
    private readonly rpc: BatchRpc,
    private readonly edr: EdrMiner | undefined,
    private readonly needsReceipt: (from: string) => boolean = () => false,
  ) {
    this.reverts = new RevertNamer(rpc);
  }

  get baseFee(): bigint {
    return this.baseFeeWei;
  }

  /** Number of the last mined block. */
  get block(): number {
    return this.number;
  }

  /** Reads the head (number and base fee) from the node. */
  async refresh(): Promise<void> {
    const b = (await this.rpc.send("eth_getBlockByNumber", ["latest", false])) as RawBlock;
    this.baseFeeWei = BigInt(b.baseFeePerGas ?? "0x0");
    this.number = Number(BigInt(b.number));
    this.coinbase = b.miner?.toLowerCase();
  }

  /**
   * Sends `pool` in the engine's order, mines it at `ts` (after `beforeMine` resolves), and reads
   * the outcomes and logs, with `extra(block)` (reads at the new block, by its number) in the same batch.
   */
  async mine(pool: readonly Pending[], ts: number, extra?: (block: string) => readonly RpcCall[], beforeMine?: () => Promise<void>): Promise<MinedRaw> {
    const ordered = orderBlock(pool.map((tx, seq) => ({ tx, from: tx.from, nonce: tx.nonce, fee: tx.tip, seq }))).map((o) => o.tx);
    const maxFeeBase = this.baseFeeWei * 2n + GWEI;
    const toSend = (tx: Pending): RpcCall => ({
      method: "eth_sendTransaction",
      params: [{
        from: tx.from, to: tx.call.to, data: tx.call.data, value: hexQuantity(tx.call.value), nonce: hexQuantity(tx.nonce), gas: hexQuantity(tx.gas),
        maxPriorityFeePerGas: hexQuantity(tx.tip), maxFeePerGas: hexQuantity(maxFeeBase + tx.tip),
      }],
    });
    // Read without receipts (below) where the node has trace_block. The coinbase's balance before
    // the block is the one read after the last block; only where that is not known (the first
    // block, blocks mined elsewhere) is it read, at the head, before mining (a node may keep no
    // past state to read it at afterwards). An empty pool mines an empty block: nothing to read.
    const lean = this.edr === undefined && !this.forceReceipts && this.reverts.traceCall("latest") !== undefined && this.coinbase !== undefined;
    // in the engine's order, one batch per run of distinct senders (ordering.ts, segmentsBySender)
    const sent: RpcResult[] = [];
    for (const seg of segmentsBySender(ordered)) sent.push(...(await this.rpc.batch(seg.map(toSend))));
    let coinbaseBefore: RpcResult = { ok: true, value: "0x0" };
    if (lean && ordered.length > 0) {
      const known = this.coinbaseBalance;
      coinbaseBefore = known !== undefined && known.block === this.number ? { ok: true, value: known.wei } : (await this.rpc.batch([{ method: "eth_getBalance", params: [this.coinbase, hexQuantity(this.number)] }]))[0];
    }
    this.coinbaseBalance = undefined;
    const byHash = new Map<string, Pending>();
    const refused: string[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const r = sent[i];
      if (r.ok) byHash.set(String(r.value).toLowerCase(), ordered[i]);
      else if (ordered[i].system !== undefined) refused.push(`${ordered[i].system}: ${r.error.message}`);
    }
    if (refused.length > 0) throw new Error(`the node refused ${refused.length} system transaction(s); first: ${refused[0]}`);

    // (reads still in flight at the head block are answered before the state moves on)
    await beforeMine?.();
    let traced: MinedTraces | undefined;
    const t0 = process.hrtime.bigint();
    if (this.edr !== undefined) {
      await this.rpc.send("evm_setNextBlockTimestamp", [hexQuantity(ts)]);
      traced = await this.edr.mine();
    } else {
      await this.rpc.send("evm_mine", [ts]);
    }
    this.mineStats.seconds += Number(process.hrtime.bigint() - t0) / 1e9;
    this.mineStats.txs += byHash.size;
    const n = hexQuantity(this.number + 1);
    // Without receipts (a node with trace_block; not in-process): the block, its trace (status and
    // revert data), its logs, the coinbase's balance before and after (the priority fees paid) and
    // the receipts of the transactions `needsReceipt` picks. Checked below; where anything does not
    // fit, the block's receipts are read after all.
    const reads: RpcCall[] = [{ method: "eth_getBlockByNumber", params: [n, false] }];
    const own: { receipts?: number; trace?: number; logs?: number; coinbase?: number; picked?: number } = {};
    const picked = lean ? [...byHash.entries()].filter(([, tx]) => this.needsReceipt(tx.from)).map(([h]) => h) : [];
    if (lean) {
      own.trace = reads.push(this.reverts.traceCall(n) as RpcCall) - 1;
      own.logs = reads.push({ method: "eth_getLogs", params: [{ fromBlock: n, toBlock: n }] }) - 1;
      own.coinbase = reads.push({ method: "eth_getBalance", params: [this.coinbase, n] }) - 1;
      own.picked = reads.length;
      for (const h of picked) reads.push({ method: "eth_getTransactionReceipt", params: [h] });
    } else {
      if (this.blockReceipts) own.receipts = reads.push({ method: "eth_getBlockReceipts", params: [n] }) - 1;
      const traceAt = this.edr === undefined && byHash.size > 0 ? this.reverts.traceCall(n) : undefined;
      if (traceAt !== undefined) own.trace = reads.push(traceAt) - 1;
    }
    const ownCount = reads.length;
    if (extra !== undefined) reads.push(...extra(n));
    const got = await this.rpc.batch(reads);
    const blk = valueOf<RawBlock>(got[0]);
    this.baseFeeWei = BigInt(blk.baseFeePerGas ?? "0x0");
    this.number = Number(BigInt(blk.number));
    if (own.trace !== undefined) this.reverts.absorbTraces(got[own.trace], blk.transactions.length);

    let receipts: readonly RawReceipt[] | undefined;
    let status: readonly boolean[] | undefined;
    let logs: RawLog[] | undefined;
    let blockGasWei: bigint | undefined;
    if (lean) {
      const r = this.leanRead(blk, got, own as Required<typeof own>, coinbaseBefore, byHash, picked.length);
      if (r !== undefined) ({ status, logs, receipts, blockGasWei } = r);
      if (r !== undefined) this.leanStats.lean += 1;
      else this.leanStats.fallback += 1;
    } else if (own.receipts !== undefined) {
      const r = got[own.receipts];
      if (r.ok && Array.isArray(r.value) && r.value.length === blk.transactions.length) receipts = r.value as RawReceipt[];
      else if (!r.ok) this.blockReceipts = false;
    }
    if (status === undefined) {
      if (receipts === undefined) receipts = this.blockReceipts ? await this.blockReceiptsOf(n, blk.transactions.length) : undefined;
      receipts ??= await this.receiptsOneByOne(blk.transactions);
      status = receipts.map((rc) => rc.status === "0x1");
      logs = [];
      for (let i = 0; i < receipts.length; i++) if (status[i]) for (const l of receipts[i].logs) logs.push(l);
    }
    const rcByHash = new Map<string, RawReceipt>();
    if (blockGasWei !== undefined) for (const rc of receipts ?? []) rcByHash.set(rc.transactionHash.toLowerCase(), rc);
    const allReceipts = blockGasWei === undefined ? (receipts as readonly RawReceipt[]) : undefined;

    const reverted: { i: number; hash: string }[] = [];
    for (let i = 0; i < blk.transactions.length; i++) if (!status[i]) reverted.push({ i, hash: blk.transactions[i] });
    // EDR's traces are used only if they line up with the block's transactions.
    const edrTraces = traced !== undefined && traced.length === blk.transactions.length ? traced : undefined;
    const names = await this.reverts.name(reverted, edrTraces);
    // The node must have mined our transactions in the order sent; a run whose order the node
    // changed may not reproduce: counted (orderStats) and said once on stderr.
    const position = new Map<Pending, number>(ordered.map((tx, i) => [tx, i]));
    let last = -1;
    for (const h of blk.transactions) {
      const tx = byHash.get(h.toLowerCase());
      if (tx === undefined) continue;
      const at = position.get(tx) as number;
      if (at < last) {
        this.orderStats.reordered += 1;
        if (this.orderStats.reordered === 1) process.stderr.write(`warning: block ${this.number}: the node mined transactions out of the order sent; this run may not reproduce byte for byte\n`);
        break;
      }
      last = at;
    }
    const outcomes: MinedTx[] = [];
    const seen = new Set<Pending>();
    for (let i = 0; i < blk.transactions.length; i++) {
      const hash = blk.transactions[i].toLowerCase();
      const tx = byHash.get(hash);
      if (tx === undefined) continue;
      seen.add(tx);
      const ok = status[i];
      const rc = allReceipts !== undefined ? allReceipts[i] : rcByHash.get(hash);
      outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: i, ok, error: ok ? undefined : names.get(i), ...(rc !== undefined ? { gasUsed: BigInt(rc.gasUsed) } : {}), ...(tx.system !== undefined ? { system: tx.system } : {}) });
    }
    // Transactions the node refused or did not include (not expected with explicit nonces and a raised block gas limit).
    for (const tx of ordered) if (!seen.has(tx)) outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: -1, ok: false, error: "NotMined", gasUsed: 0n, ...(tx.system !== undefined ? { system: tx.system } : {}) });
    traced?.release();
    return { number: this.number, outcomes, logs: logs as RawLog[], receipts: receipts ?? [], ...(blockGasWei !== undefined ? { blockGasWei } : {}), extra: got.slice(ownCount) };
  }

  /**
   * The lean read's answers, checked: every transaction of the block is one of ours and has one
   * top-level trace (its status), the logs and balances (before: read with the sends) were answered, no call of the block moved
   * ether to or from the coinbase (its balance change is then the priority fees alone), and every
   * picked receipt is there. undefined where any of this fails.
   */
  private leanRead(
    blk: RawBlock,
    got: readonly RpcResult[],
    own: { trace: number; logs: number; coinbase: number; picked: number },
    coinbaseBefore: RpcResult,
    byHash: ReadonlyMap<string, Pending>,
    pickedCount: number,
  ): { status: boolean[]; logs: RawLog[]; receipts: RawReceipt[]; blockGasWei: bigint } | undefined {
    const cb = this.coinbase as string;
    if ((blk.miner ?? "").toLowerCase() !== cb || blk.gasUsed === undefined) return undefined;
    if (byHash.size === 0) {
      // nothing sent: an empty block is read as such (no gas, no logs); anything else falls back
      const lg = got[own.logs];
      const after = got[own.coinbase];
      if (after.ok && blk.transactions.length === 0) this.coinbaseBalance = { block: Number(BigInt(blk.number)), wei: after.value as string };
      return blk.transactions.length === 0 && lg.ok && Array.isArray(lg.value) && lg.value.length === 0 ? { status: [], logs: [], receipts: [], blockGasWei: 0n } : undefined;
    }
    for (const h of blk.transactions) if (!byHash.has(h.toLowerCase())) return undefined;
    const tr = got[own.trace];
    const lg = got[own.logs];
    const before = coinbaseBefore;
    const after = got[own.coinbase];
    if (!tr.ok || !Array.isArray(tr.value) || !lg.ok || !Array.isArray(lg.value) || !before.ok || !after.ok) return undefined;
    const status = topLevelStatus(tr.value as ParityTraceLite[], blk.transactions.length, cb);
    if (status === undefined) return undefined;
    const receipts: RawReceipt[] = [];
    for (let k = 0; k < pickedCount; k++) {
      const r = got[own.picked + k];
      if (!r.ok || r.value === null || typeof r.value !== "object") return undefined;
      receipts.push(r.value as RawReceipt);
    }
    const tips = BigInt(after.value as string) - BigInt(before.value as string);
    this.coinbaseBalance = { block: Number(BigInt(blk.number)), wei: after.value as string };
    return { status, logs: lg.value as RawLog[], receipts, blockGasWei: this.baseFeeWei * BigInt(blk.gasUsed) + tips };
  }

  private async blockReceiptsOf(n: string, count: number): Promise<RawReceipt[] | undefined> {
    const [r] = await this.rpc.batch([{ method: "eth_getBlockReceipts", params: [n] }]);
    if (r.ok && Array.isArray(r.value) && r.value.length === count) return r.value as RawReceipt[];
    if (!r.ok) this.blockReceipts = false;
    return undefined;
  }
  /**
   * One receipt at a time on purpose (in-process): concurrent requests ran on several of EDR's
   * threads, and the native memory they allocated was never given back (+0.3 MB per receipt).
   */
  private async receiptsOneByOne(hashes: readonly string[]): Promise<RawReceipt[]> {
    const out: RawReceipt[] = [];
    for (const h of hashes) out.push((await this.rpc.send("eth_getTransactionReceipt", [h])) as RawReceipt);
    return out;
  }
}

/** The parts of a parity trace entry the lean read looks at. */
interface ParityTraceLite {
  readonly traceAddress: readonly number[];
  readonly transactionPosition?: number;
  readonly error?: string;
  readonly action?: { readonly from?: string; readonly to?: string; readonly address?: string; readonly refundAddress?: string };
}

/**
 * Each transaction's status from a block's parity traces (its top-level call did not error), or
 * undefined if a transaction has no top-level trace or any call touches `coinbase` (then its
 * balance change would not be the priority fees alone).
 */
export function topLevelStatus(traces: readonly ParityTraceLite[], txCount: number, coinbase: string): boolean[] | undefined {
  const status: (boolean | undefined)[] = new Array(txCount).fill(undefined);
  for (const t of traces) {
    const a = t.action;
    if (a !== undefined && [a.from, a.to, a.address, a.refundAddress].some((x) => x !== undefined && x.toLowerCase() === coinbase)) return undefined;
    if (t.traceAddress.length !== 0) continue;
    const p = t.transactionPosition;
    if (p === undefined || p < 0 || p >= txCount || status[p] !== undefined) return undefined;
    status[p] = t.error === undefined;
  }
  return status.every((x) => x !== undefined) ? (status as boolean[]) : undefined;
}

export type { BlockFlows };
