// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title VoteTrace
/// @notice Lookups in PackedVotes' checkpoint history (two 128-bit records per slot). Compiled
/// into StakingLib (linked): only a lookup older than an account's latest checkpoint needs it.
library VoteTrace {
    /// @notice Votes at the end of block `t` from a packed checkpoint history (PackedVotes: `n`
    /// records of 128 bits, block << 96 | votes, two per slot, blocks ascending): the last record
    /// at or before `t`, or 0 if every record is later. The most recent record is checked first
    /// (the usual case), then a binary search (O(log n) slot reads).
    function pastVotes(mapping(uint256 pairIndex => uint256) storage history, uint256 n, uint256 t)
        internal
        view
        returns (uint256)
    {
        uint256 rec = _record(history, n - 1);
        if (rec >> 96 <= t) return rec & type(uint96).max;
        uint256 lo;
        uint256 hi = n - 1; // first record with block > t is in [lo, hi]
        while (lo < hi) {
            uint256 mid = (lo + hi) >> 1;
            if (_record(history, mid) >> 96 > t) hi = mid;
            else lo = mid + 1;
        }
        return lo == 0 ? 0 : _record(history, lo - 1) & type(uint96).max;
    }

    function _record(mapping(uint256 pairIndex => uint256) storage history, uint256 i) private view returns (uint256) {
        uint256 pair = history[i >> 1];
        return i & 1 == 0 ? pair & type(uint128).max : pair >> 128;
    }
}
