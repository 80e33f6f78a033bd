// Shared plumbing of the governance tasks: the deployment file, the governor and its proposals,
// vote/state names, and moving a local chain forward. No task is registered here.
import path from "path";
import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Contract, EventLog, Log } from "ethers";
import { artifactOf, DEPLOYMENT_NAMES, FUND_IDS, PROPOSAL_STATES, proposalStateName, SUPPORT as CLIENT_SUPPORT, type ProposalStateName } from "../../src/client/protocol";
import { deploymentPath as defaultDeploymentPath } from "../../src/deploy/deploymentFile";
import { DeploymentError, readDeploymentJson } from "../../src/client/deployment";

/** Deployment-file names of the suite (deployments/<network>.json), as cipher:deploy writes them. */
export const CONTRACT_NAMES: readonly string[] = Object.values(DEPLOYMENT_NAMES);

export interface DeploymentEntry {
  address: string;
  block: number;
}
export interface Deployment {
  chainId: number;
  contracts: Record<string, DeploymentEntry>;
}

// Named once in the suite's client (src/client/protocol.ts).
export const STATES = PROPOSAL_STATES;
export type StateName = ProposalStateName;
export const SUPPORT: Readonly<Record<string, number>> = CLIENT_SUPPORT;
export const FUNDS: Readonly<Record<string, number>> = FUND_IDS;

/** A task failure with a message meant for the user: Hardhat prints it without a stack trace. */
export class GovTaskError extends HardhatPluginError {
  constructor(message: string) {
    super("cipher-governance", message);
  }
}

/** `override`, or <deployments dir>/<network>.json (CIPHER_DEPLOYMENTS_DIR or deployments/, as the client reads it). */
export function deploymentPath(hre: HardhatRuntimeEnvironment, override?: string): string {
  return override ? path.resolve(override) : defaultDeploymentPath(hre.network.name);
}

/** Reads `deployments/<network>.json` (or `file`) with the client's reader and checks it belongs to the connected chain. */
export async function loadDeployment(hre: HardhatRuntimeEnvironment, file?: string): Promise<Deployment> {
  const p = deploymentPath(hre, file);
  let d: Deployment;
  try {
    d = readDeploymentJson(p, hre.network.name) as Deployment;
  } catch (e) {
    if (e instanceof DeploymentError) throw new GovTaskError(e.message);
    throw e;
  }
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  if (chainId !== d.chainId) {
    throw new GovTaskError(`${p} is for chain ${d.chainId} but the network "${hre.network.name}" is chain ${chainId}`);
  }
  return d;
}

export function entry(d: Deployment, name: string): DeploymentEntry {
  const e = d.contracts[name];
  if (!e || !hreIsAddress(e.address)) {
    throw new GovTaskError(`the deployment has no address for ${name} (known: ${Object.keys(d.contracts).join(", ") || "none"})`);
  }
  return e;
}

function hreIsAddress(a: unknown): a is string {
  return typeof a === "string" && /^0x[0-9a-fA-F]{40}$/.test(a);
}

/** Resolves a contract name from the deployment, or passes an address through. */
export function resolveAddress(d: Deployment, nameOrAddress: string): string {
  if (hreIsAddress(nameOrAddress)) return nameOrAddress;
  return entry(d, nameOrAddress).address;
}

/** The artifact name behind a deployment name (the timelock is CipherTimelock; a curve's ABI is ICurve). */
export const artifactName = artifactOf;

export async function governorAt(hre: HardhatRuntimeEnvironment, d: Deployment): Promise<Contract> {
  return (await hre.ethers.getContractAt("CipherGovernor", entry(d, "CipherGovernor").address)) as unknown as Contract;
}

/** OZ Governor's front-running protection: a description ending in `#proposer=<address>` can only
 * be proposed by that address (Governor._isValidDescriptionForProposer). */
const PROPOSER_SUFFIX = /#proposer=(0x[0-9a-fA-F]{40})$/;

/** `description` bound to `proposer` with OZ's suffix (unchanged if already bound to it); refuses a
 * description bound to another address, which the governor would refuse (GovernorRestrictedProposer). */
export function bindToProposer(description: string, proposer: string): string {
  const m = PROPOSER_SUFFIX.exec(description);
  if (m === null) return `${description}#proposer=${proposer}`;
  if (m[1].toLowerCase() !== proposer.toLowerCase()) {
    throw new GovTaskError(`the description is bound to ${m[1]} (its #proposer= suffix), but it is sent from ${proposer}`);
  }
  return description;
}

/** The description as written, without OZ's `#proposer=` suffix, and the address it binds to. */
export function splitProposerSuffix(description: string): { text: string; boundTo: string | null } {
  const m = PROPOSER_SUFFIX.exec(description);
  return m === null ? { text: description, boundTo: null } : { text: description.slice(0, m.index), boundTo: m[1] };
}

