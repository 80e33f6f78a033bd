// Deployment and funding: the suite through the one deployment definition (deploySuite, config =
// the network's parameters file overridden by the scenario) or attached from a deployment file,
// the read-only lens next to it, and the agents' accounts (deterministic addresses, funded and
// impersonated).
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, id, Interface, keccak256, toUtf8Bytes } from "ethers";
import type { Scenario } from "../scenarioTypes";
import { loadConfig } from "../../../deploy/config";
import type { CipherSuite } from "../../deploy/suite";
import { cipherModule, resourceMarketKey } from "../../../deploy/cipher";
import { SIM_RESOURCE_KIND } from "./resourceConfig";
import { readSuiteDeployment, requireChain, requireCode } from "../../client/deployment";
import { CipherLens__factory } from "../../../typechain-types/factories/contracts/lens/CipherLens.sol/CipherLens__factory";
import { curveParameters, effectiveSettings, settableOf, settingCalls, simDeployConfig, splitConfig, type AdminCall } from "./deployConfig";
import { IFACES, type Addresses } from "./encode";
import { hexQuantity, setAutomine, type RpcSender } from "./rpc";
import { uintArray } from "./lensCodec";
import type { BatchRpc } from "./node/batch";
import { pacedProvider, sendAtNextSecond, type Eip1193Provider } from "./pacedProvider";

/** Seconds between the run's setup blocks and step 0 (the deployment is twice that before step 0). */
export const SETUP_LEAD_SECONDS = 600;

/**
 * The timestamp of a deployment's first block (the node's clock set to it when behind); each later
 * deployment block is one second after the last (pacedProvider.ts), whatever the wall clock did.
 */
export function deploymentStart(s: Scenario): number {
  return s.startTimestamp - 2 * SETUP_LEAD_SECONDS;
}

/** An agent's address: the same for the same seed and index on every node. */
export function agentAddress(seed: number, index: number): string {
  return getAddress("0x" + keccak256(toUtf8Bytes(`cipher-sim/${seed}/${index}`)).slice(26));
}

export interface Deployed {
  readonly addresses: Addresses;
  readonly curveParams: bigint[];
  /** What the deployment actually used, and what differs from the scenario (none when attached). */
  readonly effective?: ReturnType<typeof effectiveSettings>;
}

/** Deploys the suite for `s` (or attaches to a deployment file) and returns its addresses. */
export async function deployOrAttach(
  hre: HardhatRuntimeEnvironment, p: RpcSender, deployer: string, s: Scenario, oracles: readonly string[], slasher: string | null, attach: string | boolean | undefined,
): Promise<Deployed> {
  if (attach) {
    const d = readSuiteDeployment(hre.network.name, typeof attach === "string" ? attach : undefined);
    const chainId = BigInt((await p.send("eth_chainId", [])) as string);
    requireChain(d, chainId);
    await requireCode(d, chainId, hre.network.name, async (a) => (await p.send("eth_getCode", [a, "latest"])) as string);
    const rm = d.others[resourceMarketKey(SIM_RESOURCE_KIND)];
    const addresses: Addresses = { ...d.addresses, ...(rm !== undefined ? { resourceMarket: rm } : {}) };
    const ret = (await p.send("eth_call", [{ to: addresses.curve, data: IFACES.curve.encodeFunctionData("parameters"), from: deployer }, "latest"])) as string;
    return { addresses, curveParams: uintArray(ret) };
  }
  const config = simDeployConfig(loadConfig(hre.network.name), s, oracles, slasher);
  return { addresses: await deployInMemory(hre, config, deploymentStart(s)), curveParams: curveParameters(s), effective: effectiveSettings(s, config) };
}

/**
 * The suite's one deployment definition (deploy/cipher.ts, the module `cipher:deploy` and
 * deploySuite run) executed by Ignition with its in-memory journal on any network, as Hardhat's
 * Ignition plugin does on the in-process one. Through the plugin, a named network gets a journal
 * on disk with each contract's build info (tens of MB written and parsed per contract: ~30 s of a
 * run on anvil here), which a throw-away simulation deployment does not need. Build info is not
 * read at all (Ignition only stores it), and on a loopback node receipts are polled every 20 ms
 * instead of every second. Block times: `floor` for the first block (or the head's + 1 s if later),
 * then one second more per block.
 */
