// The one set of value parsers for every command-line flag of the tool (simulate, sweep, optimise,
// evolve, study, bench, profile, bots, bots:fund). One parser per kind of value and one message
// per kind, naming the values accepted, so that the error for `--steps 0`, `--steps -5`,
// `--steps abc`, `--steps 2.5` and `--steps 1e3` is the same honest sentence. Commander prints the
// flag and the rejected value itself ("option '--steps <n>' argument 'abc' is invalid.").
import { InvalidArgumentError } from "commander";
import { parseEther } from "ethers";

const WHOLE = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

export const MESSAGES = {
  positiveInt: "expected a whole number of 1 or more (digits only, e.g. 1, 60, 1000)",
  nonNegativeInt: "expected a whole number of 0 or more (digits only, e.g. 0, 7, 1000)",
  positiveNumber: "expected a number greater than 0 (decimal digits, e.g. 0.5, 30)",
  nonNegativeNumber: "expected a number of 0 or more (decimal digits, e.g. 0, 0.5, 2)",
  fraction: "expected a number from 0 to 1 (e.g. 0, 0.05, 1)",
  port: "expected a port number from 0 to 65535 (0: any free port)",
  positiveEth: "expected an amount of ETH greater than 0 (decimal, at most 18 decimals, e.g. 0.5)",
} as const;

function whole(value: string, message: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!WHOLE.test(value) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(message);
  return n;
}

function decimal(value: string, message: string, ok: (x: number) => boolean): number {
  const x = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(x) || !ok(x)) throw new InvalidArgumentError(message);
  return x;
}

/** 1, 2, 3, ... (counts: steps, agents, seeds, workers, budgets). */
export function positiveInt(value: string): number {
  return whole(value, MESSAGES.positiveInt, 1);
}

/** 0, 1, 2, ... (seeds of random streams). */
export function nonNegativeInt(value: string): number {
  return whole(value, MESSAGES.nonNegativeInt, 0);
}

/** A decimal number > 0 (seconds, gwei). */
export function positiveNumber(value: string): number {
  return decimal(value, MESSAGES.positiveNumber, (x) => x > 0);
}

/** A decimal number >= 0. */
export function nonNegativeNumber(value: string): number {
  return decimal(value, MESSAGES.nonNegativeNumber, (x) => x >= 0);
}

/** A decimal number in [0, 1] (rates, probabilities). */
export function fraction(value: string): number {
  return decimal(value, MESSAGES.fraction, (x) => x <= 1);
}

/** A TCP port, 0 to 65535 (0: any free port). */
export function port(value: string): number {
  return whole(value, MESSAGES.port, 0, 65535);
}

/** An amount of ETH > 0, kept as the decimal string the user gave (parseEther accepts it). */
export function positiveEth(value: string): string {
  if (!DECIMAL.test(value)) throw new InvalidArgumentError(MESSAGES.positiveEth);
  let wei: bigint;
  try {
    wei = parseEther(value);
  } catch {
    throw new InvalidArgumentError(MESSAGES.positiveEth);
  }
  if (wei <= 0n) throw new InvalidArgumentError(MESSAGES.positiveEth);
  return value;
}