export interface ProposalInfo {
  id: bigint;
  proposer: string;
  targets: string[];
  values: bigint[];
  calldatas: string[];
  /** The full on-chain description (with any `#proposer=` suffix): its hash identifies the proposal. */
  description: string;
  descriptionHash: string;
  voteStart: bigint;
  voteEnd: bigint;
  block: number;
}

/** Every proposal from the governor's ProposalCreated events (the governor stores no details). */
export async function listProposals(hre: HardhatRuntimeEnvironment, d: Deployment, governor: Contract): Promise<ProposalInfo[]> {
  const from = entry(d, "CipherGovernor").block;
  const logs = (await governor.queryFilter(governor.filters.ProposalCreated(), from, "latest")) as (EventLog | Log)[];
  const out: ProposalInfo[] = [];
  for (const log of logs) {
    if (!("args" in log)) continue;
    const a = log.args;
    out.push({
      id: a.proposalId as bigint,
      proposer: a.proposer as string,
      targets: [...(a.targets as string[])],
      values: [...(a[3] as bigint[])], // `values` clashes with Result.values()
      calldatas: [...(a.calldatas as string[])],
      description: a.description as string,
      descriptionHash: hre.ethers.id(a.description as string),
      voteStart: a.voteStart as bigint,
      voteEnd: a.voteEnd as bigint,
      block: log.blockNumber,
    });
  }
  return out;
}

export async function findProposal(hre: HardhatRuntimeEnvironment, d: Deployment, governor: Contract, id: string): Promise<ProposalInfo> {
  let wanted: bigint;
  try {
    wanted = BigInt(id);
  } catch {
    throw new GovTaskError(`"${id}" is not a proposal id (a decimal or 0x number)`);
  }
  const p = (await listProposals(hre, d, governor)).find((x) => x.id === wanted);
  if (!p) throw new GovTaskError(`no proposal ${wanted} on the governor at ${await governor.getAddress()}`);
  return p;
}

export async function stateOf(governor: Contract, id: bigint): Promise<StateName> {
  return proposalStateName(await governor.state(id));
}

/** Throws a clear error unless the proposal is in one of `allowed`. */
export async function requireState(governor: Contract, id: bigint, allowed: StateName[], action: string, hint = ""): Promise<StateName> {
  const s = await stateOf(governor, id);
  if (!allowed.includes(s)) {
    throw new GovTaskError(`cannot ${action} proposal ${id}: it is ${s}, ${action} needs ${allowed.join(" or ")}${hint ? ` (${hint})` : ""}`);
  }
  return s;
}

// ------------------------------------------------------------------ local chain control

export async function isLocal(hre: HardhatRuntimeEnvironment): Promise<boolean> {
  if (["hardhat", "localhost", "anvil"].includes(hre.network.name)) return true;
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  return chainId === 31337;
}

export async function requireLocal(hre: HardhatRuntimeEnvironment): Promise<void> {
  if (!(await isLocal(hre))) {
    throw new GovTaskError(`--advance only works on a local network (hardhat, localhost, anvil); "${hre.network.name}" is not one`);
  }
}

/** Mines `n` blocks (hardhat_mine, anvil_mine, or one evm_mine at a time). */
export async function mineBlocks(hre: HardhatRuntimeEnvironment, n: number): Promise<void> {
  if (n <= 0) return;
  const hex = "0x" + n.toString(16);
  for (const method of ["hardhat_mine", "anvil_mine"]) {
    try {
      await hre.network.provider.send(method, [hex]);
      return;
    } catch {
      /* try the next method */
    }
  }
  for (let i = 0; i < n; i++) await hre.network.provider.send("evm_mine", []);
}

/** Mines until the block number is at least `target`. */
export async function mineTo(hre: HardhatRuntimeEnvironment, target: bigint): Promise<void> {
  const now = BigInt(await hre.ethers.provider.getBlockNumber());
  if (target > now) await mineBlocks(hre, Number(target - now));
}

/** Moves the chain's time to at least `timestamp` and mines a block. */
export async function advanceTimeTo(hre: HardhatRuntimeEnvironment, timestamp: bigint): Promise<void> {
  const latest = await hre.ethers.provider.getBlock("latest");
  const now = BigInt(latest!.timestamp);
  if (timestamp > now) await hre.network.provider.send("evm_increaseTime", [Number(timestamp - now)]);
  await hre.network.provider.send("evm_mine", []);
}

/** Signer to act with: `--from` index among the network's accounts, default the first. */
export async function signerFor(hre: HardhatRuntimeEnvironment, from?: string) {
  const signers = await hre.ethers.getSigners();
  if (signers.length === 0) throw new GovTaskError(`no account configured for network "${hre.network.name}" (set PRIVATE_KEY)`);
  if (from === undefined || from === "") return signers[0];
  if (/^\d+$/.test(from)) {
    const i = Number(from);
    if (i >= signers.length) throw new GovTaskError(`--from ${i}: only ${signers.length} accounts configured`);
    return signers[i];
  }
  const s = signers.find((x) => x.address.toLowerCase() === from.toLowerCase());
  if (!s) throw new GovTaskError(`--from ${from} is not one of the configured accounts`);
  return s;
}
