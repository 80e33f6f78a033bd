// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "../utils/Vm.sol";
import {CipherToken} from "../../../contracts/token/CipherToken.sol";
import {BondingCurveMarket} from "../../../contracts/market/BondingCurveMarket.sol";
import {RevenueSplitter} from "../../../contracts/revenue/RevenueSplitter.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {CipherTreasury} from "../../../contracts/treasury/CipherTreasury.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";
import {ShortDeliveryToken} from "../../../contracts/mocks/tokens/AdversarialTokens.sol";

/// @notice Drives every contract that holds tokens (market, splitter, staking, treasury) with one
/// short-delivering ERC20 (`sdt`) among the assets: it is the market's reserve, arrives at the
/// splitter as fees and donations, is a staking reward asset (notified directly and through the
/// splitter's hook) and a treasury asset. `setShort` turns the token exact, 1% short or 3% short at
/// any point of a sequence. Reverts are expected (a refused short pull is the point) and ignored;
/// calls that succeeded are counted so a run shows which paths it exercised.
contract BooksHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    BondingCurveMarket public immutable market;
    RevenueSplitter public immutable splitter;
    CipherStaking public immutable staking;
    CipherTreasury public immutable treasury;
    ShortDeliveryToken public immutable sdt;
    MockStakingToken public immutable stakeToken;
    CipherToken public immutable cipher;

    address[3] public actors = [address(0xA11CE), address(0xB0B), address(0xCA401)];
    address public constant REFERRER = address(0xBEEF);

    mapping(bytes32 => uint256) public calls; // successful calls per action
    uint256 public totalOk;

    constructor(
        BondingCurveMarket market_,
        RevenueSplitter splitter_,
        CipherStaking staking_,
        CipherTreasury treasury_,
        ShortDeliveryToken sdt_,
        MockStakingToken stakeToken_
    ) {
        market = market_;
        splitter = splitter_;
        staking = staking_;
        treasury = treasury_;
        sdt = sdt_;
        stakeToken = stakeToken_;
        cipher = CipherToken(address(market_.token()));
    }

    receive() external payable {}

    function _ok(bytes32 what) private {
        ++calls[what];
        ++totalOk;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % 3];
    }

    // ------------------------------------------------------------------ the token

    function setShort(uint256 mode) external {
        uint256[4] memory bps = [uint256(0), 0, 100, 300];
        sdt.setShortBps(bps[mode % 4]);
        _ok("setShort");
    }

    function warp(uint256 secs, uint256 blocks) external {
        vm.warp(block.timestamp + (secs % 3 days) + 1);
        vm.roll(block.number + (blocks % 20) + 1);
        _ok("warp");
    }

    // ------------------------------------------------------------------ market

    function buy(uint256 seed, uint256 amount, bool referred) external {
        address a = _actor(seed);
        amount = 1e15 + (amount % 20e18);
        sdt.mint(a, amount);
        vm.startPrank(a);
        sdt.approve(address(market), amount);
        try market.buy(amount, 0, referred ? REFERRER : address(0), type(uint256).max) {
            _ok("buy");
        } catch {}
        vm.stopPrank();
    }

    function sell(uint256 seed, uint256 fraction) external {
        address a = _actor(seed);
        uint256 bal = cipher.balanceOf(a);
        if (bal == 0) return;
        uint256 amount = 1 + (fraction % bal);
        vm.prank(a);
        try market.sell(amount, 0, type(uint256).max) {
            _ok("sell");
        } catch {}
    }

    function flushFees() external {
        try market.flushFees() {
            _ok("flush");
        } catch {}
    }

    function claimReferral() external {
        vm.prank(REFERRER);
        try market.claimReferralRewards() {
            _ok("claimReferral");
        } catch {}
    }

    // ------------------------------------------------------------------ splitter

    function donate(uint256 amount, bool eth) external {
        amount = 1 + (amount % 10e18);
        if (eth) {
            vm.deal(address(this), amount);
            (bool ok,) = address(splitter).call{value: amount}("");
            if (ok) _ok("donateEth");
        } else {
            sdt.mint(address(this), amount);
            try sdt.transfer(address(splitter), amount) {
                _ok("donateToken");
            } catch {}
        }
    }

    function sync(bool eth) external {
        try splitter.sync(eth ? address(0) : address(sdt)) {
            _ok("sync");
        } catch {}
    }

    function release(uint256 bucket, bool eth) external {
        try splitter.release(uint8(bucket % 4), eth ? address(0) : address(sdt)) {
            _ok("release");
        } catch {}
    }

    function buyBack() external {
        try splitter.buyBackAndBurn() {
            _ok("buyBack");
        } catch {}
    }

    // ------------------------------------------------------------------ staking

    function stake(uint256 seed, uint256 amount) external {
        address a = _actor(seed);
        amount = 1e18 + (amount % 1_000e18);
        stakeToken.mint(a, amount);
        vm.startPrank(a);
        stakeToken.approve(address(staking), amount);
        try staking.stake(amount, 0) {
            _ok("stake");
        } catch {}
        vm.stopPrank();
    }

    function claimRewards(uint256 seed) external {
        vm.prank(_actor(seed));
        try staking.claim() {
            _ok("claimRewards");
        } catch {}
    }

    function notifyReward(uint256 amount) external {
        amount = 1e6 + (amount % 100e18);
        sdt.mint(address(this), amount);
        sdt.approve(address(staking), amount);
        try staking.receiveRevenue(address(sdt), amount, 0) {
            _ok("notifyReward");
        } catch {}
    }

    // ------------------------------------------------------------------ treasury

    function treasuryDeposit(uint256 amount, uint256 fund) external {
        amount = 1 + (amount % 10e18);
        sdt.mint(address(this), amount);
        sdt.approve(address(treasury), amount);
        try treasury.receiveRevenue(address(sdt), amount, uint8(1 + (fund % 3))) {
            _ok("treasuryDeposit");
        } catch {}
    }

    function treasuryGrant(uint256 amount, uint256 fund, bool eth) external {
        address asset = eth ? address(0) : address(sdt);
        uint8 f = uint8(1 + (fund % 3));
        uint256 free = treasury.fundBalance(f, asset);
        if (free == 0) return;
        try treasury.grant(f, asset, address(0xD00D), 1 + (amount % free), "") {
            _ok("treasuryGrant");
        } catch {}
    }
}
