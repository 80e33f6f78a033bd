// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IBondingCurveMarket} from "../../interfaces/IBondingCurveMarket.sol";

interface IStakeFor {
    function stake(uint256 amount, uint256 tier) external returns (uint256 stakeId);
}

/// @notice Test attacker: in ONE transaction (what a flash loan allows) buys on the market with the
/// ETH it is sent, stakes everything, then proposes or votes. Shows that same-transaction stake
/// carries no votes: the governor reads votes at a past block.
contract FlashVoter {
    IBondingCurveMarket private immutable _market;
    IERC20 private immutable _token;
    IStakeFor private immutable _staking;
    IGovernor private immutable _governor;

    constructor(IBondingCurveMarket market_, IERC20 token_, IStakeFor staking_, IGovernor governor_) {
        _market = market_;
        _token = token_;
        _staking = staking_;
        _governor = governor_;
    }

    /// @notice Buy with msg.value, stake all, propose `calldatas` on `targets`.
    function buyStakePropose(address[] calldata targets, bytes[] calldata calldatas, string calldata description)
        external
        payable
        returns (uint256 proposalId)
    {
        _buyAndStake();
        uint256[] memory values = new uint256[](targets.length);
        return _governor.propose(targets, values, calldatas, description);
    }

    /// @notice Buy with msg.value, stake all, vote for `proposalId`; returns the weight counted.
    function buyStakeVote(uint256 proposalId) external payable returns (uint256 weight) {
        _buyAndStake();
        return _governor.castVote(proposalId, 1);
    }

    function _buyAndStake() private {
        uint256 bought = _market.buy{value: msg.value}(msg.value, 0, address(0), block.timestamp);
        _token.approve(address(_staking), bought);
        _staking.stake(bought, 0);
    }
}
