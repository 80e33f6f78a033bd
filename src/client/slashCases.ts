// Slash cases kept from the Slashing contract's events (SlashProposed, SlashDisputed,
// SlashExecuted, SlashCancelled): which are open, disputed, and until when. Pure; the simulation
// and the bots feed it the decoded events.
import { getAddress } from "ethers";

export interface SlashCase {
  /** Decimal case id. */
  readonly id: string;
  /** Checksummed target. */
  readonly target: string;
  readonly severityBps: number;
  disputed: boolean;
  /** End of the dispute window (unix seconds); after a dispute, the end of the resolution window. */
  deadline: number;
  open: boolean;
}

export class SlashCaseBook {
  private readonly byId = new Map<string, SlashCase>();
  private readonly byTarget = new Map<string, string>();

  proposed(id: bigint | string, target: string, severityBps: number, deadline: number): void {
    const c: SlashCase = { id: String(id), target: getAddress(target), severityBps, disputed: false, deadline, open: true };
    this.byId.set(c.id, c);
    this.byTarget.set(target.toLowerCase(), c.id);
  }

  disputed(id: bigint | string, deadline: number): void {
    const c = this.byId.get(String(id));
    if (c === undefined) return;
    c.disputed = true;
    c.deadline = deadline;
  }

  /** SlashExecuted or SlashCancelled. */
  closed(id: bigint | string): void {
    const c = this.byId.get(String(id));
    if (c !== undefined) c.open = false;
  }

  /** The latest case against `target`. */
  caseOf(target: string): string | undefined {
    return this.byTarget.get(target.toLowerCase());
  }

  /** Open cases, in the order they were proposed. */
  *open(): IterableIterator<SlashCase> {
    for (const c of this.byId.values()) if (c.open) yield c;
  }
}
