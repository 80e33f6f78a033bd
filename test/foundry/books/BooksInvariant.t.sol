// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherToken} from "../../../contracts/token/CipherToken.sol";
import {BondingCurveMarket} from "../../../contracts/market/BondingCurveMarket.sol";
import {MarketDeployer} from "../../../contracts/market/MarketDeployer.sol";
import {IBondingCurveMarket} from "../../../contracts/interfaces/IBondingCurveMarket.sol";
import {IRevenueSplitter} from "../../../contracts/interfaces/IRevenueSplitter.sol";
import {ICurve} from "../../../contracts/interfaces/ICurve.sol";
import {ICipherToken} from "../../../contracts/interfaces/ICipherToken.sol";
import {ICurveAdmin} from "../../../contracts/market/curves/ICurveAdmin.sol";
import {LinearCurve} from "../../../contracts/market/curves/LinearCurve.sol";
import {RevenueSplitter} from "../../../contracts/revenue/RevenueSplitter.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {Slashing} from "../../../contracts/staking/Slashing.sol";
import {ContributionOracle} from "../../../contracts/staking/ContributionOracle.sol";
import {CipherTreasury} from "../../../contracts/treasury/CipherTreasury.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";
import {ShortDeliveryToken} from "../../../contracts/mocks/tokens/AdversarialTokens.sol";
import {BooksHandler} from "./BooksHandler.sol";

/// @notice Issue 9 §1, as one invariant over every contract that holds tokens: for every asset,
/// what the books owe <= the balance held, after any sequence of market trades, fee flushes,
/// referral claims, splitter syncs/releases/buy-backs, staking stakes/claims/notifications and
/// treasury deposits/grants, with a token that delivers exactly, 1% short or 3% short as the
/// sequence goes (BooksHandler.setShort).
contract BooksInvariant is TestBase {
    CipherToken internal cipher;
    BondingCurveMarket internal market;
    RevenueSplitter internal splitter;
    CipherStaking internal staking;
    CipherTreasury internal treasury;
    ShortDeliveryToken internal sdt;
    MockStakingToken internal stakeToken;
    BooksHandler internal handler;

    function setUp() public {
        vm.warp(100 days);
        sdt = new ShortDeliveryToken();
        stakeToken = new MockStakingToken("Stake", "STK");
        MarketDeployer marketDeployer = new MarketDeployer();
        cipher = new CipherToken("Cipher", "CPH", marketDeployer.predictedMarket());
        uint256[] memory p = new uint256[](2);
        p[0] = 1e15;
        p[1] = 1e15;
        ICurve curve = ICurve(address(new LinearCurve(p)));
        treasury = new CipherTreasury(address(this));
        Slashing slashing = new Slashing(address(this), address(stakeToken), address(treasury));
        ContributionOracle oracle = new ContributionOracle(address(this));
        staking = new CipherStaking(address(this), address(stakeToken), address(slashing), address(oracle));
        slashing.setStaking(address(staking));
        oracle.setStaking(address(staking));
        staking.addRewardAsset(address(sdt));

        IRevenueSplitter.Recipient[5] memory rec;
        rec[0] = IRevenueSplitter.Recipient(address(staking), true);
        rec[1] = IRevenueSplitter.Recipient(address(treasury), true);
        rec[2] = IRevenueSplitter.Recipient(address(treasury), true);
        rec[3] = IRevenueSplitter.Recipient(address(treasury), true);
        splitter = new RevenueSplitter(address(this), [uint16(4000), 1500, 1500, 2000, 1000], rec);
        market = BondingCurveMarket(
            marketDeployer.deploy(IBondingCurveMarket.InitParams({
                admin: address(this),
                guardian: address(0),
                token: ICipherToken(address(cipher)),
                curve: curve,
                reserveAsset: address(sdt),
                revenueSplitter: address(splitter),
                buyFeeBps: 100,
                sellFeeBps: 100,
                referralShareBps: 2000,
                breakerThresholdBps: 5000,
                breakerWindowBlocks: 1,
                breakerCooldownBlocks: 1
            }))
        );
        ICurveAdmin(address(curve)).setMarket(address(market));
        splitter.setMarket(market);

        handler = new BooksHandler(market, splitter, staking, treasury, sdt, stakeToken);
        treasury.grantRole(treasury.DEFAULT_ADMIN_ROLE(), address(handler));
        targetContract(address(handler));
    }

    /// The handler really reaches every holder with the short token (exact, then short).
    function test_handlerExercisesEveryPath() public {
        handler.buy(0, 10e18, true);
        handler.warp(1 hours, 5); // the first buy from supply 0 trips the breaker
        handler.buy(1, 5e18, false);
        handler.warp(1 hours, 5);
        handler.sell(0, 1e18);
        handler.flushFees();
        handler.claimReferral();
        handler.donate(1e18, true);
        handler.release(0, false);
        handler.release(1, true);
        handler.stake(0, 100e18);
        handler.notifyReward(50e18);
        handler.treasuryDeposit(1e18, 0);
        handler.treasuryGrant(1e17, 0, false);
        handler.warp(1 hours, 5);
        handler.buyBack();
        handler.setShort(2); // 1% short from here on
        handler.buy(2, 1e18, false); // refused
        handler.notifyReward(50e18); // credited 99%
        handler.warp(8 days, 5);
        handler.claimRewards(0);
        handler.sell(1, type(uint256).max);
        bytes32[11] memory paths = _paths();
        for (uint256 i; i < paths.length; ++i) assertGe(handler.calls(paths[i]), 1, string(abi.encodePacked(paths[i])));
        assertEq(handler.calls("buy"), 2, "the short buy was refused");
        invariant_booksWithinBalances();
    }

    function _paths() private pure returns (bytes32[11] memory) {
        return [
            bytes32("buy"), "sell", "flush", "claimReferral", "release", "stake", "notifyReward", "treasuryDeposit",
            "treasuryGrant", "claimRewards", "buyBack"
        ];
    }

    /// For every asset held by every contract: owed <= held.
    function invariant_booksWithinBalances() public view {
        // market (reserve asset = the short token)
        uint256 owedMarket = market.reserveBalance() + market.protocolFees() + market.referralRewards(handler.REFERRER());
        assertLe(owedMarket, sdt.balanceOf(address(market)), "market: reserve + fees + referral > held");
        // splitter (every asset it splits)
        assertLe(splitter.accounted(address(sdt)), sdt.balanceOf(address(splitter)), "splitter: short token");
        assertLe(splitter.accounted(address(0)), address(splitter).balance, "splitter: ETH");
        // staking: stake held, and every reward asset (earned by all + not yet streamed)
        assertLe(staking.totalStaked(), stakeToken.balanceOf(address(staking)), "staking: stake");
        _stakingRewards(address(sdt), sdt.balanceOf(address(staking)), "staking: short reward");
        _stakingRewards(address(0), address(staking).balance, "staking: ETH reward");
        // treasury
        assertLe(treasury.accountedBalance(address(sdt)), sdt.balanceOf(address(treasury)), "treasury: short token");
        assertLe(treasury.accountedBalance(address(0)), address(treasury).balance, "treasury: ETH");
    }

    function _stakingRewards(address asset, uint256 held, string memory what) private view {
        uint256 owed = staking.undistributed(asset);
        for (uint256 i; i < 3; ++i) owed += staking.earned(handler.actors(i), asset);
        assertLe(owed, held, what);
    }
}
