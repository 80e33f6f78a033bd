// One typed client for the deployed suite (TypeChain contracts over ethers v6): quotes, trades with
// slippage and deadline, staking, claims, proposals from typed actions, votes, queue/execute,
// disputes, proposal states, and every revert turned into the custom error that caused it.
import { type ContractRunner, type ContractTransactionResponse, type EventLog, type Provider } from "ethers";
import type { BondingCurveMarket, CipherGovernor, CipherStaking, CipherTimelock, CipherToken, CipherTreasury, ContributionOracle, RevenueSplitter, Slashing } from "../../typechain-types";
import { BondingCurveMarket__factory } from "../../typechain-types/factories/contracts/market/BondingCurveMarket__factory";
import { CipherGovernor__factory } from "../../typechain-types/factories/contracts/governance/CipherGovernor__factory";
import { CipherStaking__factory } from "../../typechain-types/factories/contracts/staking/CipherStaking__factory";
import { CipherTimelock__factory } from "../../typechain-types/factories/contracts/governance/CipherTimelock__factory";
import { CipherToken__factory } from "../../typechain-types/factories/contracts/token/CipherToken__factory";
import { CipherTreasury__factory } from "../../typechain-types/factories/contracts/treasury/CipherTreasury__factory";
import { ContributionOracle__factory } from "../../typechain-types/factories/contracts/staking/ContributionOracle__factory";
import { RevenueSplitter__factory } from "../../typechain-types/factories/contracts/revenue/RevenueSplitter__factory";
import { Slashing__factory } from "../../typechain-types/factories/contracts/staking/Slashing__factory";
import { ALL_INTERFACES } from "./abis";
import type { SuiteAddresses } from "./deployment";
import { actionOperations, descriptionHash, proposalId, type Operations, type ProposalAction } from "./proposals";
import { proposalStateName, SUPPORT, type ProposalStateName, type SupportName } from "./protocol";
import { decodeRevertDetailed, revertDataOf, type DecodedRevert } from "./revert";

const BPS = 10_000n;

/** A call the suite refused, named by its custom error. */
export class CipherCallError extends Error {
  constructor(readonly what: string, readonly revert: DecodedRevert | undefined, cause: unknown) {
    super(`${what} failed: ${revert?.full ?? (cause as { shortMessage?: string }).shortMessage ?? (cause as Error).message}`);
  }
}

/** The custom error behind an ethers/JSON-RPC error, decoded with every ABI of the suite. */
export function decodeError(e: unknown): DecodedRevert | undefined {
  const data = revertDataOf(e);
  return data === undefined ? undefined : decodeRevertDetailed(data, ALL_INTERFACES);
}

export interface ProposalRecord {
  readonly id: bigint;
  readonly proposer: string;
  readonly ops: Operations;
  readonly description: string;
  readonly voteStart: bigint;
  readonly voteEnd: bigint;
  readonly block: number;
}

export interface TradeOptions {
  /** Accepted shortfall from the quote, bps (default 100 = 1%). */
  readonly slippageBps?: number;
  /** Seconds after the latest block's time the trade stays valid (default 600). */
  readonly deadlineSeconds?: number;
}

export class CipherClient {
  readonly market: BondingCurveMarket;
  readonly token: CipherToken;
  readonly staking: CipherStaking;
  readonly governor: CipherGovernor;
  readonly treasury: CipherTreasury;
  readonly slashing: Slashing;
  readonly splitter: RevenueSplitter;
  readonly timelock: CipherTimelock;
  readonly oracle: ContributionOracle;

  constructor(readonly addresses: SuiteAddresses, readonly runner: ContractRunner, private readonly governorBlock = 0) {
    this.market = BondingCurveMarket__factory.connect(addresses.market, runner);
    this.token = CipherToken__factory.connect(addresses.token, runner);
    this.staking = CipherStaking__factory.connect(addresses.staking, runner);
    this.governor = CipherGovernor__factory.connect(addresses.governor, runner);
    this.treasury = CipherTreasury__factory.connect(addresses.treasury, runner);
    this.slashing = Slashing__factory.connect(addresses.slashing, runner);
    this.splitter = RevenueSplitter__factory.connect(addresses.splitter, runner);
    this.timelock = CipherTimelock__factory.connect(addresses.timelock, runner);
    this.oracle = ContributionOracle__factory.connect(addresses.oracle, runner);
  }

  /** The same client acting as another signer. */
  connect(runner: ContractRunner): CipherClient {
    return new CipherClient(this.addresses, runner, this.governorBlock);
  }

  private get provider(): Provider {
    const p = this.runner.provider;
    if (p === null || p === undefined) throw new Error("the client's runner has no provider");
    return p;
  }

  /** Runs a send, turning a revert into a CipherCallError named by the custom error. */
  private async send(what: string, f: () => Promise<ContractTransactionResponse>): Promise<ContractTransactionResponse> {
    try {
      return await f();
    } catch (e) {
      throw new CipherCallError(what, decodeError(e), e);
    }
  }

  private async deadline(seconds = 600): Promise<bigint> {
    const b = await this.provider.getBlock("latest");
    if (b === null) throw new Error("no latest block");
    return BigInt(b.timestamp) + BigInt(seconds);
  }

