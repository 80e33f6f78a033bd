// Deployment and funding: the suite through the one deployment definition (deploySuite, config =
// the network's parameters file overridden by the scenario) or attached from a deployment file,
// the read-only lens next to it, and the agents' accounts (deterministic addresses, funded and
// impersonated).
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { Scenario } from "../scenarioTypes";
import { loadConfig } from "../../../deploy/config";
import type { CipherSuite } from "../../deploy/suite";
import { cipherModule, resourceMarketKey } from "../../../deploy/cipher";
import { SIM_RESOURCE_KIND } from "./resourceConfig";
import { readSuiteDeployment } from "../../client/deployment";
import { CipherLens__factory } from "../../../typechain-types";
import { curveParameters, effectiveSettings, simDeployConfig } from "./deployConfig";
import { IFACES, type Addresses } from "./encode";
import { hexQuantity, type RpcSender } from "./rpc";
import { uintArray } from "./lensCodec";
import type { BatchRpc } from "./node/batch";

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
    const rm = d.others[resourceMarketKey(SIM_RESOURCE_KIND)];
    const addresses: Addresses = { ...d.addresses, ...(rm !== undefined ? { resourceMarket: rm } : {}) };
    const ret = (await p.send("eth_call", [{ to: addresses.curve, data: IFACES.curve.encodeFunctionData("parameters"), from: deployer }, "latest"])) as string;
    return { addresses, curveParams: uintArray(ret) };
  }
  const config = simDeployConfig(loadConfig(hre.network.name), s, oracles, slasher);
  return { addresses: await deployInMemory(hre, config), curveParams: curveParameters(s), effective: effectiveSettings(s, config) };
}

/**
 * The suite's one deployment definition (deploy/cipher.ts, the module `cipher:deploy` and
 * deploySuite run) executed by Ignition with its in-memory journal on any network, as Hardhat's
 * Ignition plugin does on the in-process one. Through the plugin, a named network gets a journal
 * on disk with each contract's build info (tens of MB written and parsed per contract: ~30 s of a
 * run on anvil here), which a throw-away simulation deployment does not need. Build info is not
 * read at all (Ignition only stores it), and on a loopback node receipts are polled every 20 ms
 * instead of every second.
 */
async function deployInMemory(hre: HardhatRuntimeEnvironment, config: ReturnType<typeof simDeployConfig>): Promise<Addresses> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require("@nomicfoundation/ignition-core") as typeof import("@nomicfoundation/ignition-core");
  const module = cipherModule(config);
  const accounts = (await hre.network.provider.request({ method: "eth_accounts" })) as string[];
  const local = hre.network.name === "hardhat" || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(String((hre.network.config as { url?: string }).url ?? ""));
  const result = await core.deploy({
    config: local ? { blockPollingInterval: 20 } : {},
    provider: hre.network.provider,
    deploymentDir: undefined,
    artifactResolver: { loadArtifact: (name: string) => hre.artifacts.readArtifact(name), getBuildInfo: async () => undefined },
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

/** Deploys the lens (automine on) and returns its address. */
export async function deployLens(p: RpcSender, deployer: string): Promise<string> {
  // explicit fees: a node's own suggestion can put the tip above the cap when the base fee is tiny
  const head = (await p.send("eth_getBlockByNumber", ["latest", false])) as { baseFeePerGas?: string };
  const maxFee = BigInt(head.baseFeePerGas ?? "0x0") * 2n + 10n ** 9n;
  const hash = (await p.send("eth_sendTransaction", [{ from: deployer, data: CipherLens__factory.bytecode, gas: hexQuantity(3_000_000n), maxFeePerGas: hexQuantity(maxFee), maxPriorityFeePerGas: "0x0" }])) as string;
  // anvil automines asynchronously: the receipt may appear a moment after the hash
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
