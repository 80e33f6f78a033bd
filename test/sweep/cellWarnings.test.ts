// A grid's cells share most warnings (what --steps drops, a floor the deployment applies): each
// distinct line is printed once per process, while every cell's own summary and report keep them all.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCell } from "../../src/sweep/cell";
import { readScenarioJson } from "../../src/sim/run";

describe("sweep cells: each distinct warning printed once per process", () => {
  it("two cells with the same dropped events print their warnings once; both summaries keep them", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-cellwarn-"));
    const raw = readScenarioJson(path.join(__dirname, "..", "..", "scenarios", "default.json"));
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    (process.stderr as { write: unknown }).write = (chunk: string | Uint8Array): boolean => {
      lines.push(String(chunk));
      return true;
    };
    try {
      for (const [index, seed] of [[0, 1], [1, 2]] as const) {
        const r = await runCell({ cell: { index, settingKey: "fees.buyBps=50", setting: { "fees.buyBps": "50" }, seed }, baseScenario: raw, steps: 5, agents: 20, economy: "fake", outDir: out });
        expect(r.error).to.equal(undefined);
      }
    } finally {
      (process.stderr as { write: unknown }).write = write;
    }
    const warnings = lines.join("").split("\n").filter((l) => l.startsWith("warning: setting events: "));
    expect(warnings.length).to.be.greaterThan(0);
    expect(new Set(warnings).size).to.equal(warnings.length); // none twice
    for (const dir of fs.readdirSync(path.join(out, "cells"))) {
      const sum = JSON.parse(fs.readFileSync(path.join(out, "cells", dir, "summary.json"), "utf8")) as { settings: { changes: { setting: string }[] } };
      expect(sum.settings.changes.filter((c) => c.setting.startsWith("events: ")).length, dir).to.equal(warnings.length);
    }
    fs.rmSync(out, { recursive: true, force: true });
  });
});
