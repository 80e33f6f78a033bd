// The suite's addresses from a deployment file (what cipher:deploy writes), checked.
import * as fs from "fs";
import { getAddress, isAddress } from "ethers";
import { deploymentPath } from "../deploy/deploymentFile";
import { DEPLOYMENT_NAMES, SUITE_KEYS, type SuiteKey } from "./protocol";

export type SuiteAddresses = { readonly [K in SuiteKey]: string };

export interface SuiteDeployment {
  readonly file: string;
  readonly chainId: number;
  readonly addresses: SuiteAddresses;
  /** Block in which each contract was created (where event scans start). */
  readonly blocks: { readonly [K in SuiteKey]: number };
  /** Every other contract the file lists, by its deployment name (e.g. ResourceMarket_compute), checksummed. */
  readonly others: Readonly<Record<string, string>>;
}

export class DeploymentError extends Error {}

/** Parses deployment-file JSON; names the first missing or malformed entry. */
export function parseDeployment(json: unknown, file = "<deployment>"): SuiteDeployment {
  const d = json as { chainId?: unknown; contracts?: Record<string, { address?: unknown; block?: unknown }> };
  if (typeof d !== "object" || d === null || typeof d.chainId !== "number" || typeof d.contracts !== "object" || d.contracts === null) {
    throw new DeploymentError(`${file} is not a deployment file ({ chainId, contracts: { Name: { address, block } } })`);
  }
  const addresses = {} as Record<SuiteKey, string>;
  const blocks = {} as Record<SuiteKey, number>;
  for (const key of SUITE_KEYS) {
    const name = DEPLOYMENT_NAMES[key];
    const e = d.contracts[name];
    if (e === undefined || typeof e.address !== "string" || !isAddress(e.address)) {
      throw new DeploymentError(`${file} has no address for ${name}`);
    }
    addresses[key] = getAddress(e.address);
    blocks[key] = typeof e.block === "number" && Number.isSafeInteger(e.block) && e.block >= 0 ? e.block : 0;
  }
  const suiteNames = new Set<string>(SUITE_KEYS.map((k) => DEPLOYMENT_NAMES[k]));
  const others: Record<string, string> = {};
  for (const [name, e] of Object.entries(d.contracts)) {
    if (!suiteNames.has(name) && typeof e?.address === "string" && isAddress(e.address)) others[name] = getAddress(e.address);
  }
  return { file, chainId: d.chainId, addresses, blocks, others };
}

/** A deployment file as written, checked for its shape only (entries are checked by whoever reads them). */
export interface DeploymentJson {
  readonly chainId: number;
  readonly contracts: Readonly<Record<string, { readonly address: string; readonly block?: number }>>;
}

/** Reads and shape-checks the deployment file at `p` (what cipher:deploy writes for `network`). */
export function readDeploymentJson(p: string, network: string): DeploymentJson {
  if (!fs.existsSync(p)) {
    // the in-process network lives only as long as one command: a deployment there is gone when it ends
    const how = network === "hardhat"
      ? "the in-process network keeps nothing between commands: start a node (`npx anvil --order fifo` or `npx hardhat node`), deploy to it (`npx hardhat cipher:deploy --network anvil` or `--network localhost`) and use that network"
      : `run \`npx hardhat cipher:deploy --network ${network}\`, or name the file (\`--deployment <file>\` for bots and gov tasks, \`--attach <file>\` for simulate)`;
    throw new DeploymentError(`no deployment file at ${p}: ${how}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(p, "utf8"));
  } catch (e) {
    throw new DeploymentError(`${p} is not JSON: ${(e as Error).message}`);
  }
  const d = json as { chainId?: unknown; contracts?: unknown };
  if (typeof d !== "object" || d === null || typeof d.chainId !== "number" || typeof d.contracts !== "object" || d.contracts === null) {
    throw new DeploymentError(`${p} is not a deployment file ({ chainId, contracts: { Name: { address, block } } })`);
  }
  return json as DeploymentJson;
}

/** Reads `file`, or <deployments dir>/<network>.json when no file is given; every suite contract must be listed. */
export function readSuiteDeployment(network: string, file?: string): SuiteDeployment {
  const p = file ?? deploymentPath(network);
  return parseDeployment(readDeploymentJson(p, network), p);
}

/** Throws unless the deployment belongs to the chain the node reports. */
export function requireChain(d: SuiteDeployment, chainId: bigint | number): void {
  if (BigInt(d.chainId) !== BigInt(chainId)) throw new DeploymentError(`${d.file} is for chain ${d.chainId} but the node is chain ${chainId}`);
}

/**
 * Throws unless every contract the deployment lists has code on the node: names the first one
 * without (and how many more), its address, the chain and what to do. A deployment file outlives
 * the node it was made on (every local anvil or Hardhat node is chain 31337), so after a restart
 * the file's addresses are empty and any call would return "0x".
 */
export async function requireCode(d: SuiteDeployment, chainId: bigint | number, network: string, getCode: (address: string) => Promise<string>): Promise<void> {
  const entries: Array<[string, string]> = [...SUITE_KEYS.map((k): [string, string] => [DEPLOYMENT_NAMES[k], d.addresses[k]]), ...Object.entries(d.others)];
  const codes = await Promise.all(entries.map(([, address]) => getCode(address)));
  const empty = entries.filter((_, i) => codes[i] === "0x" || codes[i] === "");
  if (empty.length === 0) return;
  const [name, address] = empty[0];
  const more = empty.length > 1 ? ` (and ${empty.length - 1} more)` : "";
  throw new DeploymentError(
    `${d.file}: no contract code on chain ${chainId} at ${name} ${address}${more}: this node does not hold that deployment (a local node restarted since it was made, or another node). ` +
      `Deploy again: \`npm run deploy -- --network ${network}\` (add --reset if Ignition reports nothing new to deploy), or pass the deployment file of this node.`,
  );
}
