// The deployment configuration of a simulation: the network's deploy/parameters file overridden by
// the scenario (curve, fees, breaker, revenue split, governance timings, oracles, slasher).
import { parseEther } from "ethers";
import type { DeployConfig } from "../../../deploy/config";
import { SLASHING_DEFAULT_MAX_SEVERITY_BPS, validateConfig } from "../../../deploy/config";
import { CURVE_PARAMS, DEFAULT_TIERS } from "../scenario";
import type { Scenario } from "../scenarioTypes";
import type { EffectiveSetting } from "../economy";
import { simResourceConfigs } from "./resourceConfig";

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
      slashMaxSeverityBps: s.staking.maxSlashBps,
      resources: simResourceConfigs(base.resources, s.resources),
    },
    "simulation config",
  );
}

/** A scenario setting the chain deployment does not take from the scenario at all. */
// `asked` is the scenario's value; a warning is printed when it differs from what the chain has
// (the parser's defaults for tiers, unbonding and severity match the contracts' deployment).
const NOT_APPLIED: readonly { readonly setting: string; readonly why: string; asked(s: Scenario): string; same(s: Scenario): boolean }[] = [
  { setting: "staking.tiers", why: "the staking contract's own lock tiers are used (changing them needs governance)", asked: (s) => JSON.stringify(s.staking.tiers), same: (s) => JSON.stringify(s.staking.tiers) === JSON.stringify(DEFAULT_TIERS) },
  { setting: "staking.unbondingSeconds", why: "the staking contract's 7-day unbonding delay is used", asked: (s) => String(s.staking.unbondingSeconds), same: (s) => s.staking.unbondingSeconds === 7 * 86_400 },
  { setting: "staking.disputeWindowBlocks", why: "the slashing contract's dispute window (at least 1 day) is used", asked: (s) => String(s.staking.disputeWindowBlocks), same: (s) => s.staking.disputeWindowBlocks * s.secondsPerBlock >= 86_400 },
];

/**
 * What the deployment used for each scenario setting it bounds or replaces (scenario path ->
 * value in the scenario's unit), and each difference with the reason. Pure: from the scenario and
 * the config `simDeployConfig` built from it.
 */
export function effectiveSettings(s: Scenario, c: DeployConfig): { effective: { [setting: string]: string | number | boolean }; changes: EffectiveSetting[] } {
  const g = s.governance;
  const timelockBlocks = c.governance.timelockDelaySeconds / s.secondsPerBlock;
  const effective: { [setting: string]: string | number | boolean } = {
    "governance.timelockBlocks": timelockBlocks,
    "governance.timelockSeconds": c.governance.timelockDelaySeconds,
    "governance.votingDelayBlocks": c.governance.votingDelayBlocks,
    "governance.votingPeriodBlocks": c.governance.votingPeriodBlocks,
    "governance.quorumBps": c.governance.quorumBps,
    "fees.buyBps": c.market.buyFeeBps,
    "fees.sellBps": c.market.sellFeeBps,
    "fees.referrerShareBps": c.market.referralShareBps,
    "protections.breakerThresholdBps": c.market.breakerThresholdBps,
    "protections.breakerWindowBlocks": c.market.breakerWindowBlocks,
    "protections.breakerCooldownBlocks": c.market.breakerCooldownBlocks,
    "staking.maxSlashBps": c.slashMaxSeverityBps ?? SLASHING_DEFAULT_MAX_SEVERITY_BPS,
  };
  for (const n of NOT_APPLIED) effective[n.setting] = "contract default";
  const changes: EffectiveSetting[] = [];
  const differ = (setting: string, asked: number, used: number, why: string) => {
    if (asked !== used) changes.push({ setting, asked: String(asked), used: String(used), why });
  };
  differ("governance.timelockBlocks", g.timelockBlocks, timelockBlocks, `the timelock's floor is ${MIN_TIMELOCK_SECONDS} s (${g.timelockBlocks} blocks x ${s.secondsPerBlock} s asked for ${g.timelockBlocks * s.secondsPerBlock} s)`);
  differ("governance.votingDelayBlocks", g.votingDelayBlocks, c.governance.votingDelayBlocks, "the governor needs a voting delay of at least 1 block");
  differ("governance.votingPeriodBlocks", g.votingPeriodBlocks, c.governance.votingPeriodBlocks, `the governor's voting period floor is ${MIN_VOTING_PERIOD} blocks`);
  if (!s.protections.breaker) {
    changes.push({ setting: "protections.breakerThresholdBps", asked: `${s.protections.breakerThresholdBps} (breaker off)`, used: String(BREAKER_OFF_BPS), why: "the breaker cannot be removed; off = a 100% threshold no move reaches in one window" });
  }
  for (const n of NOT_APPLIED) if (!n.same(s)) changes.push({ setting: n.setting, asked: n.asked(s), used: "contract default", why: n.why });
  return { effective, changes };
}

