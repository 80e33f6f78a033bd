// The `gov` Hardhat tasks against an in-process deployment: a whole cycle driven from the tasks,
// and clear errors for wrong states and bad input.
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import hre, { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import "../../tasks/governance"; // registers the `gov` scope (the lead adds it to tasks/index.ts)
import { deployGovernance, FUND } from "./fixtures";

const run = (task: string, args: Record<string, unknown>) => hre.run({ scope: "gov", task }, args);

async function deployed() {
  const g = await deployGovernance();
  const chainId = Number((await ethers.provider.getNetwork()).chainId);
  const block = await ethers.provider.getBlockNumber();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cipher-gov-")), "hardhat.json");
  const entry = async (c: { getAddress(): Promise<string> }) => ({ address: await c.getAddress(), block: 0 });
  fs.writeFileSync(
    file,
    JSON.stringify({
      chainId,
      contracts: {
        CipherGovernor: await entry(g.governor),
        CipherTreasury: await entry(g.treasury),
        TimelockController: await entry(g.timelock),
        CipherToken: await entry(g.erc20),
        CipherStaking: await entry(g.token),
      },
    }),
  );
  return { ...g, file, block };
}

describe("gov tasks", function () {
  // The tasks print for humans; keep the test output quiet (GOV_TASK_LOGS=1 shows it).
  const log = console.log;
  beforeEach(() => {
    if (!process.env.GOV_TASK_LOGS) console.log = () => undefined;
  });
  afterEach(() => {
    console.log = log;
  });

  it("runs a grant from the solidarity fund through propose, vote, queue, execute and list", async function () {
    const g = await loadFixture(deployed);
    const id = (await run("propose", {
      action: "grant",
      fund: "solidarity",
      asset: "CipherToken",
      to: g.carol.address,
      amount: "12.5",
      memo: "task grant",
      description: "grant 12.5 CPH to carol",
      deployment: g.file,
      from: "1",
      advance: true,
    })) as bigint;
    await run("vote", { id: id.toString(), support: "for", reason: "good", deployment: g.file, from: "1", advance: false });
    await run("vote", { id: id.toString(), support: "against", reason: "", deployment: g.file, from: "4", advance: false });
    await run("queue", { id: id.toString(), deployment: g.file, from: "0", advance: true });
    await run("execute", { id: id.toString(), deployment: g.file, from: "0", advance: true });
    expect(await g.erc20.balanceOf(g.carol.address)).to.equal(ethers.parseEther("12.5"));
    expect(await g.treasury.fundBalance(FUND.SOLIDARITY, await g.erc20.getAddress())).to.equal(ethers.parseEther("987.5"));
    const rows = (await run("list", { deployment: g.file, json: true })) as { id: string; state: string; for: string; against: string }[];
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ id: id.toString(), state: "Executed", for: "400.0", against: "100.0" });
  });

  it("proposes typed governor settings, a generic call and a raw call with a signature", async function () {
    const g = await loadFixture(deployed);
    const common = { deployment: g.file, from: "1", advance: false };
    const quorum = (await run("propose", { ...common, action: "set-quorum", value: "500", description: "quorum 5%" })) as bigint;
    const call = (await run("propose", {
      ...common,
      action: "call",
      contract: "CipherTreasury",
      function: "cancelStream",
      args: "[1]",
      description: "cancel stream 1",
    })) as bigint;
    const raw = (await run("propose", {
      ...common,
      action: "raw",
      target: g.param.target,
      signature: "setFee(uint256)",
      args: "[42]",
      description: "raw fee 42",
    })) as bigint;
    const rows = (await run("list", { deployment: g.file, json: true })) as { id: string }[];
    expect(rows.map((r) => r.id)).to.deep.equal([quorum, call, raw].map(String));
  });

  describe("errors", function () {
    it("refuses to queue an Active proposal without --advance, naming the state", async function () {
      const g = await loadFixture(deployed);
      const id = (await run("propose", { action: "set-quorum", value: "500", description: "q", deployment: g.file, from: "1", advance: true })) as bigint;
      await expect(run("queue", { id: id.toString(), deployment: g.file, advance: false })).to.be.rejectedWith(
        /cannot queue proposal \d+: it is Active, queue needs Succeeded/,
      );
      await expect(run("execute", { id: id.toString(), deployment: g.file, advance: false })).to.be.rejectedWith(/it is Active, execute needs Queued/);
    });

    it("refuses to execute before the timelock delay without --advance", async function () {
      const g = await loadFixture(deployed);
      const id = (await run("propose", { action: "set-quorum", value: "500", description: "q2", deployment: g.file, from: "1", advance: true })) as bigint;
      await run("vote", { id: id.toString(), support: "for", reason: "", deployment: g.file, from: "1", advance: false });
      await run("queue", { id: id.toString(), deployment: g.file, advance: true });
      await expect(run("execute", { id: id.toString(), deployment: g.file, advance: false })).to.be.rejectedWith(/executable in \d+ s/);
    });

    it("reports a vote on a Pending proposal, a double vote, an unknown id and a bad support value", async function () {
      const g = await loadFixture(deployed);
      const id = (await run("propose", { action: "set-quorum", value: "500", description: "q3", deployment: g.file, from: "1", advance: false })) as bigint;
      await expect(run("vote", { id: id.toString(), support: "for", deployment: g.file, from: "1", advance: false })).to.be.rejectedWith(
        /it is Pending, vote on needs Active/,
      );
      await run("vote", { id: id.toString(), support: "for", reason: "", deployment: g.file, from: "1", advance: true });
      await expect(run("vote", { id: id.toString(), support: "for", deployment: g.file, from: "1", advance: false })).to.be.rejectedWith(/already voted/);
      await expect(run("vote", { id: "12345", support: "for", deployment: g.file, advance: false })).to.be.rejectedWith(/no proposal 12345/);
      await expect(run("vote", { id: id.toString(), support: "yes", deployment: g.file, advance: false })).to.be.rejectedWith(/--support must be/);
    });

    it("reports a proposer under the threshold and bad action input before sending anything", async function () {
      const g = await loadFixture(deployed);
      const base = { description: "x", deployment: g.file, advance: false };
      await expect(run("propose", { ...base, action: "set-quorum", value: "500", from: "7" })).to.be.rejectedWith(/proposal threshold/);
      await expect(run("propose", { ...base, action: "teleport", from: "1" })).to.be.rejectedWith(/unknown --action "teleport"/);
      await expect(run("propose", { ...base, action: "grant", fund: "party", asset: "eth", to: g.bob.address, amount: "1", from: "1" })).to.be.rejectedWith(
        /--fund must be welfare, solidarity or development/,
      );
      await expect(run("propose", { ...base, action: "grant", fund: "welfare", asset: "eth", to: g.bob.address, from: "1" })).to.be.rejectedWith(
        /needs --amount/,
      );
      await expect(run("propose", { ...base, action: "call", contract: "CipherTreasury", function: "steal", args: "[]", from: "1" })).to.be.rejectedWith(
        /CipherTreasury has no function "steal"/,
      );
      await expect(run("propose", { ...base, action: "call", contract: "CipherTreasury", function: "cancelStream", args: "[1,2]", from: "1" })).to.be.rejectedWith(
        /takes 1 arguments, --args gave 2/,
      );
      await expect(run("propose", { ...base, action: "set-fee", buyFee: "1", sellFee: "1", from: "1" })).to.be.rejectedWith(/no address for BondingCurveMarket/);
    });

    it("reports a missing deployment file, a file for another chain and --advance on a non-local network", async function () {
      const g = await loadFixture(deployed);
      await expect(run("list", { deployment: "/nonexistent/x.json", json: true })).to.be.rejectedWith(/no deployment file/);
      const other = g.file.replace("hardhat.json", "other.json");
      fs.writeFileSync(other, JSON.stringify({ chainId: 1, contracts: {} }));
      await expect(run("list", { deployment: other, json: true })).to.be.rejectedWith(/is for chain 1/);
      const { requireLocal } = await import("../../tasks/governance/lib");
      const fake = { ...hre, network: { ...hre.network, name: "sepolia" }, ethers: { provider: { getNetwork: async () => ({ chainId: 11155111n }) } } };
      await expect(requireLocal(fake as unknown as typeof hre)).to.be.rejectedWith(/only works on a local network/);
    });
  });
});
