// Live metrics: a Prometheus text endpoint on 127.0.0.1 (prom-client), optional.
import * as http from "http";
import { Counter, Gauge, Registry } from "prom-client";
import type { StepMetrics } from "../sim/records";

export class BotMetrics {
  readonly registry = new Registry();
  private readonly block = new Gauge({ name: "cipher_bots_block", help: "Last block the bots processed", registers: [this.registry] });
  private readonly price = new Gauge({ name: "cipher_bots_spot_price_wei", help: "Spot price, reserve wei per whole token", registers: [this.registry] });
  private readonly supply = new Gauge({ name: "cipher_bots_supply_tokens", help: "Token supply, whole tokens", registers: [this.registry] });
  private readonly volatility = new Gauge({ name: "cipher_bots_volatility", help: "Realised volatility over the window", registers: [this.registry] });
  private readonly gini = new Gauge({ name: "cipher_bots_gini", help: "Gini of agent wealth", registers: [this.registry] });
  private readonly staking = new Gauge({ name: "cipher_bots_staking_ratio", help: "Staked share of supply", registers: [this.registry] });
  private readonly pending = new Gauge({ name: "cipher_bots_pending_txs", help: "Transactions in flight", registers: [this.registry] });
  private readonly counters = new Gauge({ name: "cipher_bots_txs", help: "Transactions by outcome since the state file began", labelNames: ["outcome"], registers: [this.registry] });
  private readonly receipts = new Counter({ name: "cipher_bots_receipts_total", help: "Receipts seen by this process", labelNames: ["kind", "ok"], registers: [this.registry] });
  private server: http.Server | undefined;

  onBlock(block: number, m: StepMetrics, pending: number, c: Record<string, number>): void {
    this.block.set(block);
    this.price.set(Number(m.price));
    this.supply.set(Number(m.supply / 10n ** 18n));
    this.volatility.set(m.volatility);
    this.gini.set(m.gini);
    this.staking.set(m.stakingRatio);
    this.pending.set(pending);
    for (const [k, v] of Object.entries(c)) this.counters.set({ outcome: k }, v);
  }

  onReceipt(kind: string, ok: boolean): void {
    this.receipts.inc({ kind, ok: ok ? "true" : "false" });
  }

  /** Serves /metrics on 127.0.0.1:port; resolves with the bound port. */
  listen(port: number): Promise<number> {
    this.server = http.createServer((req, res) => {
      if (req.url !== "/metrics") {
        res.writeHead(404).end();
        return;
      }
      void this.registry.metrics().then((text) => res.writeHead(200, { "content-type": this.registry.contentType }).end(text));
    });
    return new Promise((resolve) => this.server!.listen(port, "127.0.0.1", () => resolve((this.server!.address() as { port: number }).port)));
  }

  close(): void {
    this.server?.close();
  }
}
