// Actions -> calldata, pre-encoded with the contracts' TypeChain interfaces (no Contract wrapper
// per transaction), and the fixed gas limit of each kind (no estimation against the pending state).
import { AbiCoder, id, keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import type { Fund, ProposalSpec, TxAction } from "../../agents/types";
import {
  BondingCurveMarket__factory,
  CipherGovernor__factory,
  CipherLens__factory,
  CipherStaking__factory,
  CipherToken__factory,
  CipherTreasury__factory,
  ContributionOracle__factory,
  RevenueSplitter__factory,
  Slashing__factory,
  CipherTimelock__factory,
  LinearCurve__factory,
} from "../../../typechain-types";
import { encodeResourceOp, RESOURCE_GAS, RESOURCE_IFACE } from "../../client/resourceActions";

export const IFACES = {
  market: BondingCurveMarket__factory.createInterface(),
  governor: CipherGovernor__factory.createInterface(),
  staking: CipherStaking__factory.createInterface(),
  token: CipherToken__factory.createInterface(),
  treasury: CipherTreasury__factory.createInterface(),
  oracle: ContributionOracle__factory.createInterface(),
  splitter: RevenueSplitter__factory.createInterface(),
  slashing: Slashing__factory.createInterface(),
  timelock: CipherTimelock__factory.createInterface(),
  curve: LinearCurve__factory.createInterface(),
  lens: CipherLens__factory.createInterface(),
  resource: RESOURCE_IFACE,
};
export const ALL_INTERFACES = Object.values(IFACES);

/** Gas limit per action kind: generous fixed limits measured on the suite (unused gas is not paid). */
export const GAS_LIMIT: { readonly [K in TxAction["kind"]]: bigint } = {
  buy: 400_000n,
  sell: 300_000n,
  stake: 400_000n,
  unbond: 250_000n,
  withdraw: 300_000n,
  claim: 300_000n,
  vote: 500_000n,
  propose: 800_000n,
  queue: 400_000n,
  execute: 1_000_000n,
  dispute: 250_000n,
  attest: 400_000n,
  proposeSlash: 300_000n,
  resource: RESOURCE_GAS,
};
export const SYSTEM_GAS = 1_000_000n;

export const FUND_ID: { readonly [F in Fund]: number } = { welfare: 1, solidarity: 2, development: 3 };
/** Buys and sells are valid for this long after their block (the block time is explicit anyway). */
const DEADLINE_SLACK = 3_600;

export interface Addresses {
  readonly market: string;
  readonly token: string;
  readonly staking: string;
  readonly slashing: string;
  readonly oracle: string;
  readonly treasury: string;
  readonly governor: string;
  readonly splitter: string;
  readonly timelock: string;
  readonly curve: string;
  /** The compute resource market (SPEC §1.7), when the deployment has one. */
  readonly resourceMarket?: string;
}

export interface Call {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

/** A proposal's operations, as governor.propose/queue/execute take them. */
export interface Operations {
  readonly targets: string[];
  readonly values: bigint[];
  readonly calldatas: string[];
}

export function evidenceHash(text: string): string {
  return keccak256(toUtf8Bytes(text === "" ? "-" : text));
}

export function descriptionHash(description: string): string {
  return id(description);
}

/** OZ Governor.hashProposal. */
export function proposalId(ops: Operations, description: string): bigint {
  const enc = AbiCoder.defaultAbiCoder().encode(
    ["address[]", "uint256[]", "bytes[]", "bytes32"],
    [ops.targets, ops.values, ops.calldatas, descriptionHash(description)],
  );
  return BigInt(keccak256(enc));
}

export function specOperations(a: Addresses, spec: ProposalSpec, curveParams: readonly bigint[], curveNames: readonly string[]): Operations {
  const one = (to: string, data: string): Operations => ({ targets: [to], values: [0n], calldatas: [data] });
  switch (spec.kind) {
    case "setFees":
      return one(a.market, IFACES.market.encodeFunctionData("setFees", [spec.buyFeeBps, spec.sellFeeBps]));
    case "grant":
      return one(a.treasury, IFACES.treasury.encodeFunctionData("grant", [FUND_ID[spec.fund], ZeroAddress, spec.recipient, spec.amount, "sim grant"]));
    case "setCurveParam": {
      const i = curveNames.indexOf(spec.param);
      const next = curveParams.map((v, j) => (j === i ? spec.value : v));
      return one(a.market, IFACES.market.encodeFunctionData("setCurveParameters", [next]));
    }
    case "resolveSlash":
      return one(
        a.slashing,
        spec.uphold
          ? IFACES.slashing.encodeFunctionData("upholdSlash", [BigInt(spec.slashId)])
          : IFACES.slashing.encodeFunctionData("cancelSlash", [BigInt(spec.slashId)]),
      );
  }
}

/** Reads a proposal's spec back from its operations (for proposals made by agents or the council). */
export function decodeSpec(a: Addresses, ops: Operations, curveNames: readonly string[], curveParams: readonly bigint[]): ProposalSpec | undefined {
  if (ops.targets.length !== 1) return undefined;
  const to = ops.targets[0].toLowerCase();
  const data = ops.calldatas[0];
  try {
    if (to === a.market.toLowerCase()) {
      const f = IFACES.market.parseTransaction({ data });
      if (f?.name === "setFees") return { kind: "setFees", buyFeeBps: Number(f.args[0]), sellFeeBps: Number(f.args[1]) };
      if (f?.name === "setCurveParameters") {
        const next = (f.args[0] as bigint[]).map((x) => BigInt(x));
        const i = Math.max(0, next.findIndex((v, j) => v !== curveParams[j]));
        return { kind: "setCurveParam", param: curveNames[i], value: next[i] };
      }
    } else if (to === a.treasury.toLowerCase()) {
      const f = IFACES.treasury.parseTransaction({ data });
      if (f?.name === "grant") {
        const fund = (["welfare", "solidarity", "development"] as const)[Number(f.args[0]) - 1] ?? "development";
        return { kind: "grant", fund, recipient: String(f.args[2]), amount: BigInt(f.args[3]) };
      }
    } else if (to === a.slashing.toLowerCase()) {
      const f = IFACES.slashing.parseTransaction({ data });
      if (f?.name === "upholdSlash" || f?.name === "cancelSlash") return { kind: "resolveSlash", slashId: String(f.args[0]), uphold: f.name === "upholdSlash" };
    }
  } catch {
    return undefined;
  }
  return undefined;
}

export interface ProposalLookup {
  operations(proposalId: string): { ops: Operations; description: string } | undefined;
}

const BUY = IFACES.market.getFunction("buy")?.selector as string;
const SELL = IFACES.market.getFunction("sell")?.selector as string;

function word(v: bigint): string {
  if (v < 0n || v >= 1n << 256n) throw new RangeError(`value out of uint256 range: ${v}`);
  return v.toString(16).padStart(64, "0");
}

function addressWord(a: string): string {
  return a.slice(2).toLowerCase().padStart(64, "0");
}

/** market.buy calldata, encoded by hand (the simulation's most frequent call; same bytes as the ABI coder, tested). */
export function encodeBuy(reserveIn: bigint, minOut: bigint, referrer: string, deadline: number): string {
  return BUY + word(reserveIn) + word(minOut) + addressWord(referrer) + word(BigInt(deadline));
}

/** market.sell calldata, encoded by hand (same bytes as the ABI coder, tested). */
export function encodeSell(tokens: bigint, minOut: bigint, deadline: number): string {
  return SELL + word(tokens) + word(minOut) + word(BigInt(deadline));
}

/** Encodes an agent's action as one call. Governance calls need the proposal's operations. */
export function encodeAction(a: Addresses, act: TxAction, timestamp: number, props: ProposalLookup, curveParams: readonly bigint[], curveNames: readonly string[]): Call {
  const m = IFACES.market;
  switch (act.kind) {
    case "buy":
      return { to: a.market, value: act.reserveIn, data: encodeBuy(act.reserveIn, act.minOut, act.referrer ?? ZeroAddress, timestamp + DEADLINE_SLACK) };
    case "sell":
      return { to: a.market, value: 0n, data: encodeSell(act.tokens, act.minOut, timestamp + DEADLINE_SLACK) };
    case "stake":
      return { to: a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("stake", [act.amount, act.tier]) };
    case "unbond":
      return { to: a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("requestUnbond", [act.stakeId]) };
    case "withdraw":
      return { to: a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("withdraw", [act.stakeId]) };
    case "claim":
      return { to: a.staking, value: 0n, data: IFACES.staking.encodeFunctionData("claim") };
    case "vote":
      return { to: a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("castVoteWithReason", [BigInt(act.proposalId), act.support, act.reason]) };
    case "propose": {
      const ops = specOperations(a, act.spec, curveParams, curveNames);
      return { to: a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("propose", [ops.targets, ops.values, ops.calldatas, act.description]) };
    }
    case "queue":
    case "execute": {
      // An unknown proposal is still sent (empty operations) so the governor names the error.
      const p = props.operations(act.proposalId);
      const ops: Operations = p?.ops ?? { targets: [], values: [], calldatas: [] };
      const dh = descriptionHash(p?.description ?? act.proposalId);
      const data =
        act.kind === "queue"
          ? IFACES.governor.encodeFunctionData("queue", [ops.targets, ops.values, ops.calldatas, dh])
          : IFACES.governor.encodeFunctionData("execute", [ops.targets, ops.values, ops.calldatas, dh]);
      return { to: a.governor, value: 0n, data };
    }
    case "dispute":
      return { to: a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("disputeSlash", [BigInt(act.slashId)]) };
    case "attest":
      return { to: a.oracle, value: 0n, data: IFACES.oracle.encodeFunctionData("attestScore", [act.account, act.epoch, act.score, evidenceHash(act.evidence)]) };
    case "proposeSlash":
      return { to: a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("proposeSlash", [act.target, act.severityBps, evidenceHash(act.evidence)]) };
    case "resource":
      if (a.resourceMarket === undefined) throw new Error("the deployment has no resource market");
      return encodeResourceOp(a.resourceMarket, a.token, act.op);
  }
}
