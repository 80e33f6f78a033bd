// report.html: one self-contained page (inline CSS and SVG, no script, no network): warnings
// (books, settings the deployment changed, families that never acted), the headline answering the
// seed framework's evaluation questions, realisable P&L per family, the catalogue's charts
// (vega-lite, static SVG), the accounting, the effective settings and the resolved scenario.
import type { RunSummary } from "../sim/records";
import { CATALOGUE, type Catalogue } from "../metrics/catalogue";
import { chartGroups, type ChartData } from "./charts";
import type { Series } from "./series";
import { escapeXml } from "./svg";
import { humanValue, humanWei, stableStringify } from "./format";
import { barSpec, FAMILY_PALETTE, lineSpec, renderSvg } from "./vega";
import { runWarnings } from "./warnings";
import { familyInfo } from "../agents/registry";

export const CSS = `body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}
h1{margin-bottom:4px}.sub{color:#555;margin-top:0}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}td.l,th.l{text-align:left}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #e5e5e5}
.warn{background:#fff6e0;border-left:4px solid #e0a000;padding:6px 10px;margin:4px 0}
.err{background:#fde8e8;border-left:4px solid #c00;padding:6px 10px;margin:4px 0;font-weight:bold}
.ok{background:#eaf6ea;border-left:4px solid #2a2;padding:6px 10px;margin:4px 0}
.neg{color:#b00}.pos{color:#070}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:400px;font-size:12px}`;

/** A table; columns listed in `textColumns` are left-aligned (the first always is), the rest are numbers. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], textColumns: readonly number[] = []): string {
  const th = headers.map((h, i) => (textColumns.includes(i) ? `<th class="l">${escapeXml(h)}</th>` : `<th>${escapeXml(h)}</th>`)).join("");
  const td = (c: string, i: number) => (textColumns.includes(i) ? `<td class="l">${escapeXml(c)}</td>` : `<td>${escapeXml(c)}</td>`);
  const trs = rows.map((r) => `<tr>${r.map(td).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`;
}

/** Family -> colour, the same in every chart of a report. */
export function familyColours(families: readonly string[]): { [family: string]: string } {
  return Object.fromEntries(families.map((f, i) => [f, FAMILY_PALETTE[i % FAMILY_PALETTE.length]]));
}

export async function runCharts(d: ChartData, c: Catalogue = CATALOGUE): Promise<string[]> {
  const colours = familyColours(d.families);
  const out: string[] = [];
  for (const g of chartGroups(d.families, c)) {
    const lines = g.lines.map((l) => {
      const s = d.series[l.key] as Series;
      return { label: l.label, xs: s.xs, ys: s.ys };
    });
    // a chart with no value at all (e.g. the resource market's in a run without one) is left out
    if (!lines.some((l) => l.ys.some((y) => Number.isFinite(y)))) continue;
    out.push(await renderSvg(lineSpec({ title: g.chart.title, unit: g.unit, scale: g.chart.scale, lines, colours: g.byFamily ? colours : undefined })));
  }
  return out;
}

/** Headline rows: the catalogue's run metrics grouped by the question they answer. */
export function headlineRows(sum: RunSummary, c: Catalogue = CATALOGUE): string[][] {
  const asked = c.run.filter((m) => m.question !== undefined);
  // a question none of whose metrics has a value in this run (e.g. the resource economy in a run without a market) is left out
  const answered = new Set(asked.filter((m) => Number.isFinite(sum.metrics[m.name] ?? NaN)).map((m) => m.question));
  return asked
    .filter((m) => answered.has(m.question))
    .map((m) => [m.question as string, m.description, humanValue(sum.metrics[m.name] ?? NaN, m.unit)]);
}

/** Which adversary families ran: a small --agents can leave every one of them with 0 agents. */
export function adversaryText(sum: RunSummary): string {
  if (!sum.scenario.adversaries) return "adversaries off";
  const present = sum.pnlByFamily.filter((p) => p.count > 0 && isAdversarial(p.family));
  return present.length === 0 ? "adversaries on, but no adversary family has agents" : `adversaries: ${present.map((p) => `${p.family} (${p.count})`).join(", ")}`;
}

