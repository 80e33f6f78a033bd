// The policies' actions (src/agents/types.ts) -> one contract call each, and proposals' operations
// read back into the policies' ProposalSpec. Used by the live bots; the simulation's encoder
// (src/sim/chain/encode.ts) does the same for the in-process chain and is to switch to this one.
import { keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import type { ProposalSpec, TxAction } from "../agents/types";
import { IFACES } from "./abis";
import type { SuiteAddresses } from "./deployment";
import { actionOperations, descriptionHash, type Operations } from "./proposals";
import { fundName } from "./protocol";
import { RESOURCE_GAS } from "./resourceActions";

export interface Call {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

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

export function evidenceHash(text: string): string {
  return keccak256(toUtf8Bytes(text === "" ? "-" : text));
}

/** The operations of a policy's proposal (curve parameters: the current ones with one changed). */
export function specOperations(a: SuiteAddresses, spec: ProposalSpec, curveParams: readonly bigint[], curveNames: readonly string[]): Operations {
  switch (spec.kind) {
    case "setFees":
      return actionOperations(a, { kind: "setFees", buyFeeBps: spec.buyFeeBps, sellFeeBps: spec.sellFeeBps });
    case "grant":
      return actionOperations(a, { kind: "grant", fund: spec.fund, to: spec.recipient, amount: spec.amount, memo: "bot grant" });
    case "setCurveParam": {
      const i = curveNames.indexOf(spec.param);
      return actionOperations(a, { kind: "setCurveParameters", params: curveParams.map((v, j) => (j === i ? spec.value : v)) });
    }
    case "resolveSlash":
      return actionOperations(a, { kind: spec.uphold ? "upholdSlash" : "cancelSlash", caseId: BigInt(spec.slashId) });
  }
}

/** Reads a proposal's spec back from its operations; undefined for anything a policy cannot judge. */
export function decodeSpec(a: SuiteAddresses, ops: Operations, curveNames: readonly string[], curveParams: readonly bigint[]): ProposalSpec | undefined {
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
        return { kind: "setCurveParam", param: curveNames[i] ?? String(i), value: next[i] };
      }
    } else if (to === a.treasury.toLowerCase()) {
      const f = IFACES.treasury.parseTransaction({ data });
      if (f?.name === "grant" && String(f.args[1]) === ZeroAddress) {
        const fund = fundName(f.args[0] as bigint);
        if (fund !== undefined) return { kind: "grant", fund, recipient: String(f.args[2]), amount: BigInt(f.args[3]) };
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

export interface EncodeContext {
  /** Curve parameters now and their names (for setCurveParam proposals). */
  readonly curveParams: readonly bigint[];
  readonly curveNames: readonly string[];
  /** Known proposals (queue and execute need their operations). */
  readonly proposals: ProposalLookup;
  /** Trades are valid until this unix time (seconds). */
  readonly deadline: number;
}

/** Encodes a policy's action as one call. */
export function encodeAgentAction(a: SuiteAddresses, act: TxAction, ctx: EncodeContext): Call {
  const m = IFACES.market;
  switch (act.kind) {
    case "buy":
      return { to: a.market, value: act.reserveIn, data: m.encodeFunctionData("buy", [act.reserveIn, act.minOut, act.referrer ?? ZeroAddress, ctx.deadline]) };
    case "sell":
      return { to: a.market, value: 0n, data: m.encodeFunctionData("sell", [act.tokens, act.minOut, ctx.deadline]) };
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
      const ops = specOperations(a, act.spec, ctx.curveParams, ctx.curveNames);
      return { to: a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("propose", [[...ops.targets], [...ops.values], [...ops.calldatas], act.description]) };
    }
    case "queue":
    case "execute": {
      // An unknown proposal is still sent (empty operations) so the governor names the error.
      const p = ctx.proposals.operations(act.proposalId);
      const ops: Operations = p?.ops ?? { targets: [], values: [], calldatas: [] };
      const t = [...ops.targets];
      const v = [...ops.values];
      const c = [...ops.calldatas];
      const dh = descriptionHash(p?.description ?? act.proposalId);
      if (act.kind === "queue") return { to: a.governor, value: 0n, data: IFACES.governor.encodeFunctionData("queue", [t, v, c, dh]) };
      return { to: a.governor, value: v.reduce((s, x) => s + x, 0n), data: IFACES.governor.encodeFunctionData("execute", [t, v, c, dh]) };
    }
    case "dispute":
      return { to: a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("disputeSlash", [BigInt(act.slashId)]) };
    case "attest":
      return { to: a.oracle, value: 0n, data: IFACES.oracle.encodeFunctionData("attestScore", [act.account, act.epoch, act.score, evidenceHash(act.evidence)]) };
    case "proposeSlash":
      return { to: a.slashing, value: 0n, data: IFACES.slashing.encodeFunctionData("proposeSlash", [act.target, act.severityBps, evidenceHash(act.evidence)]) };
    case "resource":
      // The deployment file's suite keys do not include the resource markets yet.
      throw new Error("resource market calls are encoded by src/client/resourceActions.ts (encodeResourceOp) with the market's address");
  }
}
