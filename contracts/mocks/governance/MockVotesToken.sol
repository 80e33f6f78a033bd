// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IContributionHook} from "../../interfaces/IContributionHook.sol";

/// @notice Test stand-in for the staking contract: an IERC5805 votes source (ERC20Votes,
/// block-number clock) that is also the IContributionHook the Governor calls when it credits a vote
/// (GovernorContributionCredit.creditVote). Like staking, it
/// accepts the hook only from its registered governor. `mode` (immutable, so it costs the hook
/// nothing to read) makes the hook succeed, revert, or burn all the gas it is given.
contract MockVotesToken is ERC20, ERC20Permit, ERC20Votes, IContributionHook {
    uint8 public constant MODE_RECORD = 0;
    uint8 public constant MODE_REVERT = 1;
    uint8 public constant MODE_GAS_BURN = 2;

    error MockHookUnauthorized(address caller);
    error MockHookRefused(address voter);

    event VoteRecorded(address indexed voter, uint256 indexed proposalId, uint256 votesCast);

    uint8 public immutable mode;
    address public governor;
    mapping(address voter => uint256) public votesCast;

    constructor(uint8 mode_) ERC20("Mock Staked Cipher", "msCPH") ERC20Permit("Mock Staked Cipher") {
        mode = mode_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setGovernor(address governor_) external {
        governor = governor_;
    }

    /// @dev Representative of staking's cost: one cold SLOAD (governor check), one counter write,
    /// one event.
    function onVoteCast(address voter, uint256 proposalId) external {
        if (msg.sender != governor) revert MockHookUnauthorized(msg.sender);
        if (mode == MODE_REVERT) revert MockHookRefused(voter);
        if (mode == MODE_GAS_BURN) {
            while (true) {} // solhint-disable-line no-empty-blocks
        }
        uint256 n = ++votesCast[voter];
        emit VoteRecorded(voter, proposalId, n);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
