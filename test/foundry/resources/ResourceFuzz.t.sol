// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {ResourcePricing} from "../../../contracts/resources/ResourcePricing.sol";

/// @notice Fuzz of the resource market's pure price math (foundry.toml: 256 runs each).
contract ResourceFuzz is TestBase {
    /// @notice The posted-price rule never moves by more than the clamp and stays on the grid,
    /// and moves in the direction of excess demand.
    function testFuzz_postedPriceWithinClamp(uint256 price, uint256 demand, uint256 offered, uint256 d, uint256 clamp)
        public
        pure
    {
        uint256 minP = 1e15;
        uint256 maxP = 1e17;
        price = bound(price, minP, maxP);
        demand = bound(demand, 0, type(uint64).max);
        offered = bound(offered, 0, type(uint64).max);
        d = bound(d, 0, 10_000);
        clamp = bound(clamp, 1, 5_000);
        uint256 next = ResourcePricing.nextPostedPrice(price, demand, offered, d, clamp, minP, maxP);
        uint256 move = next > price ? next - price : price - next;
        assertLe(move, (price * clamp) / 10_000, "moved beyond the clamp");
        assertGe(next, minP, "below grid");
        assertLe(next, maxP, "above grid");
        if (demand > offered) assertGe(next, price, "excess demand lowered the price");
        if (demand < offered) assertLe(next, price, "excess supply raised the price");
    }

    /// @notice Exact slices of one bucket sum to floor(total x num / den) and each is within one
    /// unit of pro rata (from below), for any split of the bucket into 3 orders.
    function testFuzz_rationSlicesTelescope(uint64 a, uint64 b, uint64 c, uint256 num) public pure {
        uint256 total = uint256(a) + b + c;
        if (total == 0) return;
        num = bound(num, 0, total);
        uint256 sa = ResourcePricing.rationSlice(0, a, num, total);
        uint256 sb = ResourcePricing.rationSlice(a, b, num, total);
        uint256 sc = ResourcePricing.rationSlice(uint256(a) + b, c, num, total);
        assertEq(sa + sb + sc, num, "slices do not sum to the filled total");
        assertLe(sb, uint256(b), "slice above its order");
        assertLe((uint256(b) * num) / total, sb + 1, "slice more than a unit below pro rata");
    }

    /// @notice Ticks: a bid's tick price never exceeds its limit; an ask's tick price is never
    /// below its ask.
    function testFuzz_ticksRoundForTheTrader(uint256 price, uint256 tickSize) public pure {
        uint256 minP = 1e15;
        tickSize = bound(tickSize, 1, 1e18);
        uint256 n = 100;
        uint256 top = minP + (n - 1) * tickSize;
        price = bound(price, minP, top);
        uint256 bidTick = ResourcePricing.tickAtOrBelow(price, minP, tickSize, n);
        assertLe(ResourcePricing.tickPrice(minP, tickSize, bidTick), price, "bid escrows above its limit");
        uint256 askTick = ResourcePricing.tickAtOrAbove(price, minP, tickSize);
        assertGe(ResourcePricing.tickPrice(minP, tickSize, askTick), price, "ask sells below its price");
        assertLe(askTick, n - 1, "ask above the grid");
    }
}
