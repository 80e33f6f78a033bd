// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IResourceMarket} from "../interfaces/IResourceMarket.sol";
import {ResourcePricing} from "./ResourcePricing.sol";

/// @title ResourceClearing
/// @notice Clearing of one epoch of a resource market (linked library: the market's cold code,
/// run once per epoch, kept out of its bytecode). Writes the epoch's clearing record; reads the
/// standing per-tick supply and the epoch's per-tick demand. Bounded: one pass over at most
/// numTicks buckets.
library ResourceClearing {
    /// @notice The price grid: tick k costs minPrice + k x tickSize wei per unit, k < numTicks.
    struct Grid {
        uint256 minPrice;
        uint256 tickSize;
        uint256 numTicks;
    }

    /// @notice Posted price `price`: the capacity offered is every ask at or below the price's
    /// tick; sold = min(demand, offered); both sides rationed pro rata.
    /// @return offered Units offered at the posted price.
    function clearPosted(
        IResourceMarket.EpochData storage ed,
        mapping(uint256 => uint256) storage supplyAt,
        Grid memory g,
        uint256 price,
        uint256 demand
    ) external returns (uint256 offered) {
        uint256 top = ResourcePricing.tickAtOrBelow(price, g.minPrice, g.tickSize, g.numTicks);
        for (uint256 k; k <= top; ++k) {
            offered += supplyAt[k];
        }
        uint256 sold = demand < offered ? demand : offered;
        ed.sold = uint64(sold);
        ed.demandTick = 255; // the market's POSTED_TICK bucket
        ed.demandNum = uint64(sold);
        ed.demandDen = uint64(demand);
        ed.supplyTickLo = 0;
        ed.supplyTickHi = uint16(top);
        ed.supplyNum = uint64(sold);
        ed.supplyDen = uint64(offered);
    }

    /// @notice Uniform price: the lowest tick k at which the supply asking at most k covers the
    /// demand bidding strictly above k. Bids above k and asks below k then trade fully and the
    /// marginal tick k is rationed (see docs/resources.md for why both hold). With no demand
    /// nothing trades and the loop is skipped.
    /// @return price The clearing price (wei per unit).
    /// @return offered Units asked at or below the clearing price.
    function clearAuction(
        IResourceMarket.EpochData storage ed,
        mapping(uint256 => uint256) storage supplyAt,
        mapping(uint256 => uint256) storage demandAt,
        Grid memory g,
        uint256 demand,
        uint256 totalCapacity
    ) external returns (uint256 price, uint256 offered) {
        if (demand == 0) {
            ed.demandTick = uint16(g.numTicks); // no bid fills
            ed.price = uint128(g.minPrice);
            return (g.minPrice, totalCapacity);
        }
        Scan memory m = _scan(supplyAt, demandAt, demand);
        uint256 demandAbove = demand - m.demandLe;
        uint256 demandAtK = demandAbove + m.dk;
        uint256 sold = m.supplyLe < demandAtK ? m.supplyLe : demandAtK;
        price = ResourcePricing.tickPrice(g.minPrice, g.tickSize, m.k);
        ed.price = uint128(price);
        ed.sold = uint64(sold);
        ed.demandTick = uint16(m.k);
        ed.demandNum = uint64(sold - demandAbove);
        ed.demandDen = uint64(m.dk);
        ed.supplyTickLo = uint16(m.k);
        ed.supplyTickHi = uint16(m.k);
        ed.supplyNum = uint64(sold - (m.supplyLe - m.sk));
        ed.supplyDen = uint64(m.sk);
        offered = m.supplyLe;
    }

    /// @dev Cumulative supply and demand up to the clearing tick `k` (and the buckets at k).
    struct Scan {
        uint256 k;
        uint256 supplyLe;
        uint256 demandLe;
        uint256 sk;
        uint256 dk;
    }

    /// @dev Terminates by k = numTicks - 1 at the latest: every bid is on a grid tick, so the
    /// demand strictly above the top tick is 0.
    function _scan(
        mapping(uint256 => uint256) storage supplyAt,
        mapping(uint256 => uint256) storage demandAt,
        uint256 demand
    ) private view returns (Scan memory m) {
        for (;; ++m.k) {
            m.sk = supplyAt[m.k];
            m.dk = demandAt[m.k];
            m.supplyLe += m.sk;
            m.demandLe += m.dk;
            if (m.supplyLe >= demand - m.demandLe) return m;
        }
    }

    /// @notice The posted-price rule (ResourcePricing.nextPostedPrice), linked.
    function nextPostedPrice(
        uint256 price,
        uint256 demand,
        uint256 offered,
        uint256 adjustmentBps,
        uint256 maxChangeBps,
        uint256 minPrice,
        uint256 maxPrice
    ) external pure returns (uint256) {
        return ResourcePricing.nextPostedPrice(price, demand, offered, adjustmentBps, maxChangeBps, minPrice, maxPrice);
    }

    /// @notice Units order `o` filled in its epoch `ed` (0 until cleared). Bids above the
    /// marginal tick fill fully, on it by the exact slice of their position, below it not at all.
    function filled(IResourceMarket.Order storage o, IResourceMarket.EpochData storage ed)
        public
        view
        returns (uint256)
    {
        if (!ed.cleared) return 0;
        uint256 tick = o.tick;
        uint256 dt = ed.demandTick;
        if (tick > dt) return o.units;
        if (tick < dt) return 0;
        return ResourcePricing.rationSlice(o.position, o.units, ed.demandNum, ed.demandDen);
    }

    /// @notice Settlement of order `o` in its final epoch `ed`: units filled, and the refund =
    /// escrow not spent at the epoch's price + the filled cost's undelivered share (rounded down,
    /// in the protocol's favour: an epoch's consumers keep paying at least delivered x price,
    /// which is what its providers are paid).
    function settlement(IResourceMarket.Order storage o, IResourceMarket.EpochData storage ed)
        external
        view
        returns (uint256 units, uint256 refund)
    {
        units = filled(o, ed);
        uint256 cost = units * ed.price;
        refund = o.escrow - cost;
        uint256 sold = ed.sold;
        if (cost != 0) refund += (cost * (sold - ed.delivered)) / sold;
    }
}
