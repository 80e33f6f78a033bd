import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { AccountView, Address, MarketObservation } from "../../src/agents/types";
import type { AgentSetup, BlockResult, Books, Economy, EconomyEvent, EventOutcome, FundedAgent, SubmitResult, SubmittedTx, Valuation } from "../../src/sim/economy";
import { FakeEconomy } from "../../src/sim/fake/economy";
import { runSimulation } from "../../src/sim/engine";
import { parseScenario, resolveScenario } from "../../src/sim/scenario";
import type { Scenario } from "../../src/sim/scenarioTypes";
import type { ActionRecord, RunSink, RunSummary, StepMetrics } from "../../src/sim/records";
import { loadScenario, runToDir } from "../../src/sim/run";
import { SummaryAccumulator } from "../../src/sim/summary";

/** Delegates to the fake and records the call sequence and everything submitted and mined. */
class RecordingEconomy implements Economy {
  readonly name = "recording";
  readonly inner = new FakeEconomy();
  calls: string[] = [];
  submitted: SubmittedTx[] = [];
  blocks: BlockResult[] = [];
  observations: MarketObservation[] = [];
  setup(s: Scenario, a: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    this.calls.push("setup");
    return this.inner.setup(s, a);
  }
  async observe(step: number, ts: number): Promise<MarketObservation> {
    this.calls.push("observe");
    const o = await this.inner.observe(step, ts);
    this.observations.push(o);
    return o;
  }
  accounts(a: readonly Address[]): Promise<readonly AccountView[]> {
    this.calls.push("accounts");
    return this.inner.accounts(a);
  }
  submit(tx: SubmittedTx): Promise<SubmitResult> {
    this.calls.push("submit");
    this.submitted.push(tx);
    return this.inner.submit(tx);
  }
  applyEvent(e: EconomyEvent, step: number): Promise<EventOutcome> {
    this.calls.push("event");
    return this.inner.applyEvent(e, step);
  }
  async mine(ts: number): Promise<BlockResult> {
    this.calls.push("mine");
    const b = await this.inner.mine(ts);
    this.blocks.push(b);
    return b;
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

class MemorySink implements RunSink {
  steps: StepMetrics[] = [];
  actions: ActionRecord[] = [];
  summary: RunSummary | undefined;
  onStep(m: StepMetrics): void {
    this.steps.push(m);
  }
  onAction(r: ActionRecord): void {
    this.actions.push(r);
  }
  finish(s: RunSummary): void {
    this.summary = s;
  }
}

/**
 * The fake, with its quotes and books answered late (a few ms, as a node answers while it mines
 * the next block). `measureAt`: "call" takes the values when asked (as the chain economy pins its
 * reads to the block), "answer" only when answering (wrong: a control that the test can tell).
 */
class LateEconomy implements Economy {
  readonly name = "late";
  readonly inner = new FakeEconomy();
  private pending = 0;
  /** Blocks mined while quotes or books were still unanswered. */
  overlapped = 0;
  constructor(private readonly measureAt: "call" | "answer") {}
  setup(s: Scenario, a: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    return this.inner.setup(s, a);
  }
  observe(step: number, ts: number): Promise<MarketObservation> {
    return this.inner.observe(step, ts);
  }
  accounts(a: readonly Address[]): Promise<readonly AccountView[]> {
    return this.inner.accounts(a);
  }
  submit(tx: SubmittedTx): Promise<SubmitResult> {
    return this.inner.submit(tx);
  }
  applyEvent(e: EconomyEvent, step: number): Promise<EventOutcome> {
    return this.inner.applyEvent(e, step);
  }
  mine(ts: number): Promise<BlockResult> {
    if (this.pending > 0) this.overlapped += 1;
    return this.inner.mine(ts);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  private late<T>(read: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const now = this.measureAt === "call" ? read() : undefined;
    return new Promise<T>((resolve, reject) =>
      setTimeout(() => {
        this.pending -= 1;
        (now ?? read()).then(resolve, reject);
      }, 3),
    );
  }
  valuation(accounts: readonly Address[], amounts: readonly bigint[]): Promise<Valuation> {
    return this.late(() => this.inner.valuation(accounts, amounts));
  }
  books(): Promise<Books> {
    return this.late(() => this.inner.books());
  }
}

const root = path.join(__dirname, "..", "..");
const tmp = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `cipher-sim-${name}-`));

function small(over: object = {}): Scenario {
  return resolveScenario(
    parseScenario({
      steps: 40,
      genesis: { buyEth: 100 },
      population: [
        { family: "noise", count: 10, fundingEth: 20, params: { tradeProbability: 0.6 } },
        { family: "whale", count: 1, fundingEth: 500, params: { startStep: 5, buyEthPerStep: 10 } },
        { family: "sandwich", count: 1, fundingEth: 200, params: { minVictimEth: 1 } },
        { family: "staker", count: 3, fundingEth: 20 },
      ],
      ...over,
    }),
  );
}

describe("engine: one step = one block", () => {
  it("observes once, lets every agent decide, submits, mines once, then reads the post-block state", async () => {
    const e = new RecordingEconomy();
    await runSimulation({ scenario: small({ steps: 3 }), economy: e, sink: new MemorySink() });
    const compact = e.calls.join(" ").replace(/(submit )+/g, "submit* ");
    expect(compact).to.equal("setup observe accounts submit* mine observe accounts submit* mine observe accounts submit* mine observe accounts");
    expect(e.blocks.map((b) => b.timestamp)).to.deep.equal([1_800_000_000, 1_800_000_012, 1_800_000_024]);
  });

  it("assigns explicit, gapless nonces per agent", async () => {
    const e = new RecordingEconomy();
    await runSimulation({ scenario: small(), economy: e, sink: new MemorySink() });
    const next = new Map<string, number>();
    const gaps = e.submitted.filter((t) => {
      const want = next.get(t.from) ?? 0;
      next.set(t.from, want + 1);
      return t.nonce !== want;
    });
    expect(e.submitted.length).to.be.above(50);
    expect(gaps).to.deep.equal([]);
  });

  it("mines every block in priority-fee order", async () => {
    const e = new RecordingEconomy();
    await runSimulation({ scenario: small(), economy: e, sink: new MemorySink() });
    const disorder = e.blocks.filter((b) => {
      const fees = b.outcomes.map((o) => (o.action.kind === "noop" ? 0n : o.action.priorityFee));
      // allowed exception: a sender's later nonce with a higher fee than what precedes it
      return fees.some((f, i) => i > 0 && f > fees[i - 1] && b.outcomes[i].from !== b.outcomes[i - 1].from && !b.outcomes.slice(0, i).some((o) => o.from === b.outcomes[i].from));
    });
    expect(disorder).to.deep.equal([]);
  });

  it("lets the sandwich attacker see the pending pool and bracket the victim in the same block", async () => {
    const e = new RecordingEconomy();
    const sink = new MemorySink();
    await runSimulation({ scenario: small(), economy: e, sink });
    const attacker = sink.actions.find((a) => a.family === "sandwich")?.from;
    expect(attacker, "the attacker acted").to.not.equal(undefined);
    let bracketed = 0;
    for (const b of e.blocks) {
      const mine = b.outcomes.filter((o) => o.from === attacker);
      if (mine.length !== 2) continue;
      const [front, back] = mine;
      const victims = b.outcomes.filter((o) => o.from !== attacker && o.action.kind === "buy" && o.index > front.index && o.index < back.index);
      expect(front.action.kind).to.equal("buy");
      expect(back.action.kind).to.equal("sell");
      expect(victims.length).to.be.at.least(1);
      bracketed++;
    }
    expect(bracketed).to.be.at.least(1);
  });

  it("applies scheduled governance events before the step's observation", async () => {
    const e = new RecordingEconomy();
    const sink = new MemorySink();
    await runSimulation({ scenario: small({ steps: 12, events: [{ step: 10, kind: "setFees", buyFeeBps: 300, sellFeeBps: 250 }] }), economy: e, sink });
    const at10 = e.observations.filter((o) => o.step === 10);
    expect(at10.map((o) => o.buyFeeBps)).to.deep.equal([100, 300]); // post-block view of step 9, then after the event
    expect(sink.actions.filter((a) => a.event !== undefined)).to.have.length(1);
  });

  it("records every action with its outcome, including reverts by custom error name", async () => {
    const sink = new MemorySink();
    await runSimulation({ scenario: small({ protections: { breakerThresholdBps: 300 } }), economy: new FakeEconomy(), sink });
    const errors = new Set(sink.actions.filter((a) => !a.ok).map((a) => a.error));
    expect([...errors]).to.include("TradingHalted");
    expect(sink.summary?.totals.reverts).to.equal(sink.actions.filter((a) => !a.ok && a.index >= 0).length);
    // the breakdown by error adds up to the total; the economy's own failures are kept apart
    const sum = (r: { readonly [e: string]: number }) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(sink.summary!.totals.revertsByError)).to.equal(sink.summary?.totals.reverts);
    expect(sum(sink.summary!.totals.systemRevertsByError)).to.equal(sink.actions.filter((a) => !a.ok && (a.system !== undefined || a.event !== undefined)).length);
    expect(sum(sink.summary!.totals.rejectedByError)).to.equal(sink.actions.filter((a) => !a.ok && a.index < 0 && a.system === undefined && a.event === undefined).length);
  });

  it("keeps the economy's own failures and refused submissions out of revertsByError, which adds up to totals.reverts", () => {
    const acc = new SummaryAccumulator();
    const base = { step: 1, nonce: 0, action: { kind: "noop" as const }, ok: false };
    const agent = { ...base, agent: 0, family: "trader", from: "0xa" };
    const records: ActionRecord[] = [
      { ...agent, index: 0, error: "SlippageExceeded" }, // an agent's mined transaction: a revert
      { ...agent, index: 1, ok: true }, // not a failure
      { ...agent, index: -1, error: "rejected" }, // refused before the block: never sent
      { ...base, agent: -1, family: "system", from: "deployer", index: 2, error: "BuysHalted", system: "splitter:buyBackAndBurn" },
      { ...base, agent: -1, family: "governance", from: "timelock", index: -1, error: "NoSlasher", event: { kind: "slash", target: "0xa", severityBps: 100 } },
    ];
    for (const r of records) acc.addAction(r);
    const t = acc.build(small(), 1, "fake").totals;
    expect(t.revertsByError).to.deep.equal({ SlippageExceeded: 1 });
    expect(t.systemRevertsByError).to.deep.equal({ BuysHalted: 1, NoSlasher: 1 });
    expect(t.rejectedByError).to.deep.equal({ rejected: 1 });
  });

  it("scales the population with --agents and keeps metrics rows per step", async () => {
    const s = resolveScenario(small(), { agents: 30 });
    const sink = new MemorySink();
    const summary = await runSimulation({ scenario: s, economy: new FakeEconomy(), sink });
    expect(summary.agents).to.equal(30);
    expect(sink.steps.map((m) => m.step)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i));
    expect(sink.steps[39].pnl.map((p) => p.family)).to.deep.equal(["noise", "whale", "sandwich", "staker"]);
  });
});