  // ------------------------------------------------------------------ market
  async quoteBuy(reserveIn: bigint): Promise<{ tokensOut: bigint; fee: bigint }> {
    const [tokensOut, fee] = await this.market.quoteBuy(reserveIn);
    return { tokensOut, fee };
  }

  async quoteSell(tokensIn: bigint): Promise<{ reserveOut: bigint; fee: bigint }> {
    const [reserveOut, fee] = await this.market.quoteSell(tokensIn);
    return { reserveOut, fee };
  }

  /** Buys with `reserveIn` wei of ETH, accepting at least the quote less `slippageBps`. */
  async buy(reserveIn: bigint, o: TradeOptions & { referrer?: string } = {}): Promise<ContractTransactionResponse> {
    const { tokensOut } = await this.quoteBuy(reserveIn);
    const minOut = (tokensOut * (BPS - BigInt(o.slippageBps ?? 100))) / BPS;
    const deadline = await this.deadline(o.deadlineSeconds);
    return this.send("buy", () => this.market.buy(reserveIn, minOut, o.referrer ?? "0x0000000000000000000000000000000000000000", deadline, { value: reserveIn }));
  }

  /** Sells `tokensIn` token wei, accepting at least the quote less `slippageBps`. */
  async sell(tokensIn: bigint, o: TradeOptions = {}): Promise<ContractTransactionResponse> {
    const { reserveOut } = await this.quoteSell(tokensIn);
    const minOut = (reserveOut * (BPS - BigInt(o.slippageBps ?? 100))) / BPS;
    const deadline = await this.deadline(o.deadlineSeconds);
    return this.send("sell", () => this.market.sell(tokensIn, minOut, deadline));
  }

  // ------------------------------------------------------------------ staking
  approveStaking(amount: bigint): Promise<ContractTransactionResponse> {
    return this.send("approve", () => this.token.approve(this.addresses.staking, amount));
  }

  stake(amount: bigint, tier: number): Promise<ContractTransactionResponse> {
    return this.send("stake", () => this.staking.stake(amount, tier));
  }

  requestUnbond(stakeId: number | bigint): Promise<ContractTransactionResponse> {
    return this.send("requestUnbond", () => this.staking.requestUnbond(stakeId));
  }

  withdraw(stakeId: number | bigint): Promise<ContractTransactionResponse> {
    return this.send("withdraw", () => this.staking.withdraw(stakeId));
  }

  claim(): Promise<ContractTransactionResponse> {
    return this.send("claim", () => this.staking.claim());
  }

  dispute(caseId: bigint): Promise<ContractTransactionResponse> {
    return this.send("dispute", () => this.slashing.disputeSlash(caseId));
  }

  // ------------------------------------------------------------------ governance
  operations(action: ProposalAction): Operations {
    return actionOperations(this.addresses, action);
  }

  /** Proposes `action`; returns the proposal id the governor gives it and the transaction. */
  async propose(action: ProposalAction | Operations, description: string): Promise<{ id: bigint; tx: ContractTransactionResponse }> {
    const ops = "kind" in action ? this.operations(action) : action;
    const id = proposalId(ops, description);
    const tx = await this.send("propose", () => this.governor.propose([...ops.targets], [...ops.values], [...ops.calldatas], description));
    return { id, tx };
  }

  vote(id: bigint, support: SupportName, reason = ""): Promise<ContractTransactionResponse> {
    return this.send("vote", () => (reason === "" ? this.governor.castVote(id, SUPPORT[support]) : this.governor.castVoteWithReason(id, SUPPORT[support], reason)));
  }

  async queue(id: bigint): Promise<ContractTransactionResponse> {
    const p = await this.proposal(id);
    return this.send("queue", () => this.governor.queue([...p.ops.targets], [...p.ops.values], [...p.ops.calldatas], descriptionHash(p.description)));
  }

  async execute(id: bigint): Promise<ContractTransactionResponse> {
    const p = await this.proposal(id);
    const value = p.ops.values.reduce((s, v) => s + v, 0n);
    return this.send("execute", () => this.governor.execute([...p.ops.targets], [...p.ops.values], [...p.ops.calldatas], descriptionHash(p.description), { value }));
  }

  async state(id: bigint): Promise<ProposalStateName> {
    return proposalStateName(await this.governor.state(id));
  }

  /** Every proposal, from the governor's ProposalCreated events (the governor stores no details). */
  async proposals(fromBlock = this.governorBlock): Promise<ProposalRecord[]> {
    const logs = await this.governor.queryFilter(this.governor.filters.ProposalCreated(), fromBlock, "latest");
    return logs.filter((l): l is EventLog & typeof l => "args" in l).map((l) => ({
      id: l.args.proposalId,
      proposer: l.args.proposer,
      ops: { targets: [...l.args.targets], values: [...l.args[3]], calldatas: [...l.args.calldatas] },
      description: l.args.description,
      voteStart: l.args.voteStart,
      voteEnd: l.args.voteEnd,
      block: l.blockNumber,
    }));
  }

  async proposal(id: bigint): Promise<ProposalRecord> {
    const p = (await this.proposals()).find((x) => x.id === id);
    if (p === undefined) throw new Error(`no proposal ${id} on the governor at ${this.addresses.governor}`);
    return p;
  }
}