async function deployInMemory(hre: HardhatRuntimeEnvironment, config: ReturnType<typeof simDeployConfig>, floor: number): Promise<Addresses> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require("@nomicfoundation/ignition-core") as typeof import("@nomicfoundation/ignition-core");
  const module = cipherModule(config);
  const accounts = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
  const local = hre.network.name === "hardhat" || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(String((hre.network.config as { url?: string }).url ?? ""));
  const result = await core.deploy({
    config: local ? { blockPollingInterval: 20 } : {},
    // each transaction in a block of its own, one second after the last: block times that do not
    // depend on how long the deployment took (pacedProvider.ts)
    provider: pacedProvider(hre.network.provider, floor),
    deploymentDir: undefined,
    artifactResolver: parsedArtifacts(hre),
    ignitionModule: module,
    deploymentParameters: {},
    accounts,
  });
  if (result.type !== core.DeploymentResultType.SUCCESSFUL_DEPLOYMENT) throw new Error(`deployment failed: ${JSON.stringify(result).slice(0, 2000)}`);
  const results = module.results as unknown as Record<keyof CipherSuite, { id: string }>;
  const at = (k: keyof CipherSuite) => getAddress(result.contracts[results[k].id].address);
  const rm = (module.results as unknown as Record<string, { id: string } | undefined>)[resourceMarketKey(SIM_RESOURCE_KIND)];
  return {
    market: at("market"), token: at("token"), staking: at("staking"), slashing: at("slashing"), oracle: at("oracle"), treasury: at("treasury"), governor: at("governor"), splitter: at("splitter"), timelock: at("timelock"), curve: at("curve"),
    ...(rm !== undefined ? { resourceMarket: getAddress(result.contracts[rm.id].address) } : {}),
  };
}

type Artifact = Awaited<ReturnType<HardhatRuntimeEnvironment["artifacts"]["readArtifact"]>>;

/**
 * Ignition's artifact resolver, each artifact read and parsed once per process: its ABI handed over
 * as ethers Fragment objects, which `new Interface(abi)` takes as they are. Ignition builds an
 * Interface from the artifact's ABI several times for every call it encodes, validates or decodes;
 * from JSON each one parses every fragment again (ParamType objects with frozen properties), which
 * was ~0.57 s of a 1.64 s deployment here (CPU profile), for the same ABIs each time. Build info is
 * not read at all (Ignition only stores it).
 */
export function parsedArtifacts(hre: HardhatRuntimeEnvironment): { loadArtifact(name: string): Promise<Artifact>; getBuildInfo(): Promise<undefined> } {
  let cache = parsedByHre.get(hre);
  if (cache === undefined) {
    cache = new Map();
    parsedByHre.set(hre, cache);
  }
  const byName = cache;
  return {
    loadArtifact: (name: string) => {
      let a = byName.get(name);
      if (a === undefined) {
        a = hre.artifacts.readArtifact(name).then((art) => ({ ...art, abi: [...new Interface(art.abi).fragments] }));
        a.catch(() => byName.delete(name));
        byName.set(name, a);
      }
      return a;
    },
    getBuildInfo: async () => undefined,
  };
}
const parsedByHre = new WeakMap<HardhatRuntimeEnvironment, Map<string, Promise<Artifact>>>();

/**
 * Deploys the lens (automine on) and returns its address. With `floor` (a deployment of this run),
 * its block is one second after the head (or at `floor`), as the suite's are (pacedProvider.ts);
 * without (attached to a deployment on a node you run), at the node's own time.
 */
