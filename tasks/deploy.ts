// `npx hardhat cipher:deploy --network <name>`: deploy (or resume deploying) the suite with
// deploy/parameters/<network>.json and write deployments/<network>.json (the directory is
// --deployments-dir, else CIPHER_DEPLOYMENTS_DIR, else deployments/).
import fs from "fs";
import path from "path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * Before resuming a deployment on a node: refuse when Ignition's journal of this chain records
 * contracts the node does not hold (a restarted local node: every one is chain 31337), naming the
 * journal folder and --reset; with `reset` the journal folder is removed and the suite deployed
 * afresh (what Ignition's own `ignition deploy --reset` does). The in-process network keeps no journal.
 */
async function checkJournal(hre: HardhatRuntimeEnvironment, chainId: number, reset: boolean, quiet: boolean): Promise<void> {
  if (hre.network.name === "hardhat") return;
  const { journalDir, contractsWithoutCode } = await import("../src/deploy/journal");
  const dir = journalDir(hre.config.paths.ignition, chainId);
  const shown = path.relative(process.cwd(), dir) || dir;
  if (reset) {
    if (fs.existsSync(dir)) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (!quiet) console.log(`--reset: removed the Ignition journal ${shown}`);
    }
    return;
  }
  const missing = await contractsWithoutCode(dir, (a) => hre.ethers.provider.getCode(a));
  if (missing.length === 0) return;
  const { StaleJournalError } = await import("../src/deploy/journal");
  const more = missing.length > 1 ? ` (and ${missing.length - 1} more)` : "";
  throw new StaleJournalError(
    `the Ignition journal ${shown} records a deployment this node does not hold: no code at ${missing[0].future} ${missing[0].address} on chain ${chainId}${more}. ` +
      "The node was restarted or reset since (Ignition keeps one journal per chain id, and every local anvil or hardhat node is chain 31337 unless told otherwise). " +
      `Deploy afresh with: npm run deploy -- --network ${hre.network.name} --reset (removes ${shown}), or use the node that holds that deployment.`,
  );
}

export async function deployAndRecord(hre: HardhatRuntimeEnvironment, configFile?: string, quiet = false, deploymentsDirectory?: string, reset = false) {
  const { loadConfig } = await import("../deploy/config");
  const { deploySuite, CONTRACT_NAMES, resourceMarketName } = await import("../src/deploy/suite");
  const { writeDeployment, creationBlock, deploymentPath, deploymentsDir } = await import("../src/deploy/deploymentFile");
  const network = hre.network.name;
  const config = loadConfig(network, configFile);
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  await checkJournal(hre, chainId, reset, quiet);
  const suite = await deploySuite(hre, config, { displayUi: !quiet && network !== "hardhat" });
  const latest = await hre.ethers.provider.getBlockNumber();
  const contracts: Record<string, { address: string; block: number }> = {};
  for (const [key, name] of Object.entries(CONTRACT_NAMES) as [keyof typeof CONTRACT_NAMES, string][]) {
    const address = await suite[key].getAddress();
    contracts[name] = { address, block: await creationBlock(hre.ethers.provider, address, latest) };
  }
  for (const [kind, rm] of Object.entries(suite.resourceMarkets)) {
    const address = await rm.getAddress();
    contracts[resourceMarketName(kind)] = { address, block: await creationBlock(hre.ethers.provider, address, latest) };
  }
  const dir = deploymentsDirectory !== undefined && deploymentsDirectory !== "" ? path.resolve(deploymentsDirectory) : deploymentsDir();
  const file = writeDeployment({ network, chainId, contracts }, deploymentPath(network, dir));
  return { suite, file, contracts };
}

task("cipher:deploy", "Deploy (or resume deploying) the Cipher suite and write deployments/<network>.json")
  .addOptionalParam("params", "Parameters file (default: deploy/parameters/<network>.json)", undefined, types.string)
  .addOptionalParam("deploymentsDir", "Directory of the deployment file (default: CIPHER_DEPLOYMENTS_DIR, else deployments/)", undefined, types.string)
  .addFlag("quiet", "Print only the deployment file path")
  .addFlag("reset", "Remove Ignition's journal of this chain (deploy/deployments/chain-<id>) and deploy afresh, e.g. to a restarted local node")
  .setAction(async (args: { params?: string; quiet: boolean; deploymentsDir?: string; reset: boolean }, hre) => {
    let deployed;
    try {
      deployed = await deployAndRecord(hre, args.params, args.quiet, args.deploymentsDir, args.reset);
    } catch (e) {
      // A user's situation, not a bug: the message alone, exit 1 (Hardhat would add a stack trace
      // on any machine without a display, where it assumes CI).
      const { StaleJournalError } = await import("../src/deploy/journal");
      if (!(e instanceof StaleJournalError)) throw e;
      console.error(`Error: ${e.message}`);
      process.exitCode = 1;
      return;
    }
    const { file, contracts } = deployed;
    if (!args.quiet) {
      for (const [name, c] of Object.entries(contracts)) console.log(`${name.padEnd(20)} ${c.address}  block ${c.block}`);
    }
    console.log(`wrote ${file}`);
  });
