import { loadScenario, runToDir } from "./src/sim/run";
(async () => {
  const s = loadScenario("/work/wt/numbers/scenarios/default.json", { steps: Number(process.argv[2] ?? 100) });
  const t = Date.now();
  const sum = await runToDir({ scenario: s, outDir: process.argv[3] ?? "/tmp/nb/fake", economy: (process.argv[4] ?? "fake") as "fake" });
  console.log((Date.now() - t) / 1000, "s");
  console.log(JSON.stringify({ acc: sum.accounting, inert: sum.inertFamilies, metrics: sum.metrics, changes: sum.settings.changes }, null, 1));
  for (const p of sum.pnlByFamily) console.log(p.family, p.count, p.txs, Number(BigInt(p.total)) / 1e18, Number(BigInt(p.totalSpot)) / 1e18, p.rising);
})();
