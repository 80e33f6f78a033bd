// The agents' keys: an HD mnemonic in BOTS_MNEMONIC (agent i = m/44'/60'/0'/0/i, the standard
// Ethereum path), or a file named by BOTS_KEY_FILE with one 0x private key per line (agent i =
// line i). Keys are never printed or logged; only addresses are.
import * as fs from "fs";
import { HDNodeWallet, Mnemonic, Wallet } from "ethers";

export class KeyError extends Error {}

export function agentPath(i: number): string {
  return `m/44'/60'/0'/0/${i}`;
}

export interface KeySource {
  readonly kind: "mnemonic" | "file";
  wallet(i: number): Wallet | HDNodeWallet;
}

export function keySource(env: NodeJS.ProcessEnv = process.env): KeySource {
  const phrase = env.BOTS_MNEMONIC?.trim();
  if (phrase) {
    if (!Mnemonic.isValidMnemonic(phrase)) throw new KeyError("BOTS_MNEMONIC is not a valid BIP-39 mnemonic");
    const m = Mnemonic.fromPhrase(phrase);
    return { kind: "mnemonic", wallet: (i) => HDNodeWallet.fromMnemonic(m, agentPath(i)) };
  }
  const file = env.BOTS_KEY_FILE?.trim();
  if (file) {
    if (!fs.existsSync(file)) throw new KeyError(`BOTS_KEY_FILE names ${file}, which does not exist`);
    const keys = fs
      .readFileSync(file, "utf8")
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== "" && !l.startsWith("#"));
    keys.forEach((k, i) => {
      if (!/^(0x)?[0-9a-fA-F]{64}$/.test(k)) throw new KeyError(`BOTS_KEY_FILE line ${i + 1} is not a 32-byte hex private key`);
    });
    return {
      kind: "file",
      wallet: (i) => {
        if (i >= keys.length) throw new KeyError(`BOTS_KEY_FILE has ${keys.length} keys; agent ${i} needs one more`);
        return new Wallet(keys[i].startsWith("0x") ? keys[i] : "0x" + keys[i]);
      },
    };
  }
  throw new KeyError("no agent keys: set BOTS_MNEMONIC (an HD mnemonic) or BOTS_KEY_FILE (one private key per line)");
}
