// Loads Hardhat as a library (no `npx hardhat` needed) and compiles first (see loadHardhat): the
// chain economy imports TypeChain factories, so it is imported only after this has run (see
// index.ts).
import * as fs from "fs";
import * as path from "path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/**
 * Allocator settings for Hardhat's in-process node (EDR, a Rust library using mimalloc). Measured
 * here: mining a block of 300 market buys allocates ~0.5 GB of short-lived memory (execution
 * traces); with mimalloc's default of huge OS pages the kernel spent most of each evm_mine zeroing
 * fresh 2 MB pages (1.3-1.8 s of system time per block against ~0.1 s of EVM work; perf:
 * clear_page_erms under mi_page_free_list_extend). With small pages the default simulation ran
 * 355-376 agent tx/s instead of 237-261 (200 agents x 100 steps, two runs each) and used less
 * memory. (Also keeping freed memory, MIMALLOC_PURGE_DELAY=-1, was slower and grew the resident
 * set without bound at 1,000 agents: not set.) mimalloc reads this once, when the native module
 * loads, so it must be set before the first request to the in-process provider; an explicit
 * setting in the environment wins.
 */
export const EDR_ALLOCATOR_ENV: Readonly<Record<string, string>> = {
  MIMALLOC_ALLOW_LARGE_OS_PAGES: "0",
};

export function tuneEdrAllocator(env: NodeJS.ProcessEnv = process.env): void {
  for (const [k, v] of Object.entries(EDR_ALLOCATOR_ENV)) if (env[k] === undefined) env[k] = v;
}

/** Set once the contracts were compiled for this run (inherited by forked sweep workers). */
export const COMPILED_ENV = "CIPHER_COMPILED";

function hardhatAlreadyLoaded(): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("hardhat/internal/context") as { HardhatContext: { isCreated(): boolean } }).HardhatContext.isCreated();
}

/** Whether loadHardhat compiles: missing artifacts always; otherwise only when it loads Hardhat itself and no one compiled for this run yet. */
export function shouldCompile(o: { readonly missing: boolean; readonly loadsHardhat: boolean; readonly compiledThisRun: boolean }): boolean {
  return o.missing || (o.loadsHardhat && !o.compiledThisRun);
}

/**
 * Loads Hardhat. When this is what loads it (the simulate, bench, profile and sweep commands), the
 * contracts are compiled first (incremental: nothing to do when nothing changed), so a run never
 * uses artifacts older than the sources. When Hardhat was already loaded by one of its own tasks
 * (`hardhat test`, `hardhat coverage`, `hardhat run`), that task compiled, and compiling again
 * here would overwrite coverage's instrumented artifacts: then only missing artifacts are built.
 */
export async function loadHardhat(network?: string): Promise<HardhatRuntimeEnvironment> {
  tuneEdrAllocator();
  const entry = !hardhatAlreadyLoaded();
  if (process.env.HARDHAT_NETWORK === undefined) process.env.HARDHAT_NETWORK = network ?? "hardhat";
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hre = require("hardhat") as HardhatRuntimeEnvironment;
  if (network !== undefined && hre.network.name !== network) throw new Error(`Hardhat is already loaded on network ${hre.network.name}, not ${network}`);
  const root = hre.config.paths.root;
  const lens = path.join(hre.config.paths.artifacts, "contracts", "lens", "CipherLens.sol", "CipherLens.json");
  const missing = !fs.existsSync(lens) || !fs.existsSync(path.join(root, "typechain-types", "index.ts"));
  if (shouldCompile({ missing, loadsHardhat: entry, compiledThisRun: process.env[COMPILED_ENV] === "1" })) {
    await hre.run("compile", { quiet: true });
    process.env[COMPILED_ENV] = "1";
  }
  return hre;
}

/**
 * Compiles in a child process and marks the environment compiled: for a parent that forks several
 * workers which would otherwise each compile at once (the sweep).
 */
export function compileOnce(cwd: string = process.cwd()): void {
  if (process.env[COMPILED_ENV] === "1") return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require.resolve("hardhat/internal/cli/cli", { paths: [cwd] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("child_process") as typeof import("child_process")).execFileSync(process.execPath, [cli, "compile", "--quiet"], { cwd, stdio: "inherit" });
  process.env[COMPILED_ENV] = "1";
}
