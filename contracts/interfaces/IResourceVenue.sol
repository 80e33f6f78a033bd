// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IResourceOracleSet
/// @notice What a resource market reads from the contribution oracle (ContributionOracle): the
/// oracle set, its quorum and nonce, and the venue hook that turns an accepted delivery into
/// contribution.
interface IResourceOracleSet {
    function ORACLE_ROLE() external view returns (bytes32);
    function hasRole(bytes32 role, address account) external view returns (bool);
    function getRoleMemberCount(bytes32 role) external view returns (uint256);
    function quorum() external view returns (uint256);
    function oracleSetNonce() external view returns (uint256);
    /// @notice Raise `account`'s contribution by a delivery score (0..10_000). Only VENUE_ROLE.
    function addVenueScore(address account, uint256 score, bytes32 evidenceHash)
        external
        returns (uint256 incrementBps);
}

/// @title IResourceSlashingView
/// @notice What a resource market reads from the staking Slashing module: who may propose
/// slashes, the dispute window, and where slashed tokens go.
interface IResourceSlashingView {
    function SLASHER_ROLE() external view returns (bytes32);
    function hasRole(bytes32 role, address account) external view returns (bool);
    function disputeWindow() external view returns (uint32);
    function treasury() external view returns (address);
    function burnSlashed() external view returns (bool);
}
