// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICurve
/// @notice One bonding-curve shape: price as a function of supply, its exact integral
/// and the integral's inverse. Supplies and token amounts are in token-wei (1e18 = one
/// whole token); prices are reserve-wei per whole token; reserve amounts are reserve-wei.
/// @dev Rounding contract every implementation keeps (the market's solvency proof rests on it):
/// - `reserveFor(S)` is one deterministic, non-decreasing function of S, rounded down.
/// - `buyCost(S, d)   >= reserveFor(S + d) - reserveFor(S)` (rounded against the buyer).
/// - `sellRefund(S, d) <= reserveFor(S) - reserveFor(S - d)` (rounded against the seller).
/// - `tokensForReserve(S, r)` is the largest `d` it can prove satisfies `buyCost(S, d) <= r`.
/// With these, a reserve that starts at 0 and only moves by buy costs and sell refunds always
/// covers `reserveFor(totalSupply)`, the refund for selling the whole supply.
interface ICurve {
    /// @notice `supply` is above the curve's cap (the exponent would leave expWad's domain).
    error CurveSupplyCapExceeded(uint256 supply, uint256 cap);
    /// @notice Only the market that owns this curve may change its parameters.
    error CurveUnauthorized(address caller);
    /// @notice Parameter `index` has a value outside the curve's constant bounds.
    error CurveInvalidParameter(uint256 index, uint256 value);
    /// @notice Wrong number of parameters for this curve shape.
    error CurveInvalidParameterCount(uint256 given, uint256 expected);
    /// @notice A sell of more tokens than the supply.
    error CurveAmountExceedsSupply(uint256 amount, uint256 supply);

    /// @notice Emitted when the market changes the curve's parameters.
    event CurveParametersUpdated(uint256[] oldParameters, uint256[] newParameters);

    /// @notice Short name of the shape: "linear", "exponential" or "sigmoid".
    function kind() external pure returns (string memory);

    /// @notice The market allowed to call `setParameters`.
    function market() external view returns (address);

    /// @notice Spot price P(S), reserve-wei per whole token.
    function spotPrice(uint256 supply) external view returns (uint256);

    /// @notice Integral of P from 0 to `supply` in reserve-wei, rounded down.
    function reserveFor(uint256 supply) external view returns (uint256);

    /// @notice Reserve a buyer pays to mint `amount` tokens at `supply`, rounded up.
    function buyCost(uint256 supply, uint256 amount) external view returns (uint256);

    /// @notice Reserve returned for burning `amount` tokens at `supply`, rounded down.
    function sellRefund(uint256 supply, uint256 amount) external view returns (uint256);

    /// @notice Tokens that `reserveIn` buys at `supply`, rounded down (exact inverse of the integral).
    function tokensForReserve(uint256 supply, uint256 reserveIn) external view returns (uint256);

    /// @notice Largest supply the curve prices with its current parameters.
    function maxSupply() external view returns (uint256);

    /// @notice Current parameters, in the order and units the implementation documents.
    function parameters() external view returns (uint256[] memory);

    /// @notice Replace the parameters. Only the market; bounds are checked here, step size and
    /// solvency by the market.
    function setParameters(uint256[] calldata newParameters) external;
}