function isAdversarial(family: string): boolean {
  try {
    return familyInfo(family).adversarial;
  } catch {
    return false; // a family the registry does not know (an old run's) is not claimed as one
  }
}

export function pnlRows(sum: RunSummary): string[][] {
  // a family with no agents has no P&L (n/a), not a P&L of 0 ETH
  const rows = sum.pnlByFamily.map((p) => [
    p.family, String(p.count), String(p.txs),
    ...(p.count === 0 ? ["n/a", "n/a", "n/a", "n/a", "n/a"] : [humanWei(BigInt(p.total)), humanWei(BigInt(p.mean)), `${p.rising}/${p.count}`, humanWei(BigInt(p.totalJoint)), humanWei(BigInt(p.totalSpot))]),
  ]);
  const total = sum.pnlByFamily.reduce((t, p) => t + BigInt(p.total), 0n);
  const spot = sum.pnlByFamily.reduce((t, p) => t + BigInt(p.totalSpot), 0n);
  const joint = sum.pnlByFamily.reduce((t, p) => t + BigInt(p.totalJoint), 0n);
  const agents = sum.pnlByFamily.reduce((t, p) => t + p.count, 0);
  const rising = sum.pnlByFamily.reduce((t, p) => t + p.rising, 0);
  rows.push(["all agents", String(agents), String(sum.totals.txs), humanWei(total), "", `${rising}/${agents}`, humanWei(joint), humanWei(spot)]);
  return rows;
}

export function accountingHtml(sum: RunSummary): string {
  const a = sum.accounting;
  if (!a.checked) return `<p class="warn">The economy reported no books: conservation was not checked (wealth valued by ${escapeXml(a.valuation)}).</p>`;
  const verdict = a.balanced
    ? `<p class="ok">Both ledgers balance at every step (largest residual: ether ${a.residualWei} wei, token ${a.tokenResidualWei} wei; rounding bound ${a.roundingBoundWei} wei).</p>`
    : `<p class="err">The books do not balance: largest ether residual ${a.residualWei} wei, token residual ${a.tokenResidualWei} wei, supply residual ${a.supplyResidualWei} wei (first at step ${a.firstUnbalancedStep ?? "?"}).</p>`;
  const f = a.final;
  const rows: string[][] = f === undefined ? [] : [
    ["ether: agents hold", humanWei(BigInt(f.ether.agents))],
    ["ether: the protocol holds (reserve, fees, buckets, funds, rewards, referral credit)", humanWei(BigInt(f.ether.protocol))],
    ["ether: gas the agents paid in all, setup approvals included", humanWei(BigInt(f.ether.gas))],
    // the headline's gasPaid counts the run's steps only: show the rest, so the two are not read as one figure
    ["of which gas paid before step 0 (setup approvals)", humanWei(BigInt(f.ether.gas) - BigInt(sum.totals.gasPaid))],
    ["ether: entered (funding + genesis)", humanWei(BigInt(f.ether.entered))],
    ["tokens: agents hold (liquid)", humanWei(BigInt(f.token.agents), "tokens")],
    ["tokens: everyone else holds (stakes, deployer, contracts)", humanWei(BigInt(f.token.others), "tokens")],
    ["tokens: minted / burned", `${humanWei(BigInt(f.token.minted), "tokens")} / ${humanWei(BigInt(f.token.burned), "tokens")}`],
    ["tokens: total supply", humanWei(BigInt(f.token.supply), "tokens")],
  ];
  return `${verdict}<p>Wealth is <b>realisable</b>: ether + what selling all of an agent's tokens (liquid and staked) would pay now by the market's own quote (${escapeXml(a.valuation)}), net of the sell fee, + claimable rewards and referral credit. Realisable values are not conserved (one trade moves every holder's value); the ledgers below are.</p>
${rows.length ? table(["after the last step", "amount"], rows) : ""}`;
}

function settingsHtml(sum: RunSummary): string {
  const rows = Object.entries(sum.settings.effective).map(([k, v]) => [k, String(v)]);
  const changes = sum.settings.changes.map((c) => [c.setting, c.asked, c.used, c.why]);
  return `${changes.length ? table(["setting", "scenario asked", "deployment used", "why"], changes, [3]) : "<p>Every setting was applied as the scenario asked.</p>"}
${rows.length ? `<details><summary>all effective settings</summary>${table(["setting", "used"], rows)}</details>` : ""}`;
}

