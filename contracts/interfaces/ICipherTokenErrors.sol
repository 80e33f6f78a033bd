// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICipherTokenErrors
/// @notice Errors and events of the Cipher token beyond ICipherToken (which is frozen).
interface ICipherTokenErrors {
    /// @notice `caller` is not the account allowed to do this (the market, or the deployer).
    error CipherTokenUnauthorized(address caller);
    /// @notice The market was already set to `market`; it can be set once only.
    error CipherTokenMarketAlreadySet(address market);
    /// @notice The market address given is zero.
    error CipherTokenZeroMarket();

    /// @notice The deployer bound the token to its market (one-shot).
    event MarketSet(address indexed market);
}
