// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICipherToken
/// @notice The Cipher token: supply moves only through its market (mint on buy, burn on sell).
/// Holders may burn their own tokens (buy-back-and-burn, burned slashes): burning without a
/// refund only raises the reserve's cover, it can never make the market insolvent.
interface ICipherToken is IERC20 {
    /// @notice Mint `amount` to `to`. Only the market, only against paid reserve.
    function mint(address to, uint256 amount) external;
    /// @notice Burn `amount` from `from`. Only the market, when `from` sells.
    function burnFrom(address from, uint256 amount) external;
    /// @notice Burn `amount` of the caller's own tokens.
    function burn(uint256 amount) external;
    /// @notice The market, the only minter.
    function market() external view returns (address);
}
