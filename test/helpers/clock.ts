// Time helpers for tests on the in-process network (allowBlocksWithSameTimestamp is on).
import { time } from "@nomicfoundation/hardhat-network-helpers";

/**
 * Pins the next block to the latest block's timestamp (seconds), so the next transaction acts
 * at the same time as the views just read and the transaction before it.
 *
 * Without it the next block takes the wall clock, which crosses a second boundary now and then
 * (often on a loaded machine): a decaying boost or a reward stream then moves by one second
 * between what a test read and what the transaction did. CIPHER_CLOCK_TICK=1 makes that happen on
 * every transaction (test/helpers/clockTick.ts).
 */
export async function sameSecond(): Promise<void> {
  await time.setNextBlockTimestamp(await time.latest());
}
