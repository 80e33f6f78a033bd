// Simple ratios reported per step.
function ratio(num: bigint, den: bigint): number {
  if (den <= 0n) return 0;
  return Number((num * 10n ** 12n) / den) / 1e12;
}

/** Share of the token supply that is staked. */
export function stakingRatio(staked: bigint, supply: bigint): number {
  return ratio(staked, supply);
}

/** Votes cast on live proposals as a share of the voting power that could have voted. */
export function governanceParticipation(votesCast: bigint, eligibleVotes: bigint): number {
  return ratio(votesCast, eligibleVotes);
}

/** Distinct voters as a share of accounts that could vote. */
export function voterTurnout(voters: number, eligible: number): number {
  return eligible <= 0 ? 0 : voters / eligible;
}
