// Typed proposal actions -> the (targets, values, calldatas) of one governor proposal, and the
// proposal id the governor will give it. Pure: addresses come from the deployment, bounds that are
// contract state are checked by the caller (the gov tasks read them on chain before proposing).
import { AbiCoder, id, keccak256, ZeroAddress, encodeBytes32String } from "ethers";
import { IFACES } from "./abis";
import { encodeCall } from "./calldata";
import type { SuiteAddresses } from "./deployment";
import { FUND_IDS, GUARDIAN_ROLE, type FundName } from "./protocol";

/** A proposal's operations, as governor.propose/queue/execute take them. */
export interface Operations {
  readonly targets: readonly string[];
  readonly values: readonly bigint[];
  readonly calldatas: readonly string[];
}

/** Everything the suite's governance can be asked to do, typed. Amounts in wei, fees in bps. */
export type ProposalAction =
  | { readonly kind: "grant"; readonly fund: FundName; readonly asset?: string; readonly to: string; readonly amount: bigint; readonly memo?: string }
  | { readonly kind: "stream"; readonly fund: FundName; readonly asset?: string; readonly to: string; readonly amount: bigint; readonly start?: bigint; readonly cliff?: bigint; readonly duration: bigint }
  | { readonly kind: "cancelStream"; readonly stream: bigint }
  | { readonly kind: "setFees"; readonly buyFeeBps: bigint | number; readonly sellFeeBps: bigint | number }
  | { readonly kind: "setReferralShare"; readonly shareBps: bigint | number }
  | { readonly kind: "setBreaker"; readonly thresholdBps: bigint | number; readonly windowBlocks: bigint | number; readonly cooldownBlocks: bigint | number }
  | { readonly kind: "setCurveParameters"; readonly params: readonly bigint[] }
  | { readonly kind: "setSplit"; readonly shares: readonly (bigint | number)[] }
  | { readonly kind: "upholdSlash"; readonly caseId: bigint }
  | { readonly kind: "cancelSlash"; readonly caseId: bigint }
  | { readonly kind: "setSlashCap"; readonly bps: bigint | number }
  | { readonly kind: "setDisputeWindow"; readonly seconds: bigint | number }
  | { readonly kind: "pause"; readonly contract: "market" | "staking" }
  | { readonly kind: "unpause"; readonly contract: "market" | "staking" }
  | { readonly kind: "setStakingParameter"; readonly name: string; readonly value: bigint }
  | { readonly kind: "setVotingDelay"; readonly blocks: bigint | number }
  | { readonly kind: "setVotingPeriod"; readonly blocks: bigint | number }
  | { readonly kind: "setProposalThreshold"; readonly votes: bigint }
  | { readonly kind: "setQuorum"; readonly numerator: bigint | number }
  | { readonly kind: "setLateQuorum"; readonly blocks: bigint | number }
  | { readonly kind: "setTimelockDelay"; readonly seconds: bigint | number }
  | { readonly kind: "raw"; readonly target: string; readonly value?: bigint; readonly calldata: string };

function one(target: string, calldata: string, value = 0n): Operations {
  return { targets: [target], values: [value], calldatas: [calldata] };
}

/** The operations of `action` on the suite at `a`. */
export function actionOperations(a: SuiteAddresses, action: ProposalAction): Operations {
  switch (action.kind) {
    case "grant":
      return one(a.treasury, encodeCall(IFACES.treasury, "grant", [FUND_IDS[action.fund], action.asset ?? ZeroAddress, action.to, action.amount, action.memo ?? ""]));
    case "stream":
      return one(
        a.treasury,
        encodeCall(IFACES.treasury, "createStream", [FUND_IDS[action.fund], action.asset ?? ZeroAddress, action.to, action.amount, action.start ?? 0n, action.cliff ?? 0n, action.duration]),
      );
    case "cancelStream":
      return one(a.treasury, encodeCall(IFACES.treasury, "cancelStream", [action.stream]));
    case "setFees":
      return one(a.market, encodeCall(IFACES.market, "setFees", [action.buyFeeBps, action.sellFeeBps]));
    case "setReferralShare":
      return one(a.market, encodeCall(IFACES.market, "setReferralShare", [action.shareBps]));
    case "setBreaker":
      return one(a.market, encodeCall(IFACES.market, "setBreakerParameters", [action.thresholdBps, action.windowBlocks, action.cooldownBlocks]));
    case "setCurveParameters":
      return one(a.market, encodeCall(IFACES.market, "setCurveParameters", [[...action.params]]));
    case "setSplit":
      return one(a.splitter, encodeCall(IFACES.splitter, "setShares", [[...action.shares] as [bigint, bigint, bigint, bigint, bigint]]));
    case "upholdSlash":
      return one(a.slashing, encodeCall(IFACES.slashing, "upholdSlash", [action.caseId]));
    case "cancelSlash":
      return one(a.slashing, encodeCall(IFACES.slashing, "cancelSlash", [action.caseId]));
    case "setSlashCap":
      return one(a.slashing, encodeCall(IFACES.slashing, "setMaxSeverityBps", [action.bps]));
    case "setDisputeWindow":
      return one(a.slashing, encodeCall(IFACES.slashing, "setDisputeWindow", [action.seconds]));
    case "pause": {
      // pause() is GUARDIAN_ROLE only (the timelock is admin, not guardian): grant, pause, renounce.
      const target = action.contract === "market" ? a.market : a.staking;
      const iface = action.contract === "market" ? IFACES.market : IFACES.staking;
      return {
        targets: [target, target, target],
        values: [0n, 0n, 0n],
        calldatas: [
          encodeCall(iface, "grantRole", [GUARDIAN_ROLE, a.timelock]),
          encodeCall(iface, "pause"),
          encodeCall(iface, "renounceRole", [GUARDIAN_ROLE, a.timelock]),
        ],
      };
    }
    case "unpause":
      return action.contract === "market" ? one(a.market, encodeCall(IFACES.market, "unpause")) : one(a.staking, encodeCall(IFACES.staking, "unpause"));
    case "setStakingParameter":
      return one(a.staking, encodeCall(IFACES.staking, "setParameter", [encodeBytes32String(action.name), action.value]));
    case "setVotingDelay":
      return one(a.governor, encodeCall(IFACES.governor, "setVotingDelay", [action.blocks]));
    case "setVotingPeriod":
      return one(a.governor, encodeCall(IFACES.governor, "setVotingPeriod", [action.blocks]));
    case "setProposalThreshold":
      return one(a.governor, encodeCall(IFACES.governor, "setProposalThreshold", [action.votes]));
    case "setQuorum":
      return one(a.governor, encodeCall(IFACES.governor, "updateQuorumNumerator", [action.numerator]));
    case "setLateQuorum":
      return one(a.governor, encodeCall(IFACES.governor, "setLateQuorumVoteExtension", [action.blocks]));
    case "setTimelockDelay":
      return one(a.timelock, encodeCall(IFACES.timelock, "updateDelay", [action.seconds]));
    case "raw":
      return one(action.target, action.calldata, action.value ?? 0n);
  }
}

export function descriptionHash(description: string): string {
  return id(description);
}

/** OZ Governor.hashProposal: the id the governor gives these operations with this description. */
export function proposalId(ops: Operations, description: string): bigint {
  const enc = AbiCoder.defaultAbiCoder().encode(["address[]", "uint256[]", "bytes[]", "bytes32"], [ops.targets, ops.values, ops.calldatas, descriptionHash(description)]);
  return BigInt(keccak256(enc));
}
