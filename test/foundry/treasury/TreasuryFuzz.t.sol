// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherTreasury} from "../../../contracts/treasury/CipherTreasury.sol";
import {ICipherTreasury} from "../../../contracts/treasury/ICipherTreasury.sol";

/// @notice Fuzzed properties of one stream: vesting follows the linear formula rounded down,
/// nothing before the cliff, withdrawals never exceed the amount, a cancellation splits the
/// amount exactly between recipient and fund.
contract TreasuryFuzzTest is TestBase {
    CipherTreasury internal treasury;
    address internal constant RECIPIENT = address(0xBEEF);
    uint8 internal constant WELFARE = 1;

    function setUp() public {
        treasury = new CipherTreasury(address(this));
        vm.deal(address(this), type(uint128).max);
        treasury.receiveRevenue{value: type(uint128).max}(address(0), type(uint128).max, WELFARE);
    }

    function _create(uint256 amount, uint256 cliff, uint256 duration) internal returns (uint256 id, uint256 start) {
        start = block.timestamp;
        id = treasury.createStream(WELFARE, address(0), RECIPIENT, amount, start, cliff, duration);
    }

    function testFuzz_vestingIsLinearAndRoundedDown(uint256 amount, uint256 cliff, uint256 duration, uint256 dt) public {
        amount = bound(amount, 1, type(uint128).max);
        duration = bound(duration, treasury.MIN_STREAM_DURATION(), treasury.MAX_STREAM_DURATION());
        cliff = bound(cliff, 0, duration);
        dt = bound(dt, 0, 2 * duration);
        (uint256 id, uint256 start) = _create(amount, cliff, duration);
        vm.warp(start + dt);
        uint256 expected = dt < cliff ? 0 : (dt >= duration ? amount : (amount * dt) / duration);
        assertEq(treasury.vestedAmount(id), expected, "vested");
        if (expected == 0) {
            vm.prank(RECIPIENT);
            vm.expectRevert(abi.encodeWithSelector(ICipherTreasury.TreasuryNothingToWithdraw.selector, id));
            treasury.withdraw(id);
        } else {
            vm.prank(RECIPIENT);
            assertEq(treasury.withdraw(id), expected, "withdrawn");
            assertEq(RECIPIENT.balance, expected, "recipient balance");
        }
    }

    function testFuzz_repeatedWithdrawalsNeverExceedAmount(uint256 amount, uint256 duration, uint256[8] memory steps) public {
        amount = bound(amount, 1, type(uint128).max);
        duration = bound(duration, treasury.MIN_STREAM_DURATION(), 400 days);
        (uint256 id, ) = _create(amount, 0, duration);
        uint256 total;
        for (uint256 i; i < steps.length; ++i) {
            vm.warp(block.timestamp + bound(steps[i], 1, duration / 4));
            uint256 w = treasury.withdrawable(id);
            if (w > 0) {
                vm.prank(RECIPIENT);
                total += treasury.withdraw(id);
            }
            assertLe(total, treasury.vestedAmount(id), "total <= vested");
        }
        assertLe(total, amount, "total <= amount");
        assertEq(RECIPIENT.balance, total, "balance == total withdrawn");
    }

    function testFuzz_cancelSplitsExactly(uint256 amount, uint256 cliff, uint256 duration, uint256 dt) public {
        amount = bound(amount, 1, type(uint128).max);
        duration = bound(duration, treasury.MIN_STREAM_DURATION(), treasury.MAX_STREAM_DURATION());
        cliff = bound(cliff, 0, duration);
        dt = bound(dt, 0, duration - 1);
        (uint256 id, uint256 start) = _create(amount, cliff, duration);
        uint256 freeBefore = treasury.fundBalance(WELFARE, address(0));
        vm.warp(start + dt);
        uint256 vested = treasury.vestedAmount(id);
        if (vested == amount) {
            vm.expectRevert(abi.encodeWithSelector(ICipherTreasury.TreasuryStreamFullyVested.selector, id));
            treasury.cancelStream(id);
            return;
        }
        treasury.cancelStream(id);
        assertEq(treasury.fundBalance(WELFARE, address(0)), freeBefore + amount - vested, "unvested returned");
        assertEq(treasury.committedBalance(WELFARE, address(0)), vested, "vested stays committed");
        vm.warp(start + 3 * duration);
        assertEq(treasury.vestedAmount(id), vested, "frozen at cancel");
        if (vested > 0) {
            vm.prank(RECIPIENT);
            assertEq(treasury.withdraw(id), vested, "recipient gets the vested part");
        }
        assertEq(treasury.committedBalance(WELFARE, address(0)), 0, "nothing left committed");
    }

    function testFuzz_grantNeverOverdraws(uint256 deposit, uint256 amount) public {
        CipherTreasury t = new CipherTreasury(address(this));
        deposit = bound(deposit, 1, 1e30);
        amount = bound(amount, 1, 2e30);
        vm.deal(address(this), deposit);
        t.receiveRevenue{value: deposit}(address(0), deposit, 2);
        if (amount > deposit) {
            vm.expectRevert(
                abi.encodeWithSelector(ICipherTreasury.TreasuryInsufficientFund.selector, 2, address(0), deposit, amount)
            );
        }
        t.grant(2, address(0), RECIPIENT, amount, "");
        assertEq(address(t).balance, amount > deposit ? deposit : deposit - amount, "balance");
    }

    receive() external payable {}
}
