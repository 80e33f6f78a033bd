import { expect } from "chai";
import { artifacts, ethers } from "hardhat";
import * as fs from "fs";
import * as path from "path";

/** Every custom error the staking contracts can raise is named in at least one test here. */
describe("Staking error coverage", function () {
  it("triggers every custom error of CipherStaking, Slashing and ContributionOracle in a test", async function () {
    const names = new Set<string>();
    for (const c of ["CipherStaking", "Slashing", "ContributionOracle"]) {
      const iface = new ethers.Interface((await artifacts.readArtifact(c)).abi);
      iface.forEachError((e) => names.add(e.name));
    }
    const dir = __dirname;
    const sources = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".test.ts") && f !== path.basename(__filename))
      .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    // Errors inherited from OpenZeppelin library code that our paths cannot reach or that only
    // guard library internals: signature malleability checks, string/short-string helpers, the
    // block-number clock's consistency check, checkpoint ordering (our clock only moves
    // forward), SafeCast of amounts already capped by MAX_TOTAL_STAKED, SafeERC20 with our own
    // token.
    const inherited = new Set([
      "AccessControlBadConfirmation",
      "ECDSAInvalidSignature",
      "ECDSAInvalidSignatureLength",
      "ECDSAInvalidSignatureS",
      "ERC6372InconsistentClock",
      "InvalidShortString",
      "StringTooLong",
      "SafeCastOverflowedUintDowncast",
      "SafeERC20FailedOperation",
      "CheckpointUnorderedInsertion",
    ]);
    const missing = [...names].filter((n) => !inherited.has(n) && !sources.includes(`"${n}"`));
    expect(missing, `errors never triggered by a test: ${missing.join(", ")}`).to.deep.equal([]);
  });
});
