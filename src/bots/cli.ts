// `npm run bots -- --network <name> ...`: options, key loading, logging, signals. Keys are read
// from the environment and never printed; the log records addresses only.
import * as fs from "fs";
import * as path from "path";
import { Command, Option } from "commander";
import { port, positiveInt, positiveNumber } from "../cli/args";
import pino from "pino";
import { readSuiteDeployment, requireChain, requireCode } from "../client/deployment";
import { parseScenario } from "../sim/scenario";
import { expandPopulation } from "../sim/population";
import { DEFAULT_FEE_POLICY } from "./fees";
import { keySource } from "./keys";
import { rpcUrl } from "./networks";
import { BotMetrics } from "./prometheus";
import { DEFAULT_RETRY, RetryingProvider } from "./retry";
import { BotRunner, RUNNER_DEFAULTS } from "./runner";

export const DEFAULT_POPULATION = path.join(__dirname, "populations", "default.json");

/** Wei per gas as gwei for help text ("200"). */
function formatGwei(wei: bigint): string {
  return (Number(wei) / 1e9).toString();
}

/** Gwei (a decimal > 0) to wei per gas. */
function gwei(v: string): bigint {
  return BigInt(Math.round(positiveNumber(v) * 1e9));
}

export function botsProgram(): Command {
  return new Command("bots")
    .description("Run the simulation's agent policies as live bots against a deployed Cipher suite (real keys, wall-clock blocks).\nKeys: BOTS_MNEMONIC (agent i = m/44'/60'/0'/0/i) or BOTS_KEY_FILE (one private key per line).")
    .requiredOption("--network <name>", "anvil | localhost | remote (RPC_URL)")
    .option("--rpc-url <url>", "JSON-RPC URL (default: the network's, see README)")
    .option("--deployment <file>", "deployment file (default: <deployments dir>/<network>.json)")
    .option("--population <file>", "scenario or population file (its population, seed and metrics windows are used)", DEFAULT_POPULATION)
    .option("--duration <seconds>", "stop deciding after this many seconds (default: run until SIGINT)", positiveNumber)
    .option("--state <file>", "state file (default: <out>/state.json)")
    .option("--out <dir>", "directory for state, log and metrics", "runs/bots")
    .option("--log <file>", "ndjson log file (default: <out>/bots.ndjson)")
    .option("--metrics-port <port>", "serve Prometheus metrics on 127.0.0.1:<port> (0 = any free port)", port)
    .option("--max-in-flight <n>", "transactions in flight per agent", positiveInt, RUNNER_DEFAULTS.maxInFlight)
    .option("--stuck-blocks <n>", "replace a transaction pending this many blocks", positiveInt, RUNNER_DEFAULTS.replace.stuckBlocks)
    // A bigint default: commander's help prints JSON.stringify(default) unless given a description.
    .addOption(new Option("--max-fee-gwei <gwei>", "cap on maxFeePerGas").argParser(gwei).default(DEFAULT_FEE_POLICY.maxFeeCap, `${formatGwei(DEFAULT_FEE_POLICY.maxFeeCap)}`))
    .option("--drain <seconds>", "on stop, wait at most this long for pending transactions", positiveNumber, RUNNER_DEFAULTS.drainSeconds)
    .option("--rpc-timeout <ms>", "per-request time-out", positiveInt, DEFAULT_RETRY.timeoutMs)
    .option("--rpc-attempts <n>", "attempts per request on network errors, time-outs, 429 and 5xx", positiveInt, DEFAULT_RETRY.attempts)
    .option("--quiet", "no progress line");
}

interface Opts {
  network: string;
  rpcUrl?: string;
  deployment?: string;
  population: string;
  duration?: number;
  state?: string;
  out: string;
  log?: string;
  metricsPort?: number;
  maxInFlight: number;
  stuckBlocks: number;
  maxFeeGwei: bigint;
  drain: number;
  rpcTimeout: number;
  rpcAttempts: number;
  quiet?: boolean;
}

export async function runBots(argv: readonly string[]): Promise<number> {
  const o = botsProgram().parse([...argv], { from: "user" }).opts<Opts>();
  const out = path.resolve(o.out);
  fs.mkdirSync(out, { recursive: true });
  const log = pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: o.log ?? path.join(out, "bots.ndjson"), sync: true }));
  const url = o.rpcUrl ?? rpcUrl(o.network);
  const deployment = readSuiteDeployment(o.network, o.deployment);
  const scenario = parseScenario(JSON.parse(fs.readFileSync(o.population, "utf8")));
  const count = expandPopulation(scenario).length;
  const keys = keySource();
  const wallets = Array.from({ length: count }, (_, i) => keys.wallet(i));
  let runner: BotRunner | undefined;
  const provider = new RetryingProvider(url, deployment.chainId, { ...DEFAULT_RETRY, timeoutMs: o.rpcTimeout, attempts: o.rpcAttempts }, (e) => {
    runner?.countRetry();
    log.warn({ event: "retry", method: e.what, attempt: e.attempt, delayMs: e.delayMs, error: e.error }, "RPC retry");
  });
  const chainId = BigInt((await provider.send("eth_chainId", [])) as string);
  requireChain(deployment, chainId);
  await requireCode(deployment, chainId, o.network, async (a) => (await provider.send("eth_getCode", [a, "latest"])) as string);
  const metrics = o.metricsPort !== undefined ? new BotMetrics() : undefined;
  if (metrics !== undefined) {
    const port = await metrics.listen(o.metricsPort ?? 0);
    process.stderr.write(`metrics on http://127.0.0.1:${port}/metrics\n`);
  }
  runner = new BotRunner({
    provider, chainId, deployment, scenario, populationFile: o.population, wallets, log, metrics,
    stateFile: o.state ?? path.join(out, "state.json"),
    metricsFile: path.join(out, "metrics.ndjson"),
    durationSeconds: o.duration,
    drainSeconds: o.drain,
    maxInFlight: o.maxInFlight,
    fees: { ...DEFAULT_FEE_POLICY, maxFeeCap: o.maxFeeGwei, maxTip: o.maxFeeGwei < DEFAULT_FEE_POLICY.maxTip ? o.maxFeeGwei : DEFAULT_FEE_POLICY.maxTip },
    replace: { ...RUNNER_DEFAULTS.replace, stuckBlocks: o.stuckBlocks },
    pollMs: RUNNER_DEFAULTS.pollMs,
    deadlineSeconds: RUNNER_DEFAULTS.deadlineSeconds,
    progress: o.quiet ? undefined : (line) => process.stderr.write(line + "\n"),
  });
  log.info({ event: "start", network: o.network, chainId: chainId.toString(), deployment: deployment.file, agents: wallets.map((w) => w.address), keys: keys.kind }, "bots starting");
  await runner.init();
  const onSignal = (sig: string) => runner?.requestStop(sig);
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  const r = await runner.run();
  metrics?.close();
  provider.destroy();
  const c = runner.snapshot.counters;
  process.stderr.write(`stopped (${r.reason}): sent ${c.sent} mined ${c.mined} reverted ${c.reverted} replaced ${c.replaced} dropped ${c.dropped} retries ${c.retries}, ${r.pending} pending; state ${o.state ?? path.join(out, "state.json")}\n`);
  return 0;
}
