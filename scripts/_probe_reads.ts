// scratch (not committed): time each read method separately on the sim's blocks
import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { loadScenario } from "../src/sim/run";
import { runSimulation } from "../src/sim/engine";
import { FileSink } from "../src/report/fileSink";
import { familiesOf } from "../src/sim/population";
async function main() {
  const { openBackend } = await import("../src/sim/chain/node/backend");
  const backend = await openBackend(undefined);
  const { ChainEconomy } = await import("../src/sim/chain/economy");
  const inner = backend.rpc as any;
  const T = new Map<string, [number, number]>();
  const add = (k: string, ms: number) => { const v = T.get(k) ?? [0, 0]; v[0] += ms; v[1]++; T.set(k, v); };
  let looping = false;
  const time = async (k: string, f: () => Promise<any>) => { const t0 = process.hrtime.bigint(); const r = await f(); if (looping) add(k, Number(process.hrtime.bigint() - t0) / 1e6); return r; };
  const sender = {
    send: (m: string, p: unknown[]) => time("send " + m, () => inner.send(m, p)),
    batch: async (c: any[]) => {
      const label = [...new Set(c.map((x) => x.method))].join("+");
      const r = await time("batch " + label + (label === "eth_call" ? "#" + c.length : ""), () => inner.batch(c));
      if (looping && label.includes("eth_getBlockReceipts")) {
        const n = c[0].params[0];
        const blk = r[0].value;
        await time("  single eth_getBlockByNumber", () => inner.batch([c[0]]));
        await time("  single eth_getBlockReceipts", () => inner.batch([{ method: "eth_getBlockReceipts", params: [n] }]));
        await time("  single trace_block", () => inner.batch([{ method: "trace_block", params: [n] }]));
        await time("  single eth_getLogs(blockHash)", () => inner.batch([{ method: "eth_getLogs", params: [{ blockHash: blk.hash }] }]));
        await time("  receipts one by one (batch)", () => inner.batch(blk.transactions.map((h: string) => ({ method: "eth_getTransactionReceipt", params: [h] }))));
        await time("  eth_chainId (round trip)", () => inner.batch([{ method: "eth_chainId", params: [] }]));
        const dt = await time("  debug_traceBlockByNumber callTracer top", () => inner.batch([{ method: "debug_traceBlockByNumber", params: [n, { tracer: "callTracer", tracerConfig: { onlyTopCall: true } }] }]));
        await time("  ots_getBlockDetails", () => inner.batch([{ method: "ots_getBlockDetails", params: [Number(BigInt(n))] }]));
        await time("  eth_getBlockByNumber full", () => inner.batch([{ method: "eth_getBlockByNumber", params: [n, true] }]));
        const rc = r[1].value as any[];
        if (!dt[0].ok) { if (!(globalThis as any).said) { (globalThis as any).said = 1; console.log("debug_traceBlockByNumber:", dt[0].error.message); } }
        else {
          const tr = dt[0].value as any[];
          let same = 0, diff = 0;
          tr.forEach((t: any, i: number) => { const g = t.result?.gasUsed; if (g !== undefined && BigInt(g) === BigInt(rc[i].gasUsed)) same++; else { diff++; if (!(globalThis as any).d2) { (globalThis as any).d2 = 1; console.log("diff", JSON.stringify(t).slice(0, 300), rc[i].gasUsed); } } });
          add("  callTracer gas == receipt gas", same); add("  callTracer gas != receipt gas", diff);
        }
      }
      return r;
    },
  };
  const economy = new ChainEconomy(backend.hre, sender as any, { network: backend.network, dialect: "anvil" });
  const scenario = loadScenario("scenarios/default.json", { agents: 200, steps: 100 });
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cipher-probe-"));
  try {
    await runSimulation({ scenario, economy, sink: new FileSink(out, familiesOf(scenario), scenario.metrics.chartPoints),
      progress: { start: () => { looping = true; }, update: () => undefined, stop: () => { looping = false; } } });
    for (const [k, [ms, n]] of [...T.entries()].sort((a, b) => b[1][0] - a[1][0])) console.log(k.padEnd(70), ms.toFixed(0).padStart(7), String(n).padStart(6), (ms / n).toFixed(2).padStart(8));
  } finally { await economy.close(); await backend.close(); fs.rmSync(out, { recursive: true, force: true }); }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
