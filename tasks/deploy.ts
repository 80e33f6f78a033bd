// `npx hardhat cipher:deploy --network <name>`: deploy (or resume deploying) the suite with
// deploy/parameters/<network>.json and write deployments/<network>.json (the directory is
// --deployments-dir, else CIPHER_DEPLOYMENTS_DIR, else deployments/).
import path from "path";
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

export async function deployAndRecord(hre: HardhatRuntimeEnvironment, configFile?: string, quiet = false, deploymentsDirectory?: string) {
  const { loadConfig } = await import("../deploy/config");
  const { deploySuite, CONTRACT_NAMES, resourceMarketName } = await import("../src/deploy/suite");
  const { writeDeployment, creationBlock, deploymentPath, deploymentsDir } = await import("../src/deploy/deploymentFile");
  const network = hre.network.name;
  const config = loadConfig(network, configFile);
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
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
  .setAction(async (args: { params?: string; quiet: boolean; deploymentsDir?: string }, hre) => {
    const { file, contracts } = await deployAndRecord(hre, args.params, args.quiet, args.deploymentsDir);
    if (!args.quiet) {
      for (const [name, c] of Object.entries(contracts)) console.log(`${name.padEnd(20)} ${c.address}  block ${c.block}`);
    }
    console.log(`wrote ${file}`);
  });
