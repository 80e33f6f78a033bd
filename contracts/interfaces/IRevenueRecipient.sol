// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Buckets of the revenue split (SPEC §1.3). Their order is part of the ABI.
library RevenueBuckets {
    uint8 internal constant STAKERS = 0;
    uint8 internal constant WELFARE = 1;
    uint8 internal constant SOLIDARITY = 2;
    uint8 internal constant DEVELOPMENT = 3;
    uint8 internal constant BURN = 4;
    uint8 internal constant COUNT = 5;
}

/// @title IRevenueRecipient
/// @notice A contract that takes protocol revenue: the staking contract (stakers' share) and the
/// treasury (welfare, solidarity and development funds; slashed stake).
interface IRevenueRecipient {
    /// @notice Take `amount` of `asset` (address(0) = native ETH, sent as msg.value; an ERC20 is
    /// pulled from msg.sender with transferFrom) for `bucket` (see RevenueBuckets).
    function receiveRevenue(address asset, uint256 amount, uint8 bucket) external payable;
}
