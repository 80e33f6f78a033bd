import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { IFACES } from "../../src/sim/chain/encode";
import { encodeWords, selectorOf } from "../../src/client/calldata";
import { holdingsCalldata } from "../../src/sim/chain/books";

// Hand-encoded calldata of the per-block calls equals ethers' encoding (the reference).
describe("hand-encoded calldata", () => {
  const a = (i: number) => "0x" + (BigInt(i) * 0x1234567890abcdefn).toString(16).padStart(40, "0");
  const list = Array.from({ length: 70 }, (_, i) => a(i + 1));
  const mixed = list.map((x, i) => (i % 2 === 0 ? x.toUpperCase().replace("0X", "0x") : x));

  it("CipherLens.accounts(token, staking, asset, list)", () => {
    for (const l of [[], list.slice(0, 1), mixed]) {
      const got = encodeWords(selectorOf(IFACES.lens, "accounts"), [{ address: a(900) }, { address: a(901) }, { address: ZeroAddress }, { addresses: l }]);
      expect(got).to.equal(IFACES.lens.encodeFunctionData("accounts", [a(900), a(901), ZeroAddress, l.map((x) => x.toLowerCase())]));
    }
  });

  it("CipherLens.pendingRewards(staking, asset, list)", () => {
    const got = encodeWords(selectorOf(IFACES.lens, "pendingRewards"), [{ address: a(901) }, { address: ZeroAddress }, { addresses: mixed }]);
    expect(got).to.equal(IFACES.lens.encodeFunctionData("pendingRewards", [a(901), ZeroAddress, list]));
  });

  it("CipherLens.holdings(market, holders, amounts), amounts up to 2^256-1", () => {
    const amounts = list.map((_, i) => (i === 0 ? 0n : i === 1 ? 2n ** 256n - 1n : BigInt(i) * 10n ** 18n + 7n));
    expect(holdingsCalldata(a(902), mixed, amounts)).to.equal(IFACES.lens.encodeFunctionData("holdings", [a(902), list, amounts]));
    expect(holdingsCalldata(a(902), [], [])).to.equal(IFACES.lens.encodeFunctionData("holdings", [a(902), [], []]));
  });

  it("CipherGovernor.state(uint256) with a full-width proposal id", () => {
    const id = 2n ** 255n + 12345n;
    expect(encodeWords(selectorOf(IFACES.governor, "state"), [{ uint: id }])).to.equal(IFACES.governor.encodeFunctionData("state", [id]));
  });

  it("refuses a negative uint", () => {
    expect(() => encodeWords("0x12345678", [{ uint: -1n }])).to.throw(RangeError);
  });
});
