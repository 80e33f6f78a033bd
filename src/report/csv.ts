// metrics.csv: fixed column order, one row per step, streamed to disk in chunks.
import * as fs from "fs";
import type { StepMetrics } from "../sim/records";
import { formatNumber, formatWei } from "./format";

export const BASE_COLUMNS = [
  "step", "block", "timestamp", "price", "supply", "reserve", "buy_volume", "sell_volume", "fees",
  "volatility", "gini", "staking_ratio", "participation", "welfare_fund", "solidarity_fund",
  "development_fund", "welfare_paid", "solidarity_paid", "slashes", "breaker_trips", "halted", "txs", "reverts",
] as const;

/** Base columns then pnl_<family> (total, ether) for each family in scenario order. */
export function csvColumns(families: readonly string[]): string[] {
  return [...BASE_COLUMNS, ...families.map((f) => `pnl_${f}`)];
}

export function csvRow(m: StepMetrics): string {
  const cells = [
    String(m.step), String(m.block), String(m.timestamp), formatWei(m.price), formatWei(m.supply), formatWei(m.reserve),
    formatWei(m.buyVolume), formatWei(m.sellVolume), formatWei(m.fees), formatNumber(m.volatility), formatNumber(m.gini),
    formatNumber(m.stakingRatio), formatNumber(m.participation), formatWei(m.welfare), formatWei(m.solidarity),
    formatWei(m.development), formatWei(m.welfarePaid), formatWei(m.solidarityPaid), String(m.slashes),
    String(m.breakerTrips), m.halted ? "1" : "0", String(m.txs), String(m.reverts),
    ...m.pnl.map((p) => formatWei(p.total)),
  ];
  return cells.join(",");
}

/** Appends lines to a file, flushing every `chunk` lines (bounded memory). */
export class LineWriter {
  private fd: number;
  private buf: string[] = [];
  constructor(
    path: string,
    private readonly chunk = 256,
  ) {
    this.fd = fs.openSync(path, "w");
  }
  write(line: string): void {
    this.buf.push(line);
    if (this.buf.length >= this.chunk) this.flush();
  }
  flush(): void {
    if (this.buf.length === 0) return;
    fs.writeSync(this.fd, this.buf.join("\n") + "\n");
    this.buf = [];
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}
