// Registers the chain Economy with the factory. The node backend is opened (and Hardhat loaded,
// the contracts compiled if needed) before the economy module is imported, because that module
// imports TypeChain output.
import { registerChainEconomy, type ChainFactoryOptions } from "../economyFactory";
import { openBackend, type Backend } from "./node/backend";
import type { DeploymentReuse } from "./deployment";

/** Backends kept open for the life of the process (sweep workers reuse one across cells), each with its kept deployment. */
interface KeptBackend {
  readonly backend: Backend;
  readonly reuse: DeploymentReuse;
}
const kept = new Map<string, Promise<KeptBackend>>();
const settled = new Map<string, DeploymentReuse>();
const keyOf = (network: string | undefined) => network ?? "(default)";

async function open(network: string | undefined): Promise<Backend> {
  const b = await openBackend(network);
  if (b.note !== undefined) process.stderr.write(`note: ${b.note}\n`);
  return b;
}

/** The kept backend of a network, opened on first use (concurrent callers share one opening). */
export function keptBackend(network?: string): Promise<KeptBackend> {
  const key = keyOf(network);
  let k = kept.get(key);
  if (k === undefined) {
    k = open(network).then((backend) => {
      // after the backend is open (deployment.ts imports TypeChain output, built by then)
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { DeploymentReuse } = require("./deployment") as typeof import("./deployment");
      const reuse = new DeploymentReuse();
      settled.set(key, reuse);
      if (backend.process?.pid !== undefined) pgids.set(key, backend.process.pid);
      return { backend, reuse };
    });
    kept.set(key, k);
    k.catch(() => kept.delete(key));
  }
  return k;
}

async function backendFor(network: string | undefined, keep: boolean): Promise<{ readonly backend: Backend; readonly reuse?: DeploymentReuse }> {
  if (keep || kept.has(keyOf(network))) return keptBackend(network);
  return { backend: await open(network) };
}

/** The process group of a kept backend's spawned node, once open (sweep timing). */
export function keptNodePgid(network?: string): number | undefined {
  return pgids.get(keyOf(network));
}
const pgids = new Map<string, number>();

/** The kept deployment of a network's kept backend (tests, worker counts), if one was opened and has settled. */
export function keptDeployment(network?: string): DeploymentReuse | undefined {
  return settled.get(keyOf(network));
}

/**
 * Ends a kept backend (the end of a sweep in this process): its node put back as it was before the
 * kept deployment, then closed (a spawned anvil stopped; the in-process network stays loaded).
 */
export async function closeKept(network?: string): Promise<void> {
  const key = keyOf(network);
  const k = kept.get(key);
  if (k === undefined) return;
  kept.delete(key);
  settled.delete(key);
  const { backend, reuse } = await k;
  try {
    await reuse.reset(backend.rpc);
  } finally {
    await backend.close();
  }
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
