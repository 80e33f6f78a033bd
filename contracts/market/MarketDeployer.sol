// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBondingCurveMarket} from "../interfaces/IBondingCurveMarket.sol";
import {BondingCurveMarket} from "./BondingCurveMarket.sol";

/// @title MarketDeployer
/// @notice Deploys the bonding-curve market at an address known before the token exists, so the
/// token can hold its market as an immutable (issue 14: no storage read of the minter on every
/// buy and sell). The market is this contract's first CREATE (nonce 1), so its address,
/// `predictedMarket`, depends only on this contract's address.
/// @dev Order: deploy this, read `predictedMarket`, deploy the token with it (and everything the
/// market needs), then `deploy(params)`. Only the account that deployed this contract may call
/// `deploy`, once, and only for a token bound to `predictedMarket`: otherwise anyone could place a
/// market of their own (their admin, their curve) at the address the token trusts.
contract MarketDeployer {
    /// @notice `caller` is not the account that deployed this contract.
    error MarketDeployerUnauthorized(address caller);
    /// @notice The market was already deployed at `market`.
    error MarketAlreadyDeployed(address market);
    /// @notice `token` is bound to `tokenMarket`, not to the market this contract deploys.
    error MarketTokenMismatch(address token, address tokenMarket);

    /// @notice The market was deployed at `market` for `token`.
    event MarketDeployed(address indexed market, address indexed token);

    /// @notice The only account allowed to call `deploy`.
    address public immutable deployer;
    /// @notice Where `deploy` puts the market: CREATE address of this contract at nonce 1.
    address public immutable predictedMarket;

    constructor() {
        deployer = msg.sender;
        // RLP([address(this), 1]) = 0xd6 0x94 <20-byte address> 0x01
        bytes32 h = keccak256(abi.encodePacked(bytes2(0xd694), address(this), bytes1(0x01)));
        predictedMarket = address(uint160(uint256(h)));
    }

    /// @notice Deploy the market with `p` at `predictedMarket`. Deployer only, once.
    /// @param p The market's constructor parameters; `p.token.market()` must be `predictedMarket`.
    /// @return market The deployed market (== predictedMarket).
    function deploy(IBondingCurveMarket.InitParams calldata p) external returns (address market) {
        if (msg.sender != deployer) revert MarketDeployerUnauthorized(msg.sender);
        if (predictedMarket.code.length != 0) revert MarketAlreadyDeployed(predictedMarket);
        address bound = p.token.market();
        if (bound != predictedMarket) revert MarketTokenMismatch(address(p.token), bound);
        market = address(new BondingCurveMarket(p));
        emit MarketDeployed(market, address(p.token));
    }
}
