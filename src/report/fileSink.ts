// Writes a run's outputs to a directory: metrics.csv and actions.ndjson streamed per step,
// summary.json and report.html at the end.
import * as fs from "fs";
import * as path from "path";
import type { ActionRecord, RunSink, RunSummary, StepMetrics } from "../sim/records";
import { csvColumns, csvRow, LineWriter } from "./csv";
import { stableStringify } from "./format";
import { addStep, emptyChartData, type ChartData } from "./charts";
import { renderRunReport } from "./html";
import { runWarnings } from "./warnings";
import { CATALOGUE, type Catalogue } from "../metrics/catalogue";

export function actionLine(r: ActionRecord): string {
  return stableStringify({
    step: r.step, agent: r.agent, family: r.family, from: r.from, nonce: r.nonce, index: r.index,
    ok: r.ok, error: r.error, action: r.action, event: r.event, system: r.system,
  });
}

export class FileSink implements RunSink {
  private readonly metrics: LineWriter;
  private readonly actions: LineWriter;
  private charts: ChartData;

  constructor(
    readonly outDir: string,
    families: readonly string[],
    chartPoints: number,
    private readonly catalogue: Catalogue = CATALOGUE,
    /** Where errors and warnings of the run are printed (stderr by default). */
    private readonly log: (line: string) => void = (line) => process.stderr.write(line + "\n"),
  ) {
    if (fs.existsSync(outDir) && !fs.statSync(outDir).isDirectory()) throw new Error(`output directory ${outDir} is a file, not a directory: choose another --out`);
    fs.mkdirSync(outDir, { recursive: true });
    this.metrics = new LineWriter(path.join(outDir, "metrics.csv"));
    this.actions = new LineWriter(path.join(outDir, "actions.ndjson"), 2048);
    this.metrics.write(csvColumns(families, catalogue).join(","));
    this.charts = emptyChartData(families, chartPoints, catalogue);
  }

  onStep(m: StepMetrics): void {
    this.metrics.write(csvRow(m, this.catalogue));
    this.charts = addStep(this.charts, m, this.catalogue);
  }

  onAction(r: ActionRecord): void {
    this.actions.write(actionLine(r));
  }

  async finish(summary: RunSummary): Promise<void> {
    this.metrics.close();
    this.actions.close();
    fs.writeFileSync(path.join(this.outDir, "summary.json"), stableStringify(summary, 2) + "\n");
    fs.writeFileSync(path.join(this.outDir, "report.html"), await renderRunReport(summary, this.charts, this.catalogue));
    for (const w of runWarnings(summary)) this.log(`${w.level === "error" ? "ERROR" : "warning"}: ${w.text}`);
  }
}
