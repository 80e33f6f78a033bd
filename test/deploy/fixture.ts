// Fixture over the production deployment definition (deploy/cipher.ts), as STYLE.md asks:
// tests of the whole suite run against exactly what `cipher:deploy` deploys.
import hre from "hardhat";
import { loadConfig, validateConfig, type DeployConfig } from "../../deploy/config";
import { deploySuite, type DeployedSuite } from "../../src/deploy/suite";

export type ConfigOverrides = Partial<Omit<DeployConfig, "market" | "governance">> & {
  market?: Partial<DeployConfig["market"]>;
  governance?: Partial<DeployConfig["governance"]>;
};

export function hardhatConfig(overrides: ConfigOverrides = {}): DeployConfig {
  const base = loadConfig("hardhat");
  return validateConfig({
    ...base,
    ...overrides,
    market: { ...base.market, ...overrides.market },
    governance: { ...base.governance, ...overrides.governance },
  });
}

export async function deployFullSuite(overrides: ConfigOverrides = {}): Promise<DeployedSuite> {
  return deploySuite(hre, hardhatConfig(overrides));
}
