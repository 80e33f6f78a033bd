// An Economy decorator that remembers the agents' first and last balances and market state, so a
// study can value every agent (the engine's summary aggregates by family only). Nothing else changes.
import type { AccountView, Address, MarketObservation } from "../../agents/types";
import type { AgentSetup, BlockResult, Economy, EconomyEvent, EventOutcome, FundedAgent, SubmitResult, SubmittedTx } from "../../sim/economy";
import type { Scenario } from "../../sim/scenarioTypes";

export class RecordingEconomy implements Economy {
  first?: { market: MarketObservation; accounts: readonly AccountView[] };
  last?: { market: MarketObservation; accounts: readonly AccountView[] };
  private market?: MarketObservation;
  private agents = 0;

  constructor(private readonly inner: Economy) {}

  get name(): string {
    return this.inner.name;
  }

  async setup(scenario: Scenario, agents: readonly AgentSetup[]): Promise<readonly FundedAgent[]> {
    this.agents = agents.length;
    return this.inner.setup(scenario, agents);
  }

  async observe(step: number, timestamp: number): Promise<MarketObservation> {
    this.market = await this.inner.observe(step, timestamp);
    return this.market;
  }

  async accounts(addresses: readonly Address[]): Promise<readonly AccountView[]> {
    const a = await this.inner.accounts(addresses);
    if (addresses.length === this.agents && this.market !== undefined) {
      const snap = { market: this.market, accounts: a };
      if (this.first === undefined) this.first = snap;
      this.last = snap;
    }
    return a;
  }

  submit(tx: SubmittedTx): Promise<SubmitResult> {
    return this.inner.submit(tx);
  }

  applyEvent(event: EconomyEvent, step: number): Promise<EventOutcome> {
    return this.inner.applyEvent(event, step);
  }

  mine(timestamp: number): Promise<BlockResult> {
    return this.inner.mine(timestamp);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
