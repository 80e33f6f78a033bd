// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IBondingCurveMarket} from "../../interfaces/IBondingCurveMarket.sol";

/// @notice Plain mintable ERC20 used as a reserve asset in tests.
contract MockReserveToken is ERC20 {
    constructor() ERC20("Mock Reserve", "MRES") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}

/// @notice Reserve ERC20 that, once `failing` is set, answers transfer/transferFrom with `false`
/// and moves nothing (the market's Solady transfers must revert).
contract FalseReturnReserveToken is ERC20 {
    bool public failing;

    constructor() ERC20("False Reserve", "FRES") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFailing(bool f) external {
        failing = f;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transfer(to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        if (failing) return false;
        return super.transferFrom(from, to, amount);
    }
}

/// @notice Malicious reserve ERC20: on every transfer/transferFrom it calls `victim` with the armed
/// calldata (a re-entry into the market) and records whether it succeeded or its revert data.
contract ReentrantReserveToken is ERC20 {
    address public victim;
    bytes public payload;
    bool public attack;
    bool public reentered;
    bytes public lastRevert;

    constructor() ERC20("Evil Reserve", "EVIL") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        victim = target_;
        payload = payload_;
        attack = true;
        reentered = false;
        delete lastRevert;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (attack) {
            attack = false;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = victim.call(payload);
            if (ok) reentered = true;
            else lastRevert = ret;
            attack = true;
        }
    }
}

/// @notice An account contract that re-enters when it receives ETH (as a seller, a referrer
/// claiming, a surplus or revenue recipient): it calls `victim` with the armed calldata.
contract ReentrantTrader {
    IBondingCurveMarket public immutable market;
    address public victim;
    bytes public payload;
    bool public armed;
    bool public reentered;
    bytes public lastRevert;

    constructor(IBondingCurveMarket market_) {
        market = market_;
    }

    function arm(address target_, bytes calldata payload_) external {
        victim = target_;
        payload = payload_;
        armed = true;
        reentered = false;
        delete lastRevert;
    }

    /// @notice Forward an arbitrary call (e.g. withdrawSurplus after being granted the admin role).
    function exec(address to, bytes calldata data) external returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, bytes memory ret) = to.call(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
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
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = victim.call(payload);
            if (ok) reentered = true;
            else lastRevert = ret;
        }
    }

    /// @notice As a hook revenue recipient: take ETH (or pull the ERC20), re-entering first.
    function receiveRevenue(address asset, uint256 amount, uint8) external payable {
        if (armed) {
            armed = false;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = victim.call(payload);
            if (ok) reentered = true;
            else lastRevert = ret;
        }
        if (asset != address(0)) IERC20(asset).transferFrom(msg.sender, address(this), amount);
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
