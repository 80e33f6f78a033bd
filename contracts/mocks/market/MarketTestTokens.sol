// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IBondingCurveMarket} from "../../interfaces/IBondingCurveMarket.sol";

/// @notice Plain mintable ERC20 used as a reserve asset in tests.
contract MockReserveToken is ERC20 {
    constructor() ERC20("Mock Reserve", "MRES") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice Malicious reserve ERC20: on every transfer/transferFrom it tries to re-enter the market
/// and records whether the re-entry succeeded.
contract ReentrantReserveToken is ERC20 {
    IBondingCurveMarket public target;
    bool public attack;
    bool public reentered;
    bytes public lastRevert;

    constructor() ERC20("Evil Reserve", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(IBondingCurveMarket target_) external {
        target = target_;
        attack = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (attack) {
            attack = false;
            try target.sell(1, 0, type(uint256).max) {
                reentered = true;
            } catch (bytes memory reason) {
                lastRevert = reason;
            }
            attack = true;
        }
    }
}

/// @notice An account contract that re-enters the market when it receives ETH (as a seller, a
/// referrer claiming, or a surplus recipient).
contract ReentrantTrader {
    IBondingCurveMarket public immutable market;
    bool public armed;
    bool public reentered;
    bytes public lastRevert;

    constructor(IBondingCurveMarket market_) {
        market = market_;
    }

    function arm() external {
        armed = true;
    }

    function buy(uint256 reserveIn) external payable returns (uint256) {
        return market.buy{value: reserveIn}(reserveIn, 0, address(0), type(uint256).max);
    }

    function sell(uint256 tokensIn) external returns (uint256) {
        return market.sell(tokensIn, 0, type(uint256).max);
    }

    function claim() external returns (uint256) {
        return market.claimReferralRewards();
    }

    receive() external payable {
        if (armed) {
            armed = false;
            try market.sell(1, 0, type(uint256).max) {
                reentered = true;
            } catch (bytes memory reason) {
                lastRevert = reason;
            }
        }
    }
}

/// @notice Refuses ETH.
contract EthRejecter {
    function buy(IBondingCurveMarket market, uint256 reserveIn) external payable {
        market.buy{value: reserveIn}(reserveIn, 0, address(0), type(uint256).max);
    }

    function sell(IBondingCurveMarket market, uint256 tokensIn) external {
        market.sell(tokensIn, 0, type(uint256).max);
    }
}
