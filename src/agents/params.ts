// Validation of policy parameters from scenario files: every key must be one the family declares,
// with the same JSON type as its default. Unknown keys are errors (a typo would silently do nothing).
export type ParamValue = number | string | boolean;
export type ParamShape = { readonly [key: string]: ParamValue };

export class ParamError extends Error {}

export function mergeParams<P extends ParamShape>(family: string, defaults: P, raw: unknown): P {
  if (raw === undefined || raw === null) return defaults;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new ParamError(`${family}: params must be an object`);
  const out: Record<string, ParamValue> = { ...defaults };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) {
      throw new ParamError(`${family}: unknown parameter "${key}" (known: ${Object.keys(defaults).join(", ")})`);
    }
    const expected = typeof defaults[key];
    if (typeof value !== expected) throw new ParamError(`${family}.${key}: expected ${expected}, got ${typeof value}`);
    if (typeof value === "number" && !Number.isFinite(value)) throw new ParamError(`${family}.${key}: not a finite number`);
    out[key] = value as ParamValue;
  }
  return out as P;
}
