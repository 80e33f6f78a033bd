import { expect } from "chai";
import { ethers, network } from "hardhat";
import { Interface } from "ethers";
import { impersonate, latestBlock, mineAt, sendTx, setAutomine, setBalance, type RpcSender } from "../../src/sim/chain/rpc";
import { decodeRevert } from "../../src/sim/chain/revertDecoder";
import { EdrMiner, topLevelResult } from "../../src/sim/chain/edrTraces";
import { EDR_ALLOCATOR_ENV, shouldCompile, tuneEdrAllocator } from "../../src/sim/chain/hardhat";

const GWEI = 10n ** 9n;

describe("chain helpers on the in-process Hardhat network", () => {
  const p: RpcSender = network.provider;
  const a = "0x000000000000000000000000000000000000a11c";
  const b = "0x000000000000000000000000000000000000b0b0";
  const sink = "0x000000000000000000000000000000000000dead";

  after(async () => {
    await setAutomine(p, true);
  });

  it("mines pending transactions from impersonated accounts in one block at an explicit timestamp, ordered by tip", async () => {
    for (const x of [a, b]) {
      await impersonate(p, x);
      await setBalance(p, x, 10n ** 20n);
    }
    await setAutomine(p, false);
    const base = await latestBlock(p);
    const maxFee = base.baseFeePerGas * 2n + 100n * GWEI;
    // the low tip arrives first; the high tip must still be mined first
    const low = await sendTx(p, { from: a, to: sink, value: 1n, nonce: 0, gas: 21_000n, maxPriorityFeePerGas: 1n * GWEI, maxFeePerGas: maxFee });
    const high = await sendTx(p, { from: b, to: sink, value: 1n, nonce: 0, gas: 21_000n, maxPriorityFeePerGas: 5n * GWEI, maxFeePerGas: maxFee });
    const later = await sendTx(p, { from: b, to: sink, value: 1n, nonce: 1, gas: 21_000n, maxPriorityFeePerGas: 9n * GWEI, maxFeePerGas: maxFee });
    const ts = base.timestamp + 1000;
    await mineAt(p, ts);
    const blk = await latestBlock(p);
    expect(blk.number).to.equal(base.number + 1);
    expect(blk.timestamp).to.equal(ts);
    // b's nonce 0 (5 gwei) precedes its nonce 1 (9 gwei); a's 1 gwei comes last
    expect(blk.hashes).to.deep.equal([high, later, low]);
  });
});

