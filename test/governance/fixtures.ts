// Shared deployment of the governance stack for tests: votes source (mock staking), bounded
// timelock that administers itself, CipherGovernor, treasury and a governed mock parameter.
import { ethers } from "hardhat";
import { mine } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type {
  CipherGovernor,
  CipherTimelock,
  CipherTreasury,
  GovernedParameterMock,
  MockERC20,
  MockVotesToken,
} from "../../typechain-types";

export const SETTINGS = {
  votingDelay: 1,
  votingPeriod: 50,
  proposalThreshold: ethers.parseEther("10"),
  quorumBps: 400, // 4%
  lateQuorumExtension: 20,
};
export const TIMELOCK_DELAY = 3600; // seconds

export const FUND = { STAKERS: 0, WELFARE: 1, SOLIDARITY: 2, DEVELOPMENT: 3, BURN: 4 } as const;
export const VOTE = { AGAINST: 0, FOR: 1, ABSTAIN: 2 } as const;
export const STATE = {
  Pending: 0n,
  Active: 1n,
  Canceled: 2n,
  Defeated: 3n,
  Succeeded: 4n,
  Queued: 5n,
  Expired: 6n,
  Executed: 7n,
} as const;

/** Deploys the stack with the hook mode of the votes token (0 record, 1 revert, 2 burn gas). */
export async function deployGovernance(hookMode = 0) {
  const [deployer, alice, bob, carol, dave, eve, attacker, outsider] = await ethers.getSigners();

  const token = (await ethers.deployContract("MockVotesToken", [hookMode])) as unknown as MockVotesToken;
  const holdings: [typeof alice, string][] = [
    [alice, "400"],
    [bob, "300"],
    [carol, "200"],
    [dave, "100"],
    [eve, "10"],
  ];
  for (const [s, amt] of holdings) {
    await token.mint(s.address, ethers.parseEther(amt));
    await token.connect(s).delegate(s.address);
  }

  // The governor's address is known before it exists, so the timelock can be born with the
  // governor as its only proposer and canceller and with no admin at all.
  const nonce = await deployer.getNonce();
  const governorAddress = ethers.getCreateAddress({ from: deployer.address, nonce: nonce + 1 });
  const timelock = (await ethers.deployContract("CipherTimelock", [
    TIMELOCK_DELAY,
    [governorAddress],
    [ethers.ZeroAddress],
    ethers.ZeroAddress,
  ])) as unknown as CipherTimelock;
  const governor = (await ethers.deployContract("CipherGovernor", [
    await token.getAddress(),
    await timelock.getAddress(),
    SETTINGS,
  ])) as unknown as CipherGovernor;
  if ((await governor.getAddress()) !== governorAddress) throw new Error("governor address prediction failed");
  await token.setGovernor(governorAddress);

  const treasury = (await ethers.deployContract("CipherTreasury", [
    await timelock.getAddress(),
  ])) as unknown as CipherTreasury;
  const param = (await ethers.deployContract("GovernedParameterMock", [
    await timelock.getAddress(),
  ])) as unknown as GovernedParameterMock;
  const erc20 = (await ethers.deployContract("MockERC20", ["Cipher", "CPH"])) as unknown as MockERC20;

  // Fill the treasury's funds: 10 ETH welfare, 1,000 CPH solidarity.
  await treasury.receiveRevenue(ethers.ZeroAddress, ethers.parseEther("10"), FUND.WELFARE, {
    value: ethers.parseEther("10"),
  });
  await erc20.mint(deployer.address, ethers.parseEther("1000"));
  await erc20.approve(await treasury.getAddress(), ethers.parseEther("1000"));
  await treasury.receiveRevenue(await erc20.getAddress(), ethers.parseEther("1000"), FUND.SOLIDARITY);

  await mine(1); // delegations are in the past for the next proposal's threshold check
  return { deployer, alice, bob, carol, dave, eve, attacker, outsider, token, timelock, governor, treasury, param, erc20 };
}

export type Governance = Awaited<ReturnType<typeof deployGovernance>>;

export interface Proposal {
  targets: string[];
  values: bigint[];
  calldatas: string[];
  description: string;
}

export async function propose(g: Governance, p: Proposal, proposer = g.alice) {
  const tx = await g.governor.connect(proposer).propose(p.targets, p.values, p.calldatas, p.description);
  const id = await g.governor.hashProposal(p.targets, p.values, p.calldatas, ethers.id(p.description));
  return { id, tx };
}

/** Mines until the proposal is Active. */
export async function toActive(g: Governance, id: bigint) {
  const snapshot = await g.governor.proposalSnapshot(id);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (now <= snapshot) await mine(Number(snapshot - now + 1n));
}

/** Mines past the proposal's deadline. */
export async function toEnd(g: Governance, id: bigint) {
  const deadline = await g.governor.proposalDeadline(id);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (now <= deadline) await mine(Number(deadline - now + 1n));
}

/** propose -> vote (alice and bob for) -> queue -> wait the delay -> execute. */
export async function passAndExecute(g: Governance, p: Proposal) {
  const { id } = await propose(g, p);
  await toActive(g, id);
  await g.governor.connect(g.alice).castVote(id, VOTE.FOR);
  await g.governor.connect(g.bob).castVote(id, VOTE.FOR);
  await toEnd(g, id);
  const dh = ethers.id(p.description);
  await g.governor.queue(p.targets, p.values, p.calldatas, dh);
  await ethers.provider.send("evm_increaseTime", [TIMELOCK_DELAY]);
  const exec: ContractTransactionResponse = await g.governor.execute(p.targets, p.values, p.calldatas, dh);
  return { id, exec };
}
