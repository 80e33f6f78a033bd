// The one deployment definition of the Cipher suite (Hardhat Ignition). Used by the tests'
// fixtures, the simulation and `npx hardhat cipher:deploy` on real networks.
//
// Order: timelock -> market deployer (whose first CREATE will be the market) -> token (bound to
// that address, immutable), curve -> staking (+ slashing, contribution oracle) -> treasury ->
// governor -> revenue splitter -> market (MarketDeployer.deploy); then the one-shot deployer
// wiring (curve and splitter learn their market; staking learns its modules and governor), role grants to the
// configured guardian / oracles / slasher, and finally the hand-over: the timelock becomes the
// only admin everywhere and the deployer renounces every admin role it held.
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { Future, NamedArtifactContractDeploymentFuture } from "@nomicfoundation/ignition-core";
import { encodeBytes32String, id, ZeroAddress } from "ethers";
import { CURVE_CONTRACT, DeployConfig, RESOURCE_MECHANISMS, SLASHING_DEFAULT_MAX_SEVERITY_BPS } from "./config";

const DEFAULT_ADMIN_ROLE = "0x0000000000000000000000000000000000000000000000000000000000000000";
const GUARDIAN_ROLE = id("GUARDIAN_ROLE");
const ORACLE_ROLE = id("ORACLE_ROLE");
const SLASHER_ROLE = id("SLASHER_ROLE");
const PROPOSER_ROLE = id("PROPOSER_ROLE");
const CANCELLER_ROLE = id("CANCELLER_ROLE");
const VENUE_ROLE = id("VENUE_ROLE");

/** Ignition future id (and module result key) of the resource market of `kind`. */
export function resourceMarketKey(kind: string): string {
  return `ResourceMarket_${kind.replace(/[^A-Za-z0-9_]/g, "_")}`;
}

