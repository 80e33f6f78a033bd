// The bots' pure parts without a chain: nonce manager, fee policy, replacement, back-off, the
// state file's round trip and atomic write, key derivation.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HDNodeWallet, Mnemonic } from "ethers";
import { classifySendError, NonceError, NonceManager, nonceAfterRestart } from "../../src/bots/nonce";
import { DEFAULT_FEE_POLICY, parseFeeHistory, replacementFees, suggestFees, type FeePolicy } from "../../src/bots/fees";
import { replaceDecision } from "../../src/bots/replace";
import { backoffMs, TransientRpcError, withRetry, type RetryEvent } from "../../src/bots/retry";
import { parseState, readState, serializeState, writeState, type BotState } from "../../src/bots/state";
import { agentPath, keySource, KeyError } from "../../src/bots/keys";

const GWEI = 10n ** 9n;

describe("bots: nonce manager", function () {
  it("hands out consecutive nonces from the chain's count", function () {
    const n = new NonceManager(5);
    expect([n.take(), n.take(), n.take()]).to.deep.equal([5, 6, 7]);
    expect(n.peek()).to.equal(8);
  });

  it("gives back only the last nonce taken, so no gap can stay", function () {
    const n = new NonceManager(0);
    n.take();
    const b = n.take();
    expect(() => n.release(0)).to.throw(NonceError, /a gap would stay/);
    n.release(b);
    expect(n.take()).to.equal(1);
  });

  it("rewinds over a batch refused before broadcast, and not forward", function () {
    const n = new NonceManager(3);
    n.take();
    n.take();
    n.take();
    n.rewindTo(4);
    expect(n.peek()).to.equal(4);
    expect(() => n.rewindTo(4)).to.throw(NonceError);
    expect(() => n.rewindTo(-1)).to.throw(NonceError);
  });

  it("resyncs forward after 'nonce too low', never backward", function () {
    const n = new NonceManager(2);
    expect(n.resync(7)).to.equal(true);
    expect(n.take()).to.equal(7);
    expect(n.resync(3)).to.equal(false);
    expect(n.peek()).to.equal(8);
  });

  it("after a restart continues past both the chain's count and the pending records", function () {
    expect(nonceAfterRestart(4, [])).to.equal(4);
    expect(nonceAfterRestart(4, [4, 5])).to.equal(6);
    expect(nonceAfterRestart(9, [4, 5])).to.equal(9);
  });

  it("refuses a negative or fractional start", function () {
    expect(() => new NonceManager(-1)).to.throw(NonceError);
    expect(() => new NonceManager(1.5)).to.throw(NonceError);
  });

  it("classifies nodes' refusals (geth, anvil, Hardhat wording)", function () {
    expect(classifySendError("nonce too low: next nonce 5, tx nonce 3")).to.equal("tooLow");
    expect(classifySendError("Nonce too low. Expected nonce to be 5 but got 3.")).to.equal("tooLow");
    expect(classifySendError("already known")).to.equal("known");
    expect(classifySendError("Known transaction: 0xabc")).to.equal("known");
    expect(classifySendError("insufficient funds for gas * price + value")).to.equal("other");
  });
});

