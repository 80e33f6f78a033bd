// A small dependency-free SVG line chart: shared x axis, one or more series, axis ticks, legend.
export interface ChartSeries {
  readonly name: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

export interface ChartSpec {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

export const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Rounded tick label (4 significant digits). */
function tick(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** `n` evenly spaced values from lo to hi. */
function ticks(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

export function lineChart(spec: ChartSpec): string {
  const W = spec.width ?? 640;
  const H = spec.height ?? 260;
  const m = { l: 70, r: 16, t: 28, b: 40 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const finite = (v: number) => Number.isFinite(v);
  const allX = spec.series.flatMap((s) => s.xs.filter(finite));
  const allY = spec.series.flatMap((s) => s.ys.filter(finite));
  let [x0, x1] = allX.length ? [Math.min(...allX), Math.max(...allX)] : [0, 1];
  let [y0, y1] = allY.length ? [Math.min(...allY), Math.max(...allY)] : [0, 1];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    y0 -= Math.abs(y0) * 0.05 || 1;
    y1 += Math.abs(y1) * 0.05 || 1;
  }
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.t + ph - ((y - y0) / (y1 - y0)) * ph;
  const f = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(spec.title)}">`);
  parts.push(`<title>${escapeXml(spec.title)}</title>`);
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="${m.l}" y="18" font-family="sans-serif" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`);
  for (const v of ticks(y0, y1, 5)) {
    parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${f(sy(v))}" y2="${f(sy(v))}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.l - 6}" y="${f(sy(v) + 4)}" text-anchor="end" font-family="sans-serif" font-size="10">${tick(v)}</text>`);
  }
  for (const v of ticks(x0, x1, 6)) {
    parts.push(`<text x="${f(sx(v))}" y="${H - m.b + 16}" text-anchor="middle" font-family="sans-serif" font-size="10">${tick(Math.round(v))}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  if (spec.xLabel) parts.push(`<text x="${m.l + pw / 2}" y="${H - 6}" text-anchor="middle" font-family="sans-serif" font-size="11">${escapeXml(spec.xLabel)}</text>`);
  if (spec.yLabel) parts.push(`<text x="12" y="${m.t + ph / 2}" transform="rotate(-90 12 ${m.t + ph / 2})" text-anchor="middle" font-family="sans-serif" font-size="11">${escapeXml(spec.yLabel)}</text>`);
  spec.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length];
    const pts: string[] = [];
    for (let k = 0; k < s.xs.length; k++) if (finite(s.xs[k]) && finite(s.ys[k])) pts.push(`${f(sx(s.xs[k]))},${f(sy(s.ys[k]))}`);
    if (pts.length > 0) parts.push(`<polyline class="series" fill="none" stroke="${color}" stroke-width="1.5" points="${pts.join(" ")}"><title>${escapeXml(s.name)}</title></polyline>`);
    const ly = m.t + 12 + i * 14;
    parts.push(`<rect x="${W - m.r - 150}" y="${ly - 8}" width="10" height="3" fill="${color}"/>`);
    parts.push(`<text x="${W - m.r - 136}" y="${ly - 4}" font-family="sans-serif" font-size="10">${escapeXml(s.name)}</text>`);
  });
  parts.push(`</svg>`);
  return parts.join("\n");
}
