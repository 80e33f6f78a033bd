// Every command line of the tool: `--help` prints (exit 0) and names each option, and every count
// flag rejects 0, -5, abc, 2.5 and 1e3 with the same sentence. In-process (commander's own
// parse), plus one spawned script (bots, whose help crashed on a bigint default) end to end.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";
import { Command, CommanderError } from "commander";
import { MESSAGES, nonNegativeInt, positiveInt } from "../../src/cli/args";
import { simulateCommand } from "../../src/cli/simulateCli";
import { mergeCommand, sweepCommand } from "../../src/cli/sweepCli";
import { benchCommand, compareCommand, profileCommand, schemaCommand } from "../../src/cli/toolCommands";
import { optimiseCommand } from "../../src/studies/optimise/cli";
import { evolveCommand } from "../../src/studies/evolveCli";
import { studyCommand } from "../../src/studies/studyCli";
import { botsProgram } from "../../src/bots/cli";
import { fundProgram } from "../../src/bots/fund";

// npm script name -> its command (package.json "scripts"; deploy is a Hardhat task with its own help).
const COMMANDS: ReadonlyArray<readonly [string, () => Command]> = [
  ["simulate", simulateCommand], ["sweep", sweepCommand], ["sweep-merge", mergeCommand],
  ["compare", compareCommand], ["optimise", optimiseCommand], ["evolve", evolveCommand],
  ["study", studyCommand], ["bench", benchCommand], ["profile", profileCommand],
  ["bots", botsProgram], ["bots:fund", fundProgram], ["scenario:schema", schemaCommand],
];

function capture(cmd: Command): { cmd: Command; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  cmd.exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  return { cmd, out, err };
}

function parseError(make: () => Command, argv: string[]): CommanderError {
  const { cmd } = capture(make());
  try {
    cmd.parse(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e;
    throw e;
  }
  throw new Error(`${argv.join(" ")} parsed`);
}

describe("CLI: every command's --help and value messages", () => {
  for (const [name, make] of COMMANDS) {
    it(`${name} --help exits 0 and names every option`, () => {
      const { cmd, out } = capture(make());
      let e: unknown;
      try {
        cmd.parse(["--help"], { from: "user" });
      } catch (x) {
        e = x;
      }
      expect(e).to.be.instanceOf(CommanderError);
      expect((e as CommanderError).code).to.equal("commander.helpDisplayed");
      expect((e as CommanderError).exitCode).to.equal(0);
      const text = out.join("");
      expect(cmd.options.length).to.be.greaterThan(0);
      for (const o of cmd.options) expect(text, `${name}: ${o.long}`).to.include(o.long as string);
    });
  }

  it("bots --help, the script itself: exit 0, help on stdout, the fee cap's default in gwei", () => {
    const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", "scripts/bots.ts", "--help"], {
      cwd: path.join(__dirname, "..", ".."), encoding: "utf8", timeout: 60_000,
    });
    expect(r.stderr).to.equal("");
    expect(r.status).to.equal(0);
    expect(r.stdout).to.include("--max-fee-gwei <gwei>");
    expect(r.stdout).to.match(/cap on maxFeePerGas \(default: 200\)/);
  });

  const countFlags: Array<[string, () => Command, string]> = [];
  const seedFlags: Array<[string, () => Command, string]> = [];
  for (const [name, make] of COMMANDS) {
    for (const o of make().options) {
      const parser = (o as unknown as { parseArg?: unknown }).parseArg;
      if (parser === positiveInt) countFlags.push([name, make, o.long as string]);
      if (parser === nonNegativeInt) seedFlags.push([name, make, o.long as string]);
    }
  }

  it("finds the count flags of every command (steps, agents, seeds, workers, ...)", () => {
    const names = countFlags.map(([n, , f]) => `${n} ${f}`);
    for (const want of ["simulate --steps", "simulate --agents", "sweep --steps", "optimise --budget", "evolve --generations", "study --traders", "bench --steps", "bots --max-in-flight"]) {
      expect(names).to.include(want);
    }
    expect(seedFlags.map(([n, , f]) => `${n} ${f}`)).to.include("simulate --seed");
  });

  it("every count flag gives one message for 0, -5, abc, 2.5, 1e3, 0x10 and '' and accepts 1", () => {
    for (const [name, make, flag] of countFlags) {
      for (const bad of ["0", "-5", "abc", "2.5", "1e3", "0x10", ""]) {
        const e = parseError(make, [flag, bad]);
        expect(e.code, `${name} ${flag} ${bad}`).to.equal("commander.invalidArgument");
        expect(e.message, `${name} ${flag} ${bad}`).to.include(MESSAGES.positiveInt);
      }
      expect(positiveInt("1")).to.equal(1);
    }
  });

  it("every seed flag accepts 0 and gives one message for -5, abc, 2.5, 1e3", () => {
    for (const [name, make, flag] of seedFlags) {
      for (const bad of ["-5", "abc", "2.5", "1e3"]) {
        expect(parseError(make, [flag, bad]).message, `${name} ${flag} ${bad}`).to.include(MESSAGES.nonNegativeInt);
      }
    }
    expect(nonNegativeInt("0")).to.equal(0);
  });

  it("bots: --max-fee-gwei, --duration and --metrics-port say what they accept", () => {
    expect(parseError(botsProgram, ["--network", "anvil", "--max-fee-gwei", "0"]).message).to.include(MESSAGES.positiveNumber);
    expect(parseError(botsProgram, ["--network", "anvil", "--duration", "1e3"]).message).to.include(MESSAGES.positiveNumber);
    expect(parseError(botsProgram, ["--network", "anvil", "--metrics-port", "http"]).message).to.include(MESSAGES.port);
    expect(parseError(botsProgram, ["--network", "anvil", "--metrics-port", "70000"]).message).to.include(MESSAGES.port);
    expect(parseError(fundProgram, ["--network", "anvil", "--amount", "-1"]).message).to.include(MESSAGES.positiveEth);
    expect(parseError(fundProgram, ["--network", "anvil", "--amount", "0"]).message).to.include(MESSAGES.positiveEth);
  });
});
