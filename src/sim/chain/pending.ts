// A transaction waiting for the next block, and what came of it. Agents' transactions carry their
// action; the economy's own (keeper, council, revenue, setup) carry a `system` label instead.
import type { TxAction } from "../../agents/types";
import type { BlockFlows } from "../economy";
import type { Call } from "./encode";

export interface Pending {
  readonly from: string;
  readonly nonce: number;
  readonly action: TxAction | undefined;
  readonly system?: string;
  readonly call: Call;
  readonly gas: bigint;
  /** maxPriorityFeePerGas (wei). */
  readonly tip: bigint;
}

export interface MinedTx {
  readonly from: string;
  readonly nonce: number;
  readonly action: TxAction | undefined;
  readonly system?: string;
  /** Position in the block; -1 when the node did not include it. */
  readonly index: number;
  readonly ok: boolean;
  readonly error?: string;
  /** The receipt's gasUsed (intrinsic gas and refunds included), where the receipt was read (see BlockMiner). */
  readonly gasUsed?: bigint;
}

export interface MinedBlock {
  readonly number: number;
  readonly outcomes: readonly MinedTx[];
  readonly flows: BlockFlows;
}

export type MutableFlows = { -readonly [K in keyof BlockFlows]: BlockFlows[K] };

export function emptyFlows(): MutableFlows {
  return { buyVolume: 0n, sellVolume: 0n, feesCollected: 0n, welfarePaid: 0n, solidarityPaid: 0n, slashesExecuted: 0, breakerTrips: 0 };
}
