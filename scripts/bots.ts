// npm run bots -- --network <name> [--deployment <file>] [--population <file>] [--duration <s>] [--state <file>]
// (--help lists every option). See README "Live bots" and docs/bots.md.
import { runBots } from "../src/bots/cli";

runBots(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bots: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
