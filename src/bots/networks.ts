// Network name -> RPC URL, as hardhat.config.ts defines them (without loading Hardhat): anvil and
// localhost are local nodes (ANVIL_URL / LOCALHOST_URL override), remote is RPC_URL.
export function rpcUrl(network: string, env: NodeJS.ProcessEnv = process.env): string {
  switch (network) {
    case "anvil":
      return env.ANVIL_URL ?? "http://127.0.0.1:8545";
    case "localhost":
      return env.LOCALHOST_URL ?? "http://127.0.0.1:8545";
    case "remote":
      if (!env.RPC_URL) throw new Error("--network remote needs RPC_URL");
      return env.RPC_URL;
    case "hardhat":
      throw new Error("--network hardhat is in-process and has no wall-clock blocks; start a node (npx anvil --block-time 2) and use --network anvil");
    default:
      throw new Error(`unknown network "${network}" (anvil, localhost, remote)`);
  }
}

export function isLocalNetwork(network: string, chainId: bigint): boolean {
  return network === "anvil" || network === "localhost" || chainId === 31337n;
}
