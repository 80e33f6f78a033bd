// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Attacker token for reentrancy tests: on every transfer it calls `hookTarget` with `data`
/// once (if armed) and bubbles up the callee's revert. It can burn like the Cipher token.
contract ReentrantToken is ERC20 {
    /// @dev Not named `target`: that getter would clash with ethers' BaseContract.target in TypeChain.
    address public hookTarget;
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
        hookTarget = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = hookTarget;
        if (t != address(0)) {
            hookTarget = address(0);
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
