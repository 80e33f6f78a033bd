// The one owner of nonces on the economy's side. The engine assigns agents' nonces from the
// FundedAgent's starting nonce; the economy's own account (the deployer: council, keeper, revenue)
// counts here; a scheduled transaction sent from an agent's account (a scheduled slash from the
// slasher, a dispute from the target) takes the agent's next nonce here, and every later nonce the
// engine gives that agent is shifted by the number of such transactions.
export class Nonces {
  private system = 0;
  private readonly shift = new Map<string, number>();
  /** Next nonce per agent as this book knows it (highest sent + 1). */
  private readonly next = new Map<string, number>();

  /** The deployer's next nonce is `n` (read from the node once, after deployment). */
  startSystem(n: number): void {
    this.system = n;
  }

  /** Takes the deployer's next nonce. */
  takeSystem(): number {
    return this.system++;
  }

  /** The nonce on chain of the engine's nonce `n` for `from`. */
  agent(from: string, n: number): number {
    const k = from.toLowerCase();
    const nonce = n + (this.shift.get(k) ?? 0);
    if (nonce + 1 > (this.next.get(k) ?? 0)) this.next.set(k, nonce + 1);
    return nonce;
  }

  /** An agent starts at nonce `n` (after its setup transactions). */
  startAgent(from: string, n: number): void {
    this.next.set(from.toLowerCase(), n);
  }

  /** Takes an agent's next nonce for a transaction the engine does not know about; shifts the agent's later ones. */
  takeScheduled(from: string): number {
    const k = from.toLowerCase();
    const nonce = this.next.get(k) ?? 0;
    this.next.set(k, nonce + 1);
    this.shift.set(k, (this.shift.get(k) ?? 0) + 1);
    return nonce;
  }
}
