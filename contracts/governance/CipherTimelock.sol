// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title CipherTimelock
/// @notice OpenZeppelin's TimelockController with its one governed parameter, the minimum delay,
/// bounded by constants (SPEC: every governed parameter is bounded). Nothing else changes.
/// @dev Deploy with `admin = address(0)`: the timelock then administers itself and no externally
/// owned account ever holds TIMELOCK_ADMIN_ROLE (DEFAULT_ADMIN_ROLE).
contract CipherTimelock is TimelockController {
    /// @notice Shortest minimum delay (seconds).
    uint256 public constant MIN_DELAY_FLOOR = 1 minutes;
    /// @notice Longest minimum delay (seconds).
    uint256 public constant MAX_DELAY_CEILING = 30 days;

    /// @notice The minimum delay is outside [MIN_DELAY_FLOOR, MAX_DELAY_CEILING].
    error TimelockDelayOutOfBounds(uint256 delay, uint256 min, uint256 max);

    /// @param minDelay Initial minimum delay in seconds, within the bounds.
    /// @param proposers Accounts granted PROPOSER_ROLE and CANCELLER_ROLE (the Governor).
    /// @param executors Accounts granted EXECUTOR_ROLE; [address(0)] lets anyone execute.
    /// @param admin Optional bootstrap admin; pass address(0) so no EOA ever administers.
    constructor(
        uint256 minDelay,
        address[] memory proposers,
        address[] memory executors,
        address admin
    ) TimelockController(minDelay, proposers, executors, admin) {
        _checkDelay(minDelay);
    }

    /// @notice Change the minimum delay. Only the timelock itself (a passed proposal).
    function updateDelay(uint256 newDelay) public override {
        super.updateDelay(newDelay); // checks the caller first
        _checkDelay(newDelay);
    }

    function _checkDelay(uint256 delay) private pure {
        if (delay < MIN_DELAY_FLOOR || delay > MAX_DELAY_CEILING) {
            revert TimelockDelayOutOfBounds(delay, MIN_DELAY_FLOOR, MAX_DELAY_CEILING);
        }
    }
}