describe("bots: fee policy (EIP-1559 from eth_feeHistory, capped)", function () {
  const h = parseFeeHistory({ baseFeePerGas: ["0x3b9aca00", "0x3b9aca00", "0x77359400"], reward: [["0x5f5e100"], ["0x3b9aca00"]] });

  it("uses the next block's base fee, doubled, plus the larger of the wanted and the market tip", function () {
    // next base 2 gwei; market tips 0.1 and 1 gwei -> median (upper) 1 gwei
    const s = suggestFees(h, DEFAULT_FEE_POLICY, 0n);
    expect(s.baseFee).to.equal(2n * GWEI);
    expect(s.maxPriorityFeePerGas).to.equal(1n * GWEI);
    expect(s.maxFeePerGas).to.equal(5n * GWEI);
    expect(s.capped).to.equal(false);
    const w = suggestFees(h, DEFAULT_FEE_POLICY, 3n * GWEI);
    expect(w.maxPriorityFeePerGas).to.equal(3n * GWEI);
    expect(w.maxFeePerGas).to.equal(7n * GWEI);
  });

  it("keeps the tip within [minTip, maxTip] and the fee under the cap", function () {
    const policy: FeePolicy = { ...DEFAULT_FEE_POLICY, maxFeeCap: 3n * GWEI, maxTip: 2n * GWEI };
    const s = suggestFees(h, policy, 50n * GWEI);
    expect(s.maxPriorityFeePerGas).to.equal(2n * GWEI);
    expect(s.maxFeePerGas).to.equal(3n * GWEI);
    expect(s.capped).to.equal(true); // 2 gwei base + 2 gwei tip does not fit under 3 gwei
    const low = suggestFees(parseFeeHistory({ baseFeePerGas: ["0x0"], reward: [] }), DEFAULT_FEE_POLICY, 0n);
    expect(low.maxPriorityFeePerGas).to.equal(DEFAULT_FEE_POLICY.minTip);
  });

  it("bumps a replacement by at least 12.5% on both fields, rounded up", function () {
    const old = { maxFeePerGas: 1_000_000_001n, maxPriorityFeePerGas: 100_000_001n };
    const now = suggestFees(parseFeeHistory({ baseFeePerGas: ["0x1"], reward: [] }), DEFAULT_FEE_POLICY, 0n);
    const r = replacementFees(old, now, DEFAULT_FEE_POLICY)!;
    expect(r.maxFeePerGas * 10_000n >= old.maxFeePerGas * 11_250n).to.equal(true);
    expect(r.maxPriorityFeePerGas * 10_000n >= old.maxPriorityFeePerGas * 11_250n).to.equal(true);
    expect(r.maxFeePerGas).to.equal(1_125_000_002n);
  });

  it("takes the market's fee when it is above the bump, and refuses a bump over the cap", function () {
    const old = { maxFeePerGas: 2n * GWEI, maxPriorityFeePerGas: GWEI };
    const hot = suggestFees(parseFeeHistory({ baseFeePerGas: ["0x" + (10n * GWEI).toString(16)], reward: [] }), DEFAULT_FEE_POLICY, 0n);
    expect(replacementFees(old, hot, DEFAULT_FEE_POLICY)!.maxFeePerGas).to.equal(hot.maxFeePerGas);
    const capped: FeePolicy = { ...DEFAULT_FEE_POLICY, maxFeeCap: 2n * GWEI };
    expect(replacementFees(old, hot, capped)).to.equal(undefined);
  });
});

describe("bots: replacement of stuck transactions", function () {
  const fees = { maxFeePerGas: 2n * GWEI, maxPriorityFeePerGas: GWEI };
  const now = suggestFees(parseFeeHistory({ baseFeePerGas: ["0x1"], reward: [] }), DEFAULT_FEE_POLICY, 0n);
  const policy = { stuckBlocks: 3, maxReplacements: 2 };

  it("waits fewer than N blocks, replaces at N with bumped fees", function () {
    expect(replaceDecision({ nonce: 1, fees, sentBlock: 10, replacements: 0 }, 12, now, DEFAULT_FEE_POLICY, policy).kind).to.equal("wait");
    const d = replaceDecision({ nonce: 1, fees, sentBlock: 10, replacements: 0 }, 13, now, DEFAULT_FEE_POLICY, policy);
    expect(d.kind).to.equal("replace");
    if (d.kind === "replace") expect(d.fees.maxFeePerGas > fees.maxFeePerGas && d.fees.maxPriorityFeePerGas > fees.maxPriorityFeePerGas).to.equal(true);
  });

  it("stops replacing at the replacement bound or the fee cap", function () {
    expect(replaceDecision({ nonce: 1, fees, sentBlock: 10, replacements: 2 }, 20, now, DEFAULT_FEE_POLICY, policy).kind).to.equal("capped");
    const cap = { ...DEFAULT_FEE_POLICY, maxFeeCap: 2n * GWEI };
    const d = replaceDecision({ nonce: 1, fees, sentBlock: 10, replacements: 0 }, 20, now, cap, policy);
    expect(d.kind).to.equal("capped");
  });
});

describe("bots: retries with back-off", function () {
  const p = { attempts: 4, baseMs: 1, maxMs: 4, timeoutMs: 100 };

  it("grows the delay exponentially up to the cap, jittered within [d/2, d]", function () {
    expect(backoffMs(1, { ...p, baseMs: 100, maxMs: 1000 }, 1)).to.equal(100);
    expect(backoffMs(3, { ...p, baseMs: 100, maxMs: 1000 }, 0)).to.equal(200);
    expect(backoffMs(10, { ...p, baseMs: 100, maxMs: 1000 }, 1)).to.equal(1000);
  });

  it("retries transient failures, reports each retry, and gives up after the attempts", async function () {
    const seen: RetryEvent[] = [];
    let calls = 0;
    const r = await withRetry("eth_x", async () => {
      calls++;
      if (calls < 3) throw new TransientRpcError("HTTP 429", 429);
      return 42;
    }, p, (e) => seen.push(e));
    expect(r).to.equal(42);
    expect(seen.map((e) => e.attempt)).to.deep.equal([1, 2]);
    calls = 0;
    await expect(withRetry("eth_x", async () => {
      calls++;
      throw new TransientRpcError("timeout");
    }, p, () => undefined)).to.be.rejectedWith(/timeout/);
    expect(calls).to.equal(4);
  });

  it("does not retry an answer (a revert, nonce too low)", async function () {
    let calls = 0;
    await expect(withRetry("eth_sendRawTransaction", async () => {
      calls++;
      throw new Error("nonce too low");
    }, p, () => undefined)).to.be.rejectedWith(/nonce too low/);
    expect(calls).to.equal(1);
  });
});

