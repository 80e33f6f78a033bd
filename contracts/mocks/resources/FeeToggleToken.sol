// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test token whose transfers can take a fee (burned), to prove the resource market
/// measures what it receives and sends instead of trusting amounts.
contract FeeToggleToken is ERC20 {
    uint256 public feeBps;

    constructor() ERC20("Fee Toggle", "FEE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    function setFeeBps(uint256 bps) external {
        feeBps = bps;
    }

    function _update(address from, address to, uint256 value) internal override {
        uint256 fee = (from != address(0) && to != address(0)) ? (value * feeBps) / 10_000 : 0;
        super._update(from, to, value - fee);
        if (fee != 0) super._update(from, address(0), fee);
    }
}
