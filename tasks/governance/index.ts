// `npx hardhat gov <task>`: propose (typed actions and raw calls), vote, queue, execute and list
// proposals of the Cipher DAO on any network, reading addresses from deployments/<network>.json.
// On local networks `--advance` mines blocks / moves time to the next stage.
import { scope } from "hardhat/config";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { ACTIONS, buildAction, TYPED_ACTIONS, type ActionArgs } from "./actions";
import {
  advanceTimeTo,
  findProposal,
  governorAt,
  GovTaskError,
  listProposals,
  bindToProposer,
  splitProposerSuffix,
  loadDeployment,
  mineTo,
  requireLocal,
  requireState,
  signerFor,
  stateOf,
  SUPPORT,
} from "./lib";

const gov = scope("gov", "Cipher DAO governance: propose, vote, queue, execute, list");

interface Common {
  deployment?: string;
  from?: string;
  advance: boolean;
}

/** Sends, turning a revert into a clear message with the custom error's name and arguments. */
async function send<T>(hre: HardhatRuntimeEnvironment, what: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    const err = e as { shortMessage?: string; message?: string; data?: string; revert?: { name: string; args: unknown[] }; info?: { error?: { data?: string } } };
    // ethers' own decoding (the governor's ABI), else every ABI of the suite (a proposal's
    // execution reverts with its target's error) through the client's decoder.
    // (loaded here: the client is built from TypeChain's output, absent before the first compile)
    const { decodeError } = await import("../../src/client/client");
    const known = decodeError(e);
    const decoded = err.revert ? `${err.revert.name}(${err.revert.args.map(String).join(", ")})` : known !== undefined && known.name !== "UnknownError" && known.name !== "Reverted" ? known.full : undefined;
    throw new GovTaskError(`${what} failed: ${decoded ?? err.shortMessage ?? err.message}`);
  }
}

const ACTION_HELP = TYPED_ACTIONS.map((k) => `${k}: ${ACTIONS[k].call} ${ACTIONS[k].options}`).join("; ");

gov
  .task("propose", `Create a proposal from a typed action or a raw call. Actions -> ${ACTION_HELP}`)
  .addParam("action", `One of: ${TYPED_ACTIONS.join(", ")}`)
  .addParam("description", "Proposal description (its hash identifies the proposal); sent with OZ's #proposer=<sender> suffix so nobody else can create it first")
  .addOptionalParam("fund", "grant/stream: welfare | solidarity | development")
  .addOptionalParam("asset", "grant/stream: eth | CipherToken | an ERC20 address")
  .addOptionalParam("to", "grant/stream: recipient address")
  .addOptionalParam("amount", "grant/stream: amount in whole units (e.g. 1.5)")
  .addOptionalParam("memo", "grant: memo", "")
  .addOptionalParam("start", "stream: start (unix seconds, 0 = when executed)", "0")
  .addOptionalParam("cliff", "stream: cliff in seconds", "0")
  .addOptionalParam("duration", "stream: duration in seconds")
  .addOptionalParam("stream", "cancel-stream: stream id")
  .addOptionalParam("buyFee", "set-fee: buy fee in bps")
  .addOptionalParam("sellFee", "set-fee: sell fee in bps")
  .addOptionalParam("share", "set-referral: referrer's share of the buy fee in bps")
  .addOptionalParam("threshold", "set-breaker: price move threshold in bps")
  .addOptionalParam("window", "set-breaker: window in blocks")
  .addOptionalParam("cooldown", "set-breaker: cooldown in blocks")
  .addOptionalParam("params", "set-curve: new curve parameters, comma-separated (same count as now)")
  .addOptionalParam("shares", "set-split: stakers,welfare,solidarity,development,burn in bps (sum 10000)")
  .addOptionalParam("caseId", "uphold-slash/cancel-slash: the Slashing case id")
  .addOptionalParam("name", "set-staking-param: unbondingDelay | rewardsDuration | maxBoostBps | voteBoostBps | decayPeriod")
  .addOptionalParam("value", "set-*: the new value (integer); call/raw: wei sent with the call")
  .addOptionalParam("contract", "call: deployment name of the target (e.g. BondingCurveMarket); pause/unpause: BondingCurveMarket (default) | CipherStaking")
  .addOptionalParam("function", "call: function name or full signature")
  .addOptionalParam("args", "call/raw: JSON array of arguments")
  .addOptionalParam("target", "raw: deployment name or address")
  .addOptionalParam("calldata", "raw: 0x calldata")
  .addOptionalParam("signature", 'raw: function signature such as "setFee(uint256)" (with --args)')
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .addOptionalParam("from", "Account index or address to send from", "0")
  .addFlag("advance", "Local networks: mine until the proposal is Active")
  .setAction(async (a: ActionArgs & Common & { description: string }, hre) => {
    const d = await loadDeployment(hre, a.deployment);
    const governor = await governorAt(hre, d);
    const action = await buildAction(hre, d, a);
    const signer = await signerFor(hre, a.from);
    const g = governor.connect(signer) as typeof governor;
    const clock = BigInt(await governor.clock());
    const [votes, threshold] = await Promise.all([governor.getVotes(signer.address, clock - 1n), governor.proposalThreshold()]);
    if (votes < threshold) {
      throw new GovTaskError(`${signer.address} has ${hre.ethers.formatEther(votes)} votes, the proposal threshold is ${hre.ethers.formatEther(threshold)} (stake and delegate first)`);
    }
    const targets = action.calls.map((c) => c.target);
    const values = action.calls.map((c) => c.value);
    const calldatas = action.calls.map((c) => c.calldata);
    // Bound to the sender (OZ's `#proposer=` suffix): a copy sent first by anyone else has another
    // id, so it cannot block this proposal (SPEC §1.6).
    const description = bindToProposer(a.description, signer.address);
    const id: bigint = await governor.hashProposal(targets, values, calldatas, hre.ethers.id(description));
    if ((await governor.proposalSnapshot(id)) !== 0n) {
      throw new GovTaskError(`proposal ${id} already exists (same action and description): \`gov list --id ${id}\`; change --description to propose it again`);
    }
    const tx = await send(hre, "propose", () => g.propose(targets, values, calldatas, description));
    await tx.wait();
    const [snapshot, deadline] = await Promise.all([governor.proposalSnapshot(id), governor.proposalDeadline(id)]);
    console.log(`proposal ${id}`);
    console.log(`  action   ${action.summary}`);
    console.log(`  voting   blocks ${snapshot + 1n} .. ${deadline} (snapshot ${snapshot})`);
    if (a.advance) {
      await requireLocal(hre);
      await mineTo(hre, snapshot + 1n);
    }
    console.log(`  state    ${await stateOf(governor, id)}`);
    return id;
  });

