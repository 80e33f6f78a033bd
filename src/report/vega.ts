// Charts with vega-lite, rendered to static SVG in Node (no browser): `vega.View#toSVG()` with the
// "none" renderer. vega and vega-lite are ESM-only and ts-node compiles to CommonJS, so they are
// loaded with a real dynamic import. Same data -> same SVG bytes.
import { createHash } from "crypto";
import type { Unit } from "../metrics/catalogue";

const importEsm = new Function("m", "return import(m)") as (m: string) => Promise<unknown>;

interface VegaLiteModule {
  compile(spec: object): { spec: object };
}
interface VegaModule {
  parse(spec: object): unknown;
  View: new (runtime: unknown, opts: { renderer: string }) => { toSVG(): Promise<string>; finalize(): void };
}

let modules: Promise<{ vl: VegaLiteModule; vega: VegaModule }> | undefined;

function load(): Promise<{ vl: VegaLiteModule; vega: VegaModule }> {
  modules ??= Promise.all([importEsm("vega-lite"), importEsm("vega")]).then(([vl, vega]) => ({ vl: vl as VegaLiteModule, vega: vega as VegaModule }));
  return modules;
}

/**
 * Vega numbers clip paths with a process-wide counter (clip1, clip2, ...): the same chart rendered
 * second in a process would differ. Ids are renumbered per page, in order of appearance, so the
 * same data gives the same bytes whatever was rendered before.
 */
export function stableIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/id="(clip\d+)"/g)) if (!ids.has(m[1])) ids.set(m[1], `${prefix}clip${ids.size + 1}`);
  return svg.replace(/(id="|url\(#)(clip\d+)/g, (all, head: string, id: string) => (ids.has(id) ? head + (ids.get(id) as string) : all));
}

/** A vega-lite spec to a standalone SVG string (clip ids named after the spec: stable across runs, distinct between charts). */
export async function renderSvg(spec: object, idPrefix = "c" + createHash("sha256").update(JSON.stringify(spec)).digest("hex").slice(0, 10)): Promise<string> {
  const { vl, vega } = await load();
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  try {
    return stableIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}

/** Categorical colours, distinguishable side by side (Tableau 10 then its lighter half of Tableau 20). */
export const FAMILY_PALETTE = [
  "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
  "#1f77b4", "#17becf", "#8c564b", "#bcbd22", "#7f7f7f", "#d62728", "#2ca02c", "#9467bd", "#e377c2", "#ff7f0e",
];

/** d3-format for an axis in this unit (ticks are "nice", i.e. rounded, by vega). */
export function axisFormat(unit: Unit): string {
  switch (unit) {
    case "share":
      return ".0%";
    case "count":
    case "steps":
    case "block":
      return ",d";
    default:
      return ",.4~r";
  }
}

export function unitTitle(unit: Unit): string {
  return unit === "share" ? "%" : unit === "ratio" ? "" : unit;
}

const CONFIG = {
  font: "sans-serif",
  background: "white",
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 10, titleFontSize: 11, gridColor: "#eee" },
  legend: { labelFontSize: 11, symbolStrokeWidth: 3, symbolType: "stroke", labelLimit: 300 },
  title: { fontSize: 13, anchor: "start" },
};

export interface LineSpec {
  readonly title: string;
  readonly unit: Unit;
  readonly scale?: "linear" | "log";
  /** One entry per line: its legend label, steps and values. */
  readonly lines: readonly { readonly label: string; readonly xs: readonly number[]; readonly ys: readonly number[] }[];
  /** Fixed colours per label (families keep their colour across charts). */
  readonly colours?: { readonly [label: string]: string };
  readonly width?: number;
  readonly height?: number;
}

/** Log scale only where it is asked for and every value is positive and they span > 2 decades. */
function useLog(spec: LineSpec): boolean {
  if (spec.scale !== "log") return false;
  const ys = spec.lines.flatMap((l) => l.ys.filter(Number.isFinite));
  if (ys.length === 0 || ys.some((y) => y <= 0)) return false;
  return Math.max(...ys) / Math.min(...ys) > 100;
}

/** A multi-line chart over steps; the legend sits below the plot (it covers no data). */
export function lineSpec(spec: LineSpec): object {
  const values: { step: number; value: number; series: string }[] = [];
  for (const l of spec.lines) for (let i = 0; i < l.xs.length; i++) if (Number.isFinite(l.ys[i])) values.push({ step: l.xs[i], value: l.ys[i], series: l.label });
  const labels = spec.lines.map((l) => l.label);
  const range = labels.map((lab, i) => spec.colours?.[lab] ?? FAMILY_PALETTE[i % FAMILY_PALETTE.length]);
  const log = useLog(spec);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: spec.width ?? 520,
    height: spec.height ?? 200,
    title: spec.title,
    data: { values },
    mark: { type: "line", strokeWidth: 1.6, clip: true },
    encoding: {
      x: { field: "step", type: "quantitative", axis: { title: "step", format: ",d", tickMinStep: 1 }, scale: { nice: false } },
      y: {
        field: "value", type: "quantitative",
        scale: log ? { type: "log" } : { zero: false, nice: true },
        axis: { title: unitTitle(spec.unit) + (log ? " (log scale)" : ""), format: axisFormat(spec.unit), tickCount: 5 },
      },
      color: {
        field: "series", type: "nominal", scale: { domain: labels, range },
        legend: labels.length < 2 ? null : { orient: "bottom", title: null, columns: Math.min(5, labels.length) },
      },
    },
    config: CONFIG,
  };
}

