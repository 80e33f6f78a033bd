// The deployment file scripts and bots read: <deployments dir>/<network>.json
// { "network": name, "chainId": n, "contracts": { "<Name>": { "address": "0x..", "block": n } } }
// The directory is `deployments/` in the repository unless CIPHER_DEPLOYMENTS_DIR names another
// one (tests use a temporary directory so they never touch a user's own deployments).
import * as fs from "fs";
import * as path from "path";
import type { Provider } from "ethers";

export interface DeployedContract {
  readonly address: string;
  readonly block: number;
}

export interface DeploymentFile {
  readonly network: string;
  readonly chainId: number;
  readonly contracts: Readonly<Record<string, DeployedContract>>;
}

/** The repository's default deployments directory. */
export const DEPLOYMENTS_DIR = path.resolve(__dirname, "..", "..", "deployments");

/** The deployments directory in effect: CIPHER_DEPLOYMENTS_DIR if set, else `deployments/`. */
export function deploymentsDir(env: NodeJS.ProcessEnv = process.env): string {
  const d = env.CIPHER_DEPLOYMENTS_DIR;
  return d !== undefined && d !== "" ? path.resolve(d) : DEPLOYMENTS_DIR;
}

export function deploymentPath(network: string, dir = deploymentsDir()): string {
  return path.join(dir, `${network}.json`);
}

export function readDeployment(network: string, file = deploymentPath(network)): DeploymentFile {
  if (!fs.existsSync(file)) {
    throw new Error(`No deployment for network "${network}" (${file}). Run: npx hardhat cipher:deploy --network ${network}`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeploymentFile;
}

export function writeDeployment(d: DeploymentFile, file = deploymentPath(d.network)): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(d, null, 2) + "\n");
  return file;
}

/**
 * The block in which `address` got its code: a binary search over eth_getCode (O(log n) calls;
 * needs state at past blocks, which local nodes keep).
 */
export async function creationBlock(provider: Provider, address: string, latest?: number): Promise<number> {
  let hi = latest ?? (await provider.getBlockNumber());
  if ((await provider.getCode(address, hi)) === "0x") throw new Error(`no code at ${address}`);
  let lo = 0;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await provider.getCode(address, mid)) === "0x") lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
