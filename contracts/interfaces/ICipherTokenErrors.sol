// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICipherTokenErrors
/// @notice Errors and events of the Cipher token beyond ICipherToken (which is frozen).
interface ICipherTokenErrors {
    /// @notice `caller` is not the market (the only account that may mint or burn from others).
    error CipherTokenUnauthorized(address caller);
    /// @notice The market address given to the constructor is zero.
    error CipherTokenZeroMarket();

    /// @notice The token was bound to its market at construction (once, immutable).
    event MarketSet(address indexed market);
}
