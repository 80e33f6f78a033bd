// Scenario protections applied to actions before submission.
import type { TxAction } from "../agents/types";
import type { Protections } from "./scenarioTypes";

/** With slippage protection off, trades go out with minOut = 0 (what an unprotected user sends). */
export function applyProtections(action: TxAction, p: Protections): TxAction {
  if (p.slippage) return action;
  if (action.kind === "buy" || action.kind === "sell") return { ...action, minOut: 0n };
  return action;
}
