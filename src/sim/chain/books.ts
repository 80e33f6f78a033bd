// The chain economy's books for the accounting (src/metrics/accounting.ts): what the protocol's
// contracts and the deployer hold (ether and tokens, read as balances through the lens in one
// eth_call, batched with the block's other reads after each block), the token's mints and burns (Transfer events from/to address 0) and the gas the
// agents paid (receipts: gasUsed x effectiveGasPrice; on anvil each block's total less the
// non-agents' receipts, see onBlockGas), plus the market's own sell quotes for the
// agents' realisable wealth (CipherLens.holdings, one eth_call per 64 accounts, all in one batch).
// The chain economy feeds it receipts and transfers (two one-line hooks) and asks it to read.
import type { SuiteAddresses } from "../../client/deployment";
import { ZeroAddress } from "ethers";
import type { Address } from "../../agents/types";
import type { Books, Valuation } from "../economy";
import { IFACES, type Addresses } from "./encode";
import { uintArray, uintWord } from "./lensCodec";
import { encodeWords, selectorOf } from "../../client/calldata";
import { valueOf, type RpcCall, type RpcResult } from "./node/batch";

/** A receipt as the node returns it (the fields the books read). */
export interface ReceiptGas {
  readonly from?: string;
  readonly gasUsed: string;
  readonly effectiveGasPrice?: string;
}

/** One batch of JSON-RPC calls, answered in order. */
export type Batch = (calls: readonly RpcCall[]) => Promise<RpcResult[]>;
/** An eth_call of `data` on `to` at `block` (default "latest"). */
export type CallOf = (to: string, data: string, block?: string) => RpcCall;

/** Accounts per holdings call. */
const HOLDINGS_CHUNK = 64;
const ZERO_TOPIC = "0x" + "0".repeat(64);
/** Selector of CipherLens.holdings, computed once (ethers' encodeFunctionData hashes it on every call). */
const HOLDINGS_SELECTOR = selectorOf(IFACES.lens, "holdings");

/** The protocol's contracts whose ether and token balances are "held by the protocol". */
const PROTOCOL: readonly (keyof SuiteAddresses)[] = ["market", "staking", "treasury", "splitter", "timelock", "governor", "slashing", "oracle", "token", "curve"];

/** Calldata of CipherLens.holdings(market, holders, amounts), ABI-encoded by hand (calldata.ts). */
export function holdingsCalldata(market: string, holders: readonly string[], amounts: readonly bigint[]): string {
  return encodeWords(HOLDINGS_SELECTOR, [{ address: market }, { addresses: holders }, { uints: amounts }]);
}

/** What the protocol holds at one block (the part of the books read from the chain). */
interface Held {
  readonly etherHeld: { [bucket: string]: bigint };
  readonly tokensHeld: { [bucket: string]: bigint };
  readonly tokenSupply: bigint;
}

export class ChainBooks {
  private agents = new Set<string>();
  private minted = 0n;
  private burned = 0n;
  private agentGas = 0n;
  /** Receipts without effectiveGasPrice (a node that omits it): their gas is not counted. */
  unpricedReceipts = 0;
  /** The two reads of the books (lens balances of the protocol's holders, token supply), built once. */
  private reads: { readonly lens: string; readonly token: string; readonly accountsData: string; readonly supplyData: string; readonly callOf: CallOf } | undefined;
  /** The protocol's holdings after the last mined block, if read in its batch. */
  private held: Held | undefined;

  /** The agents' addresses (their gas is "gas paid"; their balances are the agents' side). */
  setAgents(addresses: readonly Address[]): void {
    this.agents = new Set(addresses.map((a) => a.toLowerCase()));
  }

  /** Where the books are read (after the lens is deployed). */
  configure(callOf: CallOf, lens: string, a: Addresses, deployer: Address): void {
    const holders = [...PROTOCOL.map((k) => a[k]), deployer];
    this.reads = {
      lens, token: a.token, callOf,
      accountsData: IFACES.lens.encodeFunctionData("accounts", [a.token, a.staking, ZeroAddress, holders]),
      supplyData: IFACES.token.encodeFunctionData("totalSupply"),
    };
  }

  /** The books' reads at `block`, to batch with the block's other reads (then `absorb` their answers). */
  blockCalls(block: string): RpcCall[] {
    const r = this.reads;
    if (r === undefined) return [];
    return [r.callOf(r.lens, r.accountsData, block), r.callOf(r.token, r.supplyData, block)];
  }

