// Shared set-up for governance over the production deployment: deployFullSuite() (deploy/cipher.ts,
// the definition `cipher:deploy` runs), a deployment file like the one cipher:deploy writes, voters
// who got their votes the way users do (buy on the market, stake), and revenue routed into the
// treasury funds (trades, flushFees, splitter release). Everything user-facing goes through the
// task code (`hre.run("gov:...")` and the cipher:* task functions).
import fs from "fs";
import os from "os";
import path from "path";
import hre, { ethers } from "hardhat";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import { deployFullSuite, type ConfigOverrides } from "../deploy/fixture";
import { CONTRACT_NAMES, type CipherSuite } from "../../src/deploy/suite";
import { writeDeployment } from "../../src/deploy/deploymentFile";
import { buy, distribute } from "../../tasks/market";
import { stake } from "../../tasks/staking";

export const FUND = { STAKERS: 0, WELFARE: 1, SOLIDARITY: 2, DEVELOPMENT: 3, BURN: 4 } as const;
export const STATE = { Pending: 0n, Active: 1n, Canceled: 2n, Defeated: 3n, Succeeded: 4n, Queued: 5n, Expired: 6n, Executed: 7n } as const;
export const CASE = { None: 0n, Proposed: 1n, Disputed: 2n, Executed: 3n, Cancelled: 4n } as const;
export const E = (n: string) => ethers.parseEther(n);

/** Runs a `gov` task (the same code as `npx hardhat gov <task> ...`). */
export const gov = (task: string, args: Record<string, unknown>) => hre.run({ scope: "gov", task }, args);

/** Writes the deployment file cipher:deploy would write for `s` (to a temporary path). */
export async function deploymentFileFor(s: CipherSuite): Promise<string> {
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const contracts: Record<string, { address: string; block: number }> = {};
  for (const [key, name] of Object.entries(CONTRACT_NAMES) as [keyof CipherSuite, string][]) {
    contracts[name] = { address: await s[key].getAddress(), block: 0 };
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cipher-gove2e-")), "hardhat.json");
  writeDeployment({ network: "hardhat", chainId, contracts }, file);
  return file;
}

/** Voters' ETH spent on the market (each stakes everything bought). */
export const BUYS = { alice: "4", bob: "3", dave: "1" };

export async function liveSuite(overrides: ConfigOverrides = {}) {
  const signers = await ethers.getSigners();
  const [deployer, alice, bob, carol, dave, eve, attacker] = signers;
  const slasher = signers[9];
  const s = await deployFullSuite({ slasher: slasher.address, ...overrides });
  const file = await deploymentFileFor(s);
  const common = { deployment: file };
  // Votes come from staking: buy on the market, then stake (the tasks users run).
  for (const [who, eth] of [
    [alice, BUYS.alice],
    [bob, BUYS.bob],
    [dave, BUYS.dave],
  ] as const) {
    await buy(hre, { ...common, eth, from: who.address });
    await stake(hre, { ...common, amount: "all", from: who.address });
  }
  // Real revenue into the funds: the buys' fees flushed, split and released.
  await distribute(hre, common);
  await mine(1); // stakes count from the next block on
  return { s, file, deployer, alice, bob, carol, dave, eve, attacker, slasher, signers };
}

export type Live = Awaited<ReturnType<typeof liveSuite>>;

/** propose (alice) -> vote for (alice, bob) -> queue -> execute, all through the gov tasks. */
export async function fullCycle(l: Live, args: Record<string, unknown>): Promise<bigint> {
  const id = await proposeAndPass(l, args);
  await gov("execute", { id: id.toString(), deployment: l.file, from: "0", advance: true });
  return id;
}

/** propose -> vote -> queue (not executed). */
export async function proposeAndPass(l: Live, args: Record<string, unknown>): Promise<bigint> {
  const id = (await gov("propose", { deployment: l.file, from: l.alice.address, advance: true, ...args })) as bigint;
  await gov("vote", { id: id.toString(), support: "for", reason: "e2e", deployment: l.file, from: l.alice.address, advance: false });
  await gov("vote", { id: id.toString(), support: "for", reason: "", deployment: l.file, from: l.bob.address, advance: false });
  await gov("queue", { id: id.toString(), deployment: l.file, from: "0", advance: true });
  return id;
}

/** Silences the tasks' console output inside a describe (GOV_TASK_LOGS=1 shows it). */
export function quietTasks() {
  const log = console.log;
  beforeEach(() => {
    if (!process.env.GOV_TASK_LOGS) console.log = () => undefined;
  });
  afterEach(() => {
    console.log = log;
  });
}
