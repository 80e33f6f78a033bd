// JSON-RPC helpers the chain Economy needs, independent of any contract: impersonated funded
// accounts, automine off, transactions with explicit nonce, gas and tip, blocks mined at an
// explicit timestamp. Works with Hardhat's in-process provider and anvil (hardhat_* names, with
// anvil_* as fallback).

/** What ethers' JsonRpcProvider and Hardhat's network.provider both offer. */
export interface RpcSender {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export function hexQuantity(n: bigint | number): string {
  return "0x" + BigInt(n).toString(16);
}

async function sendFirst(p: RpcSender, methods: readonly string[], params: unknown[]): Promise<unknown> {
  let last: unknown;
  for (const m of methods) {
    try {
      return await p.send(m, params);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

export async function setAutomine(p: RpcSender, on: boolean): Promise<void> {
  await p.send("evm_setAutomine", [on]);
}

export async function impersonate(p: RpcSender, address: string): Promise<void> {
  await sendFirst(p, ["hardhat_impersonateAccount", "anvil_impersonateAccount"], [address]);
}

export async function setBalance(p: RpcSender, address: string, wei: bigint): Promise<void> {
  await sendFirst(p, ["hardhat_setBalance", "anvil_setBalance"], [address, hexQuantity(wei)]);
}

export interface RawTx {
  readonly from: string;
  readonly to?: string;
  readonly data?: string;
  readonly value?: bigint;
  readonly nonce: number;
  /** Explicit gas: with automine off a node would otherwise estimate against the pending state. */
  readonly gas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  readonly maxFeePerGas: bigint;
}

/** eth_sendTransaction from an unlocked/impersonated account (no local signing); returns the hash. */
export async function sendTx(p: RpcSender, tx: RawTx): Promise<string> {
  const params: { [k: string]: string } = {
    from: tx.from,
    nonce: hexQuantity(tx.nonce),
    gas: hexQuantity(tx.gas),
    maxPriorityFeePerGas: hexQuantity(tx.maxPriorityFeePerGas),
    maxFeePerGas: hexQuantity(tx.maxFeePerGas),
    value: hexQuantity(tx.value ?? 0n),
  };
  if (tx.to !== undefined) params.to = tx.to;
  if (tx.data !== undefined) params.data = tx.data;
  return (await p.send("eth_sendTransaction", [params])) as string;
}

/** Mines one block carrying every pending transaction, with this timestamp. */
export async function mineAt(p: RpcSender, timestamp: number): Promise<void> {
  await p.send("evm_setNextBlockTimestamp", [hexQuantity(timestamp)]);
  await p.send("evm_mine", []);
}

export interface BlockTxs {
  readonly number: number;
  readonly timestamp: number;
  readonly hashes: readonly string[];
  readonly baseFeePerGas: bigint;
}

export async function latestBlock(p: RpcSender): Promise<BlockTxs> {
  const b = (await p.send("eth_getBlockByNumber", ["latest", false])) as {
    number: string;
    timestamp: string;
    transactions: string[];
    baseFeePerGas?: string;
  };
  return {
    number: Number(BigInt(b.number)),
    timestamp: Number(BigInt(b.timestamp)),
    hashes: b.transactions,
    baseFeePerGas: BigInt(b.baseFeePerGas ?? "0x0"),
  };
}
