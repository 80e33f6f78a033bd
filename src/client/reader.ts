// Reads the economy and many accounts in two eth_calls through CipherLens, without deploying it:
// the lens's runtime code is supplied as a state override of a fixed, empty address (eth_call's
// third parameter; anvil, Hardhat, geth, reth and the large RPC providers accept it). Results are
// the lens's flat arrays, decoded here into typed views.
import * as fs from "fs";
import * as path from "path";
import type { SuiteAddresses } from "./deployment";
import { accountsCalldata, decodeAccounts, decodeEconomy, economyCalldata, type AccountRecord, type EconomyView } from "./lensCodec";

/** Where the lens's code is placed for the call (no account holds code there). */
export const LENS_ADDRESS = "0x00000000000000000000000000000000C1F4E75a";
/** Accounts per lens call (keeps one eth_call well under nodes' call gas caps). */
const CHUNK = 32;
const CALL_GAS = "0xf42400"; // 16M

export type { EconomyView, StakeView } from "./lensCodec";

/** One account's balances, pending rewards and stakes (CipherLens.accounts), with its address. */
export interface AccountBalances extends AccountRecord {
  readonly address: string;
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
    return decodeEconomy(await this.lensCall(economyCalldata(this.a), blockTag));
  }

  /** Balances, pending rewards and stakes of each address, in order. */
  async accounts(addresses: readonly string[], blockTag = "latest"): Promise<AccountBalances[]> {
    const out: AccountBalances[] = [];
    for (let from = 0; from < addresses.length; from += CHUNK) {
      const chunk = addresses.slice(from, from + CHUNK);
      const rows = decodeAccounts(await this.lensCall(accountsCalldata(this.a, chunk), blockTag), chunk.length);
      rows.forEach((r, i) => out.push({ address: chunk[i], ...r }));
    }
    return out;
  }
}
