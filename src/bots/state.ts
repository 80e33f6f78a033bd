// The bots' state file: policy memory and every transaction from the moment it is signed (write
// ahead: the signed bytes are on disk before they are broadcast). Written atomically (temporary
// file, fsync, rename, fsync of the directory), so a SIGKILL at any moment leaves either the old or
// the new file, never a torn one. bigint values are stored as {"$bigint": "<decimal>"}.
import * as fs from "fs";
import * as path from "path";
import type { Memory } from "../agents/types";
import type { Fees } from "./fees";

export type TxStatus = "pending" | "mined" | "reverted" | "dropped";

export interface TxRecord {
  /** "<agent>:<nonce>" */
  readonly key: string;
  readonly agent: number;
  readonly nonce: number;
  /** Action kind ("buy", "vote", ... or "approve"). */
  readonly kind: string;
  /** The policy's action as decided (plain data). */
  readonly action: unknown;
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
  readonly gas: bigint;
  fees: Fees;
  /** Every signed version (replacements append), newest last; raw is the newest. */
  hashes: string[];
  raw: string;
  sentBlock: number;
  replacements: number;
  status: TxStatus;
  /** Block it was mined in, and the custom error if it reverted. */
  block?: number;
  error?: string;
  /** Set once a node accepted a version (false: signed and recorded, maybe never broadcast). */
  broadcast: boolean;
}

export interface AgentRecord {
  readonly index: number;
  readonly address: string;
  readonly family: string;
  memory: Memory;
  /** Token approval for staking sent (once per agent). */
  approved: boolean;
  initialWealth?: bigint;
  /** Realisable, mark-to-spot and joint values (wei) when the bot first measured it: the P&L baseline. */
  initialValue?: { realisable: bigint; spot: bigint; joint: bigint };
  /** Outcomes of its transactions settled since it last decided (the policy sees them). */
  lastOutcomes: { action: unknown; ok: boolean; error?: string }[];
}

export interface BotState {
  readonly version: 1;
  readonly chainId: number;
  readonly deployment: string;
  readonly population: string;
  /** Block the first run started at (step = block - startBlock). */
  readonly startBlock: number;
  lastBlock: number;
  agents: AgentRecord[];
  /** Transactions not yet settled, and the settled ones of the last blocks (for the log). */
  txs: TxRecord[];
  /** Spot prices at the last observed blocks, oldest first (the policies' price window). */
  priceHistory: bigint[];
  counters: { sent: number; mined: number; reverted: number; replaced: number; dropped: number; retries: number };
}

function replacer(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? { $bigint: v.toString() } : v;
}

function reviver(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === "$bigint" && typeof o.$bigint === "string") return BigInt(o.$bigint);
  }
  return v;
}

export function serializeState(s: BotState): string {
  return JSON.stringify(s, replacer, 1) + "\n";
}

export function parseState(text: string): BotState {
  const s = JSON.parse(text, reviver) as BotState;
  if (s.version !== 1 || !Array.isArray(s.agents) || !Array.isArray(s.txs)) throw new Error("not a bots state file (version 1)");
  return s;
}

export function readState(file: string): BotState | undefined {
  if (!fs.existsSync(file)) return undefined;
  return parseState(fs.readFileSync(file, "utf8"));
}

/** Atomic, durable write: the file holds the old or the new state after a crash, nothing else. */
export function writeState(file: string, s: BotState): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, "w", 0o600);
  try {
    fs.writeSync(fd, serializeState(s));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  try {
    const dfd = fs.openSync(dir, "r");
    fs.fsyncSync(dfd);
    fs.closeSync(dfd);
  } catch {
    /* directories cannot be fsynced on every platform */
  }
}
