// Chooses the Economy behind the engine. "fake" is the in-memory linear-curve model; "chain" (the
// contracts on a node: by default an anvil the tool starts, see chain/node/backend.ts) is
// registered by the chain adapter when it exists.
import type { Economy } from "./economy";
import { FakeEconomy } from "./fake/economy";

export type EconomyKind = "fake" | "chain";
export const ECONOMY_KINDS: readonly EconomyKind[] = ["fake", "chain"];

export interface ChainFactoryOptions {
  /** Attach to deployments/<network>.json (true) or this deployment file instead of deploying. */
  readonly attach?: string | boolean;
  /** Put the node back as it was when the run ends (default: only the in-process network). */
  readonly restore?: boolean;
  /** Keep the node (and its deployment's process state) open for later runs in this process (sweep workers). */
  readonly keepBackend?: boolean;
  /**
   * With keepBackend: deploy the suite once for every run on the kept node with the same
   * cell-independent settings, snapshot it, and give each run the deployment reverted to that
   * snapshot plus its own settings (chain/deployment.ts, DeploymentReuse). Sweep cells.
   */
  readonly reuseDeployment?: boolean;
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
