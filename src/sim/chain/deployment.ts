// Deployment and funding: the suite through the one deployment definition (deploySuite, config =
// the network's parameters file overridden by the scenario) or attached from a deployment file,
// the read-only lens next to it, and the agents' accounts (deterministic addresses, funded and
// impersonated).
import * as fs from "fs";
import * as path from "path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { getAddress, keccak256, toUtf8Bytes } from "ethers";
import type { Scenario } from "../scenarioTypes";
import { loadConfig } from "../../../deploy/config";
import { deploySuite, CONTRACT_NAMES } from "../../deploy/suite";
import { readDeployment } from "../../deploy/deploymentFile";
import { CipherLens__factory } from "../../../typechain-types";
import { curveParameters, simDeployConfig } from "./deployConfig";
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
}

/** Deploys the suite for `s` (or attaches to a deployment file) and returns its addresses. */
export async function deployOrAttach(
  hre: HardhatRuntimeEnvironment, p: RpcSender, deployer: string, s: Scenario, oracles: readonly string[], slasher: string | null, attach: string | boolean | undefined,
): Promise<Deployed> {
  if (attach) {
    const d = readDeployment(hre.network.name, typeof attach === "string" ? attach : undefined);
    const at = (k: keyof typeof CONTRACT_NAMES) => getAddress(d.contracts[CONTRACT_NAMES[k]].address);
    const addresses: Addresses = { market: at("market"), token: at("token"), staking: at("staking"), slashing: at("slashing"), oracle: at("oracle"), treasury: at("treasury"), governor: at("governor"), splitter: at("splitter"), timelock: at("timelock"), curve: at("curve") };
    const ret = (await p.send("eth_call", [{ to: addresses.curve, data: IFACES.curve.encodeFunctionData("parameters"), from: deployer }, "latest"])) as string;
    return { addresses, curveParams: uintArray(ret) };
  }
  const config = simDeployConfig(loadConfig(hre.network.name), s, oracles, slasher);
  // Off the in-process network, Ignition keeps a journal per deployment id: a unique one, removed after.
  const deploymentId = hre.network.name === "hardhat" ? undefined : `sim-${process.pid}-${Date.now()}`;
  try {
    // a node reached over loopback answers at once: poll for receipts every 20 ms, not every second
    const local = /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(String((hre.network.config as { url?: string }).url ?? ""));
    const suite = await deploySuite(hre, config, { deploymentId, ...(local ? { blockPollingInterval: 20 } : {}) });
    const addr = async (c: { getAddress(): Promise<string> }) => getAddress(await c.getAddress());
    const addresses: Addresses = {
      market: await addr(suite.market), token: await addr(suite.token), staking: await addr(suite.staking), slashing: await addr(suite.slashing),
      oracle: await addr(suite.oracle), treasury: await addr(suite.treasury), governor: await addr(suite.governor), splitter: await addr(suite.splitter),
      timelock: await addr(suite.timelock), curve: await addr(suite.curve),
    };
    return { addresses, curveParams: curveParameters(s) };
  } finally {
    if (deploymentId !== undefined) fs.rmSync(path.join(hre.config.paths.root, "ignition", "deployments", deploymentId), { recursive: true, force: true });
  }
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
