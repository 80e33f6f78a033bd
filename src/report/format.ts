// Deterministic text formatting for output files: same values -> same bytes on every machine.

/** Exact decimal of a wei amount in ether, trailing zeros trimmed ("1.5", "0", "-0.25"). */
export function formatWei(wei: bigint): string {
  const neg = wei < 0n;
  const abs = neg ? -wei : wei;
  const whole = abs / 10n ** 18n;
  const frac = (abs % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac === "" ? "" : "." + frac}`;
}

/** A float with 10 significant digits, shortest form; empty for NaN/Infinity. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "";
  if (x === 0) return "0";
  return String(Number(x.toPrecision(10)));
}

type Jsonish = null | boolean | number | string | bigint | undefined | readonly Jsonish[] | { readonly [k: string]: Jsonish } | object;

function normalise(v: Jsonish): unknown {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x: Jsonish) => normalise(x));
  if (v !== null && typeof v === "object") {
    const out: { [k: string]: unknown } = {};
    const rec = v as { readonly [k: string]: Jsonish };
    for (const k of Object.keys(rec).sort()) if (rec[k] !== undefined) out[k] = normalise(rec[k]);
    return out;
  }
  return v;
}

/** JSON with keys sorted at every level and bigints as decimal strings. */
export function stableStringify(v: unknown, indent?: number): string {
  return JSON.stringify(normalise(v as Jsonish), null, indent);
}

function grouped(n: number): string {
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (n < 0 ? "-" : "") + s;
}

/** A count, number of steps or block: grouped when whole; a mean of them (0.667, 5.33) keeps its decimals. */
function whole(x: number): string {
  return Number.isInteger(x) ? grouped(x) : humanNumber(x);
}

/** A float with sensible precision for people: 3-4 significant digits, thousands grouped, no exponent above 1e-4. */
export function humanNumber(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1000) return grouped(x);
  if (a >= 100) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 1e-4) return String(Number(x.toPrecision(3)));
  return x.toExponential(2);
}

/** Units the report prints (the metric catalogue's). */
export type HumanUnit = "ETH" | "wei" | "tokens" | "ETH/token" | "ratio" | "share" | "count" | "steps" | "block" | "seconds" | "flag";

/** A value in its unit for people: "114.27 ETH", "12.5%", "0.00342 ETH/token", "1,234". */
export function humanValue(x: number, unit: HumanUnit): string {
  if (!Number.isFinite(x)) return "n/a";
  switch (unit) {
    case "ETH":
    case "tokens":
    case "ETH/token":
      return `${humanNumber(x)} ${unit}`;
    case "share":
      return `${(x * 100).toFixed(Math.abs(x) < 0.001 && x !== 0 ? 3 : 1)}%`;
    case "ratio":
      return humanNumber(x);
    case "wei":
      return `${grouped(x)} wei`;
    case "seconds":
      return `${whole(x)} s`;
    case "flag":
      // one run's flag is yes or no; a mean of flags over runs is the share of runs where it was set
      return x === 0 ? "no" : x === 1 ? "yes" : humanValue(x, "share");
    default:
      return whole(x);
  }
}

/** Wei (or token wei) for people, e.g. "114.27 ETH" (never 18 decimals). */
export function humanWei(wei: bigint, unit: "ETH" | "tokens" | "ETH/token" = "ETH"): string {
  const neg = wei < 0n;
  const abs = neg ? -wei : wei;
  const x = Number(abs / 10n ** 18n) + Number(abs % 10n ** 18n) / 1e18;
  return humanValue(neg ? -x : x, unit);
}
