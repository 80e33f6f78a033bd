// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StakingLib} from "./StakingLib.sol";
import {StakingStorage} from "./StakingStorage.sol";

/// @title LockTiers
/// @notice Governed lock tiers (duration -> reward multiplier) and the unbonding delay.
/// @dev A stake snapshots its tier's duration and multiplier when it is made, so changing the
/// tiers never changes an existing stake's unlock time or weight.
abstract contract LockTiers is StakingStorage {

    uint256 internal constant MAX_TIERS = 8;

    /// @notice Lock tier by index: (duration in seconds, multiplier in bps); indices at or past
    /// `tierCount()` are unset. Stakes name a tier by its index.
    Tier[MAX_TIERS] public tiers;

    constructor() {
        _setTier(0, 0, 10_000);
        _setTier(1, 30 days, 12_500);
        _setTier(2, 90 days, 15_000);
        _setTier(3, 180 days, 20_000);
        _setTier(4, 365 days, 30_000);
        _config.unbondingDelay = 7 days;
    }

    /// @notice Number of lock tiers.
    function tierCount() external view returns (uint256) {
        return _config.tierCount;
    }

    /// @notice Seconds between requesting unbonding (after the lock ends) and withdrawal.
    function unbondingDelay() public view returns (uint256) {
        return _config.unbondingDelay;
    }

    /// @notice Set lock tier `index` to (`duration`, `multiplierBps`); `index` equal to the number of tiers
    /// appends a tier. Only governance.
    /// @dev Durations must strictly increase and multipliers never decrease with the index (checked
    /// against both neighbours), so a longer lock never weighs less. Existing stakes keep their
    /// snapshot of duration and multiplier.
    function setTier(uint256 index, uint256 duration, uint256 multiplierBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTier(index, duration, multiplierBps);
    }

    function _setTier(uint256 index, uint256 d, uint256 m) internal {
        _config.tierCount = uint8(StakingLib.setTier(tiers, _config.tierCount, index, d, m));
    }
}
