// Types of the resource-market agent families (SPEC §1.7, issue 12). Kept apart from the token
// economy's Observation/Action until the chain economy (issue 10) wires the resource market in.

/** What an agent sees of one resource market at the start of an epoch (all amounts in token wei). */
export interface ResourceMarketView {
  readonly epoch: number;
  readonly mechanism: "posted" | "auction";
  /** Price of the epoch orders are open for (posted mechanism), wei per unit. */
  readonly postedPrice: bigint;
  /** Grid: tick k costs minPrice + k x tickSize, k < numTicks. */
  readonly minPrice: bigint;
  readonly tickSize: bigint;
  readonly numTicks: number;
  /** Price and volumes of the last cleared epoch. */
  readonly lastPrice: bigint;
  readonly lastDemand: bigint;
  readonly lastOffered: bigint;
  readonly lastSold: bigint;
  readonly bondPerUnit: bigint;
}

/** What a provider knows of itself. */
export interface ProviderSelf {
  readonly registered: boolean;
  readonly exiting: boolean;
  /** Standing capacity, units per epoch. */
  readonly capacity: bigint;
  readonly bond: bigint;
  /** Units it sold in the last cleared epoch. */
  readonly lastSold: bigint;
  readonly tokens: bigint;
}

/** What a consumer knows of itself. */
export interface ConsumerSelf {
  readonly tokens: bigint;
  /** Ether it may still spend on tokens, wei. */
  readonly reserve: bigint;
  /** Units filled in its last settled order, and what it asked for. */
  readonly lastFilled: bigint;
  readonly lastRequested: bigint;
}

export type ResourceAction =
  | { readonly kind: "registerProvider"; readonly capacity: bigint; readonly askPrice: bigint; readonly bond: bigint }
  | { readonly kind: "setOffer"; readonly capacity: bigint; readonly askPrice: bigint }
  | { readonly kind: "exitProvider" }
  | { readonly kind: "requestUnits"; readonly units: bigint; readonly maxPrice: bigint }
  | { readonly kind: "buyTokens"; readonly reserveIn: bigint }
  | { readonly kind: "none" };

export const NONE: ResourceAction = { kind: "none" };

/** The highest grid price. */
export function gridTop(v: ResourceMarketView): bigint {
  return v.minPrice + BigInt(v.numTicks - 1) * v.tickSize;
}

/** The price a consumer pays next epoch if it fills: the posted price, or its own bid. */
export function clampToGrid(v: ResourceMarketView, price: bigint): bigint {
  if (price < v.minPrice) return v.minPrice;
  const top = gridTop(v);
  return price > top ? top : price;
}

/**
 * One call to the resource market as the engine sends it (the `resource` action, issue 12):
 * encoded by src/client/resourceActions.ts. `approve` lets the market pull the agent's tokens.
 */
export type ResourceOp =
  | { readonly op: "approve" }
  | { readonly op: "register"; readonly capacity: bigint; readonly askPrice: bigint; readonly bond: bigint }
  | { readonly op: "setOffer"; readonly capacity: bigint; readonly askPrice: bigint }
  | { readonly op: "exit" }
  | { readonly op: "withdrawBond" }
  | { readonly op: "request"; readonly units: bigint; readonly maxPrice: bigint }
  | { readonly op: "withdrawEarnings" };

/** A provider as the chain economy reads it after each block (the agent's own view). */
export interface ProviderState extends ProviderSelf {
  /** Earnings waiting in the market, token wei. */
  readonly earnings: bigint;
  /** Timestamp from which the bond may be withdrawn (exiting providers), seconds. */
  readonly releaseAt: number;
  readonly openCases: number;
}

/** The resource market in the observation (chain economy only; absent when no market runs). */
export interface ResourceObservation {
  readonly view: ResourceMarketView;
  /** The delivery epoch orders and offer changes go to now, or 0 while the current one waits for clear(). */
  readonly openEpoch: number;
  /** Per agent address (lower case): providers' states (registered or not). */
  readonly providers: { readonly [address: string]: ProviderState };
  /** Per agent address (lower case): whether it approved the market for its tokens. */
  readonly approved: { readonly [address: string]: boolean };
  /** Per agent address (lower case): its latest order of a cleared epoch. */
  readonly lastOrder: { readonly [address: string]: OrderResult };
}

/** A consumer's latest order whose epoch is cleared (for learning bidders). */
export interface OrderResult {
  readonly epoch: number;
  readonly units: bigint;
  readonly filled: bigint;
  /** The epoch's clearing (or posted) price, wei per unit. */
  readonly price: bigint;
}
