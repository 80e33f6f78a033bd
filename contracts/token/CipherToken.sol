// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";
import {ICipherTokenErrors} from "../interfaces/ICipherTokenErrors.sol";

/// @title CipherToken
/// @notice ERC20 + ERC20Permit whose supply moves only through its bonding-curve market:
/// minted when bought, burned when sold. Any holder may burn its own tokens.
/// @dev The market address is set once by the deployer (token and market reference each other).
/// It is not an admin role: the deployer's power is consumed by the single `setMarket` call.
contract CipherToken is ERC20, ERC20Permit, ICipherToken, ICipherTokenErrors {
    /// @notice The account that deployed the token and may bind it to its market once.
    address public immutable deployer;

    /// @inheritdoc ICipherToken
    address public market;

    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) ERC20Permit(name_) {
        deployer = msg.sender;
    }

    /// @notice Bind the token to its market. Only the deployer, only once.
    /// @param market_ The bonding-curve market, the only minter.
    function setMarket(address market_) external {
        if (msg.sender != deployer) revert CipherTokenUnauthorized(msg.sender);
        if (market != address(0)) revert CipherTokenMarketAlreadySet(market);
        if (market_ == address(0)) revert CipherTokenZeroMarket();
        market = market_;
        emit MarketSet(market_);
    }

    /// @inheritdoc ICipherToken
    /// @dev The market only calls this after the buyer's reserve has been accounted, so no token
    /// exists without its reserve.
    function mint(address to, uint256 amount) external {
        if (msg.sender != market) revert CipherTokenUnauthorized(msg.sender);
        _mint(to, amount);
    }

    /// @inheritdoc ICipherToken
    /// @dev No allowance: the market burns only the tokens of the account selling (msg.sender of
    /// its `sell`), which is the seller's own consent.
    function burnFrom(address from, uint256 amount) external {
        if (msg.sender != market) revert CipherTokenUnauthorized(msg.sender);
        _burn(from, amount);
    }

    /// @inheritdoc ICipherToken
    /// @dev Burning without a refund only raises the reserve's cover of the remaining supply.
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }
}
