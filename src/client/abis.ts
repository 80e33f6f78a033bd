// The ABIs of every contract of the suite, from the TypeChain factories (compiled artifacts).
import type { Interface } from "ethers";
import {
  BondingCurveMarket__factory,
  CipherGovernor__factory,
  CipherLens__factory,
  CipherStaking__factory,
  CipherTimelock__factory,
  CipherToken__factory,
  CipherTreasury__factory,
  ContributionOracle__factory,
  ExponentialCurve__factory,
  ICurve__factory,
  LinearCurve__factory,
  RevenueSplitter__factory,
  SigmoidCurve__factory,
  Slashing__factory,
} from "../../typechain-types";

export const IFACES = {
  market: BondingCurveMarket__factory.createInterface(),
  governor: CipherGovernor__factory.createInterface(),
  staking: CipherStaking__factory.createInterface(),
  token: CipherToken__factory.createInterface(),
  treasury: CipherTreasury__factory.createInterface(),
  oracle: ContributionOracle__factory.createInterface(),
  splitter: RevenueSplitter__factory.createInterface(),
  slashing: Slashing__factory.createInterface(),
  timelock: CipherTimelock__factory.createInterface(),
  curve: ICurve__factory.createInterface(),
  lens: CipherLens__factory.createInterface(),
};

/**
 * Every interface of the suite (a proposal's execution reverts with its target's error), and the
 * curve implementations after them: ICurve is every curve's ABI, but a curve also reverts with its
 * own errors (CurveMarketAlreadySet, ...). Order decides nothing in practice (one selector, one
 * signature) but is kept fixed: the revert decoder's first match wins.
 */
export const ALL_INTERFACES: readonly Interface[] = [
  ...Object.values(IFACES),
  LinearCurve__factory.createInterface(),
  ExponentialCurve__factory.createInterface(),
  SigmoidCurve__factory.createInterface(),
];
