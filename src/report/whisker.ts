// Dot-and-whisker SVG: one row per setting, the mean as a dot and the 95% CI as a bar.
import { escapeXml } from "./svg";

export interface WhiskerRow {
  readonly label: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export function whiskerChart(title: string, rows: readonly WhiskerRow[], width = 640): string {
  const rowH = 22;
  const m = { l: 220, r: 20, t: 30, b: 30 };
  const H = m.t + m.b + rowH * Math.max(1, rows.length);
  const pw = width - m.l - m.r;
  const vals = rows.flatMap((r) => [r.lo, r.hi, r.mean]).filter(Number.isFinite);
  let lo = vals.length ? Math.min(...vals) : 0;
  let hi = vals.length ? Math.max(...vals) : 1;
  if (hi === lo) {
    lo -= Math.abs(lo) * 0.05 || 1;
    hi += Math.abs(hi) * 0.05 || 1;
  }
  const sx = (v: number) => (m.l + ((v - lo) / (hi - lo)) * pw).toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" role="img" aria-label="${escapeXml(title)}">`,
    `<rect x="0" y="0" width="${width}" height="${H}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-family="sans-serif" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${m.l}" y="${H - 8}" font-family="sans-serif" font-size="10">${escapeXml(String(Number(lo.toPrecision(4))))}</text>`,
    `<text x="${width - m.r}" y="${H - 8}" text-anchor="end" font-family="sans-serif" font-size="10">${escapeXml(String(Number(hi.toPrecision(4))))}</text>`,
  ];
  rows.forEach((r, i) => {
    const y = m.t + rowH * i + rowH / 2;
    parts.push(`<text x="${m.l - 8}" y="${y + 4}" text-anchor="end" font-family="sans-serif" font-size="11">${escapeXml(r.label.slice(0, 36))}</text>`);
    if (Number.isFinite(r.lo) && Number.isFinite(r.hi)) parts.push(`<line class="ci" x1="${sx(r.lo)}" x2="${sx(r.hi)}" y1="${y}" y2="${y}" stroke="#1f77b4" stroke-width="2"/>`);
    if (Number.isFinite(r.mean)) parts.push(`<circle class="mean" cx="${sx(r.mean)}" cy="${y}" r="4" fill="#d62728"/>`);
  });
  parts.push("</svg>");
  return parts.join("\n");
}
