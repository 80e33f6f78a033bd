// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";

/// @notice A minimal governed contract for governance-cycle tests: one bounded parameter whose
/// admin is the timelock, set the way every Cipher setter is (bounded, emits old and new).
contract GovernedParameterMock is AccessControlEnumerable {
    uint256 public constant MAX_FEE_BPS = 1_000;

    error FeeTooHigh(uint256 feeBps, uint256 max);

    event FeeUpdated(uint256 oldFeeBps, uint256 newFeeBps);

    uint256 public feeBps = 30;

    constructor(address admin) {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    function setFee(uint256 newFeeBps) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (newFeeBps > MAX_FEE_BPS) revert FeeTooHigh(newFeeBps, MAX_FEE_BPS);
        emit FeeUpdated(feeBps, newFeeBps);
        feeBps = newFeeBps;
    }
}
