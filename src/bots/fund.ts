// `npm run bots:fund -- --network <name> --amount <eth>`: tops every agent of the population up to
// <amount> ETH, from PRIVATE_KEY, or on a local node from its first (unlocked) account.
import * as fs from "fs";
import { Command } from "commander";
import { positiveEth } from "../cli/args";
import { parseEther, formatEther, Wallet, getAddress } from "ethers";
import { parseScenario } from "../sim/scenario";
import { expandPopulation } from "../sim/population";
import { keySource } from "./keys";
import { isLocalNetwork, rpcUrl } from "./networks";
import { DEFAULT_RETRY, RetryingProvider } from "./retry";
import { DEFAULT_POPULATION } from "./cli";

export function fundProgram(): Command {
  return new Command("bots:fund")
    .description("Top the bots' accounts up to --amount ETH each, from PRIVATE_KEY (or a local node's first account).")
    .requiredOption("--network <name>", "anvil | localhost | remote (RPC_URL)")
    .requiredOption("--amount <eth>", "balance each agent should have, ETH", positiveEth)
    .option("--rpc-url <url>", "JSON-RPC URL (default: the network's)")
    .option("--population <file>", "scenario or population file (how many agents)", DEFAULT_POPULATION);
}

async function waitReceipt(p: RetryingProvider, hash: string, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const r = (await p.send("eth_getTransactionReceipt", [hash])) as { status: string } | null;
    if (r !== null) {
      if (BigInt(r.status) !== 1n) throw new Error(`funding transaction ${hash} reverted`);
      return;
    }
    if (Date.now() > until) throw new Error(`funding transaction ${hash} not mined within ${ms / 1000} s`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

export async function fundBots(argv: readonly string[]): Promise<number> {
  const o = fundProgram().parse([...argv], { from: "user" }).opts<{ network: string; amount: string; rpcUrl?: string; population: string }>();
  const url = o.rpcUrl ?? rpcUrl(o.network);
  const probe = new RetryingProvider(url, 1);
  const chainId = BigInt((await probe.send("eth_chainId", [])) as string);
  probe.destroy();
  const p = new RetryingProvider(url, chainId, DEFAULT_RETRY, (e) => process.stderr.write(`retry ${e.what} #${e.attempt}: ${e.error}\n`));
  const target = parseEther(o.amount);
  const n = expandPopulation(parseScenario(JSON.parse(fs.readFileSync(o.population, "utf8")))).length;
  const keys = keySource();
  const agents = Array.from({ length: n }, (_, i) => keys.wallet(i).address);
  const pk = process.env.PRIVATE_KEY?.trim();
  let from: string;
  let sendValue: (to: string, value: bigint) => Promise<string>;
  if (pk) {
    const w = new Wallet(pk.startsWith("0x") ? pk : "0x" + pk, p);
    from = w.address;
    sendValue = async (to, value) => (await w.sendTransaction({ to, value })).hash;
  } else {
    if (!isLocalNetwork(o.network, chainId)) throw new Error("set PRIVATE_KEY (the funding account) for a non-local network");
    const accounts = (await p.send("eth_accounts", [])) as string[];
    if (accounts.length === 0) throw new Error("the node has no unlocked account; set PRIVATE_KEY");
    from = getAddress(accounts[0]);
    sendValue = async (to, value) => (await p.send("eth_sendTransaction", [{ from, to, value: "0x" + value.toString(16) }])) as string;
  }
  let total = 0n;
  for (const [i, a] of agents.entries()) {
    const have = await p.getBalance(a);
    if (have >= target) {
      process.stdout.write(`agent ${i} ${a} has ${formatEther(have)} ETH\n`);
      continue;
    }
    const value = target - have;
    const hash = await sendValue(a, value);
    await waitReceipt(p, hash);
    total += value;
    process.stdout.write(`agent ${i} ${a} +${formatEther(value)} ETH (tx ${hash})\n`);
  }
  process.stdout.write(`funded ${agents.length} agents from ${from}: ${formatEther(total)} ETH sent\n`);
  p.destroy();
  return 0;
}
