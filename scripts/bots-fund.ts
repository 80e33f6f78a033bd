// npm run bots:fund -- --network <name> --amount <eth> (see README "Live bots").
import * as dotenv from "dotenv";
import { fundBots } from "../src/bots/fund";

// RPC_URL, PRIVATE_KEY, BOTS_MNEMONIC / BOTS_KEY_FILE may come from .env (never committed).
dotenv.config({ quiet: true });

fundBots(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bots:fund: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
