// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ICurveAdmin
/// @notice The one-shot wiring of a curve to its market, consumed during deployment.
/// @dev Curve and market reference each other, so the curve is deployed first and told its
/// market once. This is not an admin role: after `setMarket` nobody but the market can change
/// the curve, and the market only does so under governance.
interface ICurveAdmin {
    /// @notice `setMarket` was called after the market was already set.
    error CurveMarketAlreadySet(address market);
    /// @notice `setMarket` was called with the zero address.
    error CurveMarketZeroAddress();
    /// @notice `setMarket` was called by someone other than the deployer.
    error CurveNotDeployer(address caller, address deployer);

    /// @notice Emitted once, when the deployer wires the curve to its market.
    event CurveMarketSet(address indexed market);

    /// @notice The account that deployed the curve; the only one allowed to call `setMarket`.
    function deployer() external view returns (address);

    /// @notice Wire the curve to its market. Callable once, by the deployer, with a non-zero address.
    function setMarket(address market_) external;
}
