// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice The views of the market the lens reads.
interface ILensMarket {
    function spotPrice() external view returns (uint256);
    function reserveBalance() external view returns (uint256);
    function fees() external view returns (uint256 buyFeeBps, uint256 sellFeeBps);
    function haltedUntilBlock() external view returns (uint256);
    function paused() external view returns (bool);
    function protocolFees() external view returns (uint256);
    function quoteSell(uint256 tokensIn) external view returns (uint256 reserveOut, uint256 fee);
    function referralRewards(address referrer) external view returns (uint256);
}

/// @notice The views of the staking contract the lens reads.
interface ILensStaking {
    struct Stake {
        uint128 amount;
        uint40 unlockAt;
        uint40 unbondEnd;
        uint16 multiplierBps;
        uint8 tier;
    }

    struct Account {
        uint128 weight;
        uint40 boostRenewedAt;
        uint16 boostBps;
        uint16 stakeMask;
        uint8 openCases;
        uint128 baseWeight;
        uint128 active;
    }

    function totalStaked() external view returns (uint256);
    function totalWeight() external view returns (uint256);
    function tierCount() external view returns (uint256);
    function tiers(uint256 index) external view returns (uint32 duration, uint16 multiplierBps);
    function accountOf(address account) external view returns (Account memory);
    function stakeOf(address account, uint256 stakeId) external view returns (Stake memory);
    function earned(address account, address asset) external view returns (uint256);
}

/// @notice The views of the treasury the lens reads.
interface ILensTreasury {
    function fundBalance(uint8 fund, address asset) external view returns (uint256);
}

