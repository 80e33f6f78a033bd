// The simulation loop. Per step: every agent observes the same start-of-step state; pool readers
// (searchers) decide last and also see the pending transactions; all transactions are submitted
// with explicit nonces and mined together in one block with an explicit timestamp (the block
// orders them by priority fee); outcomes go back to the agents; metrics stream to the sink.
// A step's metrics are measured (the market's quotes: a node round trip and EVM work on a chain)
// while the next step's agents decide and, inside `economy.mine`, until the economy needs them
// answered (the chain economy waits for them before evm_mine at the latest; they are answered for
// the state they were asked at); they reach the sink before
// anything of the next step does, so the files are the same as measured in line.
import type { AccountView, AgentState, MarketObservation, Memory, Observation, OwnOutcome, PendingTx } from "../agents/types";
import { isTx } from "../agents/types";
import { wealthOf } from "../agents/policies/common";
import type { Economy, EconomyEvent, TxOutcome } from "./economy";
import { expandPopulation, familiesOf, resolveRef, type AgentSpec } from "./population";
import { applyProtections } from "./protections";
import type { ProgressSink, RunSink, RunSummary } from "./records";
import type { Scenario, ScheduledEvent } from "./scenarioTypes";
import { StepMeter } from "./stepMetrics";
import { SummaryAccumulator } from "./summary";

export interface RunOptions {
  readonly scenario: Scenario;
  readonly economy: Economy;
  readonly sink: RunSink;
  readonly progress?: ProgressSink;
}

interface Live {
  readonly spec: AgentSpec;
  readonly address: string;
  nonce: number;
  memory: Memory;
  initialWealth: bigint;
  lastOutcomes: readonly OwnOutcome[];
}

export function blockTimestamp(s: Scenario, step: number): number {
  return s.startTimestamp + step * s.secondsPerBlock;
}

function resolveEvent(e: ScheduledEvent, agents: readonly AgentSpec[], live: readonly Live[]): EconomyEvent {
  const addr = (ref: string) => live[resolveRef(agents, ref)].address;
  switch (e.kind) {
    case "setFees":
      return { kind: e.kind, buyFeeBps: e.buyFeeBps, sellFeeBps: e.sellFeeBps };
    case "setCurveParam":
      return { kind: e.kind, param: e.param, value: e.value };
    case "slash":
      return { kind: e.kind, target: addr(e.target), severityBps: e.severityBps };
    case "dispute":
      return { kind: e.kind, target: addr(e.target) };
    case "grant":
      return { kind: e.kind, fund: e.fund, recipient: addr(e.recipient), amount: e.amountWei };
  }
}

/** Start-of-step prices, newest last, at most `size` long. */
function pushHistory(h: readonly bigint[], price: bigint, size: number): readonly bigint[] {
  return h.length >= size ? [...h.slice(h.length - size + 1), price] : [...h, price];
}

