// Role audit for a whole deployment: lists every holder of every access-control role and proves
// that no externally owned account holds an admin role. Works on AccessControlEnumerable contracts
// (getRoleMemberCount/getRoleMember) and on plain AccessControl contracts such as OZ's
// TimelockController (role ids and candidate holders from RoleGranted events, confirmed by hasRole).
import { ethers } from "hardhat";
import type { Provider } from "ethers";

const ROLE_ABI = [
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
  "function hasRole(bytes32 role, address account) view returns (bool)",
  "function getRoleAdmin(bytes32 role) view returns (bytes32)",
  "function getRoleMemberCount(bytes32 role) view returns (uint256)",
  "function getRoleMember(bytes32 role, uint256 index) view returns (address)",
  "function supportsInterface(bytes4 id) view returns (bool)",
  "function owner() view returns (address)",
];

/** Interface id of IAccessControlEnumerable (getRoleMember ^ getRoleMemberCount). */
const ACCESS_CONTROL_ENUMERABLE_ID = "0x5a05180f";

export const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;

/** Role names the audit recognises; extend with `extraRoleNames`. */
export const KNOWN_ROLE_NAMES = [
  "GUARDIAN_ROLE",
  "PROPOSER_ROLE",
  "EXECUTOR_ROLE",
  "CANCELLER_ROLE",
  "SLASHER_ROLE",
  "ORACLE_ROLE",
  "MINTER_ROLE",
  "PAUSER_ROLE",
  "OPERATOR_ROLE",
];

export interface RoleHolder {
  contract: string; // label
  address: string; // contract address
  role: string; // bytes32 id
  roleName: string;
  holder: string;
  holderKind: "contract" | "eoa" | "anyone"; // "anyone" = address(0), e.g. the timelock's open executor role
  isAdminRole: boolean; // DEFAULT_ADMIN_ROLE or the admin role of another role held here
}

export interface AuditOptions {
  /** Block to start scanning RoleGranted events from (the deployment block). */
  fromBlock?: number;
  /** Roles an EOA may hold (by name). Default: GUARDIAN_ROLE only (it can only pause). */
  allowEoaRoles?: string[];
  /** Roles that may be open to anyone (holder address(0)). Default: EXECUTOR_ROLE. */
  allowOpenRoles?: string[];
  extraRoleNames?: string[];
  provider?: Provider;
}

function roleNameMap(extra: string[] = []): Map<string, string> {
  const m = new Map<string, string>([[DEFAULT_ADMIN_ROLE, "DEFAULT_ADMIN_ROLE"]]);
  for (const n of [...KNOWN_ROLE_NAMES, ...extra]) m.set(ethers.id(n), n);
  return m;
}

/** Every role holder of one contract. */
export async function enumerateRoles(label: string, address: string, opts: AuditOptions = {}): Promise<RoleHolder[]> {
  const provider = opts.provider ?? ethers.provider;
  const c = new ethers.Contract(address, ROLE_ABI, provider);
  const names = roleNameMap(opts.extraRoleNames);
  // Contracts without AccessControl (a token, a curve, the Governor) hold no roles.
  try {
    await c.hasRole(DEFAULT_ADMIN_ROLE, ethers.ZeroAddress);
  } catch {
    return [];
  }

  // Role ids and candidate holders from the event history (covers roles granted in constructors).
  const logs = await provider.getLogs({
    address,
    topics: [c.interface.getEvent("RoleGranted")!.topicHash],
    fromBlock: opts.fromBlock ?? 0,
    toBlock: "latest",
  });
  const roles = new Set<string>([DEFAULT_ADMIN_ROLE]);
  const candidates = new Set<string>();
  for (const log of logs) {
    const parsed = c.interface.parseLog(log)!;
    roles.add(parsed.args.role as string);
    candidates.add(ethers.getAddress(parsed.args.account as string));
  }
  for (const id of names.keys()) roles.add(id);

  let enumerable = false;
  try {
    enumerable = await c.supportsInterface(ACCESS_CONTROL_ENUMERABLE_ID);
  } catch {
    enumerable = false;
  }

  // A role is an admin role if it is DEFAULT_ADMIN_ROLE or administers some role present.
  const adminRoles = new Set<string>([DEFAULT_ADMIN_ROLE]);
  for (const r of roles) {
    try {
      adminRoles.add(await c.getRoleAdmin(r));
    } catch {
      /* not AccessControl */
    }
  }

  const out: RoleHolder[] = [];
  for (const role of roles) {
    let holders: string[] = [];
    if (enumerable) {
      const n = Number(await c.getRoleMemberCount(role));
      for (let i = 0; i < n; i++) holders.push(ethers.getAddress(await c.getRoleMember(role, i)));
    } else {
      for (const a of candidates) if (await c.hasRole(role, a)) holders.push(a);
      if (await c.hasRole(role, ethers.ZeroAddress)) holders.push(ethers.ZeroAddress);
      holders = [...new Set(holders)];
    }
    for (const holder of holders) {
      const kind =
        holder === ethers.ZeroAddress ? "anyone" : (await provider.getCode(holder)) === "0x" ? "eoa" : "contract";
      out.push({
        contract: label,
        address,
        role,
        roleName: names.get(role) ?? role,
        holder,
        holderKind: kind,
        isAdminRole: adminRoles.has(role),
      });
    }
  }
  return out;
}

export interface AuditResult {
  holders: RoleHolder[];
  violations: string[];
}

/**
 * Audit a deployment: every role holder of every contract, and the violations: an EOA holding any
 * role other than the allowed ones (by default only GUARDIAN_ROLE), an admin role held by an EOA
 * or open to anyone, an `owner()` that is an EOA.
 */
export async function auditRoles(contracts: Record<string, string>, opts: AuditOptions = {}): Promise<AuditResult> {
  const provider = opts.provider ?? ethers.provider;
  const allowEoa = new Set(opts.allowEoaRoles ?? ["GUARDIAN_ROLE"]);
  const allowOpen = new Set(opts.allowOpenRoles ?? ["EXECUTOR_ROLE"]);
  const holders: RoleHolder[] = [];
  const violations: string[] = [];
  for (const [label, address] of Object.entries(contracts)) {
    const hs = await enumerateRoles(label, address, opts);
    holders.push(...hs);
    for (const h of hs) {
      if (h.holderKind === "eoa" && (h.isAdminRole || !allowEoa.has(h.roleName))) {
        violations.push(`${label}: EOA ${h.holder} holds ${h.roleName}${h.isAdminRole ? " (admin role)" : ""}`);
      }
      if (h.holderKind === "anyone" && (h.isAdminRole || !allowOpen.has(h.roleName))) {
        violations.push(`${label}: ${h.roleName} is open to anyone (address(0))`);
      }
    }
    const c = new ethers.Contract(address, ROLE_ABI, provider);
    try {
      const owner = ethers.getAddress(await c.owner());
      if (owner !== ethers.ZeroAddress && (await provider.getCode(owner)) === "0x") {
        violations.push(`${label}: owner() is the EOA ${owner}`);
      }
    } catch {
      /* not Ownable */
    }
  }
  return { holders, violations };
}

/** Throws with the list of violations if any EOA holds an admin (or non-allowed) role. */
export async function assertNoEoaAdmin(contracts: Record<string, string>, opts: AuditOptions = {}): Promise<RoleHolder[]> {
  const { holders, violations } = await auditRoles(contracts, opts);
  if (violations.length > 0) throw new Error(`role audit failed:\n  ${violations.join("\n  ")}`);
  return holders;
}
