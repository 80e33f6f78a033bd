// The ABIs of every contract of the suite, from the TypeChain factories (compiled artifacts).
import type { Interface } from "ethers";
import { BondingCurveMarket__factory } from "../../typechain-types/factories/contracts/market/BondingCurveMarket__factory";
import { CipherGovernor__factory } from "../../typechain-types/factories/contracts/governance/CipherGovernor__factory";
import { CipherLens__factory } from "../../typechain-types/factories/contracts/lens/CipherLens.sol/CipherLens__factory";
import { CipherStaking__factory } from "../../typechain-types/factories/contracts/staking/CipherStaking__factory";
import { CipherTimelock__factory } from "../../typechain-types/factories/contracts/governance/CipherTimelock__factory";
import { CipherToken__factory } from "../../typechain-types/factories/contracts/token/CipherToken__factory";
import { CipherTreasury__factory } from "../../typechain-types/factories/contracts/treasury/CipherTreasury__factory";
import { ContributionOracle__factory } from "../../typechain-types/factories/contracts/staking/ContributionOracle__factory";
import { ExponentialCurve__factory } from "../../typechain-types/factories/contracts/market/curves/ExponentialCurve__factory";
import { ICurve__factory } from "../../typechain-types/factories/contracts/interfaces/ICurve__factory";
import { LinearCurve__factory } from "../../typechain-types/factories/contracts/market/curves/LinearCurve__factory";
import { RevenueSplitter__factory } from "../../typechain-types/factories/contracts/revenue/RevenueSplitter__factory";
import { SigmoidCurve__factory } from "../../typechain-types/factories/contracts/market/curves/SigmoidCurve__factory";
import { Slashing__factory } from "../../typechain-types/factories/contracts/staking/Slashing__factory";

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