export async function runSimulation(opts: RunOptions): Promise<RunSummary> {
  const { scenario: s, economy, sink, progress } = opts;
  const specs = expandPopulation(s);
  const families = familiesOf(s);
  const funded = await economy.setup(
    s,
    specs.map((a) => ({ index: a.index, family: a.family, fundingWei: a.fundingWei, roles: a.roles })),
  );
  if (funded.length !== specs.length) throw new Error(`economy funded ${funded.length} agents, expected ${specs.length}`);
  const live: Live[] = specs.map((spec, i) => ({
    spec,
    address: funded[i].address,
    nonce: funded[i].nonce,
    memory: {},
    initialWealth: 0n,
    lastOutcomes: [],
  }));
  const addresses = live.map((l) => l.address);
  const byAddress = new Map(live.map((l) => [l.address.toLowerCase(), l]));
  const groups = new Map<number, string[]>();
  for (const l of live) {
    const g = groups.get(l.spec.entry);
    if (g === undefined) groups.set(l.spec.entry, [l.address]);
    else g.push(l.address);
  }

  let market: MarketObservation = await economy.observe(0, blockTimestamp(s, 0));
  let accounts: readonly AccountView[] = await economy.accounts(addresses);
  live.forEach((l, i) => (l.initialWealth = wealthOf(accounts[i], market.spotPrice)));
  // realisable values, books and P&L baseline (stepMetrics.ts)
  const meter = new StepMeter(s, economy, live.map((l) => ({ family: l.spec.family, address: l.address, fundingWei: l.spec.fundingWei })), families);
  await meter.open(market, accounts);

  const summary = new SummaryAccumulator();
  let history: readonly bigint[] = [];
  let nextEvent = 0;
  /** The last step's metrics being measured (overlapping the next step's decisions), if any. */
  let measuring: Promise<void> | undefined;
  /** Waits for the last step's metrics and writes them (before any record of the next step and before mining). */
  const settle = async (): Promise<void> => {
    const m = measuring;
    measuring = undefined;
    if (m !== undefined) await m;
  };
  progress?.start(s.steps);

  for (let step = 0; step < s.steps; step++) {
    const ts = blockTimestamp(s, step);
    if (nextEvent < s.events.length && s.events[nextEvent].step === step) {
      await settle();
      while (nextEvent < s.events.length && s.events[nextEvent].step === step) {
        const ev = s.events[nextEvent++];
        const event = resolveEvent(ev, specs, live);
        const res = await economy.applyEvent(event, step);
        const rec = {
          step, agent: -1, family: "governance", from: "timelock", nonce: -1, index: -1,
          action: { kind: "noop" as const }, ok: res.ok, error: res.error, event,
        };
        sink.onAction(rec);
        summary.addAction(rec);
      }
      market = await economy.observe(step, ts);
      accounts = await economy.accounts(addresses);
    }
    history = pushHistory(history, market.spotPrice, s.metrics.historyWindow);
    const pending: PendingTx[] = [];
    const base: Observation = { ...market, priceHistory: history, pending: [] };

    const decide = async (l: Live, i: number, obs: Observation): Promise<void> => {
      const state: AgentState = {
        index: l.spec.index,
        address: l.address,
        family: l.spec.family,
        account: accounts[i],
        initialWealth: l.initialWealth,
        wealth: wealthOf(accounts[i], market.spotPrice),
        group: groups.get(l.spec.entry) ?? [],
        lastOutcomes: l.lastOutcomes,
        memory: l.memory,
      };
      const d = l.spec.policy.decide(obs, state, l.spec.rng);
      l.memory = d.memory;
      for (const raw of d.actions) {
        if (!isTx(raw)) continue;
        const action = applyProtections(raw, s.protections);
        const res = await economy.submit({ from: l.address, nonce: l.nonce, action });
        if (res.accepted) {
          pending.push({ from: l.address, nonce: l.nonce, action });
          l.nonce += 1;
        } else {
          await settle();
          const rec = { step, agent: l.spec.index, family: l.spec.family, from: l.address, nonce: l.nonce, index: -1, action, ok: false, error: res.error ?? "rejected" };
          sink.onAction(rec);
          summary.addAction(rec);
        }
      }
    };
    for (let i = 0; i < live.length; i++) if (!live[i].spec.policy.readsPool) await decide(live[i], i, base);
    const poolView = [...pending];
    for (let i = 0; i < live.length; i++) if (live[i].spec.policy.readsPool) await decide(live[i], i, { ...base, pending: poolView });

    // The last step's metrics (quotes taken at its block) may stay in flight into this mine (the
    // economy decides how far); they are written before any record of this step.
    const block = await economy.mine(ts);
    await settle();
    const own = new Map<Live, OwnOutcome[]>();
    for (const o of block.outcomes) {
      const l = o.system === undefined ? byAddress.get(o.from.toLowerCase()) : undefined;
      if (l === undefined) {
        // the economy's own transaction (council, keeper, revenue distribution)
        const rec = { step, agent: -1, family: "system", from: o.from, nonce: o.nonce, index: o.index, action: o.action, ok: o.ok, error: o.error, system: o.system };
        sink.onAction(rec);
        summary.addAction(rec);
        continue;
      }
      own.set(l, [...(own.get(l) ?? []), { action: o.action, ok: o.ok, error: o.error }]);
      const rec = actionRecord(step, l, o);
      sink.onAction(rec);
      summary.addAction(rec);
    }
    for (const l of live) l.lastOutcomes = own.get(l) ?? [];

    market = await economy.observe(step + 1, blockTimestamp(s, step + 1));
    accounts = await economy.accounts(addresses);
    const measured = meter.measure(step, market, accounts, block).then((metrics) => {
      sink.onStep(metrics);
      summary.addStep(metrics);
      progress?.update(step + 1);
    });
    measured.catch(() => undefined); // (a failure is thrown where it is awaited, in settle)
    measuring = measured;
  }
  await settle();
  progress?.stop();
  // What the command-line overrides dropped (scenario.ts overrideNotes) is recorded and warned about
  // like a setting the deployment changed.
  const effective = meter.effective();
  const result = summary.build(s, live.length, economy.name, { accounting: meter.accounting(), effective: { ...effective, changes: [...(s.overrideNotes ?? []), ...effective.changes] } });
  await sink.finish(result);
  return result;
}

function actionRecord(step: number, l: Live, o: TxOutcome) {
  return { step, agent: l.spec.index, family: l.spec.family, from: l.address, nonce: o.nonce, index: o.index, action: o.action, ok: o.ok, error: o.error };
}
