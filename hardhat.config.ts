import { HardhatUserConfig, subtask } from "hardhat/config";
import { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } from "hardhat/builtin-tasks/task-names";
import "@nomicfoundation/hardhat-toolbox";
import * as dotenv from "dotenv";

// Every Cipher task (governance, deployment helpers) registers itself on import.
import "./tasks";

const SOLC_VERSION = "0.8.30";

// Offline compiler: use the npm `solc` package (solc-js) instead of letting Hardhat
// download a native binary. Only the pinned version is served this way.
subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD).setAction(async (args: { solcVersion: string }, _hre, runSuper) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const solc = require("solc") as { version(): string };
  const installed = solc.version();
  if (args.solcVersion === SOLC_VERSION && installed.startsWith(SOLC_VERSION)) {
    return {
      compilerPath: require.resolve("solc/soljson.js"),
      isSolcJs: true,
      version: args.solcVersion,
      longVersion: installed.replace(/\.Emscripten.*$/, ""),
    };
  }
  return runSuper();
});

dotenv.config({ quiet: true });
const env = { RPC_URL: process.env.RPC_URL, PRIVATE_KEY: process.env.PRIVATE_KEY };

const config: HardhatUserConfig = {
  solidity: {
    version: SOLC_VERSION,
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "cancun",
    },
  },
  paths: {
    sources: "./contracts",
    tests: "./test",
    cache: "./cache",
    artifacts: "./artifacts",
    ignition: "./deploy",
  },
  networks: {
    hardhat: {
      // Agents in the simulation are plain funded accounts; the engine sets
      // block timestamps explicitly, so allow timestamps equal to the parent's.
      allowBlocksWithSameTimestamp: true,
      accounts: { count: 20 },
    },
    localhost: { url: process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545" },
    // anvil started by hand (npx anvil) or by the end-to-end tests (which pick a free port).
    anvil: { url: process.env.ANVIL_URL ?? "http://127.0.0.1:8545" },
    ...(env.RPC_URL
      ? { remote: { url: env.RPC_URL, accounts: env.PRIVATE_KEY ? [env.PRIVATE_KEY] : [] } }
      : {}),
  },
  typechain: { outDir: "typechain-types", target: "ethers-v6" },
  gasReporter: {
    enabled: process.env.REPORT_GAS === "true",
    offline: true,
    currency: "USD",
    outputJSON: true,
    outputJSONFile: "gas-report.json",
    noColors: true,
    reportPureAndViewMethods: false,
  },
  mocha: { timeout: 120_000, reporter: "./tools/mocha-count-reporter.js" },
};

export default config;
