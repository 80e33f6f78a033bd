// User tasks on the deployed market and its revenue path (addresses from deployments/<network>.json):
//   npx hardhat cipher:buy --eth 2 [--from 1] [--slippage-bps 100]
//   npx hardhat cipher:distribute      # market.flushFees -> splitter.sync -> release to stakers/treasury
// Through the suite's typed client (src/client): quotes, slippage and deadline are the client's.
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** The typed client of the suite (src/client) on the deployment the task names, acting as `signer`. */
async function suiteClient(hre: HardhatRuntimeEnvironment, deployment: string | undefined, signer?: import("ethers").ContractRunner) {
  const { loadDeployment } = await import("./governance/lib");
  const { parseDeployment, CipherClient } = await import("../src/client");
  const d = await loadDeployment(hre, deployment);
  return new CipherClient(parseDeployment(d, deployment ?? "deployment").addresses, signer ?? hre.ethers.provider);
}

export async function buy(hre: HardhatRuntimeEnvironment, a: { eth: string; from?: string; slippageBps?: number; referrer?: string; deployment?: string }) {
  const { GovTaskError, signerFor } = await import("./governance/lib");
  const signer = await signerFor(hre, a.from);
  const client = await suiteClient(hre, a.deployment, signer);
  let reserveIn: bigint;
  try {
    reserveIn = hre.ethers.parseEther(a.eth);
  } catch {
    throw new GovTaskError(`--eth must be an amount of ETH such as 1.5, got "${a.eth}"`);
  }
  if (reserveIn <= 0n) throw new GovTaskError(`--eth must be positive`);
  if ((await client.market.reserveAsset()) !== hre.ethers.ZeroAddress) throw new GovTaskError("this market's reserve is an ERC20; cipher:buy handles ETH markets");
  const before = await client.token.balanceOf(signer.address);
  const tx = await client.buy(reserveIn, { slippageBps: a.slippageBps ?? 100, referrer: a.referrer, deadlineSeconds: 3600 });
  await tx.wait();
  const got = (await client.token.balanceOf(signer.address)) - before;
  console.log(`${signer.address} bought ${hre.ethers.formatEther(got)} CPH for ${a.eth} ETH`);
  return got;
}

/** Moves accrued fees to their destinations: flushFees, then release of every non-burn bucket that has something. */
export async function distribute(hre: HardhatRuntimeEnvironment, a: { from?: string; deployment?: string }) {
  const { signerFor } = await import("./governance/lib");
  const signer = await signerFor(hre, a.from);
  const { market, splitter } = await suiteClient(hre, a.deployment, signer);
  const asset = await market.reserveAsset();
  const released: bigint[] = [0n, 0n, 0n, 0n];
  if ((await market.protocolFees()) > 0n) {
    await (await market.flushFees()).wait();
  }
  await (await splitter.sync(asset)).wait();
  for (let bucket = 0; bucket < 4; bucket++) {
    const claimable = await splitter.claimable(bucket, asset);
    if (claimable === 0n) continue;
    await (await splitter.release(bucket, asset)).wait();
    released[bucket] = claimable;
  }
  const names = ["stakers", "welfare", "solidarity", "development"];
  console.log(`released ${released.map((x, i) => `${names[i]} ${hre.ethers.formatEther(x)}`).join(", ")} (asset ${asset === hre.ethers.ZeroAddress ? "ETH" : asset})`);
  return released;
}

task("cipher:buy", "Buy Cipher tokens on the deployed market with ETH")
  .addParam("eth", "ETH to spend (e.g. 1.5), fee included")
  .addOptionalParam("from", "Account index or address", "0")
  .addOptionalParam("slippageBps", "Accepted shortfall against the quote, in bps", 100, types.int)
  .addOptionalParam("referrer", "Referrer address (earns a share of the fee)")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .setAction(async (a, hre) => buy(hre, a));

task("cipher:distribute", "Flush the market's fees to the revenue splitter and release every bucket to stakers and the treasury funds")
  .addOptionalParam("from", "Account index or address", "0")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .setAction(async (a, hre) => distribute(hre, a));
