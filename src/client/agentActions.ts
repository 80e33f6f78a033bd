// The policies' actions (src/agents/types.ts) -> one contract call each, and proposals' operations
// read back into the policies' ProposalSpec. Used by the live bots and the simulation (its
// src/sim/chain/encode.ts only fixes the deadline): buy and sell, the most frequent calls, are
// encoded by hand, every other call with its selector computed once (calldata.ts).
import { keccak256, toUtf8Bytes, ZeroAddress } from "ethers";
import type { ProposalSpec, TxAction } from "../agents/types";
import { IFACES } from "./abis";
import { addressHexWord, encodeCall, functionOf, hexWord } from "./calldata";
import type { SuiteAddresses } from "./deployment";
import { actionOperations, descriptionHash, type Operations } from "./proposals";
import { fundName } from "./protocol";
import { encodeResourceOp, RESOURCE_GAS } from "./resourceActions";

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

/** The operations of a policy's proposal (curve parameters: the current ones with one changed; `memo` for grants). */
export function specOperations(a: SuiteAddresses, spec: ProposalSpec, curveParams: readonly bigint[], curveNames: readonly string[], memo = "bot grant"): Operations {
  switch (spec.kind) {
    case "setFees":
      return actionOperations(a, { kind: "setFees", buyFeeBps: spec.buyFeeBps, sellFeeBps: spec.sellFeeBps });
    case "grant":
      return actionOperations(a, { kind: "grant", fund: spec.fund, to: spec.recipient, amount: spec.amount, memo });
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
  /** Memo of the grants policies propose (default "bot grant"). */
  readonly grantMemo?: string;
}

const BUY = functionOf(IFACES.market, "buy").selector;
const SELL = functionOf(IFACES.market, "sell").selector;

/** market.buy calldata, encoded by hand (the most frequent call; the ABI coder's bytes, tested). */
export function encodeBuy(reserveIn: bigint, minOut: bigint, referrer: string, deadline: number): string {
  return BUY + hexWord(reserveIn) + hexWord(minOut) + addressHexWord(referrer) + hexWord(BigInt(deadline));
}

/** market.sell calldata, encoded by hand (the ABI coder's bytes, tested). */
export function encodeSell(tokens: bigint, minOut: bigint, deadline: number): string {
  return SELL + hexWord(tokens) + hexWord(minOut) + hexWord(BigInt(deadline));
}

/** Encodes a policy's action as one call. */
export function encodeAgentAction(a: SuiteAddresses & { readonly resourceMarket?: string }, act: TxAction, ctx: EncodeContext): Call {
  switch (act.kind) {
    case "buy":
      return { to: a.market, value: act.reserveIn, data: encodeBuy(act.reserveIn, act.minOut, act.referrer ?? ZeroAddress, ctx.deadline) };
    case "sell":
      return { to: a.market, value: 0n, data: encodeSell(act.tokens, act.minOut, ctx.deadline) };
    case "stake":
      return { to: a.staking, value: 0n, data: encodeCall(IFACES.staking, "stake", [act.amount, act.tier]) };
    case "unbond":
      return { to: a.staking, value: 0n, data: encodeCall(IFACES.staking, "requestUnbond", [act.stakeId]) };
    case "withdraw":
      return { to: a.staking, value: 0n, data: encodeCall(IFACES.staking, "withdraw", [act.stakeId]) };
    case "claim":
      return { to: a.staking, value: 0n, data: encodeCall(IFACES.staking, "claim") };
    case "vote":
      return { to: a.governor, value: 0n, data: encodeCall(IFACES.governor, "castVoteWithReason", [BigInt(act.proposalId), act.support, act.reason]) };
    case "propose": {
      const ops = specOperations(a, act.spec, ctx.curveParams, ctx.curveNames, ctx.grantMemo);
      return { to: a.governor, value: 0n, data: encodeCall(IFACES.governor, "propose", [ops.targets, ops.values, ops.calldatas, act.description]) };
    }
    case "queue":
    case "execute": {
      // An unknown proposal is still sent (empty operations) so the governor names the error.
      const p = ctx.proposals.operations(act.proposalId);
      const ops: Operations = p?.ops ?? { targets: [], values: [], calldatas: [] };
      const dh = descriptionHash(p?.description ?? act.proposalId);
      const args = [ops.targets, ops.values, ops.calldatas, dh];
      if (act.kind === "queue") return { to: a.governor, value: 0n, data: encodeCall(IFACES.governor, "queue", args) };
      return { to: a.governor, value: ops.values.reduce((s, x) => s + x, 0n), data: encodeCall(IFACES.governor, "execute", args) };
    }
    case "dispute":
      return { to: a.slashing, value: 0n, data: encodeCall(IFACES.slashing, "disputeSlash", [BigInt(act.slashId)]) };
    case "attest":
      return { to: a.oracle, value: 0n, data: encodeCall(IFACES.oracle, "attestScore", [act.account, act.epoch, act.score, evidenceHash(act.evidence)]) };
    case "proposeSlash":
      return { to: a.slashing, value: 0n, data: encodeCall(IFACES.slashing, "proposeSlash", [act.target, act.severityBps, evidenceHash(act.evidence)]) };
    case "resource":
      if (a.resourceMarket === undefined) throw new Error("the deployment lists no resource market: resource actions need its address");
      return encodeResourceOp(a.resourceMarket, a.token, act.op);
  }
}
