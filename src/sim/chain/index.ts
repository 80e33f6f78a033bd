// Registers the chain Economy with the factory. Hardhat is loaded (and the contracts compiled if
// needed) before the economy module is imported, because that module imports TypeChain output.
import { registerChainEconomy } from "../economyFactory";
import { loadHardhat } from "./hardhat";

export function registerChain(): void {
  registerChainEconomy(async (network, opts) => {
    const hre = await loadHardhat(network);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ChainEconomy } = require("./economy") as typeof import("./economy");
    return new ChainEconomy(hre, hre.network.provider, { network, attach: opts?.attach });
  });
}
