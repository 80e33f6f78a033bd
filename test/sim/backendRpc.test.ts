// The hot path against anvil (the default backend, over its IPC socket and over HTTP) and in-process: a block's transactions sent in
// one JSON-RPC batch, mined at an explicit timestamp, read back in one batch; and every custom
// error of the suite named right from the block's own traces (trace_block on anvil, EDR's traces
// in-process).
import { expect } from "chai";
import { network } from "hardhat";
import { AbiCoder, id } from "ethers";
import { AnvilProcess, findAnvil } from "../../src/sim/chain/node/anvilProcess";
import { HttpRpc } from "../../src/sim/chain/node/httpRpc";
import { IpcRpc } from "../../src/sim/chain/node/ipcRpc";
import { sequentialBatch, valueOf, type BatchRpc } from "../../src/sim/chain/node/batch";
import { spawnedAnvilArgs } from "../../src/sim/chain/node/backend";
import { BlockMiner } from "../../src/sim/chain/blockMiner";
import { EdrMiner } from "../../src/sim/chain/edrTraces";
import { ALL_INTERFACES } from "../../src/sim/chain/encode";
import type { Pending } from "../../src/sim/chain/pending";
import { ChainBooks } from "../../src/sim/chain/books";
import { hexQuantity } from "../../src/sim/chain/rpc";
import { pacedProvider, type Eip1193Provider } from "../../src/sim/chain/pacedProvider";

/** Runtime code that reverts with its calldata as revert data. */
const REVERTER_CODE = "0x366000600037366000fd"; // CALLDATACOPY(0, 0, CALLDATASIZE); REVERT(0, CALLDATASIZE)
const REVERTER = "0x00000000000000000000000000000000000be7e1";
const GWEI = 10n ** 9n;
/**
 * Runtime code: without calldata it sets a storage slot and clears it again (a refund) and emits
 * LOG1(topic 0x2a); with calldata it reverts with the calldata.
 */
const EMITTER_CODE = "0x36601657600160005560006000556" + "02a60006000a1005b366000600037366000fd";
const EMITTER = "0x00000000000000000000000000000000000e3171";

/** The agents' gas a ChainBooks counted (its only public view of it is read(), which needs a lens). */
function gasOf(b: ChainBooks): bigint {
  return (b as unknown as { agentGas: bigint }).agentGas;
}

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
    expect((o.gasUsed ?? 0n) > 21_000n).to.equal(true);
  });
  await rpc.send("evm_setAutomine", [true]);
}

/**
 * Deployment-style sends (automine on) through pacedProvider with pauses of 1.3 s and 2.3 s between
 * them (a slow deployment): each transaction in a block of its own at floor, floor + 1, floor + 2
 * seconds. Without pacing anvil stamps blocks from its clock (the same second several times, then a
 * jump) and the in-process network max(prev + 1, clock), so the pauses would show in the times.
 */
