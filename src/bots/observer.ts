// What the agents see each block on a live chain: the economy and their accounts (CipherLens
// through a state override), and governance and slashing from the suite's events (scanned once
// from the deployment block, then per new block). Proposal states are derived from the governor's
// and the timelock's events by the client's ProposalTracker (as the simulation does): the only
// call is governor.quorum(snapshot), once per proposal, when its voting has ended. Also the
// block's market flows for the metrics.
import { getAddress, type JsonRpcApiProvider, type Log } from "ethers";
import type { AccountView, MarketObservation, ProposalView, Role, SlashView } from "../agents/types";
import { IFACES } from "../client/abis";
import { decodeSpec } from "../client/agentActions";
import type { SuiteDeployment } from "../client/deployment";
import type { Operations } from "../client/proposals";
import { encodeCall } from "../client/calldata";
import { uintWord } from "../client/lensCodec";
import { ProposalTracker } from "../client/proposalTracker";
import { SlashCaseBook } from "../client/slashCases";
import { FUND_IDS } from "../client/protocol";
import { SuiteReader, type EconomyView } from "../client/reader";
import type { BlockFlows } from "../sim/economy";

const LOG_CHUNK = 2_000;
const EPOCH_SECONDS = 7 * 24 * 3600;
const CURVE_NAMES: readonly string[] = ["slope", "intercept", "c"];

export function emptyFlows(): { -readonly [K in keyof BlockFlows]: BlockFlows[K] } {
  return { buyVolume: 0n, sellVolume: 0n, feesCollected: 0n, welfarePaid: 0n, solidarityPaid: 0n, slashesExecuted: 0, breakerTrips: 0 };
}

export class ChainObserver {
  private readonly reader: SuiteReader;
  private scanned: number;
  private readonly proposals: ProposalTracker;
  private readonly cases = new SlashCaseBook();
  /** "<account>:<stakeId>" -> block of its Staked event. */
  private readonly sinceBlock = new Map<string, number>();
  private voters: { block: number; voter: string }[] = [];
  private curveParams: bigint[] = [];
  flows = emptyFlows();

  constructor(private readonly provider: JsonRpcApiProvider, private readonly d: SuiteDeployment) {
    this.reader = new SuiteReader(provider, d.addresses);
    this.proposals = new ProposalTracker(d.addresses.governor);
    this.scanned = Math.min(d.blocks.governor, d.blocks.staking, d.blocks.slashing, d.blocks.market) - 1;
  }

  get curve(): { params: readonly bigint[]; names: readonly string[] } {
    return { params: this.curveParams, names: CURVE_NAMES.slice(0, this.curveParams.length) };
  }

  operations(id: string): { ops: Operations; description: string } | undefined {
    const p = this.proposals.get(id);
    return p === undefined ? undefined : { ops: p.ops, description: p.description };
  }

  /** Reads the suite's events up to `head` (chunked), and refreshes live proposals' states. */
  async sync(head: number): Promise<void> {
    const a = this.d.addresses;
    const raw = IFACES.curve.decodeFunctionResult("parameters", await this.provider.send("eth_call", [{ to: a.curve, data: IFACES.curve.encodeFunctionData("parameters") }, "latest"]))[0] as bigint[];
    this.curveParams = raw.map((x) => BigInt(x));
    while (this.scanned < head) {
      const from = this.scanned + 1;
      const to = Math.min(head, from + LOG_CHUNK - 1);
      const logs = (await this.provider.send("eth_getLogs", [{ fromBlock: "0x" + from.toString(16), toBlock: "0x" + to.toString(16), address: [a.governor, a.staking, a.slashing, a.market, a.treasury, a.timelock] }])) as Log[];
      for (const l of logs) this.absorb(l);
      this.scanned = to;
    }
    // States at `head` (what state() answers at the latest block); the quorum once voting has ended.
    for (const p of this.proposals.derive(head)) {
      const q = (await this.provider.send("eth_call", [{ to: a.governor, data: encodeCall(IFACES.governor, "quorum", [BigInt(p.snapshotBlock)]) }, "latest"])) as string;
      this.proposals.setQuorum(p.id, uintWord(q), head);
    }
  }

