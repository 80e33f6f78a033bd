import { parseScenario, resolveScenario, setPath } from "../src/sim/scenario";
import { readScenarioJson, runToDir } from "../src/sim/run";
const t0 = Date.now();
const lap = (s: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(2)} ${s}`);
async function main() {
  lap("start");
  const raw = readScenarioJson("scenarios/curve-economy.json");
  const cells = process.argv.slice(2).map((a) => a.split(":").map(Number));
  for (const [fee, seed, reset] of cells) {
    if (reset) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { keptDeployment } = require("../src/sim/chain") as typeof import("../src/sim/chain");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      await keptDeployment()?.reset((require("hardhat") as any).network.provider);
    }
    const sc = resolveScenario(parseScenario(setPath(raw, "fees.buyBps", String(fee))), { seed, steps: 60, agents: 30 });
    await runToDir({ scenario: sc, outDir: `/tmp/swp/o-${fee}-${seed}-${reset ?? 0}-${process.env.TAG}`, economy: "chain", keepBackend: true, reuseDeployment: true });
    lap(`cell ${fee} ${seed}`);
  }
  process.exit(0);
}
main();
