// Renders report.html in headless Chromium (Debian package chromium-headless-shell or chromium)
// and checks the page draws its charts. .ci/run installs Chromium; under CI a missing browser is a
// failure, elsewhere the test is skipped with a message.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadScenario, runToDir } from "../../src/sim/run";
import { chartGroups } from "../../src/report/charts";
import { familiesOf } from "../../src/sim/population";
import { lineSpec, renderSvg, FAMILY_PALETTE } from "../../src/report/vega";
import { drawing, readPng } from "./png";

function findChromium(): string | undefined {
  for (const name of ["chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"]) {
    const r = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" });
    if (r.status === 0 && r.stdout.trim() !== "") return r.stdout.trim();
  }
  return undefined;
}

// Chromium must not try the network (this machine has none): background services off.
const QUIET_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

function screenshot(chrome: string, file: string, png: string, size = "1400,2600"): void {
  const args = [...QUIET_FLAGS, "--hide-scrollbars", `--window-size=${size}`, `--screenshot=${png}`, `file://${file}`];
  const r = spawnSync(chrome, args, { encoding: "utf8", timeout: 60_000 });
  if (!fs.existsSync(png)) throw new Error(`chromium produced no screenshot: ${r.stderr}`);
}

describe("report.html in headless Chromium", function () {
  this.timeout(120_000);

  it("renders the charts (the page's screenshot carries far more drawing than a blank page)", async function () {
    const chrome = findChromium();
    if (chrome === undefined) {
      if (process.env.CI) throw new Error("CI must install Chromium (.ci/run does: apt-get install chromium)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-render-"));
    const s = loadScenario(path.join(__dirname, "..", "..", "scenarios", "default.json"), { steps: 80, agents: 40 });
    await runToDir({ scenario: s, outDir: dir, economy: "fake" });
    const blank = path.join(dir, "blank.html");
    fs.writeFileSync(blank, "<!DOCTYPE html><html><body></body></html>");
    const dom = spawnSync(chrome as string, [...QUIET_FLAGS, "--dump-dom", `file://${path.join(dir, "report.html")}`], { encoding: "utf8", timeout: 60_000 });
    // the resource market's charts are left out of a run without one (all their values are blank)
    expect((dom.stdout.match(/<svg /g) ?? []).length).to.equal(chartGroups(familiesOf(s)).filter((g) => !g.chart.id.startsWith("resource")).length + 1);
    screenshot(chrome as string, path.join(dir, "report.html"), path.join(dir, "report.png"), "1400,5200");
    screenshot(chrome as string, blank, path.join(dir, "blank.png"), "1400,5200");
    const full = fs.statSync(path.join(dir, "report.png")).size;
    const empty = fs.statSync(path.join(dir, "blank.png")).size;
    expect(full).to.be.above(empty * 5);
    // the screenshot, decoded: a good part of the page is drawing, in many distinct colours (charts, not a wall of text)
    const shot = drawing(readPng(path.join(dir, "report.png")));
    expect(shot.inked, JSON.stringify(shot)).to.be.above(0.05);
    expect(shot.hues, JSON.stringify(shot)).to.be.at.least(6);
    // one distinguishable colour per family in the P&L chart
    const families = familiesOf(s);
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    for (const colour of FAMILY_PALETTE.slice(0, families.length)) expect(html).to.include(`stroke="${colour}"`);
  });

  it("opens a chart library SVG on its own (vega-lite rendered in Node) and draws it", async function () {
    const chrome = findChromium();
    if (chrome === undefined) {
      if (process.env.CI) throw new Error("CI must install Chromium (.ci/run does: apt-get install chromium)");
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-svg-"));
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const svg = await renderSvg(lineSpec({ title: "Two lines", unit: "ETH", lines: [{ label: "a", xs, ys: xs.map((x) => Math.sin(x / 5)) }, { label: "b", xs, ys: xs.map((x) => x / 50) }] }));
    expect(svg.startsWith("<svg")).to.equal(true);
    const file = path.join(dir, "chart.svg");
    fs.writeFileSync(file, svg);
    const dom = spawnSync(chrome as string, [...QUIET_FLAGS, "--dump-dom", `file://${file}`], { encoding: "utf8", timeout: 60_000 });
    expect(dom.stdout).to.include("<svg");
    expect(dom.stdout).to.include("Two lines");
    const blank = path.join(dir, "blank.svg");
    fs.writeFileSync(blank, '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300"><rect width="600" height="300" fill="white"/></svg>');
    screenshot(chrome as string, file, path.join(dir, "chart.png"));
    screenshot(chrome as string, blank, path.join(dir, "blank.png"));
    const chart = drawing(readPng(path.join(dir, "chart.png")));
    const none = drawing(readPng(path.join(dir, "blank.png")));
    expect(none.inked).to.equal(0);
    expect(chart.inked, JSON.stringify(chart)).to.be.above(0.001);
    expect(chart.hues).to.be.at.least(2); // the two series' colours
  });
});