  private absorb(l: Log): void {
    const a = this.d.addresses;
    const at = l.address.toLowerCase();
    const iface =
      at === a.governor.toLowerCase() ? IFACES.governor : at === a.staking.toLowerCase() ? IFACES.staking : at === a.slashing.toLowerCase() ? IFACES.slashing : at === a.market.toLowerCase() ? IFACES.market : at === a.timelock.toLowerCase() ? IFACES.timelock : IFACES.treasury;
    let ev;
    try {
      ev = iface.parseLog({ topics: [...l.topics], data: l.data });
    } catch {
      return;
    }
    if (ev === null) return;
    const x = ev.args;
    const block = Number(l.blockNumber);
    switch (ev.name) {
      case "Bought":
        this.flows.buyVolume += BigInt(x[2]);
        this.flows.feesCollected += BigInt(x[3]);
        break;
      case "Sold":
        this.flows.sellVolume += BigInt(x[2]);
        this.flows.feesCollected += BigInt(x[3]);
        break;
      case "CircuitBreakerTripped":
        this.flows.breakerTrips += 1;
        break;
      case "GrantPaid":
        if (Number(x[0]) === FUND_IDS.welfare) this.flows.welfarePaid += BigInt(x[3]);
        if (Number(x[0]) === FUND_IDS.solidarity) this.flows.solidarityPaid += BigInt(x[3]);
        break;
      case "Staked":
        this.sinceBlock.set(`${String(x[0]).toLowerCase()}:${Number(x[1])}`, block);
        break;
      case "SlashProposed":
        this.cases.proposed(BigInt(x[0]), String(x[1]), Number(x[2]), Number(x[4]));
        break;
      case "SlashDisputed":
        this.cases.disputed(BigInt(x[0]), Number(x[2]));
        break;
      case "SlashExecuted":
      case "SlashCancelled":
        this.cases.closed(BigInt(x[0]));
        if (ev.name === "SlashExecuted") this.flows.slashesExecuted += 1;
        break;
      case "ProposalCreated": {
        const ops: Operations = { targets: (x[2] as string[]).map(String), values: (x[3] as bigint[]).map((v) => BigInt(v)), calldatas: (x[5] as string[]).map(String) };
        this.proposals.created({ id: BigInt(x[0]), proposer: String(x[1]), ops, description: String(x[8]), snapshotBlock: Number(x[6]), deadlineBlock: Number(x[7]) });
        break;
      }
      case "VoteCast":
      case "VoteCastWithParams": {
        const voter = String(x[0]).toLowerCase();
        this.voters.push({ block, voter: getAddress(voter) });
        if (this.voters.length > 10_000) this.voters = this.voters.slice(-5_000);
        this.proposals.voteCast(BigInt(x[1]), voter, Number(x[2]), BigInt(x[3]));
        break;
      }
      case "ProposalExtended":
        this.proposals.extended(BigInt(x[0]), Number(x[1]));
        break;
      case "ProposalQueued":
        this.proposals.queued(BigInt(x[0]), Number(x[1]));
        break;
      case "ProposalExecuted":
        this.proposals.executed(BigInt(x[0]));
        break;
      case "ProposalCanceled":
        this.proposals.canceled(BigInt(x[0]));
        break;
      case "CallExecuted":
      case "Cancelled":
        if (at === a.timelock.toLowerCase()) this.proposals.timelockDone(String(x[0]), ev.name === "Cancelled");
        break;
      default:
        break;
    }
  }

  /** The market-wide observation for the block after `e.block` (what the agents act on). */
  observation(step: number, e: EconomyView, secondsPerBlock: number, startBlock: number, epochBlocks: number): MarketObservation {
    const nextBlock = e.block + 1;
    const proposals: ProposalView[] = [];
    for (const p of this.proposals.all()) {
      const live = p.state === "Pending" || p.state === "Active" || p.state === "Succeeded" || p.state === "Queued";
      if (!live && p.deadlineBlock < nextBlock - 5) continue;
      const spec = decodeSpec(this.d.addresses, p.ops, this.curve.names, this.curveParams);
      if (spec === undefined) continue;
      proposals.push({ id: p.id, proposer: p.proposer, spec, state: p.state, snapshotBlock: p.snapshotBlock, forVotes: p.forVotes, againstVotes: p.againstVotes, abstainVotes: p.abstainVotes, voters: [...p.voters] });
    }
    const slashes: SlashView[] = [...this.cases.open()].map((c) => ({ id: c.id, target: c.target, severityBps: c.severityBps, disputed: c.disputed, disputeDeadlineStep: step + Math.ceil((c.deadline - e.timestamp) / Math.max(1, secondsPerBlock)) }));
    const stakers = [...new Set([...this.sinceBlock.keys()].map((k) => k.split(":")[0]))].sort();
    const recent = [...new Set(this.voters.filter((v) => v.block > nextBlock - epochBlocks).map((v) => v.voter))].sort();
    void startBlock;
    return {
      step,
      block: nextBlock,
      timestamp: e.timestamp + secondsPerBlock,
      spotPrice: e.spotPrice,
      supply: e.supply,
      reserve: e.reserve,
      buyFeeBps: e.buyFeeBps,
      sellFeeBps: e.sellFeeBps,
      halted: e.paused || nextBlock < e.haltedUntilBlock,
      staking: { totalStaked: e.totalStaked, totalWeight: e.totalWeight, tiers: e.tiers, stakers },
      proposals,
      slashes,
      treasury: e.treasury,
      epoch: Math.floor((e.timestamp + secondsPerBlock) / EPOCH_SECONDS) - 1,
      recentVoters: recent,
    };
  }

  async economy(): Promise<EconomyView> {
    return this.reader.economy();
  }

  async accounts(addresses: readonly string[], roles: readonly (readonly Role[])[]): Promise<AccountView[]> {
    const raw = await this.reader.accounts(addresses);
    return raw.map((r, i) => ({
      address: r.address,
      reserve: r.reserve,
      tokens: r.tokens,
      pendingRewards: r.pendingRewards,
      roles: roles[i] ?? [],
      stakes: r.stakes.map((s) => ({
        id: s.id, amount: s.amount, tier: s.tier, unlockAt: s.unlockAt, unbonding: s.unbondEnd !== 0, withdrawableAt: s.unbondEnd,
        sinceBlock: this.sinceBlock.get(`${r.address.toLowerCase()}:${s.id}`) ?? 0,
      })),
    }));
  }
}
