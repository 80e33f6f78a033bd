// The hot path's hand-written codecs give the same bytes and values as ethers' ABI coder, and the
// base fee the economy sets before deploying follows EIP-1559.
import { expect } from "chai";
import { AbiCoder, ZeroAddress } from "ethers";
import { IFACES, encodeBuy, encodeSell } from "../../src/sim/chain/encode";
import { uintArray, uintWord } from "../../src/sim/chain/lensCodec";
import { nextBaseFee } from "../../src/sim/chain/economy";

describe("backend: hand-written codecs and the base fee", () => {
  it("encodes buy and sell exactly as the ABI coder does", () => {
    const ref = "0x00000000000000000000000000000000000beef1";
    for (const [r, m, d] of [[1n, 0n, 1], [10n ** 18n, 123456789n, 1_900_000_000], [2n ** 256n - 1n, 2n ** 255n, 2 ** 40]] as const) {
      expect(encodeBuy(r, m, ref, d)).to.equal(IFACES.market.encodeFunctionData("buy", [r, m, ref, d]));
      expect(encodeBuy(r, m, ZeroAddress, d)).to.equal(IFACES.market.encodeFunctionData("buy", [r, m, ZeroAddress, d]));
      expect(encodeSell(r, m, d)).to.equal(IFACES.market.encodeFunctionData("sell", [r, m, d]));
    }
    expect(() => encodeBuy(-1n, 0n, ZeroAddress, 1)).to.throw(RangeError);
    expect(() => encodeSell(2n ** 256n, 0n, 1)).to.throw(RangeError);
  });

  it("decodes uint256[] and single words as the ABI coder does", () => {
    const c = AbiCoder.defaultAbiCoder();
    for (const v of [[], [0n], [1n, 2n ** 256n - 1n, 42n]]) expect(uintArray(c.encode(["uint256[]"], [v]))).to.deep.equal(v);
    expect(uintWord(c.encode(["uint8"], [7]))).to.equal(7n);
  });

  it("computes EIP-1559's next base fee (elasticity 2, max change 1/8)", () => {
    const g = 10n ** 9n;
    expect(nextBaseFee(g, 0n, 60_000_000n)).to.equal(875_000_000n); // empty block: -1/8
    expect(nextBaseFee(g, 30_000_000n, 60_000_000n)).to.equal(g); // at target: unchanged
    expect(nextBaseFee(g, 60_000_000n, 60_000_000n)).to.equal(1_125_000_000n); // full block: +1/8
    expect(nextBaseFee(7n, 30_000_001n, 60_000_000n)).to.equal(8n); // increase is at least 1 wei
  });
});
