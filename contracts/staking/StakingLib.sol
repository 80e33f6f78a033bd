// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICipherStaking} from "./ICipherStaking.sol";
import {StakingStorage} from "./StakingStorage.sol";
import {RewardAccumulator} from "./RewardAccumulator.sol";
import {RewardMath} from "./RewardMath.sol";
import {TierRules} from "./TierRules.sol";
import {ParameterRules} from "./ParameterRules.sol";
import {VoteTrace} from "./VoteTrace.sol";
import {ContributionBoost} from "./ContributionBoost.sol";
import {SlashCut} from "./SlashCut.sol";
import {RewardAssets} from "./RewardAssets.sol";

/// @title StakingLib
/// @notice The linked (DELEGATECALLed) entry points of CipherStaking's cold paths, deployed once so
/// the staking contract stays under the 24,576-byte code-size limit. It holds no logic of its
/// own: each entry point calls the library of its concept, compiled into this one: TierRules
/// (lock tiers), ParameterRules (governed parameters), RewardAssets (reward asset list),
/// RewardMath (the reward formula, shared with the settlement), ContributionBoost (vote credit,
/// oracle renewal, decay), SlashCut (cutting a slashed account's stakes), VoteTrace (packed vote
/// checkpoint lookups). Events and errors are those of ICipherStaking.
library StakingLib {
    /// @notice Set tier `index` (or append): TierRules.setTier.
    function setTier(ICipherStaking.Tier[8] storage tiers, uint256 n, uint256 index, uint256 d, uint256 m)
        external
        returns (uint256 count)
    {
        return TierRules.setTier(tiers, n, index, d, m);
    }

    /// @notice Open a slashing case and snapshot the stake it is computed on: SlashCut.openCase.
    function openCase(
        address staker,
        StakingStorage.Account storage a,
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 maxOpen
    ) external returns (uint256 held, uint256 mask) {
        return SlashCut.openCase(staker, a, stakes, maxOpen);
    }

    /// @notice Cut a slashed account's stakes held when the case opened: SlashCut.cutStakes.
    function cutStakes(
        StakingStorage.Account storage a,
        mapping(uint256 stakeId => ICipherStaking.Stake) storage stakes,
        uint256 caseMask,
        uint256 severityBps,
        uint256 heldAtOpen
    ) external returns (uint256 total, uint256 activeCut) {
        return SlashCut.cutStakes(a, stakes, caseMask, severityBps, heldAtOpen);
    }

    /// @notice Set governed parameter `name`: ParameterRules.setParameter.
    function setParameter(
        ICipherStaking.Config storage config,
        ICipherStaking.ContributionParams storage cp,
        bytes32 name,
        uint256 value
    ) external {
        ParameterRules.setParameter(config, cp, name, value);
    }

    /// @notice Append `asset` to the reward asset list: RewardAssets.add.
    function addRewardAsset(
        address[] storage list,
        mapping(address asset => uint256 indexPlusOne) storage index,
        ICipherStaking.Config storage config,
        address asset,
        uint256 max
    ) external {
        RewardAssets.add(list, index, config, asset, max);
    }

    /// @notice Fold pending vote credit, then renew the boost with `incrementBps`:
    /// ContributionBoost.contribute.
    function contribute(
        address account,
        StakingStorage.Account storage a,
        ICipherStaking.ContributionParams storage cp,
        uint256 incrementBps
    ) external returns (uint256 boost) {
        return ContributionBoost.contribute(account, a, cp, incrementBps);
    }

    /// @notice Fold `account`'s pending vote credit into its stored boost: ContributionBoost.foldVotes.
    function foldVotes(
        address account,
        StakingStorage.Account storage a,
        ICipherStaking.ContributionParams storage cp
    ) external {
        ContributionBoost.foldVotes(account, a, cp);
    }

    /// @notice (boost at renewal, renewal time) with pending votes folded in: ContributionBoost.renewal.
    function renewal(StakingStorage.Account storage a, ICipherStaking.ContributionParams storage cp)
        external
        view
        returns (uint256 boost, uint256 renewedAt)
    {
        return ContributionBoost.renewal(a, cp);
    }

    /// @notice `a`'s boost now: ContributionBoost.currentBoost.
    function currentBoost(StakingStorage.Account storage a, ICipherStaking.ContributionParams storage cp)
        external
        view
        returns (uint256)
    {
        return ContributionBoost.currentBoost(a, cp);
    }

    /// @notice Rewards of an account in one asset now: its stored unpaid rewards plus its stored
    /// `weight` times the accumulator's growth since its last settlement (rounded down). The same
    /// RewardMath calls as the settlement, so it equals what a claim at this timestamp pays.
    function earned(
        RewardAccumulator.Accum storage acc,
        RewardAccumulator.Stream storage stream,
        RewardAccumulator.UserReward storage u,
        uint256 weight,
        uint256 totalWeight
    ) external view returns (uint256) {
        uint256 rpw = RewardMath.rewardPerWeight(
            acc.rewardPerWeight,
            acc.lastUpdate,
            stream.finish,
            stream.rate,
            totalWeight,
            block.timestamp
        );
        return RewardMath.owed(u.rewardsPlusOne) + RewardMath.accrued(weight, rpw, u.paid);
    }

    /// @notice Revenue of one asset received but not yet streamed to weight (rounded down).
    function undistributed(
        RewardAccumulator.Accum storage acc,
        RewardAccumulator.Stream storage stream,
        uint256 totalWeight
    ) external view returns (uint256) {
        return RewardMath.undistributed(acc.lastUpdate, stream.finish, stream.rate, totalWeight, block.timestamp);
    }

    /// @notice Votes at the end of block `t` from a packed checkpoint history: VoteTrace.pastVotes.
    function pastVotes(mapping(uint256 pairIndex => uint256) storage history, uint256 n, uint256 t)
        external
        view
        returns (uint256)
    {
        return VoteTrace.pastVotes(history, n, t);
    }
}
