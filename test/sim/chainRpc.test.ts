import { expect } from "chai";
import { network } from "hardhat";
import { Interface } from "ethers";
import { impersonate, latestBlock, mineAt, sendTx, setAutomine, setBalance, type RpcSender } from "../../src/sim/chain/rpc";
import { decodeRevert } from "../../src/sim/chain/revertDecoder";

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
