// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IStakingLike {
    function stake(uint256 amount, uint256 tier) external returns (uint256);
    function claim() external returns (uint256[] memory);
}

/// @notice A contract staker for attacker tests: it can refuse ETH, or re-enter `claim` from its
/// receive hook (mode 0 = accept, 1 = reject, 2 = re-enter claim).
contract StakerContract {
    IStakingLike public immutable staking;
    uint256 public mode;
    bool public reentered;

    constructor(address staking_) {
        staking = IStakingLike(staking_);
    }

    function setMode(uint256 m) external {
        mode = m;
    }

    function stake(address token, uint256 amount, uint256 tier) external {
        IERC20(token).approve(address(staking), amount);
        staking.stake(amount, tier);
    }

    function claim() external {
        staking.claim();
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (mode == 1) revert("no ETH");
        if (mode == 2 && !reentered) {
            reentered = true;
            staking.claim();
        }
    }
}
