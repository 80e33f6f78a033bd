// The chain economy's books for the accounting (src/metrics/accounting.ts): what the protocol's
// contracts and the deployer hold (ether and tokens, read as balances through the lens in one
// eth_call), the token's mints and burns (Transfer events from/to address 0) and the gas the
// agents paid (receipts: gasUsed x effectiveGasPrice), plus the market's own sell quotes for the
// agents' realisable wealth (CipherLens.holdings, one eth_call per 64 accounts).
// The chain economy feeds it receipts and transfers (two one-line hooks) and asks it to read.
import { ZeroAddress } from "ethers";
import type { Address } from "../../agents/types";
import type { Books, Valuation } from "../economy";
import { IFACES, type Addresses } from "./encode";

/** A receipt as the node returns it (the fields the books read). */
export interface ReceiptGas {
  readonly from?: string;
  readonly gasUsed: string;
  readonly effectiveGasPrice?: string;
}

export type EthCall = (to: string, data: string) => Promise<string>;

/** Accounts per holdings call. */
const HOLDINGS_CHUNK = 64;
const ZERO_TOPIC = "0x" + "0".repeat(64);

/** The protocol's contracts whose ether and token balances are "held by the protocol". */
const PROTOCOL: readonly (keyof Addresses)[] = ["market", "staking", "treasury", "splitter", "timelock", "governor", "slashing", "oracle", "token", "curve"];

export class ChainBooks {
  private agents = new Set<string>();
  private minted = 0n;
  private burned = 0n;
  private agentGas = 0n;
  /** Receipts without effectiveGasPrice (a node that omits it): their gas is not counted. */
  unpricedReceipts = 0;

  /** The agents' addresses (their gas is "gas paid"; their balances are the agents' side). */
  setAgents(addresses: readonly Address[]): void {
    this.agents = new Set(addresses.map((a) => a.toLowerCase()));
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

  async read(call: EthCall, lens: string, a: Addresses, deployer: Address): Promise<Books> {
    const holders = [...PROTOCOL.map((k) => a[k]), deployer];
    const raw = IFACES.lens.decodeFunctionResult("accounts", await call(lens, IFACES.lens.encodeFunctionData("accounts", [a.token, a.staking, ZeroAddress, holders])))[0] as bigint[];
    const etherHeld: { [bucket: string]: bigint } = {};
    const tokensHeld: { [bucket: string]: bigint } = {};
    let w = 0;
    for (let i = 0; i < holders.length; i++) {
      const name = i < PROTOCOL.length ? PROTOCOL[i] : "deployer";
      // the deployer's ether is the outside world's (it funds the run); its tokens are not the agents'
      if (name !== "deployer") etherHeld[name] = BigInt(raw[w]);
      tokensHeld[name] = BigInt(raw[w + 1]);
      w += 4 + 5 * Number(raw[w + 3]);
    }
    const supply = IFACES.token.decodeFunctionResult("totalSupply", await call(a.token, IFACES.token.encodeFunctionData("totalSupply")))[0] as bigint;
    return { etherHeld, tokensHeld, tokenSupply: BigInt(supply), tokensMinted: this.minted, tokensBurned: this.burned, agentGasWei: this.agentGas };
  }

  /** The market's quoteSell for each amount and each account's referral credit (CipherLens.holdings). */
  async valuation(call: EthCall, lens: string, market: string, accounts: readonly Address[], amounts: readonly bigint[]): Promise<Valuation> {
    const sellNet: bigint[] = [];
    const sellFee: bigint[] = [];
    const referralCredit: bigint[] = [];
    for (let from = 0; from < accounts.length; from += HOLDINGS_CHUNK) {
      const accs = accounts.slice(from, from + HOLDINGS_CHUNK);
      const amts = amounts.slice(from, from + HOLDINGS_CHUNK);
      const raw = IFACES.lens.decodeFunctionResult("holdings", await call(lens, IFACES.lens.encodeFunctionData("holdings", [market, accs, amts])))[0] as bigint[];
      for (let i = 0; i < accs.length; i++) {
        sellNet.push(BigInt(raw[3 * i]));
        sellFee.push(BigInt(raw[3 * i + 1]));
        referralCredit.push(BigInt(raw[3 * i + 2]));
      }
    }
    return { sellNet, sellFee, referralCredit };
  }
}
