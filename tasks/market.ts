// User tasks on the deployed market and its revenue path (addresses from deployments/<network>.json):
//   npx hardhat cipher:buy --eth 2 [--from 1] [--slippage-bps 100]
//   npx hardhat cipher:distribute      # market.flushFees -> splitter.sync -> release to stakers/treasury
import { task, types } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

async function suiteContracts(hre: HardhatRuntimeEnvironment, deployment?: string) {
  const { loadDeployment, entry } = await import("./governance/lib");
  const d = await loadDeployment(hre, deployment);
  const at = (artifact: string, name: string) => hre.ethers.getContractAt(artifact, entry(d, name).address);
  return {
    market: await at("BondingCurveMarket", "BondingCurveMarket"),
    splitter: await at("RevenueSplitter", "RevenueSplitter"),
    token: await at("CipherToken", "CipherToken"),
  };
}

export async function buy(hre: HardhatRuntimeEnvironment, a: { eth: string; from?: string; slippageBps?: number; referrer?: string; deployment?: string }) {
  const { GovTaskError, signerFor } = await import("./governance/lib");
  const { market, token } = await suiteContracts(hre, a.deployment);
  const signer = await signerFor(hre, a.from);
  let reserveIn: bigint;
  try {
    reserveIn = hre.ethers.parseEther(a.eth);
  } catch {
    throw new GovTaskError(`--eth must be an amount of ETH such as 1.5, got "${a.eth}"`);
  }
  if (reserveIn <= 0n) throw new GovTaskError(`--eth must be positive`);
  if ((await market.reserveAsset()) !== hre.ethers.ZeroAddress) throw new GovTaskError("this market's reserve is an ERC20; cipher:buy handles ETH markets");
  const [quoted] = (await market.quoteBuy(reserveIn)) as [bigint, bigint];
  const minOut = (quoted * BigInt(10_000 - (a.slippageBps ?? 100))) / 10_000n;
  const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
  const before = (await token.balanceOf(signer.address)) as bigint;
  const m = market.connect(signer) as typeof market;
  const tx = await m.buy(reserveIn, minOut, a.referrer ?? hre.ethers.ZeroAddress, now + 3600n, { value: reserveIn });
  await tx.wait();
  const got = ((await token.balanceOf(signer.address)) as bigint) - before;
  console.log(`${signer.address} bought ${hre.ethers.formatEther(got)} CPH for ${a.eth} ETH`);
  return got;
}

/** Moves accrued fees to their destinations: flushFees, then release of every non-burn bucket that has something. */
export async function distribute(hre: HardhatRuntimeEnvironment, a: { from?: string; deployment?: string }) {
  const { signerFor } = await import("./governance/lib");
  const { market, splitter } = await suiteContracts(hre, a.deployment);
  const signer = await signerFor(hre, a.from);
  const asset = (await market.reserveAsset()) as string;
  const released: bigint[] = [0n, 0n, 0n, 0n];
  if (((await market.protocolFees()) as bigint) > 0n) {
    await (await (market.connect(signer) as typeof market).flushFees()).wait();
  }
  await (await (splitter.connect(signer) as typeof splitter).sync(asset)).wait();
  for (let bucket = 0; bucket < 4; bucket++) {
    const claimable = (await splitter.claimable(bucket, asset)) as bigint;
    if (claimable === 0n) continue;
    await (await (splitter.connect(signer) as typeof splitter).release(bucket, asset)).wait();
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
