// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {IContributionHook} from "../../interfaces/IContributionHook.sol";

/// @title GovernorContributionCredit
/// @notice Governor extension (in the manner of OpenZeppelin's) that turns votes into
/// contribution credit only for work others recognise (SPEC §1.4): a vote earns credit once the
/// proposal's vote has ended, if the proposal reached quorum without the voter's own votes, the
/// voter is not its proposer, the voter had votes at the snapshot, and the voter has not used up
/// its credits for the current epoch. Anyone may settle a credit (`creditVote`); the hook
/// (the staking contract) then records it.
/// @dev Nothing runs on the vote path: castVote costs exactly what OZ's costs. The facts checked
/// are final once the vote has ended (tallies cannot change; a Canceled proposal earns nothing),
/// so settling late changes nothing but the renewal time of the credit. Quorum is judged with the
/// voter's snapshot votes subtracted from the for + abstain tally (what GovernorCountingSimple
/// counts to quorum) whichever way it voted, rounding against the voter: a holder of quorum alone
/// cannot credit itself, even through a proposal made by another of its accounts.
abstract contract GovernorContributionCredit is GovernorCountingSimple {
    /// @notice Length of a credit epoch (seconds): the same 7-day epochs as the contribution oracle.
    uint256 public constant CREDIT_EPOCH = 7 days;
    /// @notice Bounds of the governed per-epoch cap (credited votes per voter per epoch).
    uint256 public constant MIN_VOTE_CREDITS_PER_EPOCH = 1;
    uint256 public constant MAX_VOTE_CREDITS_PER_EPOCH = 50;

    /// @notice The contract told about every credited vote (the staking contract).
    IContributionHook public immutable contributionHook;

    /// @dev Credited votes per voter in its latest credited epoch: (epoch << 8) | count.
    mapping(address voter => uint256) private _creditEpoch;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _credited;
    uint8 private _maxVoteCreditsPerEpoch;

    /// @notice `voter`'s vote on `proposalId` was credited (`count` credits so far in `epoch`).
    event VoteCredited(uint256 indexed proposalId, address indexed voter, uint256 epoch, uint256 count);
    /// @notice The per-epoch cap of credited votes changed.
    event MaxVoteCreditsPerEpochSet(uint256 oldMax, uint256 newMax);

    /// @notice `voter` did not vote on `proposalId`.
    error GovernorCreditNoVote(uint256 proposalId, address voter);
    /// @notice `voter` proposed `proposalId`: a vote on one's own proposal earns nothing.
    error GovernorCreditOwnProposal(uint256 proposalId, address voter);
    /// @notice `proposalId` did not reach quorum with the votes of others than `voter`.
    error GovernorCreditQuorumNotReached(uint256 proposalId, address voter);
    /// @notice `voter` had no votes at `proposalId`'s snapshot.
    error GovernorCreditNoWeight(uint256 proposalId, address voter);
    /// @notice `voter`'s vote on `proposalId` was already credited.
    error GovernorCreditAlreadyGiven(uint256 proposalId, address voter);
    /// @notice `voter` already has `max` credited votes in the current epoch.
    error GovernorCreditEpochCapReached(address voter, uint256 epoch, uint256 max);
    /// @notice A per-epoch cap outside [MIN_VOTE_CREDITS_PER_EPOCH, MAX_VOTE_CREDITS_PER_EPOCH].
    error GovernorCreditCapOutOfBounds(uint256 value, uint256 min, uint256 max);

    /// @param hook The contract that records credited votes (staking; CipherGovernor passes its
    /// votes source, which cannot be the zero address since construction reads its clock).
    /// @param maxCreditsPerEpoch Initial cap of credited votes per voter per 7-day epoch.
    constructor(IContributionHook hook, uint256 maxCreditsPerEpoch) {
        contributionHook = hook;
        _setMaxVoteCreditsPerEpoch(maxCreditsPerEpoch);
    }

    /// @notice Credit `voter`'s vote on `proposalId` (anyone may call, once per vote). Reverts with
    /// GovernorUnexpectedProposalState unless the vote has ended and the proposal was not
    /// canceled (Defeated, Succeeded, Queued, Expired or Executed), and with the
    /// GovernorCredit* errors when the vote is not recognised. The hook's revert bubbles up (the
    /// credit can be settled again later).
    /// @param proposalId The proposal voted on.
    /// @param voter The account that voted.
    function creditVote(uint256 proposalId, address voter) external {
        ProposalState s = state(proposalId);
        if (s == ProposalState.Pending || s == ProposalState.Active || s == ProposalState.Canceled) {
            revert GovernorUnexpectedProposalState(
                proposalId,
                s,
                _encodeStateBitmap(ProposalState.Defeated) |
                    _encodeStateBitmap(ProposalState.Succeeded) |
                    _encodeStateBitmap(ProposalState.Queued) |
                    _encodeStateBitmap(ProposalState.Expired) |
                    _encodeStateBitmap(ProposalState.Executed)
            );
        }
        if (!hasVoted(proposalId, voter)) revert GovernorCreditNoVote(proposalId, voter);
        if (_credited[proposalId][voter]) revert GovernorCreditAlreadyGiven(proposalId, voter);
        if (proposalProposer(proposalId) == voter) revert GovernorCreditOwnProposal(proposalId, voter);
        uint256 snapshot = proposalSnapshot(proposalId);
        uint256 weight = getVotes(voter, snapshot);
        if (weight == 0) revert GovernorCreditNoWeight(proposalId, voter);
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        uint256 counted = forVotes + abstainVotes;
        uint256 others = counted > weight ? counted - weight : 0;
        if (others < quorum(snapshot)) revert GovernorCreditQuorumNotReached(proposalId, voter);

        uint256 epoch = block.timestamp / CREDIT_EPOCH;
        uint256 packed = _creditEpoch[voter];
        uint256 count = (packed >> 8) == epoch ? packed & 0xff : 0;
        uint256 max = _maxVoteCreditsPerEpoch;
        if (count >= max) revert GovernorCreditEpochCapReached(voter, epoch, max);
        ++count;
        _creditEpoch[voter] = (epoch << 8) | count;
        _credited[proposalId][voter] = true;
        emit VoteCredited(proposalId, voter, epoch, count);
        contributionHook.onVoteCast(voter, proposalId);
    }

    /// @notice Whether `voter`'s vote on `proposalId` was credited.
    function voteCredited(uint256 proposalId, address voter) external view returns (bool) {
        return _credited[proposalId][voter];
    }

    /// @notice Credited votes of `voter` in the current epoch.
    function voteCreditsThisEpoch(address voter) external view returns (uint256) {
        uint256 packed = _creditEpoch[voter];
        return (packed >> 8) == block.timestamp / CREDIT_EPOCH ? packed & 0xff : 0;
    }

    /// @notice Cap of credited votes per voter per epoch.
    function maxVoteCreditsPerEpoch() public view returns (uint256) {
        return _maxVoteCreditsPerEpoch;
    }

    /// @notice Set the cap of credited votes per voter per epoch. Only governance.
    /// @param newMax Credits per voter per 7-day epoch, in [MIN_VOTE_CREDITS_PER_EPOCH, MAX_VOTE_CREDITS_PER_EPOCH].
    function setMaxVoteCreditsPerEpoch(uint256 newMax) external onlyGovernance {
        _setMaxVoteCreditsPerEpoch(newMax);
    }

    function _setMaxVoteCreditsPerEpoch(uint256 newMax) internal {
        if (newMax < MIN_VOTE_CREDITS_PER_EPOCH || newMax > MAX_VOTE_CREDITS_PER_EPOCH) {
            revert GovernorCreditCapOutOfBounds(newMax, MIN_VOTE_CREDITS_PER_EPOCH, MAX_VOTE_CREDITS_PER_EPOCH);
        }
        emit MaxVoteCreditsPerEpochSet(_maxVoteCreditsPerEpoch, newMax);
        _maxVoteCreditsPerEpoch = uint8(newMax);
    }
}
