// The market's referral credits (BondingCurveMarket.referralRewards) of a known set of accounts,
// kept from the market's logs instead of read every step. The contract writes the mapping in two
// places only, each with an event: a referred buy adds `referralReward` to its referrer (Bought)
// and a claim sets the claimer's credit to 0 (ReferralRewardsClaimed). Each account starts from
// one read of the chain (after setup); an account never read is unknown (the caller reads it).

export class ReferralCredits {
  private readonly credit = new Map<string, bigint>();

  /** The credits read at one block for `accounts` (replaces what was kept for them). */
  start(accounts: readonly string[], credits: readonly bigint[]): void {
    this.credit.clear();
    accounts.forEach((a, i) => this.credit.set(a.toLowerCase(), credits[i]));
  }

  /** A Bought log: `reward` reserve-wei credited to `referrer`. */
  onBought(referrer: string, reward: bigint): void {
    const k = referrer.toLowerCase();
    const c = this.credit.get(k);
    if (c !== undefined && reward !== 0n) this.credit.set(k, c + reward);
  }

  /** A ReferralRewardsClaimed log: `referrer`'s credit is now 0. */
  onClaimed(referrer: string): void {
    const k = referrer.toLowerCase();
    if (this.credit.has(k)) this.credit.set(k, 0n);
  }

  /** Each account's credit, reserve-wei (the zero address has none), or undefined if one is not kept. */
  of(accounts: readonly string[]): bigint[] | undefined {
    const out: bigint[] = [];
    for (const a of accounts) {
      if (/^0x0{40}$/i.test(a)) {
        out.push(0n);
        continue;
      }
      const c = this.credit.get(a.toLowerCase());
      if (c === undefined) return undefined;
      out.push(c);
    }
    return out;
  }
}
