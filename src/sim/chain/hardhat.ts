// Loads Hardhat as a library (no `npx hardhat` needed) and compiles first when the artifacts or the
// TypeChain types are missing (a fresh clone): the chain economy imports TypeChain factories, so
// it is imported only after this has run (see index.ts).
import * as fs from "fs";
import * as path from "path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

export async function loadHardhat(network?: string): Promise<HardhatRuntimeEnvironment> {
  if (process.env.HARDHAT_NETWORK === undefined) process.env.HARDHAT_NETWORK = network ?? "hardhat";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hre = require("hardhat") as HardhatRuntimeEnvironment;
  if (network !== undefined && hre.network.name !== network) throw new Error(`Hardhat is already loaded on network ${hre.network.name}, not ${network}`);
  const root = hre.config.paths.root;
  const lens = path.join(hre.config.paths.artifacts, "contracts", "lens", "CipherLens.sol", "CipherLens.json");
  if (!fs.existsSync(lens) || !fs.existsSync(path.join(root, "typechain-types", "index.ts"))) await hre.run("compile", { quiet: true });
  return hre;
}