export async function renderRunReport(sum: RunSummary, charts: ChartData, c: Catalogue = CATALOGUE): Promise<string> {
  const warnings = runWarnings(sum).map((w) => `<p class="${w.level === "error" ? "err" : "warn"}">${escapeXml(w.text)}</p>`);
  const errs = [
    ...Object.entries(sum.totals.revertsByError).map(([e, n]) => ["agents' transactions", e, String(n)]),
    ...Object.entries(sum.totals.systemRevertsByError).map(([e, n]) => ["the economy's own (system, events)", e, String(n)]),
    ...Object.entries(sum.totals.rejectedByError).map(([e, n]) => ["refused before a block (not sent)", e, String(n)]),
  ];
  const kinds = Object.entries(sum.totals.actionsByKind).map(([k, n]) => [k, String(n)]);
  const pnlBars = await renderSvg(barSpec(
    "P&L per family (ETH): realisable, all agents selling together, marked to spot",
    "ETH",
    sum.pnlByFamily.flatMap((p) => [
      { label: p.family, kind: "realisable", value: Number(BigInt(p.total)) / 1e18 },
      { label: p.family, kind: "all agents selling together", value: Number(BigInt(p.totalJoint)) / 1e18 },
      { label: p.family, kind: "marked to spot (not realisable)", value: Number(BigInt(p.totalSpot)) / 1e18 },
    ]),
    ["realisable", "all agents selling together", "marked to spot (not realisable)"],
    ["#4e79a7", "#f28e2b", "#bab0ac"],
  ));
  const s = sum.scenario;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Cipher simulation: ${escapeXml(s.name)}</title>
<style>${CSS}</style></head><body>
<h1>Cipher simulation: ${escapeXml(s.name)}</h1>
<p class="sub">${escapeXml(s.description)}</p>
<p>seed <b>${sum.seed}</b> · ${sum.steps} steps · ${sum.agents} agents · economy <b>${escapeXml(sum.economy)}</b> · curve ${escapeXml(s.curve.kind)} · ${escapeXml(adversaryText(sum))} · breaker ${s.protections.breaker ? "on" : "off"} · slippage protection ${s.protections.slippage ? "on" : "off"}${s.events.length ? ` · ${s.events.length} scheduled event(s)` : ""}</p>
${warnings.join("\n")}
<h2>Headline numbers</h2>
${table(["question", "metric", "value"], headlineRows(sum, c), [1])}
<h2>Profit and loss per policy family</h2>
${table(["family", "agents", "txs", "realisable P&L (each selling alone)", "mean per agent", "agents whose realisable wealth rose", "if all agents sold together", "marked to spot (not realisable)"], pnlRows(sum))}
<p><b>Realisable</b> values each agent's tokens (liquid and staked) at the market's own quote for selling all of them now, net of the sell fee, as if that agent sold first. The agents cannot all sell first: <b>if all agents sold together</b> shares the quote for selling every agent's tokens at once pro rata by tokens, which is what the agents as a group can take out. <b>Marked to spot</b> (tokens x spot price) is shown for comparison only; no holder can get it.</p>
<p>In the run's steps the agents paid ${humanWei(BigInt(sum.totals.fees))} of trading fees and ${humanWei(BigInt(sum.totals.gasPaid))} of gas (the books below also count the gas of their setup approvals).</p>
<div class="charts">${pnlBars}</div>
<h2>Charts</h2>
<div class="charts">
${(await runCharts(charts, c)).join("\n")}
</div>
<h2>Accounting</h2>
${accountingHtml(sum)}
<h2>Settings this run used</h2>
${settingsHtml(sum)}
<h2>Actions by kind</h2>
${table(["kind", "count"], kinds)}
<h2>Reverts by error</h2>
<p>Agents' reverts add up to the run's reverts (${sum.totals.reverts}); the other rows are not counted in it.</p>
${errs.length ? table(["whose", "error", "count"], errs) : "<p>none</p>"}
<h2>Resolved scenario</h2>
<pre>${escapeXml(stableStringify(s, 2))}</pre>
</body></html>
`;
}
