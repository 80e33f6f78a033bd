// What a run must say out loud: books that do not balance (error), settings the deployment applied
// differently from the scenario, families that never acted (warnings). Printed by the file sink
// and shown at the top of the report.
import type { RunSummary } from "../sim/records";

export interface RunWarning {
  readonly level: "error" | "warning";
  readonly text: string;
}

export function runWarnings(sum: RunSummary): RunWarning[] {
  const out: RunWarning[] = [];
  const a = sum.accounting;
  if (a.checked && !a.balanced) {
    out.push({
      level: "error",
      text: `books do not balance: ether residual up to ${a.residualWei} wei, token residual up to ${a.tokenResidualWei} wei, supply residual up to ${a.supplyResidualWei} wei (bound ${a.roundingBoundWei} wei; first at step ${a.firstUnbalancedStep ?? "?"})`,
    });
  }
  for (const c of sum.settings.changes) out.push({ level: "warning", text: settingWarning(c) });
  for (const f of sum.inertFamilies) {
    const n = sum.pnlByFamily.find((p) => p.family === f)?.count ?? 0;
    out.push({ level: "warning", text: `family ${f} never acted: its ${n} agent(s) sent no transaction in ${sum.steps} steps` });
  }
  return out;
}

/**
 * One setting the run did not take as the scenario asked (a deployment floor, or what --steps and
 * --agents left out), in the one wording used before the run (simulate) and with its warnings.
 */
export function settingWarning(c: { readonly setting: string; readonly asked: string | number | boolean; readonly used: string | number | boolean; readonly why: string }): string {
  return `setting ${c.setting}: the scenario asked ${c.asked}, this run: ${c.used} (${c.why})`;
}
