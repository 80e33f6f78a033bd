// Fixture for the resource market tests: the production deployment (deploy/cipher.ts) with three
// contribution oracles (quorum 2) and a slasher; participants buy Cipher tokens on the curve.
import { ethers, network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { deployFullSuite } from "../deploy/fixture";
import type { ResourceMarket } from "../../typechain-types";

export const MECH = { Posted: 0, BatchAuction: 1 } as const;
export const CASE = { None: 0n, Proposed: 1n, Disputed: 2n, Executed: 3n, Cancelled: 4n } as const;
export const STATUS = { None: 0n, Active: 1n, Exiting: 2n } as const;
export const EVIDENCE = ethers.id("delivery-log");
export const MILLI = 10n ** 15n; // grid step of the default compute market: 0.001 CPH per unit

export async function resourceFixture() {
  const [deployer, o1, o2, o3, slasher, pA, pB, pC, cX, cY, cZ, stranger] = await ethers.getSigners();
  const suite = await deployFullSuite({ oracles: [o1.address, o2.address, o3.address], slasher: slasher.address });
  const rm = suite.resourceMarkets.compute;
  const rmAddr = await rm.getAddress();
  for (const u of [pA, pB, pC, cX, cY, cZ, stranger]) {
    await suite.market.connect(u).buy(ethers.parseEther("20"), 0, ethers.ZeroAddress, ethers.MaxUint256, { value: ethers.parseEther("20") });
    await suite.token.connect(u).approve(rmAddr, ethers.MaxUint256);
  }
  const timelock = await impersonate(await suite.timelock.getAddress());
  return { suite, rm, rmAddr, deployer, o1, o2, o3, slasher, pA, pB, pC, cX, cY, cZ, stranger, timelock };
}

export type ResourceFixture = Awaited<ReturnType<typeof resourceFixture>>;

export async function impersonate(address: string): Promise<HardhatEthersSigner> {
  await network.provider.request({ method: "hardhat_impersonateAccount", params: [address] });
  await network.provider.request({ method: "hardhat_setBalance", params: [address, "0x56BC75E2D63100000"] });
  return ethers.getSigner(address);
}

/** Moves time to the start of the next epoch of `rm`. */
export async function toNextEpoch(rm: ResourceMarket): Promise<bigint> {
  const e = await rm.currentEpoch();
  const start = (await rm.genesis()) + e * (await rm.epochLength());
  await time.increaseTo(start);
  return e + 1n;
}

/** Moves time past the attestation deadline of cleared `epoch`. */
export async function toFinal(rm: ResourceMarket, epoch: bigint): Promise<void> {
  const d = (await rm.epochData(epoch)).attestDeadline;
  if (BigInt(await time.latest()) < d) await time.increaseTo(d);
}

/** Moves to the next epoch and clears it; returns the cleared epoch. */
export async function nextAndClear(rm: ResourceMarket): Promise<bigint> {
  const e = await toNextEpoch(rm);
  await rm.clear();
  return e;
}

/** Moves time to the end of `epoch` (attestations open). */
export async function toEnd(rm: ResourceMarket, epoch: bigint): Promise<void> {
  const end = (await rm.genesis()) + epoch * (await rm.epochLength());
  if (BigInt(await time.latest()) < end) await time.increaseTo(end);
}
