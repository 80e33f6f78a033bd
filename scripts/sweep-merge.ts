// npm run sweep-merge -- <shard dirs or files...> --out <dir> [--objective volatility]
import { CommanderError } from "commander";
import * as path from "path";
import { parseMergeArgs } from "../src/cli/sweepCli";
import { aggregate } from "../src/sweep/aggregate";
import { objectiveByName } from "../src/sweep/objectives";
import { findShardFiles, mergeShards, readShardFile } from "../src/sweep/shardFile";
import { writeSweepOutputs } from "../src/report/sweepReport";

function main(): void {
  let opts;
  try {
    opts = parseMergeArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    throw e;
  }
  const files = findShardFiles(opts.inputs);
  const { meta, results, missing } = mergeShards(files.map(readShardFile));
  const objective = objectiveByName(opts.objective);
  writeSweepOutputs(opts.out, { ...meta, objective: objective.name }, aggregate(results, objective), objective, missing, results);
  console.log(`merged ${files.length} shard file(s), ${results.length}/${meta.cells} cells${missing.length ? ` (missing: ${missing.join(", ")})` : ""}`);
  console.log(`report: ${path.join(opts.out, "sweep-report.html")}`);
  if (missing.length > 0) process.exit(2);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
