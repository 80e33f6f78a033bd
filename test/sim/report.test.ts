import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatNumber, formatWei, humanValue, humanWei, stableStringify } from "../../src/report/format";
import { chartGroups } from "../../src/report/charts";
import { familiesOf } from "../../src/sim/population";
import { csvColumns, BASE_COLUMNS } from "../../src/report/csv";
import { escapeXml, lineChart } from "../../src/report/svg";
import { emptySeries, pushPoint } from "../../src/report/series";
import { loadScenario, runToDir } from "../../src/sim/run";

describe("report: deterministic formatting", () => {
  it("formats wei as exact ether decimals", () => {
    expect(formatWei(0n)).to.equal("0");
    expect(formatWei(15n * 10n ** 17n)).to.equal("1.5");
    expect(formatWei(1n)).to.equal("0.000000000000000001");
    expect(formatWei(-25n * 10n ** 16n)).to.equal("-0.25");
  });

  it("formats floats with 10 significant digits and blanks non-finite values", () => {
    expect(formatNumber(1 / 3)).to.equal("0.3333333333");
    expect(formatNumber(0)).to.equal("0");
    expect(formatNumber(NaN)).to.equal("");
    expect(formatNumber(Infinity)).to.equal("");
  });

  it("stringifies JSON with sorted keys at every level and bigints as strings", () => {
    expect(stableStringify({ b: 1, a: { d: 2n, c: [3, { f: 1, e: 0 }] }, u: undefined })).to.equal('{"a":{"c":[3,{"e":0,"f":1}],"d":"2"},"b":1}');
  });

  it("puts the catalogue's step columns first, then each family metric per family in family order", () => {
    const cols = csvColumns(["noise", "whale"]);
    expect(cols.slice(0, BASE_COLUMNS.length)).to.deep.equal([...BASE_COLUMNS]);
    expect(cols.slice(BASE_COLUMNS.length)).to.deep.equal(["pnl_noise", "pnl_whale", "pnl_joint_noise", "pnl_joint_whale", "pnl_spot_noise", "pnl_spot_whale"]);
  });

  it("prints numbers for people: human units and sensible precision, never 18 decimals", () => {
    expect(humanWei(114_273_456_789_000_000_000n)).to.equal("114.3 ETH");
    expect(humanWei(54_123_000_000_000_000_000n)).to.equal("54.12 ETH");
    expect(humanWei(-86_000_000_000_000_000_000n)).to.equal("-86.00 ETH");
    expect(humanWei(12_345n * 10n ** 18n, "tokens")).to.equal("12,345 tokens");
    expect(humanWei(3_421_987_000_000_000n, "ETH/token")).to.equal("0.00342 ETH/token");
    expect(humanWei(1n)).to.equal("1.00e-18 ETH");
    expect(humanValue(0.1234, "share")).to.equal("12.3%");
    expect(humanValue(NaN, "ETH")).to.equal("n/a");
    expect(humanValue(1234.6, "count")).to.equal("1,235");
  });
});

describe("report: charts", () => {
  it("draws a line chart as standalone SVG with one polyline per series and a legend", () => {
    const svg = lineChart({ title: "A & B", series: [{ name: "a", xs: [0, 1, 2], ys: [1, 3, 2] }, { name: "b<", xs: [0, 1, 2], ys: [2, 2, 2] }] });
    expect(svg.startsWith("<svg")).to.equal(true);
    expect(svg.match(/<polyline/g)).to.have.length(2);
    expect(svg).to.include("A &amp; B");
    expect(svg).to.include("b&lt;");
    expect(svg).to.not.include("NaN");
  });

  it("skips non-finite points and survives empty or flat series", () => {
    const svg = lineChart({ title: "t", series: [{ name: "x", xs: [0, 1], ys: [NaN, 5] }, { name: "e", xs: [], ys: [] }] });
    expect(svg).to.not.include("NaN");
    expect(svg.match(/<polyline/g)).to.have.length(1);
  });

  it("keeps at most `capacity` points of a long series by thinning evenly", () => {
    let s = emptySeries(100);
    for (let i = 0; i < 100_000; i++) s = pushPoint(s, i, i);
    expect(s.xs.length).to.be.at.most(100);
    expect(s.xs.length).to.be.at.least(50);
    expect(s.xs[0]).to.equal(0);
    const gaps = new Set(s.xs.slice(1).map((x, i) => x - s.xs[i]));
    expect([...gaps]).to.deep.equal([s.stride]);
  });
});

describe("report: run outputs", () => {
  it("writes report.html, self-contained, with the catalogue's charts (vega-lite SVG), scenario, seed and headline numbers", async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-report-"));
    const s = loadScenario(path.join(__dirname, "..", "..", "scenarios", "default.json"), { steps: 30, agents: 30, seed: 5 });
    await runToDir({ scenario: s, outDir: dir, economy: "fake" });
    const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
    // the resource market's charts are left out of a run without one (all their values are blank)
    const groups = chartGroups(familiesOf(s)).filter((g) => !g.chart.id.startsWith("resource"));
    expect(html.match(/<svg /g)?.length).to.equal(groups.length + 1); // + the P&L bars
    for (const g of groups) expect(html).to.include(escapeXml(g.chart.title));
    expect(html).to.include("Realisable P&amp;L per family (ETH)");
    expect(html).to.not.match(/>[^<]*\d\.\d{12,}[^<]*</); // no text in the page shows a number with 12+ decimals
    for (const q of ["Price volatility", "Stability under shocks", "Agent performance", "Participation", "Inequality", "Welfare"]) expect(html).to.include(q);
    expect(html).to.include("seed <b>5</b>");
    expect(html).to.include("Headline numbers");
    expect(html).to.not.match(/<script|https?:\/\/(?!www\.w3\.org)/);
    const csv = fs.readFileSync(path.join(dir, "metrics.csv"), "utf8").trim().split("\n");
    expect(csv).to.have.length(31); // header + one row per step
    const lines = fs.readFileSync(path.join(dir, "actions.ndjson"), "utf8").trim().split("\n");
    expect(lines.every((l) => typeof JSON.parse(l).ok === "boolean")).to.equal(true);
  });
});
