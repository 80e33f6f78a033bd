// Ignition's deployment journal of a chain (<paths.ignition>/deployments/chain-<id>/) checked
// against the node before resuming: the journal is kept per chain id and every local node (anvil,
// hardhat node) is chain 31337, so after a restart the journal names contracts the new node does
// not hold, Ignition reports "Nothing new to deploy" and the deployment fails reading them.
import * as fs from "fs";
import * as path from "path";

/** The journal of this chain records contracts the node does not hold (the message says what to do). */
export class StaleJournalError extends Error {}

/** The journal folder Ignition uses for `chainId` when no deployment id is given. */
export function journalDir(ignitionPath: string, chainId: number | bigint): string {
  return path.join(ignitionPath, "deployments", `chain-${chainId}`);
}

/** The journal's recorded addresses (future id -> address), or none when there is no journal. */
export function journalAddresses(dir: string): Record<string, string> {
  const file = path.join(dir, "deployed_addresses.json");
  if (!fs.existsSync(file)) return {};
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
}

/** The journal's contracts with no code on the node (future id and address), in the journal's order. */
export async function contractsWithoutCode(dir: string, getCode: (address: string) => Promise<string>): Promise<Array<{ future: string; address: string }>> {
  const entries = Object.entries(journalAddresses(dir));
  const codes = await Promise.all(entries.map(([, a]) => getCode(a)));
  return entries.filter((_, i) => codes[i] === "0x" || codes[i] === "").map(([future, address]) => ({ future, address }));
}
