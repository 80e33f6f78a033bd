// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IBondingCurveMarket} from "../interfaces/IBondingCurveMarket.sol";

/// @title CircuitBreaker
/// @notice The market's two brakes: the automatic circuit breaker (the price moved more than
/// `thresholdBps` from the window's anchor within `windowBlocks` blocks: buys halt for
/// `cooldownBlocks`). The guardian's manual pause lives in the market's book slot (issue 14: a
/// sell reads the book anyway, so it checks the pause without reading this slot).
/// @dev The breaker's state is ONE storage slot, read once by a buy.
/// Semantics (see docs/market.md):
/// - The breaker is evaluated on buys. The anchor is the spot price before the first buy of a
///   window; a window is `windowBlocks` blocks long from that buy.
/// - A buy trips the breaker when the price after it differs from the anchor by more than
///   `thresholdBps`, whatever moved it within the window: this buy, earlier buys (a pump split
///   into small steps), or sells (a crash is caught by the first buy after it).
/// - The tripping buy is NOT reverted: it completes and records the trip. A revert would undo
///   the trip together with the price move, so the tripping trade cannot "escape" either way.
/// - A trip halts buys only, for `cooldownBlocks`. Sells stay open so holders can always exit;
///   they are not evaluated themselves, which keeps the exit path one curve evaluation cheaper.
abstract contract CircuitBreaker is IBondingCurveMarket {
    /// @notice Smallest / largest price move (bps of the anchor) that may be set as the threshold.
    uint256 public constant MIN_BREAKER_THRESHOLD_BPS = 100;
    uint256 public constant MAX_BREAKER_THRESHOLD_BPS = 10_000;
    /// @notice Bounds of the observation window, in blocks.
    uint256 public constant MIN_BREAKER_WINDOW = 1;
    uint256 public constant MAX_BREAKER_WINDOW = 50_400;
    /// @notice Bounds of the halt, in blocks (at most about one week of 12 s blocks).
    uint256 public constant MIN_BREAKER_COOLDOWN = 1;
    uint256 public constant MAX_BREAKER_COOLDOWN = 50_400;

    /// @dev One slot: 112 + 40 + 40 + 16 + 16 + 24 = 248 bits.
    struct Guard {
        uint112 anchorPrice; // spot price at the start of the current window (saturating)
        uint40 anchorBlock; // block of the first trade of the current window
        uint40 haltedUntil; // buys revert while block.number < haltedUntil
        uint16 thresholdBps;
        uint16 windowBlocks;
        uint24 cooldownBlocks;
    }

    Guard internal _guard;

    constructor(uint256 thresholdBps, uint256 windowBlocks, uint256 cooldownBlocks) {
        _setBreakerParameters(thresholdBps, windowBlocks, cooldownBlocks);
    }

    /// @notice First block at which buys are allowed again (0 or past = not halted).
    function haltedUntilBlock() external view returns (uint256) {
        return _guard.haltedUntil;
    }

    /// @notice Whether buys are halted by the circuit breaker in the current block.
    function buysHalted() external view returns (bool) {
        return block.number < _guard.haltedUntil;
    }

    /// @notice Breaker parameters: threshold (bps), window (blocks), cooldown (blocks).
    function breakerParameters()
        external
        view
        returns (uint256 thresholdBps, uint256 windowBlocks, uint256 cooldownBlocks)
    {
        Guard memory g = _guard;
        return (g.thresholdBps, g.windowBlocks, g.cooldownBlocks);
    }

    /// @notice The current window's anchor price and the block it was taken at.
    function breakerAnchor() external view returns (uint256 anchorPrice, uint256 anchorBlock) {
        Guard memory g = _guard;
        return (g.anchorPrice, g.anchorBlock);
    }

    function _setBreakerParameters(uint256 thresholdBps, uint256 windowBlocks, uint256 cooldownBlocks) internal {
        if (thresholdBps < MIN_BREAKER_THRESHOLD_BPS || thresholdBps > MAX_BREAKER_THRESHOLD_BPS) {
            revert BreakerParameterOutOfBounds(0, thresholdBps, MIN_BREAKER_THRESHOLD_BPS, MAX_BREAKER_THRESHOLD_BPS);
        }
        if (windowBlocks < MIN_BREAKER_WINDOW || windowBlocks > MAX_BREAKER_WINDOW) {
            revert BreakerParameterOutOfBounds(1, windowBlocks, MIN_BREAKER_WINDOW, MAX_BREAKER_WINDOW);
        }
        if (cooldownBlocks < MIN_BREAKER_COOLDOWN || cooldownBlocks > MAX_BREAKER_COOLDOWN) {
            revert BreakerParameterOutOfBounds(2, cooldownBlocks, MIN_BREAKER_COOLDOWN, MAX_BREAKER_COOLDOWN);
        }
        Guard memory g = _guard;
        emit BreakerParametersUpdated(
            g.thresholdBps, g.windowBlocks, g.cooldownBlocks, thresholdBps, windowBlocks, cooldownBlocks
        );
        g.thresholdBps = uint16(thresholdBps);
        g.windowBlocks = uint16(windowBlocks);
        g.cooldownBlocks = uint24(cooldownBlocks);
        _guard = g;
    }

    /// @dev Forget the anchor so the next trade opens a new window (after a curve change the old
    /// anchor was measured on another curve).
    function _resetBreakerWindow() internal {
        _guard.anchorBlock = 0;
    }

    /// @dev Called by a buy after it moved the supply from `supplyBefore` to `supplyAfter`, with the
    /// guard `g` the trade already loaded. Returns the new spot price. At most one SSTORE, and
    /// only when a window opens or the breaker trips.
    function _afterTrade(Guard memory g, uint256 supplyBefore, uint256 supplyAfter) internal returns (uint256 price) {
        bool dirty;
        uint256 anchor = g.anchorPrice;
        if (block.number >= uint256(g.anchorBlock) + g.windowBlocks) {
            anchor = _saturate(_spotPriceAt(supplyBefore));
            g.anchorPrice = uint112(anchor);
            g.anchorBlock = uint40(block.number);
            dirty = true;
            emit BreakerWindowOpened(anchor, block.number);
        }
        price = _spotPriceAt(supplyAfter);
        // A zero anchor (a curve starting at price 0) has no relative move: the first trade of
        // such a window cannot trip. Every later window anchors on a non-zero price.
        if (anchor != 0) {
            uint256 p = _saturate(price);
            uint256 moved = p > anchor ? p - anchor : anchor - p;
            if (moved * 10_000 > anchor * g.thresholdBps) {
                uint256 until = block.number + g.cooldownBlocks;
                g.haltedUntil = uint40(until);
                // The halted market re-anchors on the price it halted at.
                g.anchorPrice = uint112(p);
                g.anchorBlock = uint40(block.number);
                dirty = true;
                emit CircuitBreakerTripped(anchor, price, until);
            }
        }
        if (dirty) _guard = g;
    }

    function _spotPriceAt(uint256 supply) internal view virtual returns (uint256);

    function _saturate(uint256 p) private pure returns (uint256) {
        return p > type(uint112).max ? type(uint112).max : p;
    }
}