/**
 * A sweep worker's deployment reuse (deployment.ts): the part of a simulation's deployment config
 * that a deployed suite can take afterwards through its admin (the timelock), and the rest. The
 * settings the timelock can set directly are the market's fees, referral share and breaker, the
 * revenue split, the timelock's own delay, and the oracle and slasher roles; every other setting
 * (curve, governor timings: the governor only takes those from a proposal it executed itself,
 * token, guardian, resource markets) stays in `base`, so two cells share one deployment only when
 * all of it is equal. `base` takes the settable ones from the network's parameters file (`network`)
 * and grants no oracle or slasher.
 */
export interface SplitConfig {
  /** What is deployed (and snapshotted) once per worker for every cell with the same base. */
  readonly base: DeployConfig;
  /** The cell's settable settings, applied after the deployment. */
  readonly cell: SettableSettings;
}

export interface SettableSettings {
  readonly market: DeployConfig["market"];
  readonly revenueShares: DeployConfig["revenueShares"];
  /** seconds */
  readonly timelockDelaySeconds: number;
  readonly oracles: readonly string[];
  readonly slasher: string | null;
}

export function settableOf(c: DeployConfig): SettableSettings {
  return { market: c.market, revenueShares: c.revenueShares, timelockDelaySeconds: c.governance.timelockDelaySeconds, oracles: c.oracles, slasher: c.slasher };
}

export function splitConfig(cell: DeployConfig, network: DeployConfig): SplitConfig {
  const base: DeployConfig = {
    ...cell,
    market: network.market,
    revenueShares: network.revenueShares,
    governance: { ...cell.governance, timelockDelaySeconds: network.governance.timelockDelaySeconds },
    oracles: [],
    slasher: null,
  };
  return { base, cell: settableOf(cell) };
}

/** Admin calls (by the timelock) that take a suite deployed with `from` to `to`: only what differs, in a fixed order. */
export interface AdminCall {
  readonly target: "market" | "splitter" | "timelock" | "oracle" | "slashing";
  readonly fn: "setFees" | "setReferralShare" | "setBreakerParameters" | "setShares" | "updateDelay" | "grantRole";
  readonly args: readonly (number | string | readonly number[])[];
}

export function settingCalls(from: SettableSettings, to: SettableSettings, roles: { readonly oracle: string; readonly slasher: string }): AdminCall[] {
  const out: AdminCall[] = [];
  const m0 = from.market;
  const m1 = to.market;
  if (m0.buyFeeBps !== m1.buyFeeBps || m0.sellFeeBps !== m1.sellFeeBps) out.push({ target: "market", fn: "setFees", args: [m1.buyFeeBps, m1.sellFeeBps] });
  if (m0.referralShareBps !== m1.referralShareBps) out.push({ target: "market", fn: "setReferralShare", args: [m1.referralShareBps] });
  if (m0.breakerThresholdBps !== m1.breakerThresholdBps || m0.breakerWindowBlocks !== m1.breakerWindowBlocks || m0.breakerCooldownBlocks !== m1.breakerCooldownBlocks) {
    out.push({ target: "market", fn: "setBreakerParameters", args: [m1.breakerThresholdBps, m1.breakerWindowBlocks, m1.breakerCooldownBlocks] });
  }
  if (from.revenueShares.some((v, i) => v !== to.revenueShares[i])) out.push({ target: "splitter", fn: "setShares", args: [[...to.revenueShares]] });
  if (from.timelockDelaySeconds !== to.timelockDelaySeconds) out.push({ target: "timelock", fn: "updateDelay", args: [to.timelockDelaySeconds] });
  // roles in the order a fresh deployment grants them (deploy/cipher.ts): oracles, then the slasher
  for (const o of to.oracles) if (!from.oracles.includes(o)) out.push({ target: "oracle", fn: "grantRole", args: [roles.oracle, o] });
  if (to.slasher !== null && to.slasher !== from.slasher) out.push({ target: "slashing", fn: "grantRole", args: [roles.slasher, to.slasher] });
  return out;
}
