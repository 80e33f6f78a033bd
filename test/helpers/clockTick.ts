// Clock-tick mode: a check on the test suites themselves, not on the contracts.
//
// The in-process network stamps an automined block with the wall clock (allowBlocksWithSameTimestamp
// is on), so two transactions sent in a row usually share a second, but not always: on a loaded
// machine a second boundary falls between them. A test that reads a time-dependent view in one
// block and expects the next transaction to act on the same value (a decaying boost, a reward
// stream) then fails now and then (CI, 2026-11-29: 3149700000000000000 != 3150000000000000000, a
// boost decayed by 1 second between a vote and a stake).
//
// With CIPHER_CLOCK_TICK=N (seconds, 1-60; unset or 0: off) every transaction is mined at least N seconds after the
// one before, so such a test fails every time instead of now and then; N > 1 stands for a machine
// that stalls for seconds. A test that needs two transactions in the same second says so with
// `sameSecond()` (test/helpers/clock.ts) or any `evm_setNextBlockTimestamp`, which this mode
// honours: no tick is added to a block whose timestamp was pinned.
//
// The mode is on only when this file is loaded, so name it among the files:
//   CIPHER_CLOCK_TICK=1 npx hardhat test test/helpers/clockTick.ts test/staking/Contribution.test.ts
// (without it the variable does nothing). `npm test` re-runs the contract suites this way
// (tools/run-tests.js; CIPHER_SKIP_CLOCK_TICK=1 skips that re-run). A whole `npx hardhat test` loads
// it like any file under test/, and without the variable it does nothing. Transactions sent through
// the legacy `sendAsync` are not ticked (nothing here uses it).
import { network } from "hardhat";

type RequestArgs = { method: string; params?: unknown[] | object };
/** What this mode wraps: an EIP-1193 `request`, and Hardhat's legacy `send` where present (hardhat-ethers sends through it). */
export interface RequestProvider {
  request(args: RequestArgs): Promise<unknown>;
  send?(method: string, params?: unknown[]): Promise<unknown>;
}

const SENDS = new Set(["eth_sendTransaction", "eth_sendRawTransaction"]);
const MINES = new Set(["evm_mine", "hardhat_mine"]);

/**
 * Wraps `provider.request` (and `provider.send`) in place: before each transaction that is not in a
 * pinned block, `evm_increaseTime(seconds)`. A pin (`evm_setNextBlockTimestamp`) holds until the
 * next transaction or mined block.
 */
export function installClockTick(provider: RequestProvider, seconds: number): void {
  const request = provider.request.bind(provider);
  let pinned = false;
  const before = async (method: string): Promise<void> => {
    if (SENDS.has(method)) {
      if (!pinned) await request({ method: "evm_increaseTime", params: [seconds] });
      pinned = false;
    } else if (MINES.has(method) || method === "evm_revert") {
      pinned = false; // a mined block uses the pin; a revert drops it on the node
    }
  };
  // A pin counts only once the node has accepted it (a timestamp in the past is refused).
  const after = (method: string): void => {
    if (method === "evm_setNextBlockTimestamp") pinned = true;
  };
  provider.request = async (args: RequestArgs): Promise<unknown> => {
    await before(args.method);
    const result = await request(args);
    after(args.method);
    return result;
  };
  const send = provider.send?.bind(provider);
  if (send) {
    provider.send = async (method: string, params?: unknown[]): Promise<unknown> => {
      await before(method);
      const result = await send(method, params);
      after(method);
      return result;
    };
  }
}

const tick = Number(process.env.CIPHER_CLOCK_TICK ?? "0");
if (process.env.CIPHER_CLOCK_TICK !== undefined && !(Number.isInteger(tick) && tick >= 0 && tick <= 60)) {
  throw new Error(`CIPHER_CLOCK_TICK must be a whole number of seconds in [0, 60] (0: off), got "${process.env.CIPHER_CLOCK_TICK}"`);
}
if (tick > 0) {
  installClockTick(network.provider, tick);
  console.log(`  clock-tick mode: every transaction mined >= ${tick} s after the one before`);
}
