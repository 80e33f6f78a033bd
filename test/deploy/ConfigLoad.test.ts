import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

// A fresh clone has no typechain-types until its first compile, and `npx hardhat compile` /
// `npx hardhat test` load hardhat.config.ts (and every task it imports) before compiling: nothing
// on that path may require TypeChain's output (CI failed this way once: the gov tasks imported
// the client's ABIs at load).
describe("Hardhat config loads without TypeChain's output", () => {
  it("`hardhat --help` runs with every require of typechain-types refused", function () {
    this.timeout(120_000);
    const root = path.join(__dirname, "..", "..");
    const hook = path.join(__dirname, "..", "..", "tools", "block-typechain.js");
    const r = spawnSync(process.execPath, ["-r", hook, require.resolve("hardhat/internal/cli/cli"), "--help"], {
      cwd: root, encoding: "utf8", timeout: 110_000,
    });
    expect(r.stderr + r.stdout).to.not.include("typechain-types required");
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.include("gov");
  });
});
