// Chooses and opens the node a run uses:
// - default: an anvil node this process starts itself (anvilProcess.ts) and stops when the run
//   ends; the economy reaches it over its IPC socket (ipcRpc.ts; HTTP on Windows) with batched
//   JSON-RPC, and the suite is deployed on it through Hardhat's "anvil" network over HTTP
//   (ANVIL_URL is set to the node's URL before Hardhat loads). When no anvil binary
//   exists for the platform, or Hardhat is already loaded in this process (inside `hardhat test` or
//   `hardhat coverage`), the in-process network is used instead and the run says why;
// - `hardhat`: Hardhat's in-process network (EDR);
// - any other name: that Hardhat network (a node the user runs); reached over HTTP with batched
//   JSON-RPC when its config has a URL.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { RpcSender } from "../rpc";
import { AnvilProcess, findAnvil } from "./anvilProcess";
import { HttpRpc } from "./httpRpc";
import { IpcRpc } from "./ipcRpc";

export type BackendKind = "anvil" | "in-process" | "node";

export interface Backend {
  readonly hre: HardhatRuntimeEnvironment;
  /** What the economy sends through (batched where the node is reached over HTTP). */
  readonly rpc: RpcSender;
  readonly kind: BackendKind;
  /** Hardhat network name the suite is deployed through. */
  readonly network: string;
  /** How the economy's requests reach the node: its IPC socket, HTTP, or Hardhat's provider (in-process, or a network without an http URL). */
  readonly transport: "ipc" | "http" | "provider";
  /** Why the default backend was not used (printed by the CLI), if so. */
  readonly note?: string;
  /** The spawned node, for the bench's memory figure. */
  readonly process?: AnvilProcess;
  close(): Promise<void>;
}

/** Hardfork and block gas limit of the in-process network (Hardhat's defaults; the config sets neither). */
function inProcessChainSettings(): { hardfork: string; gasLimit: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const d = require("hardhat/internal/core/config/default-config") as { defaultHardhatNetworkParams: { hardfork: string; blockGasLimit: number } };
  return { hardfork: d.defaultHardhatNetworkParams.hardfork, gasLimit: d.defaultHardhatNetworkParams.blockGasLimit };
}

function hardhatLoaded(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("hardhat/internal/context") as { HardhatContext: { isCreated(): boolean } }).HardhatContext.isCreated();
}

async function load(network: string): Promise<HardhatRuntimeEnvironment> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadHardhat } = require("../hardhat") as typeof import("../hardhat");
  return loadHardhat(network);
}

function inProcess(hre: HardhatRuntimeEnvironment, note?: string): Backend {
  return { hre, rpc: hre.network.provider, kind: "in-process", transport: "provider", network: hre.network.name, ...(note !== undefined ? { note } : {}), close: async () => undefined };
}

/**
 * The economy's connection to a spawned node: its IPC socket when it has one and it answers within
 * `timeoutMs`, else HTTP, with a note saying why (the run is the same, a little slower).
 */
export async function nodeRpc(node: { readonly ipcPath?: string; readonly url: string }, timeoutMs = 5_000): Promise<{ rpc: IpcRpc | HttpRpc; transport: "ipc" | "http"; note?: string }> {
  if (node.ipcPath === undefined) return { rpc: new HttpRpc(node.url), transport: "http" };
  try {
    return { rpc: await IpcRpc.connect(node.ipcPath, timeoutMs), transport: "ipc" };
  } catch (e) {
    return { rpc: new HttpRpc(node.url), transport: "http", note: `the node's IPC socket did not answer (${e instanceof Error ? e.message : String(e)}): using HTTP` };
  }
}

/** The anvil settings that make the spawned node run the same chain rules as the in-process one. */
export function spawnedAnvilArgs(): string[] {
  const c = inProcessChainSettings();
  return ["--gas-limit", String(c.gasLimit)];
}

/** The environment variable hardhat.config.ts reads each named network's URL from. */
const URL_ENV: Readonly<Record<string, string>> = { anvil: "ANVIL_URL", localhost: "LOCALHOST_URL", remote: "RPC_URL" };

export async function openBackend(network?: string): Promise<Backend> {
  if (network === "hardhat") return inProcess(await load("hardhat"));
  if (network !== undefined) {
    const hre = await load(network);
    const url = (hre.network.config as { url?: string }).url;
    if (url === undefined || !/^http:\/\//.test(url)) return { hre, rpc: hre.network.provider, kind: "node", transport: "provider", network, close: async () => undefined };
    const rpc = new HttpRpc(url);
    try {
      await rpc.send("eth_chainId", []);
    } catch (e) {
      rpc.close();
      const env = URL_ENV[network];
      throw new Error(`no node answers at ${url} (network "${network}": ${e instanceof Error ? e.message : String(e)}): start one (e.g. \`npx anvil --order fifo\`), or ${env !== undefined ? `set ${env} to its URL` : "set its url in hardhat.config.ts"}; without --network the run starts its own node`);
    }
    return { hre, rpc, kind: "node", transport: "http", network, close: async () => rpc.close() };
  }
  if (hardhatLoaded()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const hre = require("hardhat") as HardhatRuntimeEnvironment;
    return inProcess(hre.network.name === "hardhat" ? hre : await load("hardhat"), "Hardhat is already loaded in this process (a Hardhat task): using its in-process network");
  }
  const bin = findAnvil();
  if (bin === undefined) {
    return inProcess(await load("hardhat"), `no anvil binary for ${process.platform}-${process.arch} (optional dependency @foundry-rs/anvil-*): using the in-process network`);
  }
  const node = await AnvilProcess.start(bin, { hardfork: inProcessChainSettings().hardfork, extraArgs: spawnedAnvilArgs(), ipc: process.platform !== "win32" });
  try {
    process.env.ANVIL_URL = node.url;
    process.env.HARDHAT_NETWORK = "anvil";
    const hre = await load("anvil");
    // the economy's requests over the node's IPC socket (no HTTP framing: ipcRpc.ts); Hardhat's
    // provider (the deployment) over HTTP
    const { rpc, transport, note } = await nodeRpc(node);
    return {
      hre, rpc, kind: "anvil", transport, network: "anvil", process: node, ...(note !== undefined ? { note } : {}),
      close: async () => {
        rpc.close();
        await node.stop();
      },
    };
  } catch (e) {
    await node.stop();
    throw e;
  }
}
