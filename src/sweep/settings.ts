// A sweep or optimise setting applied to the base scenario, and the check of every setting of a
// command before any worker or node starts (a bad `--param` is a usage error, found in
// milliseconds, not in each cell after the workers and nodes have started).
import { parseScenario, resolveScenario, setPath, type Overrides } from "../sim/scenario";
import type { Scenario } from "../sim/scenarioTypes";
import { readScenarioJson } from "../sim/scenarioFile";
import { UsageError } from "../cli/usage";
import { gridSettings, settingKey, type ParamSpec, type Setting } from "./grid";

/** The scenario a cell runs: the raw scenario file with the setting's paths set, then overrides. */
export function scenarioWithSetting(raw: unknown, setting: Setting, o: Overrides = {}): Scenario {
  let r = raw;
  for (const [p, v] of Object.entries(setting)) r = setPath(r, p, v);
  return resolveScenario(parseScenario(r), o);
}

/**
 * Throws UsageError for the first setting the scenario schema rejects (unknown field, value of the
 * wrong type, out of bounds), naming the setting: `--param fees.buyBpz=50: fees.buyBpz: unknown field`.
 */
export function checkSettings(raw: unknown, settings: Iterable<Setting>, o: Overrides = {}): void {
  const seen = new Set<string>();
  for (const setting of settings) {
    const key = settingKey(setting);
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      scenarioWithSetting(raw, setting, o);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // setPath's own messages start with "--param <path>: "; the prefix below names the value too.
      const bare = msg.replace(/^--param [^:]+: /, "");
      throw new UsageError(Object.keys(setting).length === 0 ? `--scenario: ${msg}` : `--param ${key.replace(/;/g, " --param ")}: ${bare}`);
    }
  }
}

/** What a sweep needs checked: its scenario file, grid and overrides (a subset of SweepOptions). */
export interface SweepCheck {
  readonly scenario: string;
  readonly params: readonly ParamSpec[];
  readonly steps?: number;
  readonly agents?: number;
}

/** Reads the scenario and checks it and every setting of the grid; UsageError on the first bad one. */
export function checkSweep(o: SweepCheck): void {
  let raw: unknown;
  try {
    raw = readScenarioJson(o.scenario);
  } catch (e) {
    throw new UsageError(`--scenario: ${(e as Error).message}`);
  }
  checkSettings(raw, [{}], { steps: o.steps, agents: o.agents });
  checkSettings(raw, gridSettings(o.params), { steps: o.steps, agents: o.agents });
}
