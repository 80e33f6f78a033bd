// npm run bots:fund -- --network <name> --amount <eth> (see README "Live bots").
import { fundBots } from "../src/bots/fund";

fundBots(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bots:fund: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
