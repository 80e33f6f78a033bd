// Mines one block of pending transactions and reads what came of them, in as few round trips as
// the node allows:
// 1. the block's transactions are ordered by the engine's rule (ordering.ts: highest tip first,
//    a sender's nonces in order, equal tips in submission order) and sent in that order in ONE
//    JSON-RPC batch (eth_sendTransaction from impersonated accounts, explicit nonce, gas and fees);
//    a node whose pool keeps arrival order (the spawned anvil runs `--order fifo`) and a
//    fee-priority pool that breaks ties by arrival (Hardhat's) both mine exactly that order;
// 2. one evm_mine at the step's timestamp;
// 3. ONE batch of reads: the block, its receipts (status, exact gasUsed, logs) and, where the node
//    offers it, its parity traces (trace_block: the revert data of every reverted transaction,
//    from the block as it was mined), plus whatever the caller reads at that block (`extra`: the
//    economy's lens reading, proposals' states, the books). Methods a node lacks are found out once
//    and not asked again.
// In-process, evm_mine goes to EDR directly (edrTraces.ts) and reverts are named from its traces.
import type { BlockFlows } from "../economy";
import { orderBlock } from "../ordering";
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
}

export interface MinedRaw {
  readonly number: number;
  readonly outcomes: MinedTx[];
  /** Logs of the block's successful transactions, in block order. */
  readonly logs: RawLog[];
  /** Every receipt of the block, in block order (gas paid, for the books). */
  readonly receipts: readonly RawReceipt[];
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

  constructor(private readonly rpc: BatchRpc, private readonly edr: EdrMiner | undefined) {
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
  }

  /**
   * Sends `pool` in the engine's order, mines it at `ts`, and reads the outcomes and logs, with
   * `extra(block)` (reads at the new block, by its number) in the same batch.
   */
  async mine(pool: readonly Pending[], ts: number, extra?: (block: string) => readonly RpcCall[]): Promise<MinedRaw> {
    const ordered = orderBlock(pool.map((tx, seq) => ({ tx, from: tx.from, nonce: tx.nonce, fee: tx.tip, seq }))).map((o) => o.tx);
    const maxFeeBase = this.baseFeeWei * 2n + GWEI;
    const sends: RpcCall[] = ordered.map((tx) => ({
      method: "eth_sendTransaction",
      params: [{
        from: tx.from, to: tx.call.to, data: tx.call.data, value: hexQuantity(tx.call.value), nonce: hexQuantity(tx.nonce), gas: hexQuantity(tx.gas),
        maxPriorityFeePerGas: hexQuantity(tx.tip), maxFeePerGas: hexQuantity(maxFeeBase + tx.tip),
      }],
    }));
    const sent = await this.rpc.batch(sends);
    const byHash = new Map<string, Pending>();
    const refused: string[] = [];
    for (let i = 0; i < ordered.length; i++) {
      const r = sent[i];
      if (r.ok) byHash.set(String(r.value).toLowerCase(), ordered[i]);
      else if (ordered[i].system !== undefined) refused.push(`${ordered[i].system}: ${r.error.message}`);
    }
    if (refused.length > 0) throw new Error(`the node refused ${refused.length} system transaction(s); first: ${refused[0]}`);

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
    const reads: RpcCall[] = [{ method: "eth_getBlockByNumber", params: [n, false] }];
    if (this.blockReceipts) reads.push({ method: "eth_getBlockReceipts", params: [n] });
    const traceAt = this.edr === undefined && byHash.size > 0 ? this.reverts.traceCall(n) : undefined;
    if (traceAt !== undefined) reads.push(traceAt);
    const own = reads.length;
    if (extra !== undefined) reads.push(...extra(n));
    const got = await this.rpc.batch(reads);
    const blk = valueOf<RawBlock>(got[0]);
    this.baseFeeWei = BigInt(blk.baseFeePerGas ?? "0x0");
    this.number = Number(BigInt(blk.number));
    let receipts: readonly RawReceipt[] | undefined;
    if (this.blockReceipts) {
      const r = got[1];
      if (r.ok && Array.isArray(r.value) && r.value.length === blk.transactions.length) receipts = r.value as RawReceipt[];
      else if (!r.ok) this.blockReceipts = false;
    }
    receipts ??= await this.receiptsOneByOne(blk.transactions);
    if (traceAt !== undefined) this.reverts.absorbTraces(got[own - 1], blk.transactions.length);

    const outcomes: MinedTx[] = [];
    const logs: RawLog[] = [];
    const reverted: { i: number; hash: string }[] = [];
    for (let i = 0; i < blk.transactions.length; i++) {
      const rc = receipts[i];
      const ok = rc.status === "0x1";
      if (ok) for (const l of rc.logs) logs.push(l);
      else reverted.push({ i, hash: blk.transactions[i] });
    }
    // EDR's traces are used only if they line up with the block's receipts.
    const edrTraces = traced !== undefined && traced.length === receipts.length ? traced : undefined;
    const names = await this.reverts.name(reverted, edrTraces);
    const seen = new Set<Pending>();
    for (let i = 0; i < blk.transactions.length; i++) {
      const tx = byHash.get(blk.transactions[i].toLowerCase());
      if (tx === undefined) continue;
      seen.add(tx);
      const rc = receipts[i];
      const ok = rc.status === "0x1";
      outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: i, ok, error: ok ? undefined : names.get(i), gasUsed: BigInt(rc.gasUsed), ...(tx.system !== undefined ? { system: tx.system } : {}) });
    }
    // Transactions the node refused or did not include (not expected with explicit nonces and a raised block gas limit).
    for (const tx of ordered) if (!seen.has(tx)) outcomes.push({ from: tx.from, nonce: tx.nonce, action: tx.action, index: -1, ok: false, error: "NotMined", gasUsed: 0n, ...(tx.system !== undefined ? { system: tx.system } : {}) });
    traced?.release();
    return { number: this.number, outcomes, logs, receipts, extra: got.slice(own) };
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

export type { BlockFlows };