async function pacedTimes(node: Eip1193Provider, dialect: "anvil" | "hardhat"): Promise<void> {
  const sender = "0x0000000000000000000000000000000000bace01";
  await node.request({ method: `${dialect}_impersonateAccount`, params: [sender] });
  await node.request({ method: `${dialect}_setBalance`, params: [sender, "0x" + (10n ** 21n).toString(16)] });
  await node.request({ method: "evm_setAutomine", params: [true] });
  const head = (await node.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { number: string; timestamp: string };
  const floor = Number(BigInt(head.timestamp)) + 1_000;
  const paced = pacedProvider(node, floor);
  const tx = { from: sender, to: "0x000000000000000000000000000000000000dEaD", value: "0x1", gas: "0x5208", maxFeePerGas: hexQuantity(100n * GWEI), maxPriorityFeePerGas: "0x0" };
  const hashes: unknown[] = [await paced.request({ method: "eth_sendTransaction", params: [tx] })];
  await new Promise((r) => setTimeout(r, 1_300));
  hashes.push(await paced.request({ method: "eth_sendTransaction", params: [tx] }));
  await new Promise((r) => setTimeout(r, 2_300));
  // two at once: still one block each, in the order asked
  hashes.push(...(await Promise.all([paced.request({ method: "eth_sendTransaction", params: [tx] }), paced.request({ method: "eth_sendTransaction", params: [tx] })])));
  const blocks: { number: string; timestamp: string; transactions: string[] }[] = [];
  for (const h of hashes) {
    const r = (await node.request({ method: "eth_getTransactionReceipt", params: [h] })) as { blockNumber: string };
    blocks.push((await node.request({ method: "eth_getBlockByNumber", params: [r.blockNumber, false] })) as { number: string; timestamp: string; transactions: string[] });
  }
  const first = Number(BigInt(head.number)) + 1;
  expect(blocks.map((b) => Number(BigInt(b.number)))).to.deep.equal([first, first + 1, first + 2, first + 3]);
  expect(blocks.map((b) => Number(BigInt(b.timestamp)))).to.deep.equal([floor, floor + 1, floor + 2, floor + 3]);
  expect(blocks.map((b) => b.transactions)).to.deep.equal(hashes.map((h) => [h]));
  // later than the floor: the head's time + 1
  const late = pacedProvider(node, floor - 500);
  const h5 = await late.request({ method: "eth_sendTransaction", params: [tx] });
  const r5 = (await node.request({ method: "eth_getTransactionReceipt", params: [h5] })) as { blockNumber: string };
  const b5 = (await node.request({ method: "eth_getBlockByNumber", params: [r5.blockNumber, false] })) as { timestamp: string };
  expect(Number(BigInt(b5.timestamp))).to.equal(floor + 4);
}

for (const transport of ["ipc", "http"] as const) {
  describe(`backend: batched send, mine and read on anvil over ${transport} @no-coverage`, function () {
    this.timeout(120_000);
    let node: AnvilProcess | undefined;
    let rpc: HttpRpc | IpcRpc;

    before(async function () {
      const bin = findAnvil();
      if (bin === undefined) this.skip();
      node = await AnvilProcess.start(bin as string, { hardfork: "osaka", extraArgs: spawnedAnvilArgs(), ipc: transport === "ipc" });
      rpc = transport === "ipc" ? await IpcRpc.connect(node.ipcPath as string) : new HttpRpc(node.url);
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

    it("a deployment's sends (pacedProvider): one block each, one second apart, whatever the pauses", async () => {
      await pacedTimes({ request: (a) => rpc.send(a.method, (a.params ?? []) as unknown[]) }, "anvil");
    });

    it("names every custom error of the suite from trace_block", async () => {
      // (the probe's sender is picked for receipts: namesEveryError checks each one's gasUsed)
      const miner = new BlockMiner(rpc, undefined, () => true);
      await namesEveryError(rpc, miner, "anvil");
      expect(miner.reverts.method).to.equal("trace_block");
    });

    it("reads a block without receipts: statuses, logs and the agents' gas equal the block's receipts (reverts, refunds, mixed tips)", async () => {
      const agents = ["0x00000000000000000000000000000000000a9e01", "0x00000000000000000000000000000000000a9e02", "0x00000000000000000000000000000000000a9e03"];
      const keeper = "0x0000000000000000000000000000000000006b01";
      await rpc.send("anvil_setCode", [EMITTER, EMITTER_CODE]);
      for (const f of [...agents, keeper]) {
        await rpc.send("anvil_impersonateAccount", [f]);
        await rpc.send("anvil_setBalance", [f, "0x56bc75e2d63100000"]);
      }
      await rpc.send("evm_setAutomine", [false]);
      const miner = new BlockMiner(rpc, undefined, (from) => from.toLowerCase() === keeper);
      await miner.refresh();
      const nonces = new Map<string, number>();
      for (const f of [...agents, keeper]) nonces.set(f, Number(BigInt((await rpc.send("eth_getTransactionCount", [f, "latest"])) as string)));
      const tx = (from: string, revert: boolean, tip: bigint): Pending => {
        const nonce = nonces.get(from) as number;
        nonces.set(from, nonce + 1);
        return { from, nonce, action: undefined, ...(from === keeper ? { system: "keeper" } : {}), call: { to: EMITTER, data: revert ? "0xdeadbeef" : "0x", value: 0n }, gas: 100_000n, tip };
      };
      const pool = [tx(agents[0], false, 3n * GWEI), tx(agents[1], true, GWEI), tx(keeper, false, 2n * GWEI), tx(agents[2], false, 0n), tx(agents[0], true, 5n * GWEI), tx(keeper, true, 0n), tx(agents[1], false, 7n)];
      const head = (await rpc.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
      const r = await miner.mine(pool, Number(BigInt(head.timestamp)) + 12);
      await rpc.send("evm_setAutomine", [true]);
      expect(miner.leanStats).to.deep.equal({ lean: 1, fallback: 0 });
      expect(typeof r.blockGasWei).to.equal("bigint");

      const receipts = valueOf<{ from: string; status: string; gasUsed: string; effectiveGasPrice: string; logs: { address: string; topics: string[]; data: string }[] }[]>(
        (await rpc.batch([{ method: "eth_getBlockReceipts", params: [hexQuantity(r.number)] }]))[0],
      );
      expect(receipts.length).to.equal(pool.length);
      // statuses (4 of 7 succeed) and logs, from the trace and eth_getLogs, as in the receipts
      const byIndex = [...r.outcomes].sort((x, y) => x.index - y.index);
      expect(byIndex.map((o) => o.ok)).to.deep.equal(receipts.map((rc) => rc.status === "0x1"));
      expect(byIndex.filter((o) => o.ok).length).to.equal(4);
      expect(byIndex.filter((o) => !o.ok).map((o) => typeof o.error)).to.deep.equal(["string", "string", "string"]);
      const expectLogs = receipts.flatMap((rc) => rc.logs.map((l) => [l.address.toLowerCase(), l.topics, l.data]));
      expect(r.logs.map((l) => [l.address.toLowerCase(), l.topics, l.data])).to.deep.equal(expectLogs);
      expect(expectLogs.length).to.equal(4);
      // only the keeper's receipts were read; the agents' gas is the block's total less the keeper's
      expect(r.receipts.map((rc) => (rc.from ?? "").toLowerCase())).to.deep.equal([keeper, keeper]);
      const paid = (rc: { gasUsed: string; effectiveGasPrice?: string }) => BigInt(rc.gasUsed) * BigInt(rc.effectiveGasPrice as string);
      const agentsPaid = receipts.filter((rc) => rc.from.toLowerCase() !== keeper).reduce((t, rc) => t + paid(rc), 0n);
      const books = new ChainBooks();
      books.setAgents(agents);
      books.onBlockGas(r.blockGasWei as bigint, r.receipts);
      const byReceipts = new ChainBooks();
      byReceipts.setAgents(agents);
      for (const rc of receipts) byReceipts.onReceipt(rc);
      expect(agentsPaid > 0n).to.equal(true);
      expect(gasOf(books)).to.equal(agentsPaid);
      expect(gasOf(byReceipts)).to.equal(agentsPaid);
      // the tips differ and the refunds (storage set then cleared) are in the receipts' gasUsed
      expect(new Set(receipts.map((rc) => rc.effectiveGasPrice)).size).to.be.greaterThan(2);
    });
  });
}

describe("backend: revert naming and paced deployment sends in-process (EDR)", function () {
  this.timeout(120_000);
  it("names every custom error of the suite from EDR's traces of evm_mine", async () => {
    const rpc = sequentialBatch(network.provider);
    await rpc.send("eth_chainId", []);
    const edr = EdrMiner.attach(network.provider);
    expect(edr).to.not.equal(undefined);
    await namesEveryError(rpc, new BlockMiner(rpc, edr), "hardhat");
  });

  it("a deployment's sends (pacedProvider): one block each, one second apart, whatever the pauses", async () => {
    await pacedTimes(network.provider, "hardhat");
  });
});
