// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IResourceMarket} from "../interfaces/IResourceMarket.sol";
import {IResourceOracleSet} from "../interfaces/IResourceVenue.sol";

/// @title ResourceRules
/// @notice Cold code of the resource market (linked library): bounds of the governed parameters
/// and the quorum count of delivery attestations.
library ResourceRules {
    uint256 internal constant BPS = 10_000;
    uint256 internal constant MAX_UNITS = 1e12;
    uint256 internal constant MAX_FEE_BPS = 1_000;
    uint256 internal constant MAX_CHANGE_BPS = 5_000;
    uint256 internal constant MIN_ATTESTATION_WINDOW = 60;
    uint256 internal constant MAX_ATTESTATION_WINDOW = 7 days;
    uint256 internal constant MIN_EXIT_DELAY = 1 hours;
    uint256 internal constant MAX_EXIT_DELAY = 60 days;
    uint256 internal constant MAX_BOND_PER_UNIT = 1e24;

    /// @notice Check every field of `p` against its bounds (ParameterOutOfBounds otherwise) and
    /// emit ParameterChanged for each field that differs from `old`.
    function checkParams(IResourceMarket.Params memory old, IResourceMarket.Params memory p) external {
        bounded("adjustmentBps", p.adjustmentBps, 0, BPS);
        bounded("maxChangeBps", p.maxChangeBps, 1, MAX_CHANGE_BPS);
        bounded("feeBps", p.feeBps, 0, MAX_FEE_BPS);
        bounded("slashBps", p.slashBps, 1, BPS);
        bounded("attestationWindow", p.attestationWindow, MIN_ATTESTATION_WINDOW, MAX_ATTESTATION_WINDOW);
        bounded("exitDelay", p.exitDelay, MIN_EXIT_DELAY, MAX_EXIT_DELAY);
        bounded("maxCapacity", p.maxCapacity, 1, MAX_UNITS);
        bounded("bondPerUnit", p.bondPerUnit, 1, MAX_BOND_PER_UNIT);
        _changed("adjustmentBps", old.adjustmentBps, p.adjustmentBps);
        _changed("maxChangeBps", old.maxChangeBps, p.maxChangeBps);
        _changed("feeBps", old.feeBps, p.feeBps);
        _changed("slashBps", old.slashBps, p.slashBps);
        _changed("attestationWindow", old.attestationWindow, p.attestationWindow);
        _changed("exitDelay", old.exitDelay, p.exitDelay);
        _changed("maxCapacity", old.maxCapacity, p.maxCapacity);
        _changed("bondPerUnit", old.bondPerUnit, p.bondPerUnit);
    }

    /// @notice Revert with ParameterOutOfBounds(name, v, lo, hi) unless lo <= v <= hi.
    function bounded(bytes32 name, uint256 v, uint256 lo, uint256 hi) internal pure {
        if (v < lo || v > hi) revert IResourceMarket.ParameterOutOfBounds(name, v, lo, hi);
    }

    function _changed(bytes32 name, uint256 oldValue, uint256 newValue) private {
        if (oldValue != newValue) emit IResourceMarket.ParameterChanged(name, oldValue, newValue);
    }

    /// @notice Count msg.sender's attestation that `provider` delivered `units` in `epoch` with
    /// `evidenceHash`. Same rules as ContributionOracle.attestScore: the quorum must be a strict
    /// majority of the current oracle set, each oracle counts once per (provider, epoch), only
    /// identical claims add up, and the oracle-set nonce in every key drops the attestations of
    /// a changed set.
    /// @return reached Whether this attestation completed the quorum.
    function countAttestation(
        mapping(bytes32 => bool) storage attested,
        mapping(bytes32 => uint256) storage attestations,
        IResourceOracleSet o,
        address provider,
        uint256 epoch,
        uint256 units,
        bytes32 evidenceHash
    ) external returns (bool reached) {
        uint256 q = o.quorum();
        uint256 oracles = o.getRoleMemberCount(o.ORACLE_ROLE());
        if (q * 2 <= oracles) revert IResourceMarket.OracleQuorumTooLow(q, oracles);
        uint256 nonce = o.oracleSetNonce();
        bytes32 oracleKey = keccak256(abi.encode(nonce, msg.sender, provider, epoch));
        if (attested[oracleKey]) revert IResourceMarket.AlreadyAttested(msg.sender, provider, epoch);
        attested[oracleKey] = true;
        uint256 count = ++attestations[keccak256(abi.encode(nonce, provider, epoch, units, evidenceHash))];
        emit IResourceMarket.DeliveryAttested(msg.sender, provider, epoch, units, evidenceHash, count);
        return count == q;
    }
}
