// Shard result files: the first line describes the grid, every other line is one cell's result.
// Merging checks that all shards describe the same grid and reports missing or duplicate cells.
import * as fs from "fs";
import * as path from "path";
import { createHash } from "crypto";
import { stableStringify } from "../report/format";
import type { CellResult } from "./aggregate";
import type { ParamSpec, Shard } from "./grid";
import { SweepError } from "./grid";

export interface SweepMeta {
  readonly scenarioName: string;
  /** Hash of (scenario JSON, params, seeds, steps, agents, economy): shards must agree on it. */
  readonly gridHash: string;
  readonly params: readonly ParamSpec[];
  readonly seeds: number;
  readonly baseSeed: number;
  readonly cells: number;
  readonly shard: Shard;
  readonly objective: string;
}

export function gridHash(parts: unknown): string {
  return createHash("sha256").update(stableStringify(parts)).digest("hex").slice(0, 16);
}

export function shardFileName(s: Shard): string {
  return `results-shard-${s.index}-of-${s.count}.ndjson`;
}

export function writeShardFile(dir: string, meta: SweepMeta, results: readonly CellResult[]): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, shardFileName(meta.shard));
  const lines = [stableStringify({ kind: "meta", ...meta }), ...results.map((r) => stableStringify({ kind: "cell", ...r }))];
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

export interface ShardContent {
  readonly meta: SweepMeta;
  readonly results: readonly CellResult[];
}

export function readShardFile(file: string): ShardContent {
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
  if (lines.length === 0) throw new SweepError(`${file}: empty`);
  const head = JSON.parse(lines[0]) as { kind?: string } & SweepMeta;
  if (head.kind !== "meta") throw new SweepError(`${file}: first line is not the sweep description`);
  const results = lines.slice(1).map((l) => {
    const { kind, ...rest } = JSON.parse(l) as { kind?: string } & CellResult;
    if (kind !== "cell") throw new SweepError(`${file}: unexpected line kind "${kind}"`);
    return rest as CellResult;
  });
  const { kind: _k, ...meta } = head;
  return { meta, results };
}

/** Shard files inside the given files or directories (non-recursive), sorted by name. */
export function findShardFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of inputs) {
    if (fs.statSync(p).isDirectory()) {
      for (const f of fs.readdirSync(p).sort()) if (/^results-shard-\d+-of-\d+\.ndjson$/.test(f)) files.push(path.join(p, f));
    } else files.push(p);
  }
  return files;
}

export function mergeShards(contents: readonly ShardContent[]): { meta: SweepMeta; results: CellResult[]; missing: number[] } {
  if (contents.length === 0) throw new SweepError("no shard files to merge");
  const meta = contents[0].meta;
  for (const c of contents) {
    if (c.meta.gridHash !== meta.gridHash) throw new SweepError(`shards come from different sweeps (${c.meta.gridHash} vs ${meta.gridHash})`);
  }
  const byIndex = new Map<number, CellResult>();
  for (const c of contents) {
    for (const r of c.results) {
      if (byIndex.has(r.index)) throw new SweepError(`cell ${r.index} appears in more than one shard`);
      byIndex.set(r.index, r);
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < meta.cells; i++) if (!byIndex.has(i)) missing.push(i);
  return { meta: { ...meta, shard: { index: 1, count: 1 } }, results: [...byIndex.values()].sort((a, b) => a.index - b.index), missing };
}
