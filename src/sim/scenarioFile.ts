// Reading a scenario file's raw JSON (light: no engine or economy loaded, so a command can check
// its settings before it starts workers).
import * as fs from "fs";
import { ScenarioError } from "./scenario";

/** The raw JSON of a scenario file, with the file named in any error. */
export function readScenarioJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ScenarioError(`cannot read scenario file ${file}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ScenarioError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}
