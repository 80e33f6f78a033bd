// `gov propose <action> --help` prints that action's options only (tasks/governance/help.ts).
import { expect } from "chai";
import { spawnSync } from "child_process";
import hre from "hardhat";
import { ACTIONS } from "../../tasks/governance/actions";
import { actionFromArgv, actionHelp } from "../../tasks/governance/help";

describe("gov propose <action> --help", function () {
  it("finds the action positional or after --action, only for gov propose", function () {
    expect(actionFromArgv(["node", "hardhat", "gov", "propose", "grant", "--help"])).to.equal("grant");
    expect(actionFromArgv(["node", "hardhat", "--network", "anvil", "gov", "propose", "--action", "set-fee", "--help"])).to.equal("set-fee");
    expect(actionFromArgv(["node", "hardhat", "gov", "propose", "--help"])).to.equal(undefined);
    expect(actionFromArgv(["node", "hardhat", "gov", "vote", "--help"])).to.equal(undefined);
  });

  it("lists the action's own options with their descriptions and the common ones, nothing else", function () {
    const text = actionHelp(hre, "set-fee", ACTIONS);
    expect(text).to.match(/Proposes BondingCurveMarket\.setFees\./);
    expect(text).to.match(/--buy-fee\s+set-fee: buy fee in bps/);
    expect(text).to.match(/--sell-fee\s+set-fee: sell fee in bps/);
    expect(text).to.match(/--description\s+Proposal description/);
    for (const other of ["--fund", "--amount", "--shares", "--case-id", "--calldata"]) expect(text).to.not.include(other);
    expect(actionHelp(hre, "grant", ACTIONS)).to.match(/--memo\s+\(optional\) grant: memo/);
    expect(actionHelp(hre, "nope", ACTIONS)).to.match(/unknown action "nope"; one of: grant, stream/);
  });

  it("is what the command line prints: `gov propose <action> --help` and `--action <action> --help` (the help override is registered)", function () {
    this.timeout(240_000);
    const hardhat = (args: string[]) => spawnSync(process.execPath, ["node_modules/hardhat/internal/cli/cli.js", ...args], { encoding: "utf8", timeout: 200_000, env: { ...process.env, HARDHAT_NETWORK: undefined } });
    const positional = hardhat(["gov", "propose", "set-split", "--help"]);
    expect(positional.status, positional.stderr).to.equal(0);
    expect(positional.stdout).to.match(/Proposes RevenueSplitter\.setShares\./);
    expect(positional.stdout).to.match(/--shares\s+set-split:/);
    for (const other of ["--fund", "--buy-fee", "--case-id", "--calldata", "--signature"]) expect(positional.stdout).to.not.include(other);
    const flag = hardhat(["gov", "propose", "--action", "cancel-stream", "--help"]);
    expect(flag.status, flag.stderr).to.equal(0);
    expect(flag.stdout).to.match(/--stream\s+cancel-stream: stream id/);
    expect(flag.stdout).to.not.include("--shares");
  });
});