export function cipherModule(config: DeployConfig, moduleId = "Cipher") {
  return buildModule(moduleId, (m) => {
    const deployer = m.getAccount(0);
    const guardian = config.guardian === "deployer" ? deployer : config.guardian;
    const g = config.governance;

    const timelock = m.contract("CipherTimelock", [g.timelockDelaySeconds, [], [ZeroAddress], deployer]);
    // The token holds its market as an immutable (issue 14): the market is MarketDeployer's first
    // CREATE, so its address is known before the token is deployed.
    const marketDeployer = m.contract("MarketDeployer", []);
    const marketAddress = m.staticCall(marketDeployer, "predictedMarket", [], 0, { id: "predictedMarket" });
    const token = m.contract("CipherToken", [config.token.name, config.token.symbol, marketAddress]);
    const curve = m.contract(CURVE_CONTRACT[config.curve.kind], [config.curve.parameters.map(BigInt)], { id: "Curve" });

    // Staking and its modules: the deployer is the temporary admin for the wiring below.
    const treasury = m.contract("CipherTreasury", [timelock]);
    const slashing = m.contract("Slashing", [deployer, token, treasury]);
    const oracle = m.contract("ContributionOracle", [deployer]);
    const stakingLib = m.library("StakingLib");
    const staking = m.contract("CipherStaking", [deployer, token, slashing, oracle], { libraries: { StakingLib: stakingLib } });
    const initModules = m.call(oracle, "setStaking", [staking]);
    const slashingWired = m.call(slashing, "setStaking", [staking]);

    const governor = m.contract("CipherGovernor", [
      staking,
      timelock,
      {
        votingDelay: g.votingDelayBlocks,
        votingPeriod: g.votingPeriodBlocks,
        proposalThreshold: BigInt(g.proposalThreshold),
        quorumBps: g.quorumBps,
        lateQuorumExtension: g.lateQuorumExtensionBlocks,
      },
    ]);

    const splitter = m.contract("RevenueSplitter", [
      timelock,
      [...config.revenueShares],
      [
        { account: staking, hook: true },
        { account: treasury, hook: true },
        { account: treasury, hook: true },
        { account: treasury, hook: true },
        { account: ZeroAddress, hook: false },
      ],
    ]);

    const marketDeployed = m.call(marketDeployer, "deploy", [
      {
        admin: timelock,
        guardian,
        token,
        curve,
        reserveAsset: config.reserveAsset,
        revenueSplitter: splitter,
        buyFeeBps: config.market.buyFeeBps,
        sellFeeBps: config.market.sellFeeBps,
        referralShareBps: config.market.referralShareBps,
        breakerThresholdBps: config.market.breakerThresholdBps,
        breakerWindowBlocks: config.market.breakerWindowBlocks,
        breakerCooldownBlocks: config.market.breakerCooldownBlocks,
      },
    ], { id: "deployMarket" });
    const market = m.contractAt("BondingCurveMarket", marketAddress, { id: "BondingCurveMarket", after: [marketDeployed] });

    // One-shot deployer wiring (consumed here; no admin right).
    const wiring: Future[] = [
      m.call(curve, "setMarket", [market]),
      m.call(splitter, "setMarket", [market]),
      initModules,
      slashingWired,
      m.call(staking, "setGovernor", [governor]),
      m.call(staking, "grantRole", [GUARDIAN_ROLE, guardian], { id: "staking_guardian" }),
      m.call(timelock, "grantRole", [PROPOSER_ROLE, governor], { id: "timelock_proposer" }),
      m.call(timelock, "grantRole", [CANCELLER_ROLE, governor], { id: "timelock_canceller" }),
    ];
    // Resource markets (SPEC §1.7): governed by the timelock from the start; the contribution
    // oracle lets each report attested deliveries (VENUE_ROLE, granted before the hand-over).
    const resourceMarkets: Record<string, NamedArtifactContractDeploymentFuture<"ResourceMarket">> = {};
    if (config.resources.length > 0) {
      const libraries = {
        ResourceClearing: m.library("ResourceClearing"),
        ResourceBondCases: m.library("ResourceBondCases"),
        ResourceRules: m.library("ResourceRules"),
      };
      for (const r of config.resources) {
        const key = resourceMarketKey(r.kind);
        const rm = m.contract(
          "ResourceMarket",
          [
            {
              admin: timelock,
              guardian,
              token,
              oracle,
              slashing,
              revenueSplitter: splitter,
              kind: encodeBytes32String(r.kind),
              epochLength: r.epochLengthSeconds,
              minPrice: BigInt(r.minPrice),
              tickSize: BigInt(r.tickSize),
              numTicks: r.numTicks,
              initialPrice: BigInt(r.initialPrice),
              mechanism: RESOURCE_MECHANISMS.indexOf(r.mechanism),
              params: {
                adjustmentBps: r.adjustmentBps,
                maxChangeBps: r.maxChangeBps,
                feeBps: r.feeBps,
                slashBps: r.slashBps,
                attestationWindow: r.attestationWindowSeconds,
                exitDelay: r.exitDelaySeconds,
                maxCapacity: r.maxCapacity,
                bondPerUnit: BigInt(r.bondPerUnit),
              },
            },
          ],
          { id: key, libraries },
        );
        resourceMarkets[key] = rm;
        wiring.push(m.call(oracle, "grantRole", [VENUE_ROLE, rm], { id: `venue_${key}` }));
      }
    }
    config.oracles.forEach((o, i) => wiring.push(m.call(oracle, "grantRole", [ORACLE_ROLE, o], { id: `oracle_${i}` })));
    if (config.slasher) wiring.push(m.call(slashing, "grantRole", [SLASHER_ROLE, config.slasher], { id: "slasher" }));
    // the severity cap, only where it differs from the contract's own (no transaction otherwise)
    const cap = config.slashMaxSeverityBps;
    if (cap !== undefined && cap !== SLASHING_DEFAULT_MAX_SEVERITY_BPS) wiring.push(m.call(slashing, "setMaxSeverityBps", [cap], { id: "slash_max_severity" }));

    // Hand-over: the timelock administers staking and its modules; the deployer renounces.
    const handOver = [staking, slashing, oracle].map((c, i) =>
      m.call(c, "grantRole", [DEFAULT_ADMIN_ROLE, timelock], { id: `admin_to_timelock_${i}`, after: wiring }),
    );
    [staking, slashing, oracle].forEach((c, i) =>
      m.call(c, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], { id: `deployer_renounce_${i}`, after: handOver }),
    );
    m.call(timelock, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], { id: "deployer_renounce_timelock", after: handOver });

    return { timelock, token, curve, staking, slashing, oracle, treasury, governor, splitter, market, ...resourceMarkets };
  });
}
