// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IContributionOracle
/// @notice Errors and events of the contribution oracle (quorum of attested epoch scores).
interface IContributionOracle {
    /// @notice An address that must be set was zero.
    error ZeroAddress();
    /// @notice A governed numeric parameter `name` outside its constant bounds [min, max].
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);
    /// @notice `score` is above the maximum `max`.
    error InvalidScore(uint256 score, uint256 max);
    /// @notice An evidence hash was zero.
    error MissingEvidence();
    /// @notice `epoch` has not finished yet (the current epoch is `current`).
    error EpochNotFinished(uint256 epoch, uint256 current);
    /// @notice `account` already has a score accepted for `epoch` or a later one (`lastAccepted`).
    error EpochAlreadyAccepted(address account, uint256 epoch, uint256 lastAccepted);
    /// @notice `oracle` has already attested for `account` in `epoch` under this oracle set.
    error AlreadyAttested(address oracle, address account, uint256 epoch);
    /// @notice The one-shot setter was called by `caller`, not the deployer, or twice.
    error InitUnauthorized(address caller);
    /// @notice The staking contract is not wired yet.
    error StakingNotSet();
    /// @notice The quorum `quorum` is not a strict majority of the `oracles` oracles.
    error OracleQuorumTooLow(uint256 quorum, uint256 oracles);

    /// @notice The staking contract was wired at deployment.
    event StakingSet(address staking);
    /// @notice `oracle` attested `score` for `account` in `epoch` with `evidenceHash`;
    /// `count` matching attestations so far.
    event ScoreAttested(
        address indexed oracle,
        address indexed account,
        uint256 indexed epoch,
        uint256 score,
        bytes32 evidenceHash,
        uint256 count
    );
    /// @notice A quorum accepted `score` for `account` in `epoch`; the boost rose by `incrementBps`.
    event ScoreAccepted(
        address indexed account,
        uint256 indexed epoch,
        uint256 score,
        bytes32 evidenceHash,
        uint256 incrementBps
    );
    /// @notice The oracle set changed; attestations made under earlier sets no longer count.
    event OracleSetChanged(uint256 nonce);
    /// @notice Venue `venue` reported `account`'s delivery score; the boost rose by `incrementBps`.
    event VenueScoreAccepted(
        address indexed venue, address indexed account, uint256 score, bytes32 evidenceHash, uint256 incrementBps
    );
    /// @notice A governed numeric parameter changed.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
}