  /** The answers to `blockCalls` (the protocol's holdings after the block just mined). */
  absorb(got: readonly RpcResult[]): void {
    if (got.length === 0) return;
    const raw = uintArray(valueOf<string>(got[0]));
    const etherHeld: { [bucket: string]: bigint } = {};
    const tokensHeld: { [bucket: string]: bigint } = {};
    let w = 0;
    for (let i = 0; i <= PROTOCOL.length; i++) {
      const name = i < PROTOCOL.length ? PROTOCOL[i] : "deployer";
      // the deployer's ether is the outside world's (it funds the run); its tokens are not the agents'
      if (name !== "deployer") etherHeld[name] = raw[w];
      tokensHeld[name] = raw[w + 1];
      w += 4 + 5 * Number(raw[w + 3]);
    }
    this.held = { etherHeld, tokensHeld, tokenSupply: uintWord(valueOf<string>(got[1])) };
  }

  /** A block was mined without reading the books in its batch. */
  forget(): void {
    this.held = undefined;
  }

  /** Whether `address` is one of the agents (whose gas the books count). */
  isAgent(address: string): boolean {
    return this.agents.has(address.toLowerCase());
  }

  /**
   * A block read without per-transaction receipts: `totalWei` is the gas every transaction of the
   * block paid (base fee x the block's gasUsed + the coinbase's priority fees); `others` are the
   * receipts of every transaction in it not sent by an agent, whose gas is taken out. Exactly the
   * sum `onReceipt` would have made over the block's receipts.
   */
  onBlockGas(totalWei: bigint, others: readonly ReceiptGas[]): void {
    let agents = totalWei;
    for (const rc of others) {
      if (rc.from !== undefined && this.isAgent(rc.from)) throw new Error(`an agent's receipt (${rc.from}) among the non-agents' receipts of a block`);
      if (rc.effectiveGasPrice === undefined) throw new Error("a non-agent's receipt without effectiveGasPrice: the block's agent gas cannot be separated");
      agents -= BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice);
    }
    this.agentGas += agents;
  }

  /** Every receipt of every mined block, reverted ones included (they pay gas too). */
  onReceipt(rc: ReceiptGas): void {
    if (rc.from === undefined || !this.agents.has(rc.from.toLowerCase())) return;
    if (rc.effectiveGasPrice === undefined) {
      this.unpricedReceipts += 1;
      return;
    }
    this.agentGas += BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice);
  }

  /** A token Transfer log of a successful transaction (topics: signature, from, to). */
  onTransfer(topics: readonly string[], value: bigint): void {
    if (topics[1] === ZERO_TOPIC) this.minted += value;
    if (topics[2] === ZERO_TOPIC) this.burned += value;
  }

  /** The books now: the holdings read with the last block (or read now, in one batch). */
  async read(batch: Batch): Promise<Books> {
    if (this.held === undefined) this.absorb(await batch(this.blockCalls("latest")));
    const h = this.held as Held;
    return { etherHeld: { ...h.etherHeld }, tokensHeld: { ...h.tokensHeld }, tokenSupply: h.tokenSupply, tokensMinted: this.minted, tokensBurned: this.burned, agentGasWei: this.agentGas };
  }

  /** Each account's referral credit at `block` (CipherLens.holdings with no amounts: no quotes). */
  async referralCredits(batch: Batch, market: string, accounts: readonly Address[], block = "latest"): Promise<bigint[]> {
    return [...(await this.valuation(batch, market, accounts, accounts.map(() => 0n), block)).referralCredit];
  }

  /** The market's quoteSell for each amount and each account's referral credit (CipherLens.holdings, every chunk in one batch). */
  async valuation(batch: Batch, market: string, accounts: readonly Address[], amounts: readonly bigint[], block = "latest"): Promise<Valuation> {
    const r = this.reads;
    if (r === undefined) throw new Error("books read before the lens was deployed");
    const calls: RpcCall[] = [];
    const sizes: number[] = [];
    for (let from = 0; from < accounts.length; from += HOLDINGS_CHUNK) {
      const accs = accounts.slice(from, from + HOLDINGS_CHUNK);
      calls.push(r.callOf(r.lens, holdingsCalldata(market, accs, amounts.slice(from, from + HOLDINGS_CHUNK)), block));
      sizes.push(accs.length);
    }
    const got = await batch(calls);
    const sellNet: bigint[] = [];
    const sellFee: bigint[] = [];
    const referralCredit: bigint[] = [];
    sizes.forEach((n, c) => {
      const raw = uintArray(valueOf<string>(got[c]));
      for (let i = 0; i < n; i++) {
        sellNet.push(raw[3 * i]);
        sellFee.push(raw[3 * i + 1]);
        referralCredit.push(raw[3 * i + 2]);
      }
    });
    return { sellNet, sellFee, referralCredit };
  }
}
