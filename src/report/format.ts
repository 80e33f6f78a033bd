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