gov
  .task("vote", "Cast a vote (for | against | abstain) with an optional reason")
  .addParam("id", "Proposal id")
  .addParam("support", "for | against | abstain")
  .addOptionalParam("reason", "Reason recorded on-chain", "")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .addOptionalParam("from", "Account index or address to vote from", "0")
  .addFlag("advance", "Local networks: mine until voting opens if the proposal is Pending")
  .addFlag("allowZero", "Cast the vote even if the account had no votes at the snapshot")
  .setAction(async (a: Common & { id: string; support: string; reason: string; allowZero?: boolean }, hre) => {
    const support = SUPPORT[a.support.toLowerCase()];
    if (support === undefined) throw new GovTaskError(`--support must be for, against or abstain, got "${a.support}"`);
    const d = await loadDeployment(hre, a.deployment);
    const governor = await governorAt(hre, d);
    const p = await findProposal(hre, d, governor, a.id);
    if (a.advance && (await stateOf(governor, p.id)) === "Pending") {
      await requireLocal(hre);
      await mineTo(hre, BigInt(await governor.proposalSnapshot(p.id)) + 1n);
    }
    await requireState(governor, p.id, ["Active"], "vote on", `voting runs over blocks ${p.voteStart + 1n} .. ${await governor.proposalDeadline(p.id)}; use --advance on a local network`);
    const signer = await signerFor(hre, a.from);
    if (await governor.hasVoted(p.id, signer.address)) throw new GovTaskError(`${signer.address} already voted on proposal ${p.id}`);
    const snapshot = await governor.proposalSnapshot(p.id);
    const weight = await governor.getVotes(signer.address, snapshot);
    if (weight === 0n && !a.allowZero) {
      throw new GovTaskError(
        `${signer.address} had no votes at proposal ${p.id}'s snapshot (block ${snapshot}): only tokens staked before the snapshot vote; use --allow-zero to record a vote without weight`,
      );
    }
    const g = governor.connect(signer) as typeof governor;
    const tx = await send(hre, "vote", () => (a.reason ? g.castVoteWithReason(p.id, support, a.reason) : g.castVote(p.id, support)));
    await tx.wait();
    console.log(`${signer.address} voted ${a.support.toLowerCase()} on ${p.id} with ${hre.ethers.formatEther(weight)} votes${weight === 0n ? " (no votes at the snapshot: the vote carries no weight)" : ""}`);
  });

