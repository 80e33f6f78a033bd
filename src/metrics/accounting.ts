// Honest accounting (SPEC 2.3): realisable wealth and the per-step conservation of ether and of
// the token. Pure functions of measured balances.
//
// Ether:  agents' ether + protocol's ether + gas the agents paid = ether that entered
//         (agents' funding + the genesis purchase).
// Tokens: agents' liquid tokens + tokens held by everyone else (stakes in the staking contract,
//         the deployer's genesis tokens, protocol contracts) = minted - burned, and = totalSupply.
// Both sides are integers (wei) read from balances, so any residual is a real leak or a wrong
// book: the rounding bound is 0 wei (every rounding in the contracts leaves the dust in some
// holder's balance, which is counted).
import type { AccountView } from "../agents/types";
import type { Books } from "../sim/economy";

export const WAD = 10n ** 18n;
/** Largest absolute residual (wei) a balanced ledger may show. */
export const ROUNDING_BOUND_WEI = 0n;

/** All tokens an account could sell: liquid plus every stake (active, locked or unbonding). */
export function tokensOf(a: AccountView): bigint {
  return a.tokens + a.stakes.reduce((s, p) => s + p.amount, 0n);
}

export interface AgentValue {
  /** Ether + net refund of selling every token now (the market's quote) + rewards + referral credit. */
  readonly realisable: bigint;
  /** Ether + tokens x spot price + rewards + referral credit (not money any holder can get). */
  readonly spot: bigint;
  /**
   * Ether + the agent's pro-rata share (by tokens) of what all agents' tokens would fetch sold
   * together + rewards + referral credit: what the agents as a group could take out, shared.
   */
  readonly joint: bigint;
}

/**
 * `sellNet` = the market's quote for selling tokensOf(a) alone now, net of the sell fee;
 * `jointNet` = the quote for selling every agent's tokens together, `allTokens` = their sum.
 */
export function agentValue(a: AccountView, spotPrice: bigint, sellNet: bigint, referralCredit: bigint, jointNet: bigint, allTokens: bigint): AgentValue {
  const claims = a.pendingRewards + referralCredit;
  const t = tokensOf(a);
  return {
    realisable: a.reserve + sellNet + claims,
    spot: a.reserve + (t * spotPrice) / WAD + claims,
    joint: a.reserve + (allTokens === 0n ? 0n : (jointNet * t) / allTokens) + claims,
  };
}

export interface LedgerCheck {
  readonly ether: {
    readonly agents: bigint;
    readonly protocol: bigint;
    readonly gas: bigint;
    readonly entered: bigint;
    /** agents + protocol + gas - entered */
    readonly residual: bigint;
  };
  readonly token: {
    readonly agents: bigint;
    readonly others: bigint;
    readonly minted: bigint;
    readonly burned: bigint;
    readonly supply: bigint;
    /** agents + others - (minted - burned) */
    readonly residual: bigint;
    /** supply - (minted - burned) */
    readonly supplyResidual: bigint;
  };
}

function sum(xs: Iterable<bigint>): bigint {
  let t = 0n;
  for (const x of xs) t += x;
  return t;
}

/** `enteredWei`: the agents' funding plus the genesis purchase (what came in from outside). */
export function checkLedgers(accounts: readonly AccountView[], books: Books, enteredWei: bigint): LedgerCheck {
  const agentsEther = sum(accounts.map((a) => a.reserve));
  const protocolEther = sum(Object.values(books.etherHeld));
  const agentsTokens = sum(accounts.map((a) => a.tokens));
  const others = sum(Object.values(books.tokensHeld));
  const net = books.tokensMinted - books.tokensBurned;
  return {
    ether: {
      agents: agentsEther, protocol: protocolEther, gas: books.agentGasWei, entered: enteredWei,
      residual: agentsEther + protocolEther + books.agentGasWei - enteredWei,
    },
    token: {
      agents: agentsTokens, others, minted: books.tokensMinted, burned: books.tokensBurned, supply: books.tokenSupply,
      residual: agentsTokens + others - net, supplyResidual: books.tokenSupply - net,
    },
  };
}

export function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

/** Whether both ledgers balance within the rounding bound. */
export function balanced(c: LedgerCheck, bound: bigint = ROUNDING_BOUND_WEI): boolean {
  return absBig(c.ether.residual) <= bound && absBig(c.token.residual) <= bound && absBig(c.token.supplyResidual) <= bound;
}
