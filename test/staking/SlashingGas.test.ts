import { expect } from "chai";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, DAY, E18, EVIDENCE } from "./fixture";

// Representative slashing calls for the gas reporter (REPORT_GAS=true), run alone:
//   REPORT_GAS=true npx hardhat test test/staking/SlashingGas.test.ts
// Five stakers with 1..5 stakes each (one of them unbonding); one case each, proposed then
// executed after the dispute window.
describe("Slashing gas profile", function () {
  it("proposes and executes one case per staker (1..5 stakes)", async function () {
    const s = await loadFixture(deploySuite);
    const stakers = [s.alice, s.bob, s.carol, s.dave, s.eve];
    for (let i = 0; i < stakers.length; i++) {
      for (let k = 0; k <= i; k++) await s.staking.connect(stakers[i]).stake(BigInt(100 + 10 * k) * E18, k === 0 ? 0 : 1);
      if (i > 0) await s.staking.connect(stakers[i]).requestUnbond(0);
    }
    for (const st of stakers) await s.slashing.connect(s.slasher).proposeSlash(st.address, 1_000, EVIDENCE);
    await time.increase(3n * DAY);
    for (let id = 1n; id <= 5n; id++) await s.slashing.executeSlash(id);
    expect(await s.slashing.caseCount()).to.equal(5n);
  });
});
