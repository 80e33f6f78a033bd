// npm run bots -- --network <name> [--deployment <file>] [--population <file>] [--duration <s>] [--state <file>]
// (--help lists every option). See README "Live bots" and docs/bots.md.
import * as dotenv from "dotenv";
import { runBots } from "../src/bots/cli";

// RPC_URL, PRIVATE_KEY, BOTS_MNEMONIC / BOTS_KEY_FILE may come from .env (never committed).
dotenv.config({ quiet: true });

runBots(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bots: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
