// Small dependency-free SVG charts for the study reports: a scatter with a highlighted front, dot
// plots with 95% intervals, and lines over generations. (After issue 11 merges, these can move to
// its chart library; the data they take stays the same.)
import { PALETTE, escapeXml } from "../report/svg";

/** A tick label with enough digits to tell ticks `step` apart. */
function tick(v: number, step = Math.abs(v)): string {
  if (v === 0 || Math.abs(v) < step * 1e-9) return "0";
  const a = Math.abs(v);
  const digits = Math.min(8, Math.max(2, Math.ceil(Math.log10(a / step)) + 2));
  if (a >= 1e6 || a < 1e-3) return v.toExponential(Math.max(1, digits - 1));
  return String(Number(v.toPrecision(digits)));
}

function extent(xs: readonly number[]): [number, number] {
  const f = xs.filter(Number.isFinite);
  if (f.length === 0) return [0, 1];
  let lo = Math.min(...f);
  let hi = Math.max(...f);
  if (lo === hi) {
    lo -= Math.abs(lo) * 0.1 || 1;
    hi += Math.abs(hi) * 0.1 || 1;
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

interface Frame {
  readonly w: number;
  readonly h: number;
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly body: string[];
}

function frame(title: string, xr: [number, number], yr: [number, number], xLabel: string, yLabel: string, w = 560, h = 320, right = 20): Frame {
  const m = { l: 70, r: right, t: 30, b: 45 };
  const x = (v: number) => m.l + ((v - xr[0]) / (xr[1] - xr[0])) * (w - m.l - m.r);
  const y = (v: number) => h - m.b - ((v - yr[0]) / (yr[1] - yr[0])) * (h - m.t - m.b);
  const body: string[] = [];
  body.push(`<text x="${w / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`);
  body.push(`<line x1="${m.l}" y1="${h - m.b}" x2="${w - m.r}" y2="${h - m.b}" stroke="#333"/><line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${h - m.b}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const xv = xr[0] + ((xr[1] - xr[0]) * i) / 4;
    const yv = yr[0] + ((yr[1] - yr[0]) * i) / 4;
    body.push(`<text x="${x(xv)}" y="${h - m.b + 15}" text-anchor="middle" font-size="10">${tick(xv, (xr[1] - xr[0]) / 4)}</text>`);
    body.push(`<text x="${m.l - 5}" y="${y(yv) + 3}" text-anchor="end" font-size="10">${tick(yv, (yr[1] - yr[0]) / 4)}</text>`);
  }
  body.push(`<text x="${w / 2}" y="${h - 8}" text-anchor="middle" font-size="11">${escapeXml(xLabel)}</text>`);
  body.push(`<text x="14" y="${h / 2}" text-anchor="middle" font-size="11" transform="rotate(-90 14 ${h / 2})">${escapeXml(yLabel)}</text>`);
  return { w, h, x, y, body };
}

function close(f: Frame): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${f.w}" height="${f.h}" font-family="sans-serif">${f.body.join("")}</svg>`;
}

export interface ScatterPoint {
  readonly x: number;
  readonly y: number;
  readonly front: boolean;
  readonly label: string;
}

/** Every candidate as a grey dot, the Pareto front in colour joined by a line. */
export function paretoScatter(title: string, pts: readonly ScatterPoint[], xLabel: string, yLabel: string): string {
  const f = frame(title, extent(pts.map((p) => p.x)), extent(pts.map((p) => p.y)), xLabel, yLabel);
  const front = pts.filter((p) => p.front && Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  if (front.length > 1) f.body.push(`<polyline class="front" fill="none" stroke="${PALETTE[1]}" stroke-dasharray="4 3" points="${front.map((p) => `${f.x(p.x)},${f.y(p.y)}`).join(" ")}"/>`);
  for (const p of pts) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    f.body.push(`<circle class="${p.front ? "front" : "candidate"}" cx="${f.x(p.x)}" cy="${f.y(p.y)}" r="${p.front ? 5 : 3}" fill="${p.front ? PALETTE[1] : "#999"}"><title>${escapeXml(p.label)}</title></circle>`);
  }
  return close(f);
}

export interface IntervalRow {
  readonly label: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** One row per label: the mean as a dot and its 95% interval as a bar. */
export function intervalPlot(title: string, rows: readonly IntervalRow[], xLabel: string): string {
  const w = 560;
  const rowH = 28;
  const h = 60 + rows.length * rowH;
  const xr = extent(rows.flatMap((r) => [r.lo, r.hi, r.mean]));
  const l = 150;
  const x = (v: number) => l + ((v - xr[0]) / (xr[1] - xr[0])) * (w - l - 20);
  const body: string[] = [`<text x="${w / 2}" y="18" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`];
  rows.forEach((r, i) => {
    const y = 40 + i * rowH;
    body.push(`<text x="${l - 8}" y="${y + 4}" text-anchor="end" font-size="11">${escapeXml(r.label)}</text>`);
    if (Number.isFinite(r.lo) && Number.isFinite(r.hi)) body.push(`<line class="ci" x1="${x(r.lo)}" y1="${y}" x2="${x(r.hi)}" y2="${y}" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="3"/>`);
    if (Number.isFinite(r.mean)) body.push(`<circle class="mean" cx="${x(r.mean)}" cy="${y}" r="5" fill="${PALETTE[i % PALETTE.length]}"/>`);
  });
  const yb = h - 20;
  body.push(`<line x1="${l}" y1="${yb - 10}" x2="${w - 20}" y2="${yb - 10}" stroke="#333"/>`);
  for (let i = 0; i <= 4; i++) {
    const v = xr[0] + ((xr[1] - xr[0]) * i) / 4;
    body.push(`<text x="${x(v)}" y="${yb + 3}" text-anchor="middle" font-size="10">${tick(v, (xr[1] - xr[0]) / 4)}</text>`);
  }
  body.push(`<text x="${w - 20}" y="${h - 2}" text-anchor="end" font-size="10">${escapeXml(xLabel)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif">${body.join("")}</svg>`;
}

export interface Line {
  readonly name: string;
  readonly ys: readonly number[];
}

/** Lines over generations 0..n-1 with a legend. */
export function generationLines(title: string, lines: readonly Line[], yLabel: string): string {
  const n = Math.max(1, ...lines.map((l) => l.ys.length));
  const f = frame(title, [0, Math.max(1, n - 1)], extent(lines.flatMap((l) => l.ys)), "generation", yLabel, 720, 320, 170);
  lines.forEach((l, i) => {
    const c = PALETTE[i % PALETTE.length];
    const pts = l.ys.map((v, g) => (Number.isFinite(v) ? `${f.x(g)},${f.y(v)}` : "")).filter((s) => s !== "");
    f.body.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.join(" ")}"/>`);
  });
  lines.forEach((l, i) => {
    f.body.push(`<rect x="${f.w - 150}" y="${30 + i * 14}" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${f.w - 136}" y="${39 + i * 14}" font-size="10">${escapeXml(l.name)}</text>`);
  });
  return close(f);
}
