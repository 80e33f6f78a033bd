// User task on the deployed staking contract (addresses from deployments/<network>.json):
//   npx hardhat cipher:stake --amount all|<CPH> [--tier 0] [--from 1]
// Staked tokens carry votes (the staking contract is the DAO's votes source); the first stake
// self-delegates. Votes count from the block after the stake: stake before a proposal is made.
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

export async function stake(hre: HardhatRuntimeEnvironment, a: { amount: string; tier?: number; from?: string; deployment?: string }) {
  const { loadDeployment, GovTaskError, signerFor } = await import("./governance/lib");
  const { parseDeployment, CipherClient } = await import("../src/client");
  const d = await loadDeployment(hre, a.deployment);
  const signer = await signerFor(hre, a.from);
  const client = new CipherClient(parseDeployment(d, a.deployment ?? "deployment").addresses, signer);
  const { token, staking } = client;
  const balance = await token.balanceOf(signer.address);
  let amount: bigint;
  if (a.amount === "all") amount = balance;
  else {
    try {
      amount = hre.ethers.parseEther(a.amount);
    } catch {
      throw new GovTaskError(`--amount must be "all" or a number of CPH such as 100.5, got "${a.amount}"`);
    }
  }
  if (amount <= 0n) throw new GovTaskError(`nothing to stake: ${signer.address} holds ${hre.ethers.formatEther(balance)} CPH (buy first: npx hardhat cipher:buy --eth 1)`);
  if (amount > balance) throw new GovTaskError(`${signer.address} holds ${hre.ethers.formatEther(balance)} CPH, cannot stake ${hre.ethers.formatEther(amount)}`);
  const tier = BigInt(a.tier ?? 0);
  const tiers = await staking.tierCount();
  if (tier >= tiers) throw new GovTaskError(`--tier must be below ${tiers}, got ${tier}`);
  await (await client.approveStaking(amount)).wait();
  const tx = await client.stake(amount, Number(tier));
  const receipt = await tx.wait();
  const votes = await staking.getVotes(signer.address);
  console.log(`${signer.address} staked ${hre.ethers.formatEther(amount)} CPH in tier ${tier} (block ${receipt!.blockNumber}); votes now ${hre.ethers.formatEther(votes)}`);
  return amount;
}

task("cipher:stake", "Stake Cipher tokens (approve + stake); staked tokens carry DAO votes")
  .addParam("amount", 'CPH to stake, or "all"')
  .addOptionalParam("tier", "Lock tier index (0 = no lock)", 0, types.int)
  .addOptionalParam("from", "Account index or address", "0")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .setAction(async (a, hre) => stake(hre, a));
