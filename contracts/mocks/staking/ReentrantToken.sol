// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Attacker token for reentrancy tests: on every transfer it calls `victim` with `data`
/// once (if armed) and bubbles up the callee's revert. It can burn like the Cipher token.
contract ReentrantToken is ERC20 {
    address public victim;
    bytes public data;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @notice Arm the hook: the next transfer calls `target_` with `data_`.
    function arm(address target_, bytes calldata data_) external {
        victim = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = victim;
        if (t != address(0)) {
            victim = address(0);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory ret) = t.call(data);
            if (!ok) {
                assembly ("memory-safe") {
                    revert(add(ret, 0x20), mload(ret))
                }
            }
        }
    }
}
