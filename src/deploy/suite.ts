// Deploys the suite through the one Ignition definition and returns typed contract handles.
// Used by test fixtures, the simulation and the cipher:deploy task.
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { cipherModule, resourceMarketKey } from "../../deploy/cipher";
import type { DeployConfig } from "../../deploy/config";
import type {
  BondingCurveMarket,
  CipherGovernor,
  CipherStaking,
  CipherTimelock,
  CipherToken,
  CipherTreasury,
  ContributionOracle,
  ICurve,
  ResourceMarket,
  RevenueSplitter,
  Slashing,
} from "../../typechain-types";
import { DEPLOYMENT_NAMES } from "../client/protocol";

export interface CipherSuite {
  readonly timelock: CipherTimelock;
  readonly token: CipherToken;
  readonly curve: ICurve;
  readonly staking: CipherStaking;
  readonly slashing: Slashing;
  readonly oracle: ContributionOracle;
  readonly treasury: CipherTreasury;
  readonly governor: CipherGovernor;
  readonly splitter: RevenueSplitter;
  readonly market: BondingCurveMarket;
}

/** Names under which the deployment file lists each contract (scripts and bots read them; named once in src/client/protocol.ts). */
export const CONTRACT_NAMES: Record<keyof CipherSuite, string> = DEPLOYMENT_NAMES;

/** The suite with its resource markets (SPEC §1.7), by kind ("compute" by default). */
export interface DeployedSuite extends CipherSuite {
  readonly resourceMarkets: Readonly<Record<string, ResourceMarket>>;
}

/** Name under which the deployment file lists the resource market of `kind`. */
export function resourceMarketName(kind: string): string {
  return resourceMarketKey(kind);
}

export interface DeployOptions {
  readonly moduleId?: string;
  readonly deploymentId?: string;
  readonly displayUi?: boolean;
}

export async function deploySuite(hre: HardhatRuntimeEnvironment, config: DeployConfig, opts: DeployOptions = {}): Promise<DeployedSuite> {
  const result = await hre.ignition.deploy(cipherModule(config, opts.moduleId), {
    deploymentId: opts.deploymentId,
    displayUi: opts.displayUi ?? false,
  });
  const at = async <T>(name: string, address: string): Promise<T> => (await hre.ethers.getContractAt(name, address)) as unknown as T;
  const addr = (c: { getAddress(): Promise<string> }) => c.getAddress();
  const results = result as unknown as Record<string, { getAddress(): Promise<string> }>;
  const resourceMarkets: Record<string, ResourceMarket> = {};
  for (const r of config.resources) {
    resourceMarkets[r.kind] = await at<ResourceMarket>("ResourceMarket", await addr(results[resourceMarketKey(r.kind)]));
  }
  return {
    resourceMarkets,
    timelock: await at<CipherTimelock>("CipherTimelock", await addr(result.timelock)),
    token: await at<CipherToken>("CipherToken", await addr(result.token)),
    curve: await at<ICurve>("ICurve", await addr(result.curve)),
    staking: await at<CipherStaking>("CipherStaking", await addr(result.staking)),
    slashing: await at<Slashing>("Slashing", await addr(result.slashing)),
    oracle: await at<ContributionOracle>("ContributionOracle", await addr(result.oracle)),
    treasury: await at<CipherTreasury>("CipherTreasury", await addr(result.treasury)),
    governor: await at<CipherGovernor>("CipherGovernor", await addr(result.governor)),
    splitter: await at<RevenueSplitter>("RevenueSplitter", await addr(result.splitter)),
    market: await at<BondingCurveMarket>("BondingCurveMarket", await addr(result.market)),
  };
}
