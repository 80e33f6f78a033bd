// Probe: what does one market buy cost on a node, sent one per automined block versus many in one
// block (automine off, then evm_mine)? Run on the in-process network and on anvil:
//   N=400 npx hardhat run scripts/probe-mempool.ts
//   npx anvil --port 18999 & ANVIL_URL=http://127.0.0.1:18999 N=400 npx hardhat run --network anvil scripts/probe-mempool.ts
// Measured here: in-process, a send WITHOUT nonce and fees costs ~0.14 ms per transaction already
// pending (8.6 ms/tx at 50, 31 ms at 200, 54 ms at 400: the node works out the pending nonce and fee
// against the pending block each time); with an explicit nonce and fees, as the simulation sends,
// ~0.2 ms whatever the pool size (Nov 22). Anvil: 0.6 ms/tx at 400.
import hre from "hardhat";
import { loadConfig } from "../deploy/config";
import { deploySuite } from "../src/deploy/suite";
async function main() {
  const s = await deploySuite(hre, loadConfig("hardhat"));
  const p = hre.network.provider;
  const market = await s.market.getAddress();
  const N = Number(process.env.N ?? 200);
  const addrs: string[] = [];
  for (let i = 0; i < N; i++) {
    const a = "0x" + (0x1000 + i).toString(16).padStart(40, "0");
    addrs.push(a);
    await p.request({ method: "hardhat_setBalance", params: [a, "0x" + (10n ** 22n).toString(16)] });
    await p.request({ method: "hardhat_impersonateAccount", params: [a] });
  }
  const data = s.market.interface.encodeFunctionData("buy", [10n ** 16n, 0n, hre.ethers.ZeroAddress, 2n ** 40n]);
  const value = "0x" + (10n ** 16n).toString(16);
  // A: one per block, automine
  let t = Date.now();
  for (let i = 0; i < N; i++) await p.request({ method: "eth_sendTransaction", params: [{ from: addrs[i], to: market, data, value, gas: "0x30d40" }] });
  console.log("automine, 1 tx/block:", ((Date.now() - t) / N).toFixed(2), "ms/tx");
  await p.request({ method: "evm_setAutomine", params: [false] });
  for (const rounds of [1, 2]) {
    t = Date.now();
    for (let i = 0; i < N; i++) await p.request({ method: "eth_sendTransaction", params: [{ from: addrs[i], to: market, data, value, gas: "0x30d40", maxPriorityFeePerGas: "0x" + (1000 + i).toString(16) }] });
    const t1 = Date.now();
    await p.request({ method: "evm_mine", params: [] });
    const t2 = Date.now();
    console.log(`batched ${N} in one block: send ${((t1 - t) / N).toFixed(2)} ms/tx, mine ${((t2 - t1) / N).toFixed(2)} ms/tx`);
  }
  // as the simulation sends: explicit nonce, gas and fees
  const block = (await p.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { baseFeePerGas: string };
  const maxFee = "0x" + (BigInt(block.baseFeePerGas) * 2n + 10n ** 10n).toString(16);
  t = Date.now();
  for (let i = 0; i < N; i++) await p.request({ method: "eth_sendTransaction", params: [{ from: addrs[i], to: market, data, value, gas: "0x30d40", nonce: "0x3", maxFeePerGas: maxFee, maxPriorityFeePerGas: "0x" + (1000 + i).toString(16) }] });
  const t1 = Date.now();
  await p.request({ method: "evm_mine", params: [] });
  console.log(`explicit nonce and fees, ${N} in one block: send ${((t1 - t) / N).toFixed(2)} ms/tx, mine ${((Date.now() - t1) / N).toFixed(2)} ms/tx`);
}
main().catch((e) => { console.error(e); process.exit(1); });
