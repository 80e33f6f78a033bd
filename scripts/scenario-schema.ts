// Writes scenarios/scenario.schema.json from the one scenario schema (src/sim/scenarioSchema.ts).
// `npm run scenario:schema`; `--check` exits 1 when the committed file differs (a test checks too).
import * as fs from "fs";
import * as path from "path";
import { scenarioJsonSchemaText } from "../src/sim/scenarioSchema";
import { schemaCommand } from "../src/cli/toolCommands";

const opts = schemaCommand().parse(process.argv).opts<{ check?: boolean }>();
const file = path.join(__dirname, "..", "scenarios", "scenario.schema.json");
const text = scenarioJsonSchemaText();
if (opts.check === true) {
  const same = fs.existsSync(file) && fs.readFileSync(file, "utf8") === text;
  console.log(same ? `${file} is up to date` : `${file} is stale: run npm run scenario:schema`);
  process.exit(same ? 0 : 1);
}
fs.writeFileSync(file, text);
console.log(`wrote ${file}`);
