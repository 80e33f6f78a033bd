// `npx hardhat gov propose <action> --help` (or `gov propose --action <action> --help`): the options
// of that one action instead of every action's. Hardhat 2 hands --help to its help task with only
// the scope and task names, so this overrides the help task for `gov propose` when the command
// line names an action, and leaves every other help as Hardhat prints it.
import { task } from "hardhat/config";
import { TASK_HELP } from "hardhat/builtin-tasks/task-names";
import type { HardhatRuntimeEnvironment } from "hardhat/types";

/** The action named on the command line after `gov propose` (positional or --action), if any. */
export function actionFromArgv(argv: readonly string[]): string | undefined {
  const i = argv.indexOf("propose");
  if (i < 0 || argv[i - 1] !== "gov") return undefined;
  const rest = argv.slice(i + 1);
  const flag = rest.indexOf("--action");
  if (flag >= 0) return rest[flag + 1];
  return rest.find((a) => !a.startsWith("--"));
}

const COMMON = ["description", "deployment", "from", "advance"];

/** The help text of one action: its contract call, its options with their descriptions, and the common ones. */
export function actionHelp(hre: HardhatRuntimeEnvironment, action: string, actions: Record<string, { call: string; options: string }>): string {
  const a = actions[action];
  if (a === undefined) return `unknown action "${action}"; one of: ${Object.keys(actions).join(", ")}\n`;
  const def = hre.scopes.gov?.tasks.propose;
  const describe = (name: string) => def?.paramDefinitions[name]?.description ?? "";
  const flags = [...a.options.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]);
  const camel = (f: string) => f.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const optional = new Set([...a.options.matchAll(/\[([^\]]*)\]/g)].flatMap((m) => [...m[1].matchAll(/--([a-z][a-z-]*)/g)].map((x) => x[1])));
  const lines = [
    `Usage: hardhat [GLOBAL OPTIONS] gov propose --action ${action} ${a.options} --description <text> [--deployment <file>] [--from <account>] [--advance]`,
    "",
    `Proposes ${a.call}.`,
    "",
    "OPTIONS:",
    "",
  ];
  const width = Math.max(...[...flags, ...COMMON].map((f) => f.length)) + 4;
  for (const f of [...new Set(flags)]) lines.push(`  --${f.padEnd(width)}${optional.has(f) ? "(optional) " : ""}${describe(camel(f))}`);
  for (const f of COMMON) lines.push(`  --${f.padEnd(width)}${describe(f)}`);
  return lines.join("\n") + "\n";
}

task(TASK_HELP).setAction(async (args: { scopeOrTask?: string; task?: string }, hre, runSuper) => {
  const action = args.scopeOrTask === "gov" && args.task === "propose" ? actionFromArgv(process.argv) : undefined;
  if (action === undefined) return runSuper(args);
  const { ACTIONS } = await import("./actions");
  process.stdout.write(actionHelp(hre, action, ACTIONS));
});