describe("revert data from EDR's traces of evm_mine", () => {
  const p: RpcSender = network.provider;

  after(async () => {
    await setAutomine(p, true);
  });

  it("gives each reverted transaction's revert data exactly as debug_traceTransaction does, and success for the others", async () => {
    const [deployer] = await ethers.getSigners();
    // bound to an address that never calls it: every mint reverts (CipherTokenUnauthorized)
    const token = await (await ethers.getContractFactory("CipherToken")).deploy("T", "T", "0x000000000000000000000000000000000000dEaD");
    await token.waitForDeployment();
    const miner = EdrMiner.attach(p);
    expect(miner, "in-process EDR provider found").to.not.equal(undefined);
    const from = await deployer.getAddress();
    const to = await token.getAddress();
    let nonce = await ethers.provider.getTransactionCount(from);
    await setAutomine(p, false);
    const base = await latestBlock(p);
    const common = { from, to, gas: 200_000n, maxPriorityFeePerGas: GWEI, maxFeePerGas: base.baseFeePerGas * 2n + 10n * GWEI };
    const mint = token.interface.encodeFunctionData("mint", [from, 1n]); // not the market: reverts
    const approve = token.interface.encodeFunctionData("approve", [to, 5n]);
    await sendTx(p, { ...common, data: approve, nonce: nonce++ });
    await sendTx(p, { ...common, data: mint, nonce: nonce++ });
    await sendTx(p, { ...common, data: approve, nonce: nonce++ });
    const traces = await miner!.mine();
    const blk = await latestBlock(p);
    expect(blk.hashes.length).to.equal(3);
    expect(traces.length).to.equal(3);
    const r0 = traces.result(0)!;
    const r1 = traces.result(1)!;
    expect(r0.success).to.equal(true);
    expect(r1.success).to.equal(false);
    const traced = (await p.send("debug_traceTransaction", [blk.hashes[1], { disableStack: true, disableMemory: true, disableStorage: true }])) as { returnValue: string; failed: boolean };
    expect(traced.failed).to.equal(true);
    expect(r1.output.replace(/^0x/, "")).to.equal(traced.returnValue.replace(/^0x/, ""));
    expect(decodeRevert(r1.output, [token.interface])).to.equal("CipherTokenUnauthorized");
    expect(traces.result(2)!.success).to.equal(true);
    expect(traces.result(3)).to.equal(undefined);
    traces.release();
    expect(traces.length).to.equal(0);
  });

  it("reads the outermost call's result: the last message result of a trace", () => {
    const inner = { executionResult: { result: { gasUsed: 1n, output: Uint8Array.from([1, 2]) } } };
    const outerRevert = { executionResult: { result: { gasUsed: 2n, output: Uint8Array.from([0xde, 0xad]) } } };
    const step = { depth: 0, pc: 1n, opcode: "PUSH1", stack: [] };
    expect(topLevelResult([step, inner, step, outerRevert])).to.deep.equal({ success: false, output: "0xdead" });
    const ok = { executionResult: { result: { reason: 0, gasUsed: 1n, gasRefunded: 0n, logs: [], output: { returnValue: Uint8Array.from([7]) } } } };
    expect(topLevelResult([step, ok])).to.deep.equal({ success: true, output: "0x07" });
    expect(topLevelResult([step])).to.equal(undefined);
  });

  it("sets mimalloc's options for the native node unless the environment already sets them", () => {
    const mine: NodeJS.ProcessEnv = { MIMALLOC_ALLOW_LARGE_OS_PAGES: "1" };
    tuneEdrAllocator(mine);
    expect(mine.MIMALLOC_ALLOW_LARGE_OS_PAGES).to.equal("1");
    const empty: NodeJS.ProcessEnv = {};
    tuneEdrAllocator(empty);
    expect(empty).to.deep.equal(EDR_ALLOCATOR_ENV);
    expect(empty.MIMALLOC_ALLOW_LARGE_OS_PAGES).to.equal("0");
  });
});

describe("when the simulation compiles the contracts", () => {
  it("compiles when artifacts are missing, or when it loads Hardhat itself and nothing compiled for this run yet", () => {
    expect(shouldCompile({ missing: true, loadsHardhat: false, compiledThisRun: true })).to.equal(true);
    // simulate / bench / profile / a sweep parent: always (incremental), so artifacts are never stale
    expect(shouldCompile({ missing: false, loadsHardhat: true, compiledThisRun: false })).to.equal(true);
    // a sweep worker after its parent compiled, or the bench's second load
    expect(shouldCompile({ missing: false, loadsHardhat: true, compiledThisRun: true })).to.equal(false);
    // inside hardhat test / coverage / run: that task compiled (coverage's instrumented artifacts stay)
    expect(shouldCompile({ missing: false, loadsHardhat: false, compiledThisRun: false })).to.equal(false);
  });
});

describe("revert decoding", () => {
  const market = new Interface(["error SlippageExceeded(uint256 out, uint256 minOut)", "error TradingHalted(uint256 until)"]);
  const staking = new Interface(["error StakeLocked(uint256 unlockAt)"]);

  it("names custom errors from any of the given interfaces", () => {
    expect(decodeRevert(market.encodeErrorResult("SlippageExceeded", [1, 2]), [market, staking])).to.equal("SlippageExceeded");
    expect(decodeRevert(staking.encodeErrorResult("StakeLocked", [5]), [market, staking])).to.equal("StakeLocked");
  });

  it("decodes Error(string), Panic(uint256), empty and unknown revert data", () => {
    const std = new Interface(["error Error(string)", "error Panic(uint256)"]);
    expect(decodeRevert(std.encodeErrorResult("Error", ["nope"]), [])).to.equal("Error(nope)");
    expect(decodeRevert(std.encodeErrorResult("Panic", [0x11]), [])).to.equal("Panic(0x11)");
    expect(decodeRevert("0x", [])).to.equal("Reverted(no data)");
    expect(decodeRevert("0xdeadbeef", [market])).to.equal("UnknownError(0xdeadbeef)");
  });
});
