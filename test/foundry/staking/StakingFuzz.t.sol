// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {ICipherStaking} from "../../../contracts/staking/ICipherStaking.sol";
import {Slashing} from "../../../contracts/staking/Slashing.sol";
import {ContributionOracle} from "../../../contracts/staking/ContributionOracle.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";
import {MockTreasury} from "../../../contracts/mocks/staking/MockTreasury.sol";

/// @notice Fuzzed properties of single scenarios: slash arithmetic, the JIT defence and the
/// distribution by weight.
contract StakingFuzz is TestBase {
    CipherStaking internal staking;
    Slashing internal slashing;
    MockStakingToken internal token;
    MockTreasury internal treasury;

    address internal constant ADMIN = address(0xAD);
    address internal constant SLASHER = address(0x51);
    address internal constant ALICE = address(0xA1);
    address internal constant EVE = address(0xE5);

    function setUp() public {
        vm.warp(100 days);
        token = new MockStakingToken("Cipher", "CPH");
        treasury = new MockTreasury();
        slashing = new Slashing(ADMIN, address(token), address(treasury));
        ContributionOracle oracle = new ContributionOracle(ADMIN);
        staking = new CipherStaking(ADMIN, address(token), address(slashing), address(oracle));
        slashing.setStaking(address(staking));
        oracle.setStaking(address(staking));
        vm.startPrank(ADMIN);
        slashing.grantRole(slashing.SLASHER_ROLE(), SLASHER);
        slashing.setMaxSeverityBps(5_000);
        vm.stopPrank();
        for (uint256 i; i < 2; ++i) {
            address a = i == 0 ? ALICE : EVE;
            token.mint(a, 1e30);
            vm.prank(a);
            token.approve(address(staking), type(uint256).max);
        }
    }

    /// @notice A slash takes ceil(held x severity) of the stake held at proposal, pro rata from each
    /// stake (active or unbonding; floor shares, the < 3 wei remainder from the lowest ids), and
    /// weight, votes and totals move by exactly that; the solidarity fund receives it all.
    function testFuzz_slashCutsHeldStakeProRata(uint256 a0, uint256 a1, uint256 a2, uint256 sev) public {
        a0 = bound(a0, 1, 1e27);
        a1 = bound(a1, 1, 1e27);
        a2 = bound(a2, 1, 1e27);
        sev = bound(sev, 1, 5_000);
        vm.startPrank(ALICE);
        staking.stake(a0, 0);
        staking.stake(a1, 2);
        staking.stake(a2, 4);
        staking.requestUnbond(0); // tier 0 has no lock: stake 0 is unbonding
        vm.stopPrank();
        vm.prank(SLASHER);
        uint256 caseId = slashing.proposeSlash(ALICE, sev, keccak256("e"));
        vm.warp(block.timestamp + 3 days);
        uint256 taken = slashing.executeSlash(caseId);
        uint256 held = a0 + a1 + a2;
        uint256 target = (held * sev + 9_999) / 10_000;
        uint256[3] memory c = _proRata([a0, a1, a2], target);
        assertEq(taken, target, "total cut");
        assertEq(staking.stakeOf(ALICE, 1).amount, a1 - c[1], "stake 1");
        assertEq(staking.stakeOf(ALICE, 2).amount, a2 - c[2], "stake 2");
        CipherStaking.Account memory acc = staking.accountOf(ALICE);
        assertEq(acc.active, a1 - c[1] + a2 - c[2], "active");
        assertEq(acc.baseWeight, ((a1 - c[1]) * 15_000) / 10_000 + ((a2 - c[2]) * 30_000) / 10_000, "base weight");
        assertEq(staking.getVotes(ALICE), acc.active, "votes");
        assertEq(staking.totalStaked(), held - taken, "total staked");
        assertEq(treasury.received(2, address(token)), taken, "solidarity fund");
    }

    /// @notice Issue 9 §4: stake added after the proposal is not cut; what was held then is cut by
    /// exactly ceil(held x severity), whatever is added, unbonded or re-staked in between.
    function testFuzz_slashIgnoresStakeAddedLater(uint256 a0, uint256 a1, uint256 added, uint256 sev, bool unbond)
        public
    {
        a0 = bound(a0, 1, 1e27);
        a1 = bound(a1, 1, 1e27);
        added = bound(added, 1, 1e28);
        sev = bound(sev, 1, 5_000);
        vm.startPrank(ALICE);
        staking.stake(a0, 0);
        staking.stake(a1, 4);
        vm.stopPrank();
        vm.prank(SLASHER);
        uint256 caseId = slashing.proposeSlash(ALICE, sev, keccak256("e"));
        vm.startPrank(ALICE);
        if (unbond) staking.requestUnbond(0); // unbonding does not escape
        staking.stake(added, 1);
        vm.stopPrank();
        vm.warp(block.timestamp + 3 days);
        uint256 taken = slashing.executeSlash(caseId);
        uint256 target = ((a0 + a1) * sev + 9_999) / 10_000;
        assertEq(taken, target, "cut on the stake held at proposal");
        assertEq(staking.stakeOf(ALICE, 2).amount, added, "stake added later is untouched");
        assertEq(staking.stakeOf(ALICE, 0).amount + staking.stakeOf(ALICE, 1).amount, a0 + a1 - target, "held then");
        assertEq(staking.totalStaked(), a0 + a1 + added - target, "total staked");
    }

    function _proRata(uint256[3] memory a, uint256 target) private pure returns (uint256[3] memory c) {
        uint256 held = a[0] + a[1] + a[2];
        uint256 rem = target;
        for (uint256 i; i < 3; ++i) {
            c[i] = (a[i] * target) / held;
            rem -= c[i];
        }
        for (uint256 i; rem != 0; ++i) {
            uint256 room = a[i] - c[i];
            uint256 x = room < rem ? room : rem;
            c[i] += x;
            rem -= x;
        }
    }

    /// @notice A stake placed right before revenue that starts unbonding `dt` seconds later earns
    /// at most its weight share of dt / duration of the revenue (streaming defence).
    function testFuzz_jitStakeEarnsOnlyItsTimeShare(uint256 honest, uint256 jit, uint256 revenue, uint256 dt)
        public
    {
        honest = bound(honest, 1e18, 1e27);
        jit = bound(jit, 1, 7e28); // honest + jit stays under MAX_TOTAL_STAKED (2^96 - 1 ~ 7.9e28)
        revenue = bound(revenue, 1, 1e24);
        dt = bound(dt, 0, 7 days);
        vm.prank(ALICE);
        staking.stake(honest, 0);
        vm.warp(block.timestamp + 1 days);
        vm.prank(EVE);
        staking.stake(jit, 0);
        vm.deal(address(this), revenue);
        staking.receiveRevenue{value: revenue}(address(0), revenue, 0);
        vm.warp(block.timestamp + dt);
        vm.prank(EVE);
        staking.requestUnbond(0);
        vm.warp(block.timestamp + 30 days);
        uint256 got = staking.earned(EVE, address(0));
        uint256 bound_ = (revenue * dt * jit) / (7 days * (honest + jit)) + 1;
        assertLe(got, bound_, "JIT share");
        uint256 all = got + staking.earned(ALICE, address(0));
        assertLe(all, revenue, "over-distributed");
        // dust: < totalWeight / 1e27 + 1 wei per accumulator update (3 here) + < 1 per settlement
        uint256 perUpdate = (honest + jit) / 1e27 + 1; // tier 0: weight = amount
        assertLe(revenue - all, 3 * perUpdate + 2, "dust");
    }

    /// @notice Two stakers share a stream in proportion to amount x lock multiplier (rounded down,
    /// never above the exact share).
    function testFuzz_sharesFollowWeight(uint256 a, uint256 b, uint256 ta, uint256 tb, uint256 revenue) public {
        a = bound(a, 1, 1e27);
        b = bound(b, 1, 1e27);
        ta = bound(ta, 0, 4);
        tb = bound(tb, 0, 4);
        revenue = bound(revenue, 1, 1e24);
        vm.prank(ALICE);
        staking.stake(a, ta);
        vm.prank(EVE);
        staking.stake(b, tb);
        vm.deal(address(this), revenue);
        staking.receiveRevenue{value: revenue}(address(0), revenue, 0);
        vm.warp(block.timestamp + 8 days);
        (, uint16 ma) = staking.tiers(ta);
        (, uint16 mb) = staking.tiers(tb);
        uint256 wa = (a * ma) / 10_000;
        uint256 wb = (b * mb) / 10_000;
        uint256 ea = staking.earned(ALICE, address(0));
        uint256 eb = staking.earned(EVE, address(0));
        assertLe(ea, (revenue * wa) / (wa + wb), "alice above share");
        assertLe(eb, (revenue * wb) / (wa + wb), "eve above share");
        // dust: < totalWeight / 1e27 + 1 wei for the single accumulator step + < 1 per account
        assertLe(revenue - ea - eb, (wa + wb) / 1e27 + 3, "dust");
    }
}
