// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice ERC20 whose transfers do not move what they say (issue 9 §1), for tests only.
/// `shortBps`: the recipient gets `value - value x shortBps / 10_000` (the rest is burned), the
/// sender loses `value` (a fee-on-transfer token). `overDebitBps`: the recipient gets `value`,
/// the sender loses `value + value x overDebitBps / 10_000` (a fee charged on top). Mints and burns
/// are exact. Both rates start at 0 and are settable at any time, so a token can turn short after
/// a market was deployed or a reward asset listed.
contract ShortDeliveryToken is ERC20 {
    uint256 private constant BPS = 10_000;
    uint256 public shortBps;
    uint256 public overDebitBps;

    constructor() ERC20("Short Delivery", "SHORT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Burn the caller's tokens (exact; lets the token stand in for the Cipher token's
    /// `burn` in harnesses).
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    function setShortBps(uint256 bps) external {
        shortBps = bps;
    }

    function setOverDebitBps(uint256 bps) external {
        overDebitBps = bps;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from != address(0) && to != address(0)) {
            uint256 cut = (value * shortBps) / BPS;
            uint256 extra = (value * overDebitBps) / BPS;
            if (cut + extra != 0) super._update(from, address(0), cut + extra);
            super._update(from, to, value - cut);
            return;
        }
        super._update(from, to, value);
    }
}

/// @notice A rebasing ERC20 (balances are shares x index), for tests only. Transfers move
/// floor(value / index) shares, so the recipient may get up to one index step less than `value`
/// (the 1-2 wei shortfall of real rebasing tokens); `rebase` changes every balance at once without
/// any transfer, which no transfer-time measurement can see.
contract RebasingToken is ERC20 {
    uint256 private constant ONE = 1e18;
    /// @notice Balance per share, 1e18 = 1.
    uint256 public index = ONE;
    mapping(address account => uint256) public sharesOf;
    uint256 public totalShares;

    constructor() ERC20("Rebasing", "REBASE") {}

    function mint(address to, uint256 amount) external {
        uint256 s = (amount * ONE) / index;
        sharesOf[to] += s;
        totalShares += s;
        emit Transfer(address(0), to, amount);
    }

    /// @notice Set the balance per share (1e18 = 1): every balance scales at once.
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    function balanceOf(address account) public view override returns (uint256) {
        return (sharesOf[account] * index) / ONE;
    }

    function totalSupply() public view override returns (uint256) {
        return (totalShares * index) / ONE;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 s = (value * ONE) / index;
        if (from != address(0)) {
            uint256 have = sharesOf[from];
            if (balanceOf(from) < value) revert ERC20InsufficientBalance(from, balanceOf(from), value);
            sharesOf[from] = have - (s > have ? have : s);
        } else {
            totalShares += s;
        }
        if (to != address(0)) sharesOf[to] += s;
        else totalShares -= s;
        emit Transfer(from, to, value);
    }
}
