// The hot path against anvil (the default backend) and in-process: a block's transactions sent in
// one JSON-RPC batch, mined at an explicit timestamp, read back in one batch; and every custom
// error of the suite named right from the block's own traces (trace_block on anvil, EDR's traces
// in-process).
import { expect } from "chai";
import { network } from "hardhat";
import { AbiCoder, id } from "ethers";
import { AnvilProcess, findAnvil } from "../../src/sim/chain/node/anvilProcess";
import { HttpRpc } from "../../src/sim/chain/node/httpRpc";
import { sequentialBatch, valueOf, type BatchRpc } from "../../src/sim/chain/node/batch";
import { spawnedAnvilArgs } from "../../src/sim/chain/node/backend";
import { BlockMiner } from "../../src/sim/chain/blockMiner";
import { EdrMiner } from "../../src/sim/chain/edrTraces";
import { ALL_INTERFACES } from "../../src/sim/chain/encode";
import type { Pending } from "../../src/sim/chain/pending";

/** Runtime code that reverts with its calldata as revert data. */
const REVERTER_CODE = "0x366000600037366000fd"; // CALLDATACOPY(0, 0, CALLDATASIZE); REVERT(0, CALLDATASIZE)
const REVERTER = "0x00000000000000000000000000000000000be7e1";
const GWEI = 10n ** 9n;

/** Every custom error of the suite's interfaces (by selector), plus Error(string) and Panic(uint256). */
function suiteErrors(): { data: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const iface of ALL_INTERFACES) iface.forEachError((e) => { if (!seen.has(e.selector)) seen.set(e.selector, e.name); });
  const out = [...seen.entries()].map(([sel, name]) => ({ data: sel, name }));
  out.push({ data: id("Error(string)").slice(0, 10) + AbiCoder.defaultAbiCoder().encode(["string"], ["nope"]).slice(2), name: "Error(nope)" });
  out.push({ data: id("Panic(uint256)").slice(0, 10) + AbiCoder.defaultAbiCoder().encode(["uint256"], [0x11]).slice(2), name: "Panic(0x11)" });
  return out;
}

async function namesEveryError(rpc: BatchRpc, miner: BlockMiner, dialect: "anvil" | "hardhat"): Promise<void> {
  const errors = suiteErrors();
  expect(errors.length).to.be.greaterThan(40);
  const sender = "0x0000000000000000000000000000000000a11ce5";
  await rpc.send(`${dialect}_setCode`, [REVERTER, REVERTER_CODE]);
  await rpc.send(`${dialect}_impersonateAccount`, [sender]);
  await rpc.send(`${dialect}_setBalance`, [sender, "0x" + (10n ** 21n).toString(16)]);
  await rpc.send("evm_setAutomine", [false]);
  const nonce = Number(BigInt((await rpc.send("eth_getTransactionCount", [sender, "latest"])) as string));
  await miner.refresh();
  const pool: Pending[] = errors.map((e, i) => ({ from: sender, nonce: nonce + i, action: undefined, system: "probe", call: { to: REVERTER, data: e.data, value: 0n }, gas: 100_000n, tip: GWEI }));
  const head = (await rpc.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  const r = await miner.mine(pool, Number(BigInt(head.timestamp)) + 10);
  expect(r.outcomes.length).to.equal(errors.length);
  r.outcomes.forEach((o, i) => {
    expect(o.ok).to.equal(false);
    expect(o.index).to.equal(i);
    expect(o.error, errors[i].data.slice(0, 10)).to.equal(errors[i].name);
    expect(o.gasUsed > 21_000n).to.equal(true);
  });
  await rpc.send("evm_setAutomine", [true]);
}

describe("backend: batched send, mine and read on anvil @no-coverage", function () {
  this.timeout(120_000);
  let node: AnvilProcess | undefined;
  let rpc: HttpRpc;

  before(async function () {
    const bin = findAnvil();
    if (bin === undefined) this.skip();
    node = await AnvilProcess.start(bin as string, { hardfork: "osaka", extraArgs: spawnedAnvilArgs() });
    rpc = new HttpRpc(node.url);
  });

  after(async () => {
    rpc?.close();
    await node?.stop();
  });

  it("mines one batch of sends in send order (equal tips), at the given timestamp, and reads block, receipts and traces in one batch", async () => {
    const from = ["0x00000000000000000000000000000000000000a1", "0x00000000000000000000000000000000000000a2", "0x00000000000000000000000000000000000000a3"];
    for (const f of from) {
      await rpc.send("anvil_impersonateAccount", [f]);
      await rpc.send("anvil_setBalance", [f, "0x56bc75e2d63100000"]);
    }
    await rpc.send("evm_setAutomine", [false]);
    const order = [2, 0, 1];
    const sent = await rpc.batch(order.map((k) => ({ method: "eth_sendTransaction", params: [{ from: from[k], to: "0x000000000000000000000000000000000000dEaD", value: "0x1", gas: "0x5208", nonce: "0x0", maxPriorityFeePerGas: "0x3b9aca00", maxFeePerGas: "0x77359400" }] })));
    const hashes = sent.map((r) => valueOf<string>(r));
    await rpc.send("evm_mine", [2_000_000_000]);
    const [blk, receipts, traces] = await rpc.batch([
      { method: "eth_getBlockByNumber", params: ["latest", false] },
      { method: "eth_getBlockReceipts", params: ["latest"] },
      { method: "trace_block", params: ["latest"] },
    ]);
    const b = valueOf<{ timestamp: string; transactions: string[] }>(blk);
    expect(Number(BigInt(b.timestamp))).to.equal(2_000_000_000);
    expect(b.transactions).to.deep.equal(hashes);
    expect(valueOf<{ status: string; gasUsed: string }[]>(receipts).map((r) => [r.status, BigInt(r.gasUsed)])).to.deep.equal([["0x1", 21_000n], ["0x1", 21_000n], ["0x1", 21_000n]]);
    expect(valueOf<unknown[]>(traces).length).to.equal(3);
    await rpc.send("evm_setAutomine", [true]);
  });

  it("a failed call in a batch fails alone", async () => {
    const got = await rpc.batch([{ method: "eth_chainId", params: [] }, { method: "no_suchMethod", params: [] }, { method: "eth_chainId", params: [] }]);
    expect(got.map((r) => r.ok)).to.deep.equal([true, false, true]);
  });

  it("names every custom error of the suite from trace_block", async () => {
    const miner = new BlockMiner(rpc, undefined);
    await namesEveryError(rpc, miner, "anvil");
    expect(miner.reverts.method).to.equal("trace_block");
  });
});

describe("backend: revert naming in-process (EDR traces)", function () {
  this.timeout(120_000);
  it("names every custom error of the suite from EDR's traces of evm_mine", async () => {
    const rpc = sequentialBatch(network.provider);
    await rpc.send("eth_chainId", []);
    const edr = EdrMiner.attach(network.provider);
    expect(edr).to.not.equal(undefined);
    await namesEveryError(rpc, new BlockMiner(rpc, edr), "hardhat");
  });
});
