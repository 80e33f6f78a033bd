// Deploying again to a restarted local node: Ignition keeps its journal per chain id and every
// local anvil is chain 31337, so the journal of the old node says "nothing new to deploy" about
// contracts the new node does not hold. cipher:deploy detects it before resuming and refuses,
// naming the journal folder and --reset; with --reset it deploys afresh. Two anvils (the same
// chain id, a random one so no other journal interferes), the CLI as a user runs it.
import { expect } from "chai";
import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { JsonRpcProvider } from "ethers";
import { startAnvil, type AnvilNode } from "../helpers/anvil";

const ROOT = path.resolve(__dirname, "..", "..");

describe("cipher:deploy on a restarted node (stale Ignition journal) @no-coverage", function () {
  this.timeout(300_000);
  const chainId = 800_000 + Math.floor(Math.random() * 100_000);
  const journal = path.join(ROOT, "deploy", "deployments", `chain-${chainId}`);
  let depDir = "";
  let anvil: AnvilNode | undefined;

  function deploy(url: string, ...args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        "npx",
        ["hardhat", "cipher:deploy", "--quiet", ...args, "--network", "anvil"],
        { cwd: ROOT, env: { ...process.env, ANVIL_URL: url, CIPHER_DEPLOYMENTS_DIR: depDir, REPORT_GAS: "false" }, timeout: 150_000, maxBuffer: 10 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ ok: err === null, stdout, stderr }),
      );
    });
  }

  before(() => {
    depDir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-deploy-restart-"));
  });

  after(() => {
    anvil?.stop();
    fs.rmSync(journal, { recursive: true, force: true });
    fs.rmSync(depDir, { recursive: true, force: true });
  });

  it("refuses to resume with a clear message, and --reset deploys afresh", async () => {
    anvil = await startAnvil(["--chain-id", String(chainId)], { cwd: ROOT, timeoutMs: 30_000 });
    const first = await deploy(anvil.url);
    expect(first.ok, first.stderr).to.equal(true);
    const deployed = JSON.parse(fs.readFileSync(path.join(depDir, "anvil.json"), "utf8")) as { contracts: Record<string, { address: string }> };
    anvil.stop();

    anvil = await startAnvil(["--chain-id", String(chainId)], { cwd: ROOT, timeoutMs: 30_000 });
    const again = await deploy(anvil.url);
    expect(again.ok).to.equal(false);
    const text = again.stdout + again.stderr;
    expect(text).to.include(`deploy/deployments/chain-${chainId}`);
    expect(text).to.include("--reset");
    expect(text).to.match(/no code at \S+ 0x[0-9a-fA-F]{40} on chain \d+/);
    expect(text).not.to.include("Nothing new to deploy");
    expect(text, `no stack trace:\n${text}`).not.to.match(/\n\s+at /);

    const reset = await deploy(anvil.url, "--reset");
    expect(reset.ok, reset.stderr).to.equal(true);
    const provider = new JsonRpcProvider(anvil.url, chainId, { staticNetwork: true });
    const now = JSON.parse(fs.readFileSync(path.join(depDir, "anvil.json"), "utf8")) as { contracts: Record<string, { address: string }> };
    expect(Object.keys(now.contracts)).to.deep.equal(Object.keys(deployed.contracts));
    for (const c of Object.values(now.contracts)) expect(await provider.getCode(c.address)).to.not.equal("0x");
    provider.destroy();
  });
});
