// Block times of an automined deployment that do not depend on the wall clock. While automine is on
// (the deployment, before the engine takes explicit timestamps), a node stamps each block from its
// own clock: anvil gave several blocks the same second and then jumped by the seconds that passed
// (1800000000 four times, then 1800000002 after a 1.5 s pause), Hardhat's in-process network
// prev + 1 or its clock, whichever is later. A contract that keeps a deployment time (the resource
// market's `genesis`, which fixes every epoch's boundaries) then depended on how long the
// deployment took: the same scenario and seed cleared its first epoch at step 1, 2 or 3 as the
// deployment was made 0, 1.1 or 2.2 s slower. Here each transaction is mined in a block of its own
// at max(head + 1, floor) seconds, set before it is sent (evm_setNextBlockTimestamp), and is waited
// for until mined (anvil automines asynchronously), so the next one reads the right head.
import { hexQuantity } from "./rpc";

/** An EIP-1193 provider, as Ignition takes it (Hardhat's network provider is one). */
export interface Eip1193Provider {
  request(args: { readonly method: string; readonly params?: readonly unknown[] | object }): Promise<unknown>;
}

const SENDS = new Set(["eth_sendTransaction", "eth_sendRawTransaction"]);
const MINED_TIMEOUT_MS = 30_000;

/**
 * Sends one transaction (`args`: eth_sendTransaction or eth_sendRawTransaction) in a block of its
 * own at max(head's timestamp + 1, floor) seconds and resolves with its hash once it is mined.
 * Errors: the node's own (the transaction is refused: nothing mined, the pending timestamp is
 * replaced by the next send), or "not mined" after 30 s (automine off).
 */
export async function sendAtNextSecond(p: Eip1193Provider, floor: number, args: { readonly method: string; readonly params?: readonly unknown[] | object }): Promise<unknown> {
  const head = (await p.request({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { timestamp: string };
  const at = Math.max(Number(BigInt(head.timestamp)) + 1, floor);
  await p.request({ method: "evm_setNextBlockTimestamp", params: [hexQuantity(at)] });
  const hash = await p.request(args);
  const until = Date.now() + MINED_TIMEOUT_MS;
  for (let wait = 1; ; wait = Math.min(wait * 2, 25)) {
    if ((await p.request({ method: "eth_getTransactionReceipt", params: [hash] })) !== null) return hash;
    if (Date.now() > until) throw new Error(`transaction ${String(hash)} not mined within ${MINED_TIMEOUT_MS} ms (is automine on?)`);
    await new Promise((r) => setTimeout(r, wait));
  }
}

/**
 * `p` with every transaction sent through sendAtNextSecond, one after the other in the order asked
 * (Ignition sends its futures one at a time, in nonce order, anyway); every other request passes
 * through unchanged.
 */
export function pacedProvider(p: Eip1193Provider, floor: number): Eip1193Provider {
  let last: Promise<unknown> = Promise.resolve();
  return {
    request(args) {
      if (!SENDS.has(args.method)) return p.request(args);
      const run = last.then(() => sendAtNextSecond(p, floor, args));
      last = run.catch(() => undefined);
      return run;
    },
  };
}
