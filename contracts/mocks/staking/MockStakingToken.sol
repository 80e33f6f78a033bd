// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ICipherToken} from "../../interfaces/ICipherToken.sol";

/// @notice Test token for the staking suite: an ICipherToken whose `mint` is open (tests only)
/// and whose holders can burn their own tokens. Also used as an ERC20 reward asset.
contract MockStakingToken is ERC20, ICipherToken {
    constructor(string memory name_, string memory symbol_) ERC20(name_, symbol_) {}

    /// @notice Mint `amount` to `to` (open: test helper).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Burn `amount` from `from` (open: test helper).
    function burnFrom(address from, uint256 amount) external {
        _burn(from, amount);
    }

    /// @notice Burn `amount` of the caller's own tokens.
    function burn(uint256 amount) external {
        _burn(msg.sender, amount);
    }

    /// @notice No market in tests.
    function market() external pure returns (address) {
        return address(0);
    }
}
