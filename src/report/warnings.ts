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
  for (const c of sum.settings.changes) {
    out.push({ level: "warning", text: `setting ${c.setting}: the scenario asked ${c.asked}, this run used ${c.used} (${c.why})` });
  }
  for (const f of sum.inertFamilies) {
    const n = sum.pnlByFamily.find((p) => p.family === f)?.count ?? 0;
    out.push({ level: "warning", text: `family ${f} never acted: its ${n} agent(s) sent no transaction in ${sum.steps} steps` });
  }
  return out;
}