/// @title CipherLens
/// @notice Read-only helper for off-chain readers (the simulation, bots): the economy-wide state
/// and the balances, stakes and pending rewards of many accounts in one `eth_call`.
/// @dev Holds no state and no privileges; every function is a view over the contracts passed in,
/// so one lens serves any deployment. Results are flat uint256 arrays (cheap to ABI-decode for
/// thousands of accounts); the layouts are documented on each function.
contract CipherLens {
    /// @notice Words per stake in `accounts`: id, amount, unlockAt, unbondEnd, tier.
    uint256 public constant STAKE_WORDS = 5;

    /// @notice Economy-wide state.
    /// @dev Layout: [0] block number, [1] timestamp, [2] spot price, [3] token supply, [4] reserve,
    /// [5] buy fee bps, [6] sell fee bps, [7] halted-until block, [8] paused (0/1), [9] accrued
    /// protocol fees, [10] total staked, [11] total weight, [12..14] treasury welfare, solidarity
    /// and development balances of `asset`, [15] tier count n, then n pairs (duration, multiplier).
    /// @param market The bonding-curve market.
    /// @param token The market's token.
    /// @param staking The staking contract.
    /// @param treasury The treasury.
    /// @param asset The reserve asset (address(0) = native ETH) for the treasury balances.
    /// @return out The flat state array.
    function economy(ILensMarket market, IERC20 token, ILensStaking staking, ILensTreasury treasury, address asset)
        external
        view
        returns (uint256[] memory out)
    {
        uint256 n = staking.tierCount();
        out = new uint256[](16 + 2 * n);
        out[0] = block.number;
        out[1] = block.timestamp;
        out[2] = market.spotPrice();
        out[3] = token.totalSupply();
        out[4] = market.reserveBalance();
        (out[5], out[6]) = market.fees();
        out[7] = market.haltedUntilBlock();
        out[8] = market.paused() ? 1 : 0;
        out[9] = market.protocolFees();
        out[10] = staking.totalStaked();
        out[11] = staking.totalWeight();
        out[12] = treasury.fundBalance(1, asset);
        out[13] = treasury.fundBalance(2, asset);
        out[14] = treasury.fundBalance(3, asset);
        out[15] = n;
        for (uint256 i = 0; i < n; ++i) {
            (uint32 d, uint16 m) = staking.tiers(i);
            out[16 + 2 * i] = d;
            out[17 + 2 * i] = m;
        }
    }

    /// @notice Pending rewards in `asset` of each of `accounts` (one call frame per account, for
    /// readers that refresh only the time-dependent part of a staker's view).
    /// @param staking The staking contract.
    /// @param asset The reward asset (address(0) = native ETH).
    /// @param accountList The accounts to read.
    /// @return out `staking.earned(accountList[i], asset)` for each i.
    function pendingRewards(ILensStaking staking, address asset, address[] calldata accountList)
        external
        view
        returns (uint256[] memory out)
    {
        out = new uint256[](accountList.length);
        for (uint256 i = 0; i < accountList.length; ++i) {
            out[i] = staking.earned(accountList[i], asset);
        }
    }

    /// @notice Balances, pending rewards and stakes of `accounts`.
    /// @dev Per account, in order: native balance, token balance, pending rewards in `asset`,
    /// stake count k, then k groups of STAKE_WORDS words (id, amount, unlockAt, unbondEnd, tier)
    /// for the set bits of the account's stake mask, lowest id first. A first pass reads the stake
    /// masks so the result is allocated at its exact size: EVM memory stays small, which keeps the
    /// call cheap on nodes that trace memory (Hardhat's in-process network).
    /// @param token The staked token.
    /// @param staking The staking contract.
    /// @param asset The reward asset to report (address(0) = native ETH).
    /// @param accountList The accounts to read.
    /// @return out The flat per-account array.
    function accounts(IERC20 token, ILensStaking staking, address asset, address[] calldata accountList)
        external
        view
        returns (uint256[] memory out)
    {
        uint256[] memory masks = new uint256[](accountList.length);
        uint256 words = 4 * accountList.length;
        for (uint256 i = 0; i < accountList.length; ++i) {
            uint256 mask = staking.accountOf(accountList[i]).stakeMask;
            masks[i] = mask;
            for (; mask != 0; mask >>= 1) {
                if (mask & 1 == 1) words += STAKE_WORDS;
            }
        }
        out = new uint256[](words);
        uint256 w;
        for (uint256 i = 0; i < accountList.length; ++i) {
            address a = accountList[i];
            out[w] = a.balance;
            out[w + 1] = token.balanceOf(a);
            out[w + 2] = staking.earned(a, asset);
            uint256 mask = masks[i];
            uint256 countAt = w + 3;
            w += 4;
            uint256 k;
            for (uint256 id = 0; mask != 0; ++id) {
                if (mask & 1 == 1) {
                    ILensStaking.Stake memory s = staking.stakeOf(a, id);
                    out[w] = id;
                    out[w + 1] = s.amount;
                    out[w + 2] = s.unlockAt;
                    out[w + 3] = s.unbondEnd;
                    out[w + 4] = s.tier;
                    w += STAKE_WORDS;
                    ++k;
                }
                mask >>= 1;
            }
            out[countAt] = k;
        }
    }

    /// @notice `holdings` was given a different number of accounts and amounts.
    error LengthMismatch(uint256 holders, uint256 amounts);

    /// @notice Words per account in `holdings`: net refund, sell fee, referral credit.
    uint256 public constant HOLDING_WORDS = 3;

    /// @notice What each account could realise now: the market's quote for selling `amounts[i]`
    /// tokens alone in the current state (net of the sell fee), and its claimable referral credit.
    /// @dev Layout: per account, in order, HOLDING_WORDS words: [0] `quoteSell(amounts[i])`
    /// reserveOut (reserve wei), [1] its fee (reserve wei), [2] `referralRewards(holders[i])`
    /// (reserve wei). An amount of 0 gives 0, 0 without calling the curve. address(0) may be
    /// passed to quote an amount for nobody (e.g. the whole supply).
    /// @param market The bonding-curve market.
    /// @param holders The accounts to read (same length as `amounts`).
    /// @param amounts Token wei to quote for each account.
    /// @return out The flat per-account array.
    function holdings(ILensMarket market, address[] calldata holders, uint256[] calldata amounts)
        external
        view
        returns (uint256[] memory out)
    {
        if (holders.length != amounts.length) revert LengthMismatch(holders.length, amounts.length);
        out = new uint256[](HOLDING_WORDS * holders.length);
        for (uint256 i = 0; i < holders.length; ++i) {
            uint256 w = HOLDING_WORDS * i;
            if (amounts[i] != 0) (out[w], out[w + 1]) = market.quoteSell(amounts[i]);
            if (holders[i] != address(0)) out[w + 2] = market.referralRewards(holders[i]);
        }
    }
}
