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
  ICurve__factory,
  RevenueSplitter__factory,
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

/** Every interface of the suite (a proposal's execution reverts with its target's error). */
export const ALL_INTERFACES: readonly Interface[] = Object.values(IFACES);
