// report.html: one self-contained page (inline CSS and SVG, no script, no network) with the
// scenario, seed, headline numbers and the run's charts.
import type { RunSummary } from "../sim/records";
import type { ChartData } from "./charts";
import type { Series } from "./series";
import { escapeXml, lineChart, type ChartSeries } from "./svg";
import { formatNumber, formatWei, stableStringify } from "./format";

const CSS = `body{font-family:sans-serif;margin:24px;max-width:1360px;color:#222}
h1{margin-bottom:4px}.sub{color:#555;margin-top:0}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #ddd}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:400px;font-size:12px}`;

function s(d: ChartData, key: string, name: string): ChartSeries {
  const series = d.series[key] as Series;
  return { name, xs: series.xs, ys: series.ys };
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = headers.map((h) => `<th>${escapeXml(h)}</th>`).join("");
  const trs = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeXml(c)}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

export function runCharts(d: ChartData): string[] {
  return [
    lineChart({ title: "Price (ether per token)", series: [s(d, "price", "spot price")], xLabel: "step" }),
    lineChart({ title: "Supply (tokens)", series: [s(d, "supply", "supply")], xLabel: "step" }),
    lineChart({ title: "Realised volatility (log returns)", series: [s(d, "volatility", "volatility")], xLabel: "step" }),
    lineChart({ title: "Gini of agent wealth", series: [s(d, "gini", "gini")], xLabel: "step" }),
    lineChart({
      title: "Treasury funds (ether)",
      series: [s(d, "welfare", "welfare"), s(d, "solidarity", "solidarity"), s(d, "development", "development")],
      xLabel: "step",
    }),
    lineChart({
      title: "Staking ratio and governance participation",
      series: [s(d, "stakingRatio", "staking ratio"), s(d, "participation", "participation")],
      xLabel: "step",
    }),
    lineChart({ title: "P&L per policy family (ether, total)", series: d.families.map((f) => s(d, `pnl:${f}`, f)), xLabel: "step" }),
  ];
}

export function renderRunReport(sum: RunSummary, charts: ChartData): string {
  const st = sum.stats;
  const headline: string[][] = [
    ["final price (ether/token)", formatWei(BigInt(sum.final.price))],
    ["final supply (tokens)", formatWei(BigInt(sum.final.supply))],
    ["final reserve (ether)", formatWei(BigInt(sum.final.reserve))],
    ["mean volatility", formatNumber(st.volatility.mean)],
    ["final Gini", formatNumber(st.gini.last)],
    ["mean staking ratio", formatNumber(st.stakingRatio.mean)],
    ["mean participation", formatNumber(st.participation.mean)],
    ["transactions / reverts", `${sum.totals.txs} / ${sum.totals.reverts}`],
    ["buy / sell volume (ether)", `${formatWei(BigInt(sum.totals.buyVolume))} / ${formatWei(BigInt(sum.totals.sellVolume))}`],
    ["fees (ether)", formatWei(BigInt(sum.totals.fees))],
    ["welfare / solidarity paid (ether)", `${formatWei(BigInt(sum.totals.welfarePaid))} / ${formatWei(BigInt(sum.totals.solidarityPaid))}`],
    ["slashes executed", String(sum.totals.slashes)],
    ["circuit-breaker trips", String(sum.totals.breakerTrips)],
  ];
  const pnl = sum.pnlByFamily.map((p) => [p.family, String(p.count), formatWei(BigInt(p.total)), formatWei(BigInt(p.mean))]);
  const errs = Object.entries(sum.totals.revertsByError).map(([e, n]) => [e, String(n)]);
  const kinds = Object.entries(sum.totals.actionsByKind).map(([k, n]) => [k, String(n)]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cipher simulation: ${escapeXml(sum.scenario.name)}</title>
<style>${CSS}</style></head><body>
<h1>Cipher simulation: ${escapeXml(sum.scenario.name)}</h1>
<p class="sub">${escapeXml(sum.scenario.description)}</p>
<p>seed <b>${sum.seed}</b> · ${sum.steps} steps · ${sum.agents} agents · economy <b>${escapeXml(sum.economy)}</b> · curve ${escapeXml(sum.scenario.curve.kind)} · adversaries ${sum.scenario.adversaries ? "on" : "off"} · breaker ${sum.scenario.protections.breaker ? "on" : "off"} · slippage protection ${sum.scenario.protections.slippage ? "on" : "off"}</p>
<h2>Headline numbers</h2>
${table(["metric", "value"], headline)}
<h2>Charts</h2>
<div class="charts">
${runCharts(charts).join("\n")}
</div>
<h2>Profit and loss per policy family (ether)</h2>
${table(["family", "agents", "total", "mean"], pnl)}
<h2>Actions by kind</h2>
${table(["kind", "count"], kinds)}
<h2>Reverts by error</h2>
${errs.length ? table(["error", "count"], errs) : "<p>none</p>"}
<h2>Resolved scenario</h2>
<pre>${escapeXml(stableStringify(sum.scenario, 2))}</pre>
</body></html>
`;
}
