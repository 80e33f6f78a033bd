// The fake economy's state: accounts, market, staking, treasury, governance, slashing.
import type { Fund, LockTier, ProposalSpec, Role } from "../../agents/types";
import type { LinearCurve } from "./linearCurve";

export interface FakeStake {
  id: number;
  amount: bigint;
  tier: number;
  unlockAt: number;
  unbonding: boolean;
  withdrawableAt: number;
  createdBlock: number;
}

export interface FakeAccount {
  readonly address: string;
  reserve: bigint;
  tokens: bigint;
  stakes: FakeStake[];
  nextStakeId: number;
  /** Reward weight of the non-unbonding stakes. */
  weight: bigint;
  /** rewardPerWeight at the last settlement. */
  paid: bigint;
  rewards: bigint;
  readonly roles: Set<Role>;
  /** Next nonce the pool accepts (mined + pending). */
  poolNonce: number;
}

export interface FakeProposal {
  readonly id: string;
  readonly proposer: string;
  readonly spec: ProposalSpec;
  /** Votes are read at this block; voting is open in (snapshotBlock, endBlock]. */
  readonly snapshotBlock: number;
  readonly endBlock: number;
  readonly quorum: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  readonly voters: string[];
  queuedEta: number;
  executed: boolean;
}

export interface FakeSlash {
  readonly id: string;
  readonly target: string;
  readonly severityBps: number;
  disputed: boolean;
  readonly deadlineBlock: number;
  done: boolean;
  /** Stake id -> amount held when the case was proposed: the cut is computed on these (SPEC 1.4). */
  readonly held: ReadonlyMap<number, bigint>;
}

export interface FakeConfig {
  readonly curve: LinearCurve;
  readonly referrerShareBps: number;
  readonly split: { readonly stakers: number; readonly welfare: number; readonly solidarity: number; readonly development: number; readonly burn: number };
  readonly tiers: readonly LockTier[];
  readonly unbondingSeconds: number;
  readonly disputeWindowBlocks: number;
  readonly maxSlashBps: number;
  readonly votingDelayBlocks: number;
  readonly votingPeriodBlocks: number;
  readonly quorumBps: number;
  readonly timelockBlocks: number;
  readonly proposalThreshold: bigint;
  readonly breaker: boolean;
  readonly breakerThresholdBps: number;
  readonly breakerWindowBlocks: number;
  readonly breakerCooldownBlocks: number;
  readonly epochSteps: number;
}

export interface FakeState {
  cfg: FakeConfig;
  curve: LinearCurve;
  buyFeeBps: number;
  sellFeeBps: number;
  supply: bigint;
  reserve: bigint;
  /** Block number of the block being built (last mined + 1). */
  block: number;
  timestamp: number;
  haltedUntilBlock: number;
  /** Start-of-block prices of recent blocks, oldest first (breaker reference). */
  marks: { block: number; price: bigint }[];
  totalStaked: bigint;
  totalWeight: bigint;
  rewardPerWeight: bigint;
  funds: { [F in Fund]: bigint };
  accounts: Map<string, FakeAccount>;
  proposals: FakeProposal[];
  slashes: FakeSlash[];
  epochVoters: Set<string>;
  epoch: number;
  attestations: number;
  /** Counters for the conservation check (Economy.books). */
  ledger: FakeLedger;
}

/** What the fake's books need beyond the state above: every mint, burn and reward movement. */
export interface FakeLedger {
  /** Reserve wei sent to the stakers' reward pool and not yet claimed. */
  rewardsHeld: bigint;
  /** Token wei minted (genesis and buys) and burned (sells and slashes). */
  minted: bigint;
  burned: bigint;
  /** Token wei the genesis purchase gave the deployer (outside the agents). */
  genesisTokens: bigint;
}
