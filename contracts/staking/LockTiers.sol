// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingStorage} from "./StakingStorage.sol";

/// @title LockTiers
/// @notice Governed lock tiers (duration -> reward multiplier) and the unbonding delay.
/// @dev A stake snapshots its tier's duration and multiplier when it is made, so changing the
/// tiers never changes an existing stake's unlock time or weight.
abstract contract LockTiers is StakingStorage {
    uint256 public constant MAX_TIERS = 8;
    uint256 public constant MAX_LOCK_DURATION = 730 days;
    uint256 public constant MIN_LOCK_MULTIPLIER_BPS = 10_000; // 1x
    uint256 public constant MAX_LOCK_MULTIPLIER_BPS = 30_000; // 3x
    uint256 public constant MIN_UNBONDING_DELAY = 1 days;
    uint256 public constant MAX_UNBONDING_DELAY = 60 days;

    Tier[] internal _tiers;
    /// @notice Seconds between requesting unbonding (after the lock ends) and withdrawal.
    uint256 public unbondingDelay;

    constructor() {
        Tier[] memory t = new Tier[](5);
        t[0] = Tier(0, 10_000);
        t[1] = Tier(30 days, 12_500);
        t[2] = Tier(90 days, 15_000);
        t[3] = Tier(180 days, 20_000);
        t[4] = Tier(365 days, 30_000);
        _setTiers(t);
        unbondingDelay = 7 days;
    }

    /// @notice The current lock tiers, by index.
    function tiers() external view returns (Tier[] memory) {
        return _tiers;
    }

    /// @notice Replace the lock tiers. Only governance.
    /// @dev Durations strictly increase and multipliers never decrease with the index, so a
    /// longer lock never weighs less; existing stakes keep their snapshot.
    function setTiers(Tier[] calldata newTiers) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTiers(newTiers);
    }

    /// @notice Set the unbonding delay (bounded). Only governance. Applies to later requests.
    function setUnbondingDelay(uint256 newDelay) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _checkBounds("unbondingDelay", newDelay, MIN_UNBONDING_DELAY, MAX_UNBONDING_DELAY);
        emit ParameterChanged("unbondingDelay", unbondingDelay, newDelay);
        unbondingDelay = newDelay;
    }

    function _setTiers(Tier[] memory newTiers) internal {
        uint256 n = newTiers.length;
        if (n == 0 || n > MAX_TIERS) revert InvalidTier(n, 0, 0);
        for (uint256 i; i < n; ++i) {
            Tier memory t = newTiers[i];
            bool bad = t.duration > MAX_LOCK_DURATION ||
                t.multiplierBps < MIN_LOCK_MULTIPLIER_BPS ||
                t.multiplierBps > MAX_LOCK_MULTIPLIER_BPS;
            if (i > 0) {
                bad = bad || t.duration <= newTiers[i - 1].duration || t.multiplierBps < newTiers[i - 1].multiplierBps;
            }
            if (bad) revert InvalidTier(i, t.duration, t.multiplierBps);
        }
        Tier[] memory old = _tiers;
        delete _tiers;
        for (uint256 i; i < n; ++i) _tiers.push(newTiers[i]);
        emit TiersChanged(old, newTiers);
    }
}