gov
  .task("queue", "Queue a succeeded proposal in the timelock")
  .addParam("id", "Proposal id")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .addOptionalParam("from", "Account index or address to send from", "0")
  .addFlag("advance", "Local networks: mine past the voting deadline first")
  .setAction(async (a: Common & { id: string }, hre) => {
    const d = await loadDeployment(hre, a.deployment);
    const governor = await governorAt(hre, d);
    const p = await findProposal(hre, d, governor, a.id);
    const deadline = BigInt(await governor.proposalDeadline(p.id));
    if (a.advance && ["Pending", "Active"].includes(await stateOf(governor, p.id))) {
      await requireLocal(hre);
      await mineTo(hre, deadline + 1n);
    }
    const now = BigInt(await hre.ethers.provider.getBlockNumber());
    let hint = `voting ends at block ${deadline}, now ${now}; use --advance on a local network`;
    if ((await stateOf(governor, p.id)) === "Defeated") {
      const [against, forVotes, abstain] = (await governor.proposalVotes(p.id)) as bigint[];
      const quorum = (await governor.quorum(await governor.proposalSnapshot(p.id))) as bigint;
      hint =
        against + forVotes + abstain === 0n
          ? "no votes were cast on it"
          : `for ${hre.ethers.formatEther(forVotes)}, against ${hre.ethers.formatEther(against)}, abstain ${hre.ethers.formatEther(abstain)}, quorum ${hre.ethers.formatEther(quorum)}: it did not reach quorum or had at least as many votes against as for`;
    }
    await requireState(governor, p.id, ["Succeeded"], "queue", hint);
    const g = governor.connect(await signerFor(hre, a.from)) as typeof governor;
    const tx = await send(hre, "queue", () => g.queue(p.targets, p.values, p.calldatas, p.descriptionHash));
    await tx.wait();
    const eta = BigInt(await governor.proposalEta(p.id));
    console.log(`proposal ${p.id} queued; executable from ${new Date(Number(eta) * 1000).toISOString()} (unix ${eta})`);
  });

gov
  .task("execute", "Execute a queued proposal once the timelock delay has passed")
  .addParam("id", "Proposal id")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .addOptionalParam("from", "Account index or address to send from", "0")
  .addFlag("advance", "Local networks: move time past the timelock delay first")
  .setAction(async (a: Common & { id: string }, hre) => {
    const d = await loadDeployment(hre, a.deployment);
    const governor = await governorAt(hre, d);
    const p = await findProposal(hre, d, governor, a.id);
    await requireState(governor, p.id, ["Queued"], "execute", "queue it first with `gov queue`");
    const eta = BigInt(await governor.proposalEta(p.id));
    const now = BigInt((await hre.ethers.provider.getBlock("latest"))!.timestamp);
    if (now < eta) {
      if (!a.advance) throw new GovTaskError(`proposal ${p.id} is executable in ${eta - now} s (unix ${eta}); use --advance on a local network`);
      await requireLocal(hre);
      await advanceTimeTo(hre, eta);
    }
    const g = governor.connect(await signerFor(hre, a.from)) as typeof governor;
    const total = p.values.reduce((x, y) => x + y, 0n);
    const tx = await send(hre, "execute", () => g.execute(p.targets, p.values, p.calldatas, p.descriptionHash, { value: total }));
    const receipt = await tx.wait();
    console.log(`proposal ${p.id} executed in block ${receipt!.blockNumber} (tx ${tx.hash})`);
  });

gov
  .task("list", "List proposals with state, votes, quorum and timing")
  .addOptionalParam("id", "Only this proposal")
  .addOptionalParam("deployment", "Deployment file (default deployments/<network>.json)")
  .addFlag("json", "Print JSON instead of text")
  .setAction(async (a: { id?: string; deployment?: string; json: boolean }, hre) => {
    const d = await loadDeployment(hre, a.deployment);
    const governor = await governorAt(hre, d);
    const all = a.id ? [await findProposal(hre, d, governor, a.id)] : await listProposals(hre, d, governor);
    const clock = BigInt(await governor.clock());
    const rows = [];
    for (const p of all) {
      const [state, votes, snapshot, deadline, eta] = await Promise.all([
        stateOf(governor, p.id),
        governor.proposalVotes(p.id),
        governor.proposalSnapshot(p.id),
        governor.proposalDeadline(p.id),
        governor.proposalEta(p.id),
      ]);
      // quorum() needs a past timepoint: before the snapshot has passed it is not fixed yet.
      const quorum = snapshot < clock ? ((await governor.quorum(snapshot)) as bigint) : null;
      rows.push({
        id: p.id.toString(),
        state,
        against: hre.ethers.formatEther(votes[0]),
        for: hre.ethers.formatEther(votes[1]),
        abstain: hre.ethers.formatEther(votes[2]),
        quorum: quorum === null ? "not fixed yet" : hre.ethers.formatEther(quorum),
        quorumReached: quorum === null ? false : (votes[1] as bigint) + (votes[2] as bigint) >= quorum,
        snapshot: snapshot.toString(),
        deadline: deadline.toString(),
        eta: eta.toString(),
        proposer: p.proposer,
        // Shown without OZ's `#proposer=` suffix; `boundTo` says whom it binds to.
        description: splitProposerSuffix(p.description).text,
        boundTo: splitProposerSuffix(p.description).boundTo,
      });
    }
    if (a.json) {
      console.log(JSON.stringify(rows, null, 2));
    } else if (rows.length === 0) {
      console.log("no proposals");
    } else {
      for (const r of rows) {
        console.log(`${r.id}\n  ${r.state}  for ${r.for}  against ${r.against}  abstain ${r.abstain}  quorum ${r.quorum}${r.quorumReached ? " (reached)" : ""}`);
        console.log(`  snapshot ${r.snapshot}  deadline ${r.deadline}  eta ${r.eta === "0" ? "-" : r.eta}  block now ${clock}`);
        console.log(`  ${r.description.split("\n")[0]}`);
      }
    }
    return rows;
  });