describe("engine: a step's metrics measured while the next block is mined", () => {
  /** Every record the sink got, in order (metrics rows and actions interleaved). */
  async function records(economy: Economy): Promise<string[]> {
    const out: string[] = [];
    const big = (_k: string, v: unknown) => (typeof v === "bigint" ? `${v}n` : v);
    const sink: RunSink = {
      onStep: (m) => void out.push(`step ${JSON.stringify(m, big)}`),
      onAction: (r) => void out.push(`action ${JSON.stringify(r, big)}`),
      finish: () => undefined,
    };
    await runSimulation({ scenario: small({ steps: 30 }), economy, sink });
    return out;
  }

  it("writes the same records in the same order as measured in line, with quotes and books answered late", async () => {
    const inLine = await records(new FakeEconomy());
    const late = new LateEconomy("call");
    const got = await records(late);
    expect(late.overlapped).to.be.greaterThan(20); // the next block was mined while they were in flight
    expect(inLine.filter((r) => r.startsWith("step ")).length).to.equal(30);
    expect(got).to.deep.equal(inLine);
  });

  it("(control) values read when answered instead of when asked differ: the comparison above can tell", async () => {
    const inLine = await records(new FakeEconomy());
    const wrong = new LateEconomy("answer");
    // (stale amounts quoted against the next block's supply may even be refused by the fake)
    const got = await records(wrong).catch((e: unknown) => [`failed: ${String(e)}`]);
    expect(wrong.overlapped).to.be.greaterThan(0);
    expect(got).to.not.deep.equal(inLine);
  });
});

