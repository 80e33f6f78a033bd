// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {StakingLib} from "./StakingLib.sol";

/// @title PackedVotes
/// @notice OpenZeppelin's `Votes` (IERC5805: delegation, delegateBySig, nonces, block-number
/// clock, getVotes / getPastVotes / getPastTotalSupply with OZ's errors and events) over a packed
/// checkpoint trace, so a stake does not create two fresh storage slots per block.
/// @dev Storage of one trace (an account's delegated votes, or the total supply):
/// - a head slot `VoteHead`: the latest checkpoint (block, votes), the number of older
///   checkpoints kept in the history, and (for an account) whom it delegates to. A change in the
///   head's block only rewrites the head; the account's own delegation lives in the same slot, so
///   a self-delegated staker's stake touches one vote slot of its own.
/// - a history: every older checkpoint, two per slot (128 bits each: block << 96 | votes), in
///   block order. A new block's first change moves the previous head into the history: a fresh
///   slot every second time, an update of a non-zero slot otherwise (OZ: a fresh slot every time
///   plus a length write).
/// Bounds: votes < 2^96 (CipherStaking caps the tokens held for stakes at 2^96 - 1), blocks
/// < 2^32 (SafeCast reverts beyond; ~1,600 years of 12-second blocks).
/// OZ's own private trace storage (`_delegatee`, `_delegateCheckpoints`, `_totalCheckpoints`)
/// is never written; every function that reads or writes it is overridden here except OZ's
/// internal `_checkpoints(account, pos)`, which nothing calls (do not use it: it reads OZ's
/// empty trace).
abstract contract PackedVotes is Votes {
    /// @dev Delegation kinds of an account (its head's `delegation`).
    uint8 private constant NO_DELEGATE = 0;
    uint8 private constant SELF = 1;
    uint8 private constant OTHER = 2;

    /// @dev One slot: the latest checkpoint, the history length, the account's delegation.
    struct VoteHead {
        uint96 votes; // votes at the end of block `blockNumber` (and now, if nothing changed since)
        uint32 blockNumber; // block of the latest checkpoint (0 = no checkpoint yet)
        uint32 history; // checkpoints before the latest one, stored in the history
        uint8 delegation; // NO_DELEGATE, SELF, or OTHER (then `_otherDelegate` holds it)
    }

    mapping(address account => VoteHead) private _voteHeads;
    mapping(address account => address) private _otherDelegate;
    mapping(address account => mapping(uint256 pairIndex => uint256)) private _voteHistory;
    VoteHead private _totalHead;
    mapping(uint256 pairIndex => uint256) private _totalHistory;

    /// @inheritdoc Votes
    function getVotes(address account) public view override returns (uint256) {
        return _voteHeads[account].votes;
    }

    /// @inheritdoc Votes
    /// @dev The head answers any timepoint at or after its block (the usual case: a snapshot
    /// after the voter's last stake); older timepoints search the history (StakingLib).
    function getPastVotes(address account, uint256 timepoint) public view override returns (uint256) {
        return _lookup(_voteHeads[account], _voteHistory[account], _validateTimepoint(timepoint));
    }

    /// @inheritdoc Votes
    function getPastTotalSupply(uint256 timepoint) public view override returns (uint256) {
        return _lookup(_totalHead, _totalHistory, _validateTimepoint(timepoint));
    }

    /// @inheritdoc Votes
    function delegates(address account) public view override returns (address) {
        uint256 kind = _voteHeads[account].delegation;
        if (kind == SELF) return account;
        if (kind == OTHER) return _otherDelegate[account];
        return address(0);
    }

    /// @notice Number of checkpoints of `account`'s delegated votes (history plus head).
    function numCheckpoints(address account) external view returns (uint256) {
        return _numCheckpoints(account);
    }

    /// @inheritdoc Votes
    function _numCheckpoints(address account) internal view override returns (uint32) {
        VoteHead memory h = _voteHeads[account];
        return h.blockNumber == 0 ? 0 : h.history + 1;
    }

    /// @inheritdoc Votes
    function _getTotalSupply() internal view override returns (uint256) {
        return _totalHead.votes;
    }

    /// @dev Same events and vote moves as OZ's `_delegate`; the delegation is stored in the
    /// account's head slot (self) or beside it (another delegate).
    function _delegate(address account, address delegatee) internal override {
        address oldDelegate = delegates(account);
        VoteHead storage h = _voteHeads[account];
        if (delegatee == address(0)) {
            h.delegation = NO_DELEGATE;
        } else if (delegatee == account) {
            h.delegation = SELF;
        } else {
            h.delegation = OTHER;
            _otherDelegate[account] = delegatee;
        }
        emit DelegateChanged(account, oldDelegate, delegatee);
        _moveDelegateVotes(oldDelegate, delegatee, _getVotingUnits(account));
    }

    /// @dev As OZ: mints (`from` zero) and burns (`to` zero) move the total supply trace, then
    /// the votes move between the delegates. The zero address never delegates (not read).
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        if (from == address(0)) _push(_totalHead, _totalHistory, _totalHead.votes + amount);
        if (to == address(0)) _push(_totalHead, _totalHistory, _totalHead.votes - amount);
        _moveDelegateVotes(
            from == address(0) ? address(0) : delegates(from),
            to == address(0) ? address(0) : delegates(to),
            amount
        );
    }

    /// @dev As OZ's, on the packed traces; emits DelegateVotesChanged for each side.
    function _moveDelegateVotes(address from, address to, uint256 amount) internal override {
        if (from == to || amount == 0) return;
        if (from != address(0)) {
            VoteHead storage h = _voteHeads[from];
            uint256 old = h.votes;
            _push(h, _voteHistory[from], old - amount);
            emit DelegateVotesChanged(from, old, old - amount);
        }
        if (to != address(0)) {
            VoteHead storage h = _voteHeads[to];
            uint256 old = h.votes;
            _push(h, _voteHistory[to], old + amount);
            emit DelegateVotesChanged(to, old, old + amount);
        }
    }

    /// @dev Record `votes` as the value at the end of the current block: rewrite the head if it
    /// is this block's, else move the head into the history first. The head is read once and
    /// written with one SSTORE of its packed word (votes 0-95 | blockNumber 96-127 | history
    /// 128-159 | delegation 160-167): field-by-field writes read and masked the slot once per field
    /// (issue 14: ~400 gas per push, two pushes per stake).
    function _push(VoteHead storage h, mapping(uint256 => uint256) storage history, uint256 votes) private {
        uint256 nowBlock = SafeCast.toUint32(clock());
        VoteHead memory head = h;
        uint256 last = head.blockNumber;
        uint256 n = head.history;
        if (last != nowBlock) {
            if (last != 0) {
                uint256 rec = (last << 96) | head.votes;
                if (n & 1 == 0) history[n >> 1] = rec;
                else history[n >> 1] |= rec << 128;
                ++n; // < 2^32: one checkpoint per block, block numbers < 2^32 (toUint32 above)
            }
            last = nowBlock;
        }
        uint256 word = SafeCast.toUint96(votes) | (last << 96) | (n << 128) | (uint256(head.delegation) << 160);
        assembly ("memory-safe") {
            sstore(h.slot, word)
        }
    }

    /// @dev Value of a trace at the end of block `t` (< now).
    function _lookup(VoteHead storage h, mapping(uint256 => uint256) storage history, uint256 t)
        private
        view
        returns (uint256)
    {
        VoteHead memory head = h;
        if (t >= head.blockNumber) return head.votes;
        if (head.history == 0) return 0;
        return StakingLib.pastVotes(history, head.history, t);
    }
}
