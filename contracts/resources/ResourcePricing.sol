// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ResourcePricing
/// @notice Pure price math of the resource market: the price grid, the posted-price adjustment
/// rule and the uniform-price clearing rule. The stateful market only sequences calls to these.
library ResourcePricing {
    uint256 internal constant BPS = 10_000;

    /// @notice Price of grid tick `tick`: minPrice + tick x tickSize (wei per unit).
    function tickPrice(uint256 minPrice, uint256 tickSize, uint256 tick) internal pure returns (uint256) {
        return minPrice + tick * tickSize;
    }

    /// @notice Highest tick whose price is <= `price` (a bid's tick, or the tick a posted price
    /// covers), capped at `numTicks - 1`. Rounds down: a bid never escrows above its limit.
    /// Requires price >= minPrice.
    function tickAtOrBelow(uint256 price, uint256 minPrice, uint256 tickSize, uint256 numTicks)
        internal
        pure
        returns (uint256 tick)
    {
        tick = (price - minPrice) / tickSize;
        if (tick > numTicks - 1) tick = numTicks - 1;
    }

    /// @notice Lowest tick whose price is >= `price` (an ask's tick): rounds up, so a provider
    /// never sells below its ask. 0 for a price below the grid. Requires price <= maxPrice.
    function tickAtOrAbove(uint256 price, uint256 minPrice, uint256 tickSize) internal pure returns (uint256) {
        if (price <= minPrice) return 0;
        return (price - minPrice + tickSize - 1) / tickSize;
    }

    /// @notice The posted price after an epoch with demand `demand` and offered capacity
    /// `offered` at price `price`: P x (1 + d x (D - O) / O), with the relative change
    /// |d x (D - O) / O| capped at `maxChangeBps` and the result clamped to [minPrice, maxPrice].
    /// With no capacity offered, any demand raises the price by the full cap.
    /// @dev The change in bps is rounded down (towards no change); so is the new price's
    /// increment or decrement, so the price never moves by more than the clamp.
    function nextPostedPrice(
        uint256 price,
        uint256 demand,
        uint256 offered,
        uint256 adjustmentBps,
        uint256 maxChangeBps,
        uint256 minPrice,
        uint256 maxPrice
    ) internal pure returns (uint256 next) {
        uint256 changeBps;
        bool up = demand > offered;
        if (offered == 0) {
            changeBps = demand == 0 ? 0 : maxChangeBps;
        } else {
            uint256 gap = up ? demand - offered : offered - demand;
            // gap <= 2^64, adjustmentBps <= 10^4: no overflow.
            changeBps = (gap * adjustmentBps) / offered;
            if (changeBps > maxChangeBps) changeBps = maxChangeBps;
        }
        uint256 delta = (price * changeBps) / BPS;
        next = up ? price + delta : price - delta;
        if (next < minPrice) next = minPrice;
        if (next > maxPrice) next = maxPrice;
    }

    /// @notice Rounded-down share of `units` at ratio num/den (0 when den is 0).
    function ration(uint256 units, uint256 num, uint256 den) internal pure returns (uint256) {
        return den == 0 ? 0 : (units * num) / den;
    }

    /// @notice Exact share of the bucket slice [position, position + units) at ratio num/den:
    /// floor((position + units) x num / den) - floor(position x num / den). Over all orders of a
    /// bucket the shares telescope to floor(total x num / den), so the filled units of one epoch
    /// sum exactly to what clearing sold, and each order's share is within one unit of pro rata.
    function rationSlice(uint256 position, uint256 units, uint256 num, uint256 den) internal pure returns (uint256) {
        if (den == 0) return 0;
        return ((position + units) * num) / den - (position * num) / den;
    }
}
