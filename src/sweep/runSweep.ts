// A sweep (or one shard of it): build the grid, run this shard's cells in worker processes, write
// the shard's results; a single-shard sweep also writes the ranked table and report.
import { readScenarioJson } from "../sim/run";
import type { SweepOptions } from "../cli/sweepCli";
import { parseScenario, resolveScenario } from "../sim/scenario";
import { aggregate, type CellResult } from "./aggregate";
import { buildGrid, shardCells } from "./grid";
import { objectiveByName } from "./objectives";
import { runPool, type PoolOptions } from "./pool";
import { gridHash, writeShardFile, type SweepMeta } from "./shardFile";
import { writeSweepOutputs } from "../report/sweepReport";
import { chainWarm, type StartedWorker } from "./spawn";
import { checkSweep } from "./settings";

export async function runSweep(o: SweepOptions, log: (s: string) => void, started: readonly StartedWorker[] = []): Promise<{ meta: SweepMeta; results: CellResult[] }> {
  checkSweep(o); // every setting against the schema: a bad --param is a UsageError, nothing started
  const raw = readScenarioJson(o.scenario);
  const base = resolveScenario(parseScenario(raw)); // validates the base file before forking anything
  const objective = objectiveByName(o.objective);
  const cells = buildGrid(o.params, o.seeds, base.seed);
  const mine = shardCells(cells, o.shard);
  const meta: SweepMeta = {
    scenarioName: base.name,
    gridHash: gridHash({ raw, params: o.params, seeds: o.seeds, steps: o.steps, agents: o.agents, economy: o.economy }),
    params: o.params,
    seeds: o.seeds,
    baseSeed: base.seed,
    cells: cells.length,
    shard: o.shard,
    objective: objective.name,
  };
  log(`sweep ${base.name}: ${cells.length} cells, shard ${o.shard.index}/${o.shard.count} runs ${mine.length} on ${Math.min(o.workers, Math.max(1, mine.length))} workers`);
  const jobs = mine.map((cell) => ({ cell, baseScenario: raw, steps: o.steps, agents: o.agents, economy: o.economy, network: o.network, outDir: o.out }));
  const results = await runPool(jobs, {
    workers: o.workers,
    inParent: true,
    started,
    ...(o.economy === "chain" ? chainPool(o.network) : {}),
    onResult: (r, done, total) => log(`  [${done}/${total}] ${r.settingKey} seed ${r.seed}${r.error ? ` FAILED: ${r.error}` : ""}`),
  });
  writeShardFile(o.out, meta, results);
  if (o.shard.count === 1) writeSweepOutputs(o.out, meta, aggregate(results, objective), objective, [], results);
  return { meta, results };
}

/**
 * The chain economy's pool hooks. This process is one of the workers: it opens its node and loads
 * Hardhat, which compiles (incrementally) before any cell starts anywhere, while the forked
 * workers start theirs (told the contracts are compiled: no cell reaches them before). At the end
 * its node is put back as it was before the kept deployment and closed.
 */
function chainPool(network: string | undefined): Pick<PoolOptions, "prepare" | "warm" | "finish" | "deployments" | "nodePgid"> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const chain = () => require("../sim/chain") as typeof import("../sim/chain");
  return {
    prepare: async () => {
      await chain().keptBackend(network);
    },
    warm: chainWarm(network),
    finish: () => chain().closeKept(network),
    nodePgid: (job) => chain().keptNodePgid(job.network),
    deployments: (job) => {
      const c = chain().keptDeployment(job.network)?.counts;
      return c === undefined ? undefined : { ...c };
    },
  };
}
