// The scenario error (a message naming the JSON path) and a JSON object guard. Scenario files are
// validated by the one schema in scenarioSchema.ts.
export class ScenarioError extends Error {}

export type JsonObject = { readonly [key: string]: unknown };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
