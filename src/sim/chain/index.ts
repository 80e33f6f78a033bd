// Registers the chain Economy with the factory (imported lazily: it loads Hardhat).
import { registerChainEconomy } from "../economyFactory";
import { createChainEconomy } from "./economy";

export function registerChain(): void {
  registerChainEconomy((network, opts) => createChainEconomy({ network, attach: opts?.attach }));
}
