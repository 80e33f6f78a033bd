// Facts of the Cipher protocol that every off-chain caller names (tasks, the simulation, the bots):
// proposal states, vote support values, treasury fund ids, slash-case statuses, roles and the
// names the deployment file gives each contract. Pure data, no ethers, no I/O.

/** OZ IGovernor.ProposalState, in the contract's order (index = on-chain value). */
export const PROPOSAL_STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;
export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

/** The state name of an on-chain ProposalState value; throws on a value the governor cannot return. */
export function proposalStateName(value: bigint | number): ProposalStateName {
  const s = PROPOSAL_STATES[Number(value)];
  if (s === undefined) throw new RangeError(`not a proposal state: ${value}`);
  return s;
}

/** OZ GovernorCountingSimple support values. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type SupportName = keyof typeof SUPPORT;

/** CipherTreasury fund ids (RevenueSplitter buckets 1..3; 0 is the stakers' bucket, 4 the burn). */
export const FUND_IDS = { welfare: 1, solidarity: 2, development: 3 } as const;
export type FundName = keyof typeof FUND_IDS;
export const FUND_NAMES: readonly FundName[] = ["welfare", "solidarity", "development"];

/** The fund id for a name or an id given as text ("welfare" | "1" ...), undefined if neither. */
export function parseFund(v: string): number | undefined {
  const byName = (FUND_IDS as Record<string, number>)[v.toLowerCase()];
  if (byName !== undefined) return byName;
  return /^[123]$/.test(v) ? Number(v) : undefined;
}

/** The fund name of an on-chain fund id, undefined for any other id. */
export function fundName(id: bigint | number): FundName | undefined {
  return FUND_NAMES[Number(id) - 1];
}

/** RevenueSplitter bucket indices. */
export const SPLIT_BUCKETS = { stakers: 0, welfare: 1, solidarity: 2, development: 3, burn: 4 } as const;

/** Slashing.CaseStatus, in the contract's order. */
export const CASE_STATUS = ["None", "Proposed", "Disputed", "Executed", "Cancelled"] as const;
export type CaseStatusName = (typeof CASE_STATUS)[number];

/** keccak256("GUARDIAN_ROLE"): may pause the market and staking. */
export const GUARDIAN_ROLE = "0x55435dd261a4b9b3364963f7738a7a662ad9c84396d64be3365284bb7f0a5041";

/** CipherStaking.setParameter names. */
export const STAKING_PARAMETERS = ["unbondingDelay", "rewardsDuration", "maxBoostBps", "voteBoostBps", "decayPeriod"] as const;

/** Keys of the suite as code names them -> the name the deployment file lists it under. */
export const DEPLOYMENT_NAMES = {
  timelock: "TimelockController",
  token: "CipherToken",
  curve: "Curve",
  staking: "CipherStaking",
  slashing: "Slashing",
  oracle: "ContributionOracle",
  treasury: "CipherTreasury",
  governor: "CipherGovernor",
  splitter: "RevenueSplitter",
  market: "BondingCurveMarket",
} as const;
export type SuiteKey = keyof typeof DEPLOYMENT_NAMES;
export const SUITE_KEYS = Object.keys(DEPLOYMENT_NAMES) as SuiteKey[];

/** The compiled artifact behind a deployment name (the timelock is a CipherTimelock, the curve's ABI is ICurve). */
export function artifactOf(deploymentName: string): string {
  if (deploymentName === "TimelockController") return "CipherTimelock";
  if (deploymentName === "Curve") return "ICurve";
  return deploymentName;
}
