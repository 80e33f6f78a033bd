// Registers the chain Economy with the factory. The node backend is opened (and Hardhat loaded,
// the contracts compiled if needed) before the economy module is imported, because that module
// imports TypeChain output.
import { registerChainEconomy, type ChainFactoryOptions } from "../economyFactory";
import { openBackend, type Backend } from "./node/backend";
import type { DeploymentReuse } from "./deployment";

/** Backends kept open for the life of the process (sweep workers reuse one across cells), each with its kept deployment. */
const kept = new Map<string, { readonly backend: Backend; readonly reuse: DeploymentReuse }>();

async function backendFor(network: string | undefined, keep: boolean): Promise<{ readonly backend: Backend; readonly reuse?: DeploymentReuse }> {
  const key = network ?? "(default)";
  const have = kept.get(key);
  if (have !== undefined) return have;
  const b = await openBackend(network);
  if (b.note !== undefined) process.stderr.write(`note: ${b.note}\n`);
  if (!keep) return { backend: b };
  // after the backend is open (deployment.ts imports TypeChain output, built by then)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DeploymentReuse: Reuse } = require("./deployment") as typeof import("./deployment");
  const k = { backend: b, reuse: new Reuse() };
  kept.set(key, k);
  return k;
}

/** The kept deployment of a network's kept backend (tests: counts, reset), if any. */
export function keptDeployment(network?: string): DeploymentReuse | undefined {
  return kept.get(network ?? "(default)")?.reuse;
}

export function registerChain(): void {
  registerChainEconomy(async (network, opts: ChainFactoryOptions = {}) => {
    const keep = opts.keepBackend === true;
    const { backend, reuse } = await backendFor(network, keep);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ChainEconomy } = require("./economy") as typeof import("./economy");
    return new ChainEconomy(backend.hre, backend.rpc, {
      network: backend.network,
      attach: opts.attach,
      // a kept backend is put back after each run so the next starts from the same state
      restore: keep ? true : opts.restore,
      ...(keep && opts.reuseDeployment === true && reuse !== undefined ? { reuse } : {}),
      dialect: backend.kind === "anvil" ? "anvil" : undefined,
      onClose: keep ? undefined : () => backend.close(),
    });
  });
}
