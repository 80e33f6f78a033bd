// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";
import {ICipherTokenErrors} from "../interfaces/ICipherTokenErrors.sol";

/// @title CipherToken
/// @notice ERC20 + ERC20Permit whose supply moves only through its bonding-curve market:
/// minted when bought, burned when sold. Any holder may burn its own tokens.
/// @dev The market is an immutable given at construction (issue 14: a storage `market` cost every
/// buy and sell a cold SLOAD, 2,100 gas). Token and market reference each other, so the token is
/// deployed with the market's address computed in advance: the deployment uses `MarketDeployer`,
/// whose first CREATE (nonce 1) is the market and whose `predictedMarket()` is that address; tests
/// precompute the deployer account's CREATE address. Nobody can change the market afterwards.
contract CipherToken is ERC20, ERC20Permit, ICipherToken, ICipherTokenErrors {
    /// @inheritdoc ICipherToken
    address public immutable market;

    /// @param name_ ERC20 name (also the EIP-712 domain name).
    /// @param symbol_ ERC20 symbol.
    /// @param market_ The bonding-curve market, the only minter (its address before it exists).
    constructor(string memory name_, string memory symbol_, address market_) ERC20(name_, symbol_) ERC20Permit(name_) {
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