describe("engine: reproducibility", () => {
  const files = ["metrics.csv", "summary.json", "actions.ndjson", "report.html"];

  it("writes byte-identical outputs for the same scenario and seed", async () => {
    const s = loadScenario(path.join(root, "scenarios", "default.json"), { steps: 60, agents: 40 });
    const a = tmp("a");
    const b = tmp("b");
    await runToDir({ scenario: s, outDir: a, economy: "fake" });
    await runToDir({ scenario: s, outDir: b, economy: "fake" });
    for (const f of files) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).to.equal(true);
  });

  it("refuses an output directory that is a file, naming it (not a bare EEXIST)", async () => {
    const file = path.join(tmp("file"), "notADir.txt");
    fs.writeFileSync(file, "x");
    const s = loadScenario(path.join(root, "scenarios", "default.json"), { steps: 3, agents: 10 });
    await expect(runToDir({ scenario: s, outDir: file, economy: "fake" })).to.be.rejectedWith(`output directory ${file} is a file, not a directory: choose another --out`);
    expect(fs.readFileSync(file, "utf8")).to.equal("x");
  });

  it("writes different metrics for a different seed", async () => {
    const a = tmp("s1");
    const b = tmp("s2");
    await runToDir({ scenario: loadScenario(path.join(root, "scenarios", "default.json"), { steps: 40, agents: 40, seed: 1 }), outDir: a, economy: "fake" });
    await runToDir({ scenario: loadScenario(path.join(root, "scenarios", "default.json"), { steps: 40, agents: 40, seed: 2 }), outDir: b, economy: "fake" });
    expect(fs.readFileSync(path.join(a, "metrics.csv"), "utf8")).to.not.equal(fs.readFileSync(path.join(b, "metrics.csv"), "utf8"));
  });

  it("records the seed and the whole resolved scenario in summary.json", async () => {
    const dir = tmp("sum");
    const s = loadScenario(path.join(root, "scenarios", "slash-dispute.json"), { steps: 120, seed: 77 });
    await runToDir({ scenario: s, outDir: dir, economy: "fake" });
    const sum = JSON.parse(fs.readFileSync(path.join(dir, "summary.json"), "utf8")) as RunSummary;
    expect(sum.seed).to.equal(77);
    expect(sum.scenario.seed).to.equal(77);
    expect(sum.scenario.events).to.have.length(2);
    expect(sum.totals.actionsByKind).to.have.property("dispute");
    expect(sum.totals.slashes).to.be.at.least(1);
  });
});
