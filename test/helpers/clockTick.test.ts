import { expect } from "chai";
import { ethers, network } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import { installClockTick, type RequestProvider } from "./clockTick";

// The clock-tick mode that `npm test` re-runs the contract suites in (tools/run-tests.js).
describe("clock-tick mode (test/helpers/clockTick.ts)", function () {
  /** Timestamp (seconds) of the block that mined transaction `hash`. */
  async function minedAt(hash: string): Promise<number> {
    const receipt = await ethers.provider.getTransactionReceipt(hash);
    return (await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp;
  }

  async function send(p: RequestProvider, from: string): Promise<number> {
    return minedAt((await p.request({ method: "eth_sendTransaction", params: [{ from, to: from, value: "0x1" }] })) as string);
  }

  it("ticks transactions sent through hardhat-ethers' legacy send as well", async function () {
    const [a] = await ethers.getSigners();
    const inner = network.provider as unknown as RequestProvider;
    const p: RequestProvider = { request: inner.request.bind(inner), send: inner.send!.bind(inner) };
    installClockTick(p, 7);
    const hash1 = (await p.send!("eth_sendTransaction", [{ from: a.address, to: a.address, value: "0x1" }])) as string;
    const hash2 = (await p.send!("eth_sendTransaction", [{ from: a.address, to: a.address, value: "0x1" }])) as string;
    // one tick, not two (the wall clock may add a second)
    expect((await minedAt(hash2)) - (await minedAt(hash1))).to.be.within(7, 8);
  });

  it("mines each transaction at least N seconds after the one before, and honours a pinned timestamp", async function () {
    const [a] = await ethers.getSigners();
    const p: RequestProvider = { request: network.provider.request.bind(network.provider) };
    installClockTick(p, 7);
    const t1 = await send(p, a.address);
    const t2 = await send(p, a.address);
    expect(t2 - t1).to.be.within(7, 8); // one tick, not two (the wall clock may add a second)
    // pinned to the latest second: no tick added
    await p.request({ method: "evm_setNextBlockTimestamp", params: [t2] });
    expect(await send(p, a.address)).to.equal(t2);
    // the pin holds for one block only
    expect((await send(p, a.address)) - t2).to.be.greaterThanOrEqual(7);
    // a mined block clears a pin
    await p.request({ method: "evm_setNextBlockTimestamp", params: [(await time.latest()) + 100] });
    await p.request({ method: "evm_mine", params: [] });
    const t5 = await time.latest();
    expect((await send(p, a.address)) - t5).to.be.greaterThanOrEqual(7);
  });

  it("ticks the transaction after a pin the node refused (a timestamp in the past)", async function () {
    const [a] = await ethers.getSigners();
    const p: RequestProvider = { request: network.provider.request.bind(network.provider) };
    installClockTick(p, 7);
    const t1 = await send(p, a.address);
    await expect(p.request({ method: "evm_setNextBlockTimestamp", params: [t1 - 100] })).to.be.rejected;
    expect((await send(p, a.address)) - t1).to.be.within(7, 8);
  });

  it("ticks the transaction after a snapshot revert that dropped a pin (loadFixture's pattern)", async function () {
    const [a] = await ethers.getSigners();
    const p: RequestProvider = { request: network.provider.request.bind(network.provider) };
    installClockTick(p, 7);
    const t1 = await send(p, a.address);
    const id = await p.request({ method: "evm_snapshot", params: [] });
    await p.request({ method: "evm_setNextBlockTimestamp", params: [t1] });
    await p.request({ method: "evm_revert", params: [id] });
    expect((await send(p, a.address)) - t1).to.be.within(7, 8);
  });
});
