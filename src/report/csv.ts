// metrics.csv: one row per step, streamed to disk in chunks; columns from the metric catalogue
// (step metrics in catalogue order, then each family metric for each family in scenario order).
import * as fs from "fs";
import type { StepMetrics } from "../sim/records";
import { CATALOGUE, type Catalogue } from "../metrics/catalogue";
import { formatNumber, formatWei } from "./format";

/** The catalogue's step-metric columns (the fixed part of the header). */
export function baseColumns(c: Catalogue = CATALOGUE): string[] {
  return c.step.map((m) => m.column);
}

export const BASE_COLUMNS: readonly string[] = baseColumns();

/** Step columns, then every family metric's column for each family in scenario order. */
export function csvColumns(families: readonly string[], c: Catalogue = CATALOGUE): string[] {
  return [...baseColumns(c), ...c.family.flatMap((fm) => families.map((f) => fm.column(f)))];
}

function cell(v: bigint | number | boolean, unit: string): string {
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "bigint") return unit === "wei" ? v.toString() : formatWei(v);
  return Number.isInteger(v) ? String(v) : formatNumber(v);
}

export function csvRow(m: StepMetrics, c: Catalogue = CATALOGUE): string {
  const cells = [
    ...c.step.map((d) => cell(d.value(m), d.unit)),
    ...c.family.flatMap((fm) => m.pnl.map((_, i) => cell(fm.value(m, i), fm.unit))),
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
