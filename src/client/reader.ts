// Reads the economy and many accounts in two eth_calls through CipherLens, without deploying it:
// the lens's runtime code is supplied as a state override of a fixed, empty address (eth_call's
// third parameter; anvil, Hardhat, geth, reth and the large RPC providers accept it). Results are
// the lens's flat arrays, decoded here into typed views.
import * as fs from "fs";
import * as path from "path";
import { ZeroAddress } from "ethers";
import { IFACES } from "./abis";
import type { SuiteAddresses } from "./deployment";

/** Where the lens's code is placed for the call (no account holds code there). */
export const LENS_ADDRESS = "0x00000000000000000000000000000000C1F4E75a";
/** Accounts per lens call (keeps one eth_call well under nodes' call gas caps). */
const CHUNK = 32;
const CALL_GAS = "0xf42400"; // 16M

export interface EconomyView {
  readonly block: number;
  readonly timestamp: number;
  /** Reserve wei per whole token. */
  readonly spotPrice: bigint;
  readonly supply: bigint;
  readonly reserve: bigint;
  readonly buyFeeBps: number;
  readonly sellFeeBps: number;
  readonly haltedUntilBlock: number;
  readonly paused: boolean;
  readonly protocolFees: bigint;
  readonly totalStaked: bigint;
  readonly totalWeight: bigint;
  readonly treasury: { readonly welfare: bigint; readonly solidarity: bigint; readonly development: bigint };
  readonly tiers: readonly { readonly id: number; readonly lockSeconds: number; readonly multiplierBps: number }[];
}

export interface StakeView {
  readonly id: number;
  readonly amount: bigint;
  readonly unlockAt: number;
  /** 0 while not unbonding; else the time the stake can be withdrawn. */
  readonly unbondEnd: number;
  readonly tier: number;
}

export interface AccountBalances {
  readonly address: string;
  /** Native balance, wei. */
  readonly reserve: bigint;
  readonly tokens: bigint;
  /** Unclaimed staking rewards in the reserve asset, wei. */
  readonly pendingRewards: bigint;
  readonly stakes: readonly StakeView[];
}

let runtimeCode: string | undefined;

/** CipherLens's runtime bytecode from the compiled artifact. */
export function lensRuntimeCode(root = path.resolve(__dirname, "..", "..")): string {
  if (runtimeCode !== undefined) return runtimeCode;
  const p = path.join(root, "artifacts", "contracts", "lens", "CipherLens.sol", "CipherLens.json");
  if (!fs.existsSync(p)) throw new Error(`no compiled CipherLens at ${p}: run \`npx hardhat compile\``);
  runtimeCode = (JSON.parse(fs.readFileSync(p, "utf8")) as { deployedBytecode: string }).deployedBytecode;
  return runtimeCode;
}

/** Anything that speaks JSON-RPC (an ethers JsonRpcProvider, Hardhat's provider, ...). */
export interface RpcSend {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export class SuiteReader {
  private readonly override: Record<string, { code: string }>;

  constructor(private readonly provider: RpcSend, private readonly a: SuiteAddresses, code = lensRuntimeCode()) {
    this.override = { [LENS_ADDRESS]: { code } };
  }

  private async lensCall(data: string, blockTag: string): Promise<string> {
    return (await this.provider.send("eth_call", [{ to: LENS_ADDRESS, data, gas: CALL_GAS }, blockTag, this.override])) as string;
  }

  /** Economy-wide state at `blockTag` (a block number as 0x hex, or "latest"). */
  async economy(blockTag = "latest"): Promise<EconomyView> {
    const data = IFACES.lens.encodeFunctionData("economy", [this.a.market, this.a.token, this.a.staking, this.a.treasury, ZeroAddress]);
    const v = (IFACES.lens.decodeFunctionResult("economy", await this.lensCall(data, blockTag))[0] as bigint[]).map((x) => BigInt(x));
    const n = Number(v[15]);
    const tiers = [];
    for (let i = 0; i < n; i++) tiers.push({ id: i, lockSeconds: Number(v[16 + 2 * i]), multiplierBps: Number(v[17 + 2 * i]) });
    return {
      block: Number(v[0]),
      timestamp: Number(v[1]),
      spotPrice: v[2],
      supply: v[3],
      reserve: v[4],
      buyFeeBps: Number(v[5]),
      sellFeeBps: Number(v[6]),
      haltedUntilBlock: Number(v[7]),
      paused: v[8] === 1n,
      protocolFees: v[9],
      totalStaked: v[10],
      totalWeight: v[11],
      treasury: { welfare: v[12], solidarity: v[13], development: v[14] },
      tiers,
    };
  }

  /** Balances, pending rewards and stakes of each address, in order. */
  async accounts(addresses: readonly string[], blockTag = "latest"): Promise<AccountBalances[]> {
    const out: AccountBalances[] = [];
    for (let from = 0; from < addresses.length; from += CHUNK) {
      const chunk = addresses.slice(from, from + CHUNK);
      const data = IFACES.lens.encodeFunctionData("accounts", [this.a.token, this.a.staking, ZeroAddress, chunk]);
      const raw = (IFACES.lens.decodeFunctionResult("accounts", await this.lensCall(data, blockTag))[0] as bigint[]).map((x) => BigInt(x));
      out.push(...decodeAccounts(chunk, raw));
    }
    return out;
  }
}

/** Decodes CipherLens.accounts' flat layout (see the contract's NatSpec). */
export function decodeAccounts(addresses: readonly string[], raw: readonly bigint[]): AccountBalances[] {
  const out: AccountBalances[] = [];
  let w = 0;
  for (const address of addresses) {
    const reserve = raw[w];
    const tokens = raw[w + 1];
    const pendingRewards = raw[w + 2];
    const k = Number(raw[w + 3]);
    w += 4;
    const stakes: StakeView[] = [];
    for (let j = 0; j < k; j++, w += 5) {
      stakes.push({ id: Number(raw[w]), amount: raw[w + 1], unlockAt: Number(raw[w + 2]), unbondEnd: Number(raw[w + 3]), tier: Number(raw[w + 4]) });
    }
    out.push({ address, reserve, tokens, pendingRewards, stakes });
  }
  return out;
}
