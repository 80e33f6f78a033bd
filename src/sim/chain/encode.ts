// The simulation's calls, from the suite's client (src/client): the ABIs, the policies' actions as
// calls (buy and sell encoded by hand, every other function with its selector computed once), the
// proposal ids and specs. What is the simulation's own: trades are valid for an hour after their
// block, grants carry the memo "sim grant", and the economy's system calls get one fixed gas limit.
import type { ProposalSpec, TxAction } from "../../agents/types";
import { ZeroAddress } from "ethers";
import { encodeAgentAction, encodeBuy, encodeSell, specOperations as clientSpecOperations, type Call, type ProposalLookup } from "../../client/agentActions";
import type { Operations } from "../../client/proposals";
import type { SuiteAddresses } from "../../client/deployment";

export { ALL_INTERFACES, IFACES } from "../../client/abis";
export { decodeSpec, encodeBuy, encodeSell, evidenceHash, GAS_LIMIT, type Call, type ProposalLookup } from "../../client/agentActions";
export { encodeCall } from "../../client/calldata";
export { descriptionHash, proposalId, type Operations } from "../../client/proposals";
export { FUND_IDS as FUND_ID } from "../../client/protocol";

/** The suite's addresses (the client's SuiteAddresses), with the compute resource market when deployed. */
export type Addresses = SuiteAddresses & { readonly resourceMarket?: string };

export const SYSTEM_GAS = 1_000_000n;
/** Buys and sells are valid for this long after their block (the block time is explicit anyway). */
const DEADLINE_SLACK = 3_600;
export const GRANT_MEMO = "sim grant";

/** Encodes an agent's action as one call. Governance calls need the proposal's operations. */
export function encodeAction(a: Addresses, act: TxAction, timestamp: number, props: ProposalLookup, curveParams: readonly bigint[], curveNames: readonly string[]): Call {
  // Trades, most of the calls, straight to the client's hand encoders (no context object built).
  if (act.kind === "buy") return { to: a.market, value: act.reserveIn, data: encodeBuy(act.reserveIn, act.minOut, act.referrer ?? ZeroAddress, timestamp + DEADLINE_SLACK) };
  if (act.kind === "sell") return { to: a.market, value: 0n, data: encodeSell(act.tokens, act.minOut, timestamp + DEADLINE_SLACK) };
  return encodeAgentAction(a, act, { deadline: timestamp + DEADLINE_SLACK, proposals: props, curveParams, curveNames, grantMemo: GRANT_MEMO });
}

/** The operations of a proposal spec (grants with the simulation's memo). */
export function specOperations(a: Addresses, spec: ProposalSpec, curveParams: readonly bigint[], curveNames: readonly string[]): Operations {
  return clientSpecOperations(a, spec, curveParams, curveNames, GRANT_MEMO);
}
