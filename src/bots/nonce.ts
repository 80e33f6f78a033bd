// Per-account nonce bookkeeping without gaps. A nonce is taken for one signed transaction; if the
// node refuses that transaction for good (never broadcast), the nonce is given back, which is only
// allowed for the last one taken (so no later nonce can sit behind a hole). After "nonce too low"
// the manager resyncs to the chain's count. Pure: the caller reads the chain and reports.
export class NonceError extends Error {}

export class NonceManager {
  private nextNonce: number;

  constructor(next: number) {
    if (!Number.isSafeInteger(next) || next < 0) throw new NonceError(`bad starting nonce ${next}`);
    this.nextNonce = next;
  }

  /** The nonce the next transaction will get. */
  peek(): number {
    return this.nextNonce;
  }

  /** Takes the next nonce for a transaction about to be signed. */
  take(): number {
    return this.nextNonce++;
  }

  /** Gives back `nonce` (its transaction was refused and never broadcast); only the last one taken. */
  release(nonce: number): void {
    if (nonce !== this.nextNonce - 1) throw new NonceError(`cannot release nonce ${nonce}: ${this.nextNonce - 1} was taken after it (a gap would stay)`);
    this.nextNonce = nonce;
  }

  /**
   * Gives back every nonce from `nonce` on (their transactions were refused or dropped before any
   * was broadcast, last ones first): the next transaction reuses `nonce`, so no hole stays.
   */
  rewindTo(nonce: number): void {
    if (nonce >= this.nextNonce || nonce < 0) throw new NonceError(`cannot rewind to ${nonce}: next is ${this.nextNonce}`);
    this.nextNonce = nonce;
  }

  /**
   * The chain says `chainNonce` transactions of the account are known (eth_getTransactionCount,
   * "pending"): never go below it. Returns whether the manager moved forward.
   */
  resync(chainNonce: number): boolean {
    if (chainNonce > this.nextNonce) {
      this.nextNonce = chainNonce;
      return true;
    }
    return false;
  }
}

/**
 * The next nonce after a restart: past every transaction the chain already counts and every one
 * the state file still holds as pending (those are re-broadcast with their own nonces).
 */
export function nonceAfterRestart(chainPending: number, pendingNonces: readonly number[]): number {
  return Math.max(chainPending, ...pendingNonces.map((n) => n + 1));
}

/** What a send error says about the nonce. */
export type NonceVerdict = "ok" | "tooLow" | "known" | "other";

/** Classifies a node's refusal message (geth, anvil, Hardhat, Erigon wording). */
export function classifySendError(message: string): NonceVerdict {
  const m = message.toLowerCase();
  if (m.includes("already known") || m.includes("known transaction") || m.includes("already imported") || m.includes("transaction already exists")) return "known";
  if (m.includes("nonce too low") || m.includes("nonce has already been used") || m.includes("oldnonce") || m.includes("nonce is too low")) return "tooLow";
  return "other";
}
