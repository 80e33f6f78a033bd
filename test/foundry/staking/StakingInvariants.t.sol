// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {Slashing} from "../../../contracts/staking/Slashing.sol";
import {ContributionOracle} from "../../../contracts/staking/ContributionOracle.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";
import {MockTreasury} from "../../../contracts/mocks/staking/MockTreasury.sol";
import {StakingHandler} from "./StakingHandler.sol";

/// @notice Invariants of CipherStaking under random stake, unbond, withdraw, claim, revenue,
/// contribution updates, slashes (propose, dispute, execute, uphold, cancel, expire) and time warps (foundry.toml: 256 runs x depth 100).
contract StakingInvariants is TestBase {
    CipherStaking internal staking;
    Slashing internal slashing;
    ContributionOracle internal oracle;
    MockStakingToken internal token;
    MockStakingToken internal reward;
    StakingHandler internal handler;

    address internal constant ADMIN = address(0xAD);
    address internal constant GOVERNOR = address(0x60);
    address internal constant SLASHER = address(0x51);
    address internal constant O1 = address(0x01A);
    address internal constant O2 = address(0x01B);
    address internal constant O3 = address(0x01C);

    function setUp() public {
        vm.warp(100 days);
        token = new MockStakingToken("Cipher", "CPH");
        reward = new MockStakingToken("Reward", "RWD");
        MockTreasury treasury = new MockTreasury();
        slashing = new Slashing(ADMIN, address(token), address(treasury));
        oracle = new ContributionOracle(ADMIN);
        staking = new CipherStaking(ADMIN, address(token), address(slashing), address(oracle));
        slashing.setStaking(address(staking));
        oracle.setStaking(address(staking));
        vm.startPrank(ADMIN);
        staking.setGovernor(GOVERNOR);
        staking.addRewardAsset(address(reward));
        slashing.grantRole(slashing.SLASHER_ROLE(), SLASHER);
        oracle.grantRole(oracle.ORACLE_ROLE(), O1);
        oracle.grantRole(oracle.ORACLE_ROLE(), O2);
        oracle.grantRole(oracle.ORACLE_ROLE(), O3);
        vm.stopPrank();
        handler = new StakingHandler(staking, slashing, oracle, token, reward, [GOVERNOR, SLASHER, ADMIN, O1, O2]);
        targetContract(address(handler));
        bytes4[] memory sels = new bytes4[](16);
        sels[0] = handler.stake.selector;
        sels[1] = handler.requestUnbond.selector;
        sels[2] = handler.withdraw.selector;
        sels[3] = handler.claim.selector;
        sels[4] = handler.revenueEth.selector;
        sels[5] = handler.revenueToken.selector;
        sels[6] = handler.vote.selector;
        sels[7] = handler.attest.selector;
        sels[8] = handler.poke.selector;
        sels[9] = handler.proposeSlash.selector;
        sels[10] = handler.executeSlash.selector;
        sels[11] = handler.cancelSlash.selector;
        sels[12] = handler.warp.selector;
        sels[13] = handler.disputeSlash.selector;
        sels[14] = handler.expireSlash.selector;
        sels[15] = handler.increaseStake.selector;
        targetSelector(FuzzSelector(address(handler), sels));
    }

    /// @notice Tokens staked = active + unbonding (held) + slashed + withdrawn, and the contract
    /// holds exactly the stake it accounts for.
    function invariant_stakeValueConserved() public view {
        uint256 held = staking.totalStaked();
        assertEq(handler.ghostStakedIn(), held + handler.ghostSlashed() + handler.ghostWithdrawn(), "stake value");
        assertEq(token.balanceOf(address(staking)), held, "token balance");
        uint256 sum;
        uint256 active;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            sum += handler.stakedOf(a);
            active += staking.accountOf(a).active;
        }
        assertEq(sum, held, "sum of stakes");
        assertEq(staking.getVotes(address(0)), 0, "no votes for the zero address");
        assertLe(active, held, "active within held");
    }

    /// @notice Every executed slash took its severity of the staker's stake (rounded up per
    /// stake, so at most one wei per stake more), never more, and exactly that left the stakes.
    function invariant_slashWithinSeverity() public view {
        assertEq(handler.ghostSlashViolations(), 0, "slash outside its severity");
    }

    /// @notice paid + claimable + undistributed = revenue in, minus dust; dust is at most one wei
    /// per accumulator update and per settlement (bounded by the number of actions and
    /// intervals), never negative. The contract holds revenue in - paid.
    function invariant_rewardsConserved() public view {
        for (uint256 j; j < 2; ++j) {
            address asset = handler.assets(j);
            uint256 claimable;
            for (uint256 i; i < handler.actorCount(); ++i) claimable += staking.earned(handler.actors(i), asset);
            uint256 accounted = handler.ghostPaid(asset) + claimable + staking.undistributed(asset);
            uint256 revenueIn = handler.ghostRevenueIn(asset);
            assertLe(accounted, revenueIn, "rewards over-accounted");
            uint256 dust = 2 * (handler.ghostTouches() + handler.ghostIntervals()) + handler.actorCount() + 2;
            assertLe(revenueIn - accounted, dust, "rewards dust bound");
            uint256 balance = asset == address(0) ? address(staking).balance : reward.balanceOf(address(staking));
            assertEq(balance, revenueIn - handler.ghostPaid(asset), "reward balance");
        }
    }

    /// @notice No actor has been paid plus can claim more than its share of what streamed, by
    /// stored weight, computed independently by the handler (within one wei per interval).
    function invariant_noAccountExceedsItsShare() public view {
        for (uint256 j; j < 2; ++j) {
            address asset = handler.assets(j);
            for (uint256 i; i < handler.actorCount(); ++i) {
                address a = handler.actors(i);
                uint256 got = handler.ghostPaidTo(a, asset) + staking.earned(a, asset);
                uint256 share = handler.ghostEntitled(a, asset) / 1e18;
                assertLe(got, share + handler.ghostIntervals() + 1, "more than the weighted share");
            }
        }
    }

    /// @notice Votes equal vote units (the active staked amount) now and at every past checkpoint
    /// recorded by the handler; the past total supply matches too.
    function invariant_votesMatchUnits() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actors(i);
            assertEq(staking.getVotes(a), staking.accountOf(a).active, "getVotes");
        }
        uint256 n = handler.snapCount();
        uint256 from = n > 8 ? n - 8 : 0;
        for (uint256 k = from; k < n; ++k) {
            uint256 b = handler.snapBlocks(k);
            if (b >= block.number) continue;
            uint256 total;
            for (uint256 i; i < handler.actorCount(); ++i) {
                address a = handler.actors(i);
                assertEq(staking.getPastVotes(a, b), handler.snapVotes(b, a), "getPastVotes");
                total += handler.snapVotes(b, a);
            }
            assertEq(staking.getPastTotalSupply(b), total, "getPastTotalSupply");
        }
    }

    /// @notice The accumulator's denominator is the sum of the stored weights, and every weight
    /// stays within [base weight, 1.5 x base weight].
    function invariant_weightsConsistent() public view {
        uint256 sum;
        for (uint256 i; i < handler.actorCount(); ++i) {
            CipherStaking.Account memory acc = staking.accountOf(handler.actors(i));
            sum += acc.weight;
            assertGe(acc.weight, acc.baseWeight, "weight below base");
            assertLe(acc.weight, (uint256(acc.baseWeight) * 15_000) / 10_000, "weight above 1.5x");
        }
        assertEq(staking.totalWeight(), sum, "total weight");
    }

    /// @notice A reported vote never moves a weight (handler ghost), and a pending vote credit only
    /// exists on an account with weight whose latest vote is not older than its boost's renewal
    /// (so folding it at the next touch never decays backwards in time).
    function invariant_voteCreditIsLazy() public view {
        assertEq(handler.ghostVoteViolations(), 0, "a vote moved a weight or miscounted");
        for (uint256 i; i < handler.actorCount(); ++i) {
            CipherStaking.Account memory acc = staking.accountOf(handler.actors(i));
            if (acc.pendingVotes == 0) continue;
            assertTrue(acc.weight != 0, "pending credit without weight");
            assertGe(acc.lastVoteAt, acc.boostRenewedAt, "pending vote older than the renewal");
        }
    }
}