export async function deployLens(p: RpcSender, deployer: string, floor?: number): Promise<string> {
  // explicit fees: a node's own suggestion can put the tip above the cap when the base fee is tiny
  const head = (await p.send("eth_getBlockByNumber", ["latest", false])) as { baseFeePerGas?: string };
  const maxFee = BigInt(head.baseFeePerGas ?? "0x0") * 2n + 10n ** 9n;
  const tx = { method: "eth_sendTransaction", params: [{ from: deployer, data: CipherLens__factory.bytecode, gas: hexQuantity(3_000_000n), maxFeePerGas: hexQuantity(maxFee), maxPriorityFeePerGas: "0x0" }] };
  const node: Eip1193Provider = { request: (a) => p.send(a.method, (a.params ?? []) as unknown[]) };
  // anvil automines asynchronously: the receipt may appear a moment after the hash
  const hash = (floor !== undefined ? await sendAtNextSecond(node, floor, tx) : await p.send(tx.method, tx.params)) as string;
  for (let i = 0; i < 200; i++) {
    const r = (await p.send("eth_getTransactionReceipt", [hash])) as { contractAddress: string } | null;
    if (r !== null) return getAddress(r.contractAddress);
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error("lens deployment not mined (is automine on?)");
}

/** Impersonates and funds every agent, in one batch. */
export async function fundAgents(rpc: BatchRpc, addresses: readonly string[], wei: readonly bigint[], names: { impersonate: string; setBalance: string }): Promise<void> {
  const calls = addresses.flatMap((a, i) => [
    { method: names.impersonate, params: [a] },
    { method: names.setBalance, params: [a, hexQuantity(wei[i])] },
  ]);
  const got = await rpc.batch(calls);
  const bad = got.find((r) => !r.ok);
  if (bad !== undefined && !bad.ok) throw bad.error;
}

/** The node's dialect: JSON-RPC names for impersonation and balances. */
export interface NodeNames {
  readonly impersonate: string;
  readonly setBalance: string;
}

/** EIP-1559's base fee of the block after one with this base fee, gas used and gas limit (elasticity 2). */
export function nextBaseFee(base: bigint, used: bigint, limit: bigint): bigint {
  const target = limit / 2n;
  if (target === 0n || used === target) return base;
  if (used > target) {
    const d = (base * (used - target)) / target / 8n;
    return base + (d > 1n ? d : 1n);
  }
  return base - (base * (target - used)) / target / 8n;
}

interface Kept {
  readonly key: string;
  /** Snapshot of the node before the deployment (taken again after each revert to it). */
  pre: string;
  /** Snapshot right after the deployment and the lens, before any cell's settings. */
  post: string;
  readonly addresses: Addresses;
  readonly lens: string;
  readonly base: ReturnType<typeof splitConfig>["base"];
}

export interface ReuseRequest {
  readonly hre: HardhatRuntimeEnvironment;
  readonly p: RpcSender;
  readonly deployer: string;
  readonly s: Scenario;
  readonly oracles: readonly string[];
  readonly slasher: string | null;
  readonly names: NodeNames;
  /** The node preparation a fresh deployment needs first (deployer's balance, gas limit, base fee, clock). */
  prepare(): Promise<void>;
}

const ROLES = { oracle: id("ORACLE_ROLE"), slasher: id("SLASHER_ROLE") };

/**
 * One deployment per node for many runs (a sweep worker's cells). The suite is deployed with the
 * cell-independent part of the config (`splitConfig`: the network's fees, split, timelock delay, no
 * oracle or slasher) and the lens, then `evm_snapshot`. Each run reverts to that snapshot (and
 * takes it again: a snapshot is used up by its revert) and applies its own settable settings in one
 * block, sent by the impersonated timelock (the suite's admin) at the next second, with the base
 * fee set explicitly. The first run on a fresh node does the same after deploying, so a run's files
 * do not depend on whether the deployment was reused (test/sweep/deploymentReuse.test.ts). A run
 * whose base differs (curve, governor timings, start time, ...) reverts to the node's state before
 * the deployment and deploys again.
 */
export class DeploymentReuse {
  private kept: Kept | undefined;
  /** Deployments made and reused so far (tests, the sweep's timing line). */
  readonly counts = { deployed: 0, reused: 0 };

  async open(r: ReuseRequest): Promise<Deployed & { readonly lens: string }> {
    const { p, s } = r;
    const network = loadConfig(r.hre.network.name);
    const cellConfig = simDeployConfig(network, s, r.oracles, r.slasher);
    const split = splitConfig(cellConfig, network);
    // the start time decides the deployment's block times (prepare), so it is part of the base
    const key = JSON.stringify([r.hre.network.name, s.startTimestamp, split.base]);
    let k = this.kept;
    if (k !== undefined && k.key === key) {
      await revertTo(p, k.post);
      k.post = await snapshot(p);
      this.counts.reused += 1;
    } else {
      if (k !== undefined) {
        await revertTo(p, k.pre);
        this.kept = undefined;
      }
      const pre = await snapshot(p);
      await r.prepare();
      const addresses = await deployInMemory(r.hre, split.base, deploymentStart(s));
      const lens = await deployLens(p, r.deployer, deploymentStart(s));
      k = { key, pre, post: await snapshot(p), addresses, lens, base: split.base };
      this.kept = k;
      this.counts.deployed += 1;
    }
    await applySettings(p, k.addresses, settingCalls(settableOf(k.base), split.cell, ROLES), r.names);
    return { addresses: k.addresses, lens: k.lens, curveParams: curveParameters(s), effective: effectiveSettings(s, cellConfig) };
  }

  /** After a run: back to the deployment's snapshot (the node as the next run finds it). */
  async release(p: RpcSender): Promise<void> {
    const k = this.kept;
    if (k === undefined) return;
    await revertTo(p, k.post);
    k.post = await snapshot(p);
  }

  /** Forgets the deployment and puts the node back as it was before it (the next run deploys afresh). */
  async reset(p: RpcSender): Promise<void> {
    const k = this.kept;
    this.kept = undefined;
    if (k !== undefined) await revertTo(p, k.pre);
  }
}

async function snapshot(p: RpcSender): Promise<string> {
  return (await p.send("evm_snapshot", [])) as string;
}

async function revertTo(p: RpcSender, id: string): Promise<void> {
  const ok = (await p.send("evm_revert", [id])) as boolean;
  if (ok !== true) throw new Error(`evm_revert to snapshot ${id} failed`);
}

/**
 * Applies a cell's settings to the deployed suite: the next block's base fee set from the head (as
 * a fresh deployment's setup does; after evm_revert anvil would keep the last mined block's), then,
 * one block at the head's time + 1 s with the timelock's calls for what differs (impersonated,
 * funded for gas and its balance put back after, no tip; an empty block when nothing differs, so
 * every cell has the same blocks before step 0). Every call must succeed.
 */
async function applySettings(p: RpcSender, a: Addresses, calls: readonly AdminCall[], names: NodeNames): Promise<void> {
  const anvil = names.setBalance.startsWith("anvil");
  const head = (await p.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string; baseFeePerGas?: string; gasUsed: string; gasLimit: string };
  const fee = nextBaseFee(BigInt(head.baseFeePerGas ?? "0x0"), BigInt(head.gasUsed), BigInt(head.gasLimit));
  await p.send(anvil ? "anvil_setNextBlockBaseFeePerGas" : "hardhat_setNextBlockBaseFeePerGas", [hexQuantity(fee)]);
  if (calls.length === 0) {
    // the settings block is mined even when nothing differs, so that every cell of a sweep has
    // the same blocks before step 0 (else a cell at the network's own settings would start one
    // block and one second earlier than its neighbours: a confound in the comparison)
    await p.send("evm_mine", [Number(BigInt(head.timestamp)) + 1]);
    return;
  }
  const tl = a.timelock;
  const balance = (await p.send("eth_getBalance", [tl, "latest"])) as string;
  await p.send(names.impersonate, [tl]);
  await p.send(names.setBalance, [tl, hexQuantity(10n ** 20n)]);
  await setAutomine(p, false);
  const nonce = BigInt((await p.send("eth_getTransactionCount", [tl, "latest"])) as string);
  const hashes: string[] = [];
  for (const [i, c] of calls.entries()) {
    const iface: Interface = IFACES[c.target];
    const data = iface.encodeFunctionData(c.fn, [...c.args]);
    hashes.push((await p.send("eth_sendTransaction", [{ from: tl, to: a[c.target], data, nonce: hexQuantity(nonce + BigInt(i)), gas: hexQuantity(500_000n), maxFeePerGas: hexQuantity(fee * 2n + 10n ** 9n), maxPriorityFeePerGas: "0x0" }])) as string);
  }
  await p.send("evm_mine", [Number(BigInt(head.timestamp)) + 1]);
  for (const [i, h] of hashes.entries()) {
    const rc = (await p.send("eth_getTransactionReceipt", [h])) as { status: string } | null;
    if (rc === null || BigInt(rc.status) !== 1n) throw new Error(`applying the cell's setting ${calls[i].target}.${calls[i].fn} failed (${rc === null ? "not mined" : "reverted"})`);
  }
  await p.send(names.setBalance, [tl, balance]);
  await p.send(anvil ? "anvil_stopImpersonatingAccount" : "hardhat_stopImpersonatingAccount", [tl]);
  await setAutomine(p, true);
}
