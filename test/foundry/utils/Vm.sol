// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The subset of forge's cheatcodes our fuzz and invariant suites use. We keep our own
/// instead of forge-std because no current forge-std is on the npm registry (offline machine).
interface Vm {
    function warp(uint256) external;
    function roll(uint256) external;
    function deal(address, uint256) external;
    function prank(address) external;
    function startPrank(address) external;
    function stopPrank() external;
    function expectRevert(bytes calldata) external;
    function expectRevert(bytes4) external;
    function expectRevert() external;
    function assume(bool) external pure;
    function label(address, string calldata) external;
    function addr(uint256) external pure returns (address);
}
