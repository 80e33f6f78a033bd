// The resource market's calls (SPEC §1.7, issue 12) -> calldata: the agents' `resource` action
// (src/agents/policies/resources/types.ts ResourceOp) and the keeper's, oracles' and slasher's
// calls. One place for the market's encoding, used by the simulation's chain economy and by
// anything that drives the market from TypeScript.
import { keccak256, MaxUint256, toUtf8Bytes } from "ethers";
import { CipherToken__factory } from "../../typechain-types/factories/contracts/token/CipherToken__factory";
import { ResourceMarket__factory } from "../../typechain-types/factories/contracts/resources/ResourceMarket__factory";
import type { ResourceOp } from "../agents/policies/resources/types";

export const RESOURCE_IFACE = ResourceMarket__factory.createInterface();
const TOKEN_IFACE = CipherToken__factory.createInterface();

export interface ResourceCall {
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

/**
 * Gas limit of an agent's market call: above the worst measured in docs/resources.md (register
 * 210,009; request 205,528; the others below 110k), so a call never fails for gas alone.
 */
export const RESOURCE_GAS = 350_000n;
/** clear() worst case measured: 578,516 (100 ticks scanned); attestDelivery at quorum 270,764. */
export const RESOURCE_SYSTEM_GAS = 900_000n;

/** An agent's market call: approve is sent to the token, everything else to the market. */
export function encodeResourceOp(market: string, token: string, op: ResourceOp): ResourceCall {
  const m = (data: string): ResourceCall => ({ to: market, value: 0n, data });
  switch (op.op) {
    case "approve":
      return { to: token, value: 0n, data: TOKEN_IFACE.encodeFunctionData("approve", [market, MaxUint256]) };
    case "register":
      return m(RESOURCE_IFACE.encodeFunctionData("register", [op.capacity, op.askPrice, op.bond]));
    case "setOffer":
      return m(RESOURCE_IFACE.encodeFunctionData("setOffer", [op.capacity, op.askPrice]));
    case "exit":
      return m(RESOURCE_IFACE.encodeFunctionData("requestExit"));
    case "withdrawBond":
      return m(RESOURCE_IFACE.encodeFunctionData("withdrawBond"));
    case "request":
      return m(RESOURCE_IFACE.encodeFunctionData("request", [op.units, op.maxPrice]));
    case "withdrawEarnings":
      return m(RESOURCE_IFACE.encodeFunctionData("withdrawEarnings"));
  }
}

/** Evidence of an oracle's delivery attestation: the same text gives the same hash, so identical claims add up. */
export function deliveryEvidence(provider: string, epoch: number, units: bigint): string {
  return keccak256(toUtf8Bytes(`delivery/${provider.toLowerCase()}/${epoch}/${units}`));
}

export const resourceCalls = {
  clear: (market: string): ResourceCall => ({ to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("clear") }),
  attest: (market: string, provider: string, epoch: number, units: bigint): ResourceCall => ({
    to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("attestDelivery", [provider, epoch, units, deliveryEvidence(provider, epoch, units)]),
  }),
  settle: (market: string, orderId: bigint): ResourceCall => ({ to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("settleOrder", [orderId]) }),
  flushFees: (market: string): ResourceCall => ({ to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("flushFees") }),
  proposeBondSlash: (market: string, provider: string, epoch: number): ResourceCall => ({
    to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("proposeBondSlash", [provider, epoch, keccak256(toUtf8Bytes(`undelivered/${provider.toLowerCase()}/${epoch}`))]),
  }),
  executeBondSlash: (market: string, caseId: bigint): ResourceCall => ({ to: market, value: 0n, data: RESOURCE_IFACE.encodeFunctionData("executeBondSlash", [caseId]) }),
};
