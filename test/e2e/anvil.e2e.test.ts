// End to end over JSON-RPC against a real, separate node (anvil) that this test starts: the CLI a
// user runs, as child processes, in order:
//   npx hardhat cipher:deploy --network anvil          (and again: resumes, addresses unchanged)
//   npx hardhat cipher:buy / cipher:stake              (votes come from staking)
//   npx hardhat cipher:distribute                      (fees -> splitter -> solidarity fund)
//   npx hardhat gov propose --action grant --fund solidarity ... --advance
//   npx hardhat gov vote / gov queue --advance / gov execute --advance / gov list --json
// and checks the recipient's balance on the node. anvil runs on a free port with a random chain id
// (ANVIL_URL is read by hardhat.config.ts), so neither a running node on 8545 nor an earlier
// Ignition journal interferes (the journal of that chain id is removed afterwards). The deployment
// file goes to a temporary directory (CIPHER_DEPLOYMENTS_DIR): the user's deployments/ is never
// read or written, so a deployment a user makes while the suite runs cannot break it.
import { expect } from "chai";
import { execFile } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { JsonRpcProvider, parseEther } from "ethers";
import { startAnvil, type AnvilNode } from "../helpers/anvil";

const ROOT = path.resolve(__dirname, "..", "..");
const USER_DEPLOYMENT = path.join(ROOT, "deployments", "anvil.json");

describe("end to end on anvil (JSON-RPC, the CLI users run) @no-coverage", function () {
  this.timeout(240_000);
  let anvil: AnvilNode | undefined;
  let url = "";
  let chainId = 0;
  let depDir = "";
  let DEPLOYMENT = "";
  let userBefore = "";
  const fingerprint = () => (fs.existsSync(USER_DEPLOYMENT) ? `${fs.statSync(USER_DEPLOYMENT).mtimeMs}:${fs.readFileSync(USER_DEPLOYMENT, "utf8")}` : "absent");

  /** Runs `npx hardhat <args> --network anvil` like a user, returns stdout; fails with its output. */
  function hardhat(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        "npx",
        ["hardhat", ...args, "--network", "anvil"],
        { cwd: ROOT, env: { ...process.env, ANVIL_URL: url, CIPHER_DEPLOYMENTS_DIR: depDir, REPORT_GAS: "false" }, timeout: 120_000, maxBuffer: 10 * 1024 * 1024 },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`npx hardhat ${args.join(" ")} failed:\n${stdout}\n${stderr}`));
          else resolve(stdout);
        },
      );
    });
  }

  before(async function () {
    chainId = 700_000 + Math.floor(Math.random() * 100_000);
    userBefore = fingerprint();
    depDir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-anvil-e2e-"));
    DEPLOYMENT = path.join(depDir, "anvil.json");
    anvil = await startAnvil(["--chain-id", String(chainId)], { cwd: ROOT, timeoutMs: 30_000 });
    url = anvil.url;
  });

  after(function () {
    anvil?.stop();
    fs.rmSync(path.join(ROOT, "deploy", "deployments", `chain-${chainId}`), { recursive: true, force: true });
    fs.rmSync(depDir, { recursive: true, force: true });
    expect(fingerprint()).to.equal(userBefore, "the user's deployments/anvil.json was touched");
  });

  it("deploys, resumes, stakes, funds the solidarity fund, and pays a grant voted by stakers", async function () {
    const provider = new JsonRpcProvider(url, chainId, { staticNetwork: true });
    const accounts = (await provider.send("eth_accounts", [])) as string[];
    const [, alice, bob, recipient] = accounts;

    // Deploy, then deploy again: Ignition resumes from its journal, nothing is redeployed.
    await hardhat("cipher:deploy", "--quiet");
    const first = JSON.parse(fs.readFileSync(DEPLOYMENT, "utf8"));
    expect(first.chainId).to.equal(chainId);
    const blockAfterDeploy = await provider.getBlockNumber();
    await hardhat("cipher:deploy", "--quiet");
    const second = JSON.parse(fs.readFileSync(DEPLOYMENT, "utf8"));
    expect(second.contracts).to.deep.equal(first.contracts);
    expect(await provider.getBlockNumber()).to.equal(blockAfterDeploy); // no transaction sent
    for (const c of Object.values(first.contracts) as { address: string }[]) expect(await provider.getCode(c.address)).to.not.equal("0x");

    // Votes: buy on the market and stake. Revenue: the buys' fees reach the solidarity fund.
    await hardhat("cipher:buy", "--eth", "4", "--from", alice);
    await hardhat("cipher:stake", "--amount", "all", "--from", alice);
    await hardhat("cipher:buy", "--eth", "3", "--from", bob);
    const released = await hardhat("cipher:distribute");
    expect(released).to.match(/solidarity 0\.0105\b/); // 1% fee on 7 ETH, 15% of it (deploy/parameters/anvil.json)

    // The grant, through the governance tasks.
    const before = await provider.getBalance(recipient);
    const proposed = await hardhat(
      "gov", "propose", "--action", "grant", "--fund", "solidarity", "--asset", "eth", "--to", recipient, "--amount", "0.005",
      "--memo", "e2e grant", "--description", `e2e grant ${chainId}`, "--from", alice, "--advance",
    );
    const id = /^proposal (\d+)/m.exec(proposed)![1];
    expect(proposed).to.match(/state\s+Active/);
    const voted = await hardhat("gov", "vote", "--id", id, "--support", "for", "--reason", "fund it", "--from", alice);
    expect(voted).to.match(/voted for .* with [0-9.]+ votes/);
    await expect(hardhat("gov", "execute", "--id", id)).to.be.rejectedWith(/it is Active, execute needs Queued/);
    await hardhat("gov", "queue", "--id", id, "--advance");
    await hardhat("gov", "execute", "--id", id, "--advance");
    expect(await provider.getBalance(recipient)).to.equal(before + parseEther("0.005"));

    const rows = JSON.parse(await hardhat("gov", "list", "--json")) as { id: string; state: string; quorumReached: boolean }[];
    expect(rows.find((r) => r.id === id)).to.include({ state: "Executed", quorumReached: true });
    provider.destroy();
  });
});
