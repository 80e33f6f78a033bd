// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherStaking} from "./ICipherStaking.sol";

/// @title ParameterRules
/// @notice CipherStaking's governed numeric parameters and their constant bounds (see
/// CipherStaking.setParameter). Compiled into StakingLib (linked).
library ParameterRules {
    uint256 internal constant MIN_UNBONDING_DELAY = 1 days;
    uint256 internal constant MAX_UNBONDING_DELAY = 60 days;
    uint256 internal constant MIN_REWARDS_DURATION = 1 days;
    uint256 internal constant MAX_REWARDS_DURATION = 30 days;
    uint256 internal constant MAX_CONTRIBUTION_BOOST_BPS = 5_000; // multiplier <= 1.5x
    uint256 internal constant MAX_VOTE_BOOST_BPS = 2_500;
    uint256 internal constant MIN_DECAY_PERIOD = 1 days;
    uint256 internal constant MAX_DECAY_PERIOD = 365 days;

    /// @notice Set governed parameter `name` (see CipherStaking.setParameter for names and bounds).
    function setParameter(
        ICipherStaking.Config storage config,
        ICipherStaking.ContributionParams storage cp,
        bytes32 name,
        uint256 value
    ) internal {
        uint256 old;
        if (name == "unbondingDelay") {
            _checkBounds(name, value, MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY);
            old = config.unbondingDelay;
            config.unbondingDelay = uint32(value);
        } else if (name == "rewardsDuration") {
            _checkBounds(name, value, MIN_REWARDS_DURATION, MAX_REWARDS_DURATION);
            old = config.rewardsDuration;
            config.rewardsDuration = uint32(value);
        } else if (name == "maxBoostBps") {
            _checkBounds(name, value, 0, MAX_CONTRIBUTION_BOOST_BPS);
            old = cp.maxBoostBps;
            cp.maxBoostBps = uint16(value);
        } else if (name == "voteBoostBps") {
            _checkBounds(name, value, 0, MAX_VOTE_BOOST_BPS);
            old = cp.voteBoostBps;
            cp.voteBoostBps = uint16(value);
        } else if (name == "decayPeriod") {
            _checkBounds(name, value, MIN_DECAY_PERIOD, MAX_DECAY_PERIOD);
            old = cp.decayPeriod;
            cp.decayPeriod = uint32(value);
        } else {
            revert ICipherStaking.UnknownParameter(name);
        }
        emit ICipherStaking.ParameterChanged(name, old, value);
    }

    function _checkBounds(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ICipherStaking.ParameterOutOfBounds(name, value, min, max);
    }
}
