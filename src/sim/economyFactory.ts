// Chooses the Economy behind the engine. "fake" is the in-memory linear-curve model; "chain" (the
// contracts through ethers on --network) is registered by the chain adapter when it exists.
import type { Economy } from "./economy";
import { FakeEconomy } from "./fake/economy";

export type EconomyKind = "fake" | "chain";
export const ECONOMY_KINDS: readonly EconomyKind[] = ["fake", "chain"];

export interface ChainFactoryOptions {
  /** Attach to deployments/<network>.json (true) or this deployment file instead of deploying. */
  readonly attach?: string | boolean;
}
export type ChainEconomyFactory = (network: string | undefined, opts?: ChainFactoryOptions) => Promise<Economy>;
let chainFactory: ChainEconomyFactory | undefined;

/** The chain adapter calls this on import so the CLI can build it without a static dependency. */
export function registerChainEconomy(f: ChainEconomyFactory): void {
  chainFactory = f;
}

export async function createEconomy(kind: EconomyKind, network?: string, opts: ChainFactoryOptions = {}): Promise<Economy> {
  if (kind === "fake") return new FakeEconomy();
  if (chainFactory === undefined) {
    // The chain adapter loads Hardhat, so it is only imported when asked for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require("./chain") as { registerChain(): void }).registerChain();
  }
  if (chainFactory === undefined) throw new Error("the chain economy could not be registered");
  return chainFactory(network, opts);
}