export interface BarRow {
  readonly label: string;
  readonly kind: string;
  readonly value: number;
}

/** Grouped horizontal bars (one group per label, one bar per kind), zero line drawn. */
export function barSpec(title: string, unit: Unit, rows: readonly BarRow[], kinds: readonly string[], colours: readonly string[]): object {
  const labels = [...new Set(rows.map((r) => r.label))];
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 520,
    height: { step: 11 },
    title,
    data: { values: rows },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          y: { field: "label", type: "nominal", sort: labels, axis: { title: null } },
          yOffset: { field: "kind", sort: [...kinds] },
          x: { field: "value", type: "quantitative", axis: { title: unitTitle(unit), format: axisFormat(unit) } },
          color: { field: "kind", type: "nominal", scale: { domain: [...kinds], range: [...colours] }, legend: { orient: "bottom", title: null, labelLimit: 400, symbolType: "square" } },
        },
      },
      { mark: { type: "rule", color: "#333" }, encoding: { x: { datum: 0 } } },
    ],
    config: CONFIG,
  };
}

export interface BandRow {
  readonly label: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

/** Mean (dot) and 95% interval (bar) per label, horizontal. */
export function intervalSpec(title: string, unit: Unit, rows: readonly BandRow[]): object {
  const values = rows.filter((r) => Number.isFinite(r.mean)).map((r) => ({ ...r, lo: Number.isFinite(r.lo) ? r.lo : r.mean, hi: Number.isFinite(r.hi) ? r.hi : r.mean }));
  const y = { field: "label", type: "nominal", sort: rows.map((r) => r.label), axis: { title: null } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 520,
    height: { step: 22 },
    title,
    data: { values },
    layer: [
      { mark: { type: "rule", strokeWidth: 2, color: "#4e79a7" }, encoding: { y, x: { field: "lo", type: "quantitative", axis: { title: unitTitle(unit), format: axisFormat(unit) } }, x2: { field: "hi" } } },
      { mark: { type: "point", filled: true, size: 50, color: "#e15759" }, encoding: { y, x: { field: "mean", type: "quantitative" } } },
      { mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { x: { datum: 0 } } },
    ],
    config: CONFIG,
  };
}
