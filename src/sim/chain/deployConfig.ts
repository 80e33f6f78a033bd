// The deployment configuration of a simulation: the network's deploy/parameters file overridden by
// the scenario (curve, fees, breaker, revenue split, governance timings, oracles, slasher).
import { parseEther } from "ethers";
import type { DeployConfig } from "../../../deploy/config";
import { validateConfig } from "../../../deploy/config";
import { CURVE_PARAMS } from "../scenario";
import type { Scenario } from "../scenarioTypes";

/** The timelock's floor (CipherTimelock.MIN_DELAY_FLOOR). */
export const MIN_TIMELOCK_SECONDS = 60;
/** The governor's floor (CipherGovernor.MIN_VOTING_PERIOD). */
export const MIN_VOTING_PERIOD = 10;
/** The breaker's "off": a threshold no move reaches in one window (100%). */
const BREAKER_OFF_BPS = 10_000;

/** Scenario curve parameters (ether units, named) in the order the curve contract takes them (wei). */
export function curveParameters(s: Scenario): bigint[] {
  return CURVE_PARAMS[s.curve.kind].map((name) => parseEther(s.curve.params[name]));
}

export function simDeployConfig(base: DeployConfig, s: Scenario, oracles: readonly string[], slasher: string | null): DeployConfig {
  const g = s.governance;
  return validateConfig(
    {
      ...base,
      curve: { kind: s.curve.kind, parameters: curveParameters(s).map(String) },
      market: {
        buyFeeBps: s.fees.buyBps,
        sellFeeBps: s.fees.sellBps,
        referralShareBps: s.fees.referrerShareBps,
        breakerThresholdBps: s.protections.breaker ? s.protections.breakerThresholdBps : BREAKER_OFF_BPS,
        breakerWindowBlocks: s.protections.breakerWindowBlocks,
        breakerCooldownBlocks: s.protections.breakerCooldownBlocks,
      },
      revenueShares: [s.split.stakers, s.split.welfare, s.split.solidarity, s.split.development, s.split.burn],
      governance: {
        ...base.governance,
        timelockDelaySeconds: Math.max(MIN_TIMELOCK_SECONDS, g.timelockBlocks * s.secondsPerBlock),
        votingDelayBlocks: Math.max(1, g.votingDelayBlocks),
        votingPeriodBlocks: Math.max(MIN_VOTING_PERIOD, g.votingPeriodBlocks),
        proposalThreshold: parseEther(String(g.proposalThreshold)).toString(),
        quorumBps: g.quorumBps,
      },
      oracles: [...oracles],
      slasher,
    },
    "simulation config",
  );
}