describe("bots: state file", function () {
  const state: BotState = {
    version: 1, chainId: 31337, deployment: "d.json", population: "p.json", startBlock: 5, lastBlock: 9,
    agents: [{ index: 0, address: "0x0000000000000000000000000000000000000001", family: "noise", memory: { q: [1, 2], big: 12n }, approved: true, initialWealth: 10n ** 19n, lastOutcomes: [] }],
    txs: [{ key: "0:3", agent: 0, nonce: 3, kind: "buy", action: { kind: "buy" }, to: "0x01", data: "0x", value: 7n, gas: 21000n, fees: { maxFeePerGas: 2n, maxPriorityFeePerGas: 1n }, hashes: ["0xaa"], raw: "0xbb", sentBlock: 8, replacements: 0, status: "pending", broadcast: false }],
    priceHistory: [1n, 2n], counters: { sent: 1, mined: 0, reverted: 0, replaced: 0, dropped: 0, retries: 0 },
  };

  it("round-trips bigints and memory exactly", function () {
    expect(parseState(serializeState(state))).to.deep.equal(state);
  });

  it("writes atomically (no temporary file left) and reads back; refuses a foreign file", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bots-state-"));
    const f = path.join(dir, "state.json");
    writeState(f, state);
    writeState(f, { ...state, lastBlock: 10 });
    expect(readState(f)!.lastBlock).to.equal(10);
    expect(fs.readdirSync(dir)).to.deep.equal(["state.json"]);
    expect(readState(path.join(dir, "none.json"))).to.equal(undefined);
    fs.writeFileSync(f, JSON.stringify({ version: 2 }));
    expect(() => readState(f)).to.throw(/not a bots state file/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("bots: keys", function () {
  const phrase = "test test test test test test test test test test test junk";

  it("derives agent i at m/44'/60'/0'/0/i from BOTS_MNEMONIC", function () {
    const k = keySource({ BOTS_MNEMONIC: phrase });
    expect(k.wallet(0).address).to.equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"); // anvil's account 0
    expect(k.wallet(3).address).to.equal(HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(phrase), agentPath(3)).address);
  });

  it("reads a key file, and names what is wrong without printing a key", function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bots-keys-"));
    const f = path.join(dir, "keys");
    fs.writeFileSync(f, "# agents\n0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\n");
    const k = keySource({ BOTS_KEY_FILE: f });
    expect(k.wallet(0).address).to.equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    expect(() => k.wallet(1)).to.throw(KeyError, /has 1 keys; agent 1/);
    fs.writeFileSync(f, "0x1234\n");
    expect(() => keySource({ BOTS_KEY_FILE: f })).to.throw(KeyError, /line 1 is not/);
    expect(() => keySource({ BOTS_MNEMONIC: "not a phrase" })).to.throw(KeyError, /not a valid/);
    expect(() => keySource({})).to.throw(KeyError, /no agent keys/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("bots: Prometheus endpoint", function () {
  it("serves the last block's metrics as Prometheus text on 127.0.0.1, 404 elsewhere", async function () {
    const { BotMetrics } = await import("../../src/bots/prometheus");
    const m = new BotMetrics();
    const port = await m.listen(0);
    try {
      m.onBlock(42, { price: 10n ** 15n, supply: 5n * 10n ** 21n, volatility: 0.01, gini: 0.2, stakingRatio: 0.5 } as unknown as import("../../src/sim/records").StepMetrics, 3, { sent: 7, mined: 4 });
      m.onReceipt("buy", true);
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(text).to.match(/^cipher_bots_block 42$/m);
      expect(text).to.match(/^cipher_bots_supply_tokens 5000$/m);
      expect(text).to.match(/^cipher_bots_pending_txs 3$/m);
      expect(text).to.match(/^cipher_bots_txs\{outcome="mined"\} 4$/m);
      expect(text).to.match(/^cipher_bots_receipts_total\{kind="buy",ok="true"\} 1$/m);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).to.equal(404);
    } finally {
      m.close();
    }
  });
});
