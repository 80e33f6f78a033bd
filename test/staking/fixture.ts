import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { CipherStaking, ContributionOracle, MockStakingToken, MockTreasury, Slashing } from "../../typechain-types";

export const DAY = 24n * 3600n;
export const E18 = 10n ** 18n;
export const PRECISION = 10n ** 27n;
export const BPS = 10_000n;
export const STAKERS = 0;
export const SOLIDARITY = 2;
export const ETH = ethers.ZeroAddress;
export const EVIDENCE = ethers.id("evidence");
export const TIERS: [bigint, bigint][] = [
  [0n, 10_000n],
  [30n * DAY, 12_500n],
  [90n * DAY, 15_000n],
  [180n * DAY, 20_000n],
  [365n * DAY, 30_000n],
];

/** Deploys the staking suite exactly as production wires it (modules first, one-shot setters). */
export async function deploySuite() {
  const [deployer, admin, guardian, slasher, governor, o1, o2, o3, alice, bob, carol, dave, eve, ...rest] =
    await ethers.getSigners();
  const Token = await ethers.getContractFactory("MockStakingToken");
  const token = (await Token.deploy("Cipher", "CPH")) as unknown as MockStakingToken;
  const reward = (await Token.deploy("Reward", "RWD")) as unknown as MockStakingToken;
  const treasury = (await (await ethers.getContractFactory("MockTreasury")).deploy()) as unknown as MockTreasury;
  const slashing = (await (
    await ethers.getContractFactory("Slashing")
  ).deploy(admin.address, await token.getAddress(), await treasury.getAddress())) as unknown as Slashing;
  const oracle = (await (
    await ethers.getContractFactory("ContributionOracle")
  ).deploy(admin.address)) as unknown as ContributionOracle;
  const lib = await (await ethers.getContractFactory("StakingLib")).deploy();
  const Staking = await ethers.getContractFactory("CipherStaking", {
    libraries: { StakingLib: await lib.getAddress() },
  });
  const staking = (await Staking.deploy(
    admin.address,
    await token.getAddress(),
    await slashing.getAddress(),
    await oracle.getAddress(),
  )) as unknown as CipherStaking;
  const stakingAddr = await staking.getAddress();
  await slashing.setStaking(stakingAddr);
  await oracle.setStaking(stakingAddr);

  await staking.connect(admin).grantRole(await staking.GUARDIAN_ROLE(), guardian.address);
  await staking.connect(admin).setGovernor(governor.address);
  await staking.connect(admin).addRewardAsset(await reward.getAddress());
  await slashing.connect(admin).grantRole(await slashing.SLASHER_ROLE(), slasher.address);
  const ORACLE_ROLE = await oracle.ORACLE_ROLE();
  for (const o of [o1, o2, o3]) await oracle.connect(admin).grantRole(ORACLE_ROLE, o.address);

  for (const u of [alice, bob, carol, dave, eve, admin]) {
    await token.mint(u.address, 1_000_000n * E18);
    await token.connect(u).approve(stakingAddr, ethers.MaxUint256);
    await reward.mint(u.address, 1_000_000n * E18);
    await reward.connect(u).approve(stakingAddr, ethers.MaxUint256);
  }
  return {
    deployer, admin, guardian, slasher, governor, o1, o2, o3, alice, bob, carol, dave, eve, rest,
    token, reward, treasury, slashing, oracle, staking, lib, Staking,
  };
}

export type Suite = Awaited<ReturnType<typeof deploySuite>>;

/** Sends `amount` wei of ETH revenue to the stakers' bucket from `from`. */
export async function payEth(s: Suite, amount: bigint, from = s.admin) {
  return s.staking.connect(from).receiveRevenue(ETH, amount, STAKERS, { value: amount });
}

/** Sends `amount` of the reward ERC20 to the stakers' bucket from `from` (approved in the fixture). */
export async function payToken(s: Suite, amount: bigint, from = s.admin) {
  return s.staking.connect(from).receiveRevenue(await s.reward.getAddress(), amount, STAKERS);
}

export async function now(): Promise<bigint> {
  return BigInt(await time.latest());
}

/** Effective boost (bps) with linear decay, computed independently of the contract. */
export function decayedBoost(boostAtRenewal: bigint, renewedAt: bigint, t: bigint, decayPeriod: bigint): bigint {
  const elapsed = t - renewedAt;
  if (boostAtRenewal === 0n || elapsed >= decayPeriod) return 0n;
  return (boostAtRenewal * (decayPeriod - elapsed)) / decayPeriod;
}
