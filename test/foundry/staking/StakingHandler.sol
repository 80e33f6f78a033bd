// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "../utils/Vm.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {ICipherStaking} from "../../../contracts/staking/ICipherStaking.sol";
import {Slashing} from "../../../contracts/staking/Slashing.sol";
import {ISlashing} from "../../../contracts/staking/ISlashing.sol";
import {ContributionOracle} from "../../../contracts/staking/ContributionOracle.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";

/// @notice Drives CipherStaking with bounded random actions (stake, unbond, withdraw, claim,
/// revenue, votes, attestations, slashes, time warps) and keeps ghost totals plus an
/// independent model of every actor's weighted share of what was streamed.
contract StakingHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant N_ACTORS = 5;
    uint256 internal constant SCALE = 1e18;

    CipherStaking public immutable staking;
    Slashing public immutable slashing;
    ContributionOracle public immutable oracle;
    MockStakingToken public immutable token;
    MockStakingToken public immutable reward;
    address public immutable governor;
    address public immutable slasher;
    address public immutable admin;
    address public immutable o1;
    address public immutable o2;

    address[N_ACTORS] public actors;
    address[2] public assets;

    // value ghosts
    uint256 public ghostStakedIn;
    uint256 public ghostWithdrawn;
    uint256 public ghostSlashed;
    uint256 public ghostSlashViolations;
    mapping(address asset => uint256) public ghostRevenueIn;
    mapping(address asset => uint256) public ghostPaid;
    mapping(address actor => mapping(address asset => uint256)) public ghostPaidTo;
    // share model: entitlement (scaled by SCALE) from the streamed amount and stored weights
    mapping(address actor => mapping(address asset => uint256)) public ghostEntitled;
    mapping(address asset => uint256) internal _lastUndistributed;
    uint256 public ghostIntervals;
    uint256 public ghostTouches;
    uint256 public ghostVoteViolations;
    // vote checkpoints recorded after each action: block -> actor -> active amount
    uint256[] public snapBlocks;
    mapping(uint256 blockNumber => mapping(address actor => uint256)) public snapVotes;
    uint256[] internal _openCases;
    mapping(bytes4 selector => uint256) public calls;

    constructor(
        CipherStaking staking_,
        Slashing slashing_,
        ContributionOracle oracle_,
        MockStakingToken token_,
        MockStakingToken reward_,
        address[5] memory roles // governor, slasher, admin, oracle1, oracle2
    ) {
        staking = staking_;
        slashing = slashing_;
        oracle = oracle_;
        token = token_;
        reward = reward_;
        (governor, slasher, admin, o1, o2) = (roles[0], roles[1], roles[2], roles[3], roles[4]);
        assets = [address(0), address(reward_)];
        for (uint256 i; i < N_ACTORS; ++i) {
            address a = vm.addr(0xA11CE + i);
            actors[i] = a;
            vm.prank(a);
            token.approve(address(staking_), type(uint256).max);
        }
        reward_.approve(address(staking_), type(uint256).max);
    }

    modifier step(bytes4 sel) {
        calls[sel] += 1;
        vm.roll(block.number + 1);
        _accrue();
        _;
        _afterAction();
    }

    // ------------------------------------------------------------------ actions

    function stake(uint256 actorSeed, uint256 amount, uint256 tier) external step(this.stake.selector) {
        address a = _actor(actorSeed);
        if (staking.accountOf(a).stakeMask == 0xffff) return;
        amount = _bound(amount, 1, 1e24);
        tier = _bound(tier, 0, staking.tierCount() - 1);
        token.mint(a, amount);
        vm.prank(a);
        staking.stake(amount, tier);
        ghostStakedIn += amount;
        ghostTouches += 1;
    }

    /// @dev Top-up of an active stake (issue 14). Skipped where the contract refuses it: an open
    /// slashing case (the case's snapshot must not grow) or a tier whose multiplier changed.
    function increaseStake(uint256 actorSeed, uint256 idSeed, uint256 amount)
        external
        step(this.increaseStake.selector)
    {
        address a = _actor(actorSeed);
        (bool found, uint256 id) = _findStake(a, idSeed, true);
        if (!found || staking.accountOf(a).openCases != 0) return;
        ICipherStaking.Stake memory s = staking.stakeOf(a, id);
        (, uint16 m) = staking.tiers(s.tier);
        if (m != s.multiplierBps) return;
        amount = _bound(amount, 1, 1e24);
        token.mint(a, amount);
        vm.prank(a);
        staking.increaseStake(id, amount);
        require(staking.stakeOf(a, id).amount == s.amount + amount, "top-up adds to the position");
        require(staking.accountOf(a).baseWeight == _activeBase(a), "base weight = sum of floor(amount x m)");
        ghostStakedIn += amount;
        ghostTouches += 1;
    }

    function requestUnbond(uint256 actorSeed, uint256 idSeed) external step(this.requestUnbond.selector) {
        address a = _actor(actorSeed);
        (bool found, uint256 id) = _findStake(a, idSeed, true);
        if (!found) return;
        ICipherStaking.Stake memory s = staking.stakeOf(a, id);
        if (block.timestamp < s.unlockAt) vm.warp(s.unlockAt);
        _accrue();
        vm.prank(a);
        staking.requestUnbond(id);
        ghostTouches += 1;
    }

    function withdraw(uint256 actorSeed, uint256 idSeed) external step(this.withdraw.selector) {
        address a = _actor(actorSeed);
        (bool found, uint256 id) = _findStake(a, idSeed, false);
        if (!found || staking.accountOf(a).openCases != 0) return;
        ICipherStaking.Stake memory s = staking.stakeOf(a, id);
        if (block.timestamp < s.unbondEnd) vm.warp(s.unbondEnd);
        _accrue();
        vm.prank(a);
        staking.withdraw(id);
        ghostWithdrawn += s.amount;
    }

    function claim(uint256 actorSeed) external step(this.claim.selector) {
        address a = _actor(actorSeed);
        uint256 ethBefore = a.balance;
        uint256 tokBefore = reward.balanceOf(a);
        vm.prank(a);
        staking.claim();
        _paid(a, address(0), a.balance - ethBefore);
        _paid(a, address(reward), reward.balanceOf(a) - tokBefore);
        ghostTouches += 1;
    }

    function revenueEth(uint256 amount) external step(this.revenueEth.selector) {
        amount = _bound(amount, 1, 100 ether);
        vm.deal(address(this), amount);
        staking.receiveRevenue{value: amount}(address(0), amount, 0);
        ghostRevenueIn[address(0)] += amount;
    }

    function revenueToken(uint256 amount) external step(this.revenueToken.selector) {
        amount = _bound(amount, 1, 1e24);
        reward.mint(address(this), amount);
        staking.receiveRevenue(address(reward), amount, 0);
        ghostRevenueIn[address(reward)] += amount;
    }

    /// @dev A vote is not a touch (no settlement): it only records a pending credit, so it must
    /// leave every weight and the total unchanged; the counter grows by one (saturating at 255)
    /// for a voter with weight and stays put for one without.
    function vote(uint256 actorSeed, uint256 proposalId) external step(this.vote.selector) {
        address a = _actor(actorSeed);
        CipherStaking.Account memory b = staking.accountOf(a);
        uint256 total = staking.totalWeight();
        vm.prank(governor);
        staking.onVoteCast(a, proposalId);
        CipherStaking.Account memory n = staking.accountOf(a);
        uint256 expected = b.weight == 0 ? b.pendingVotes : (b.pendingVotes == 255 ? 255 : b.pendingVotes + 1);
        if (n.weight != b.weight || staking.totalWeight() != total || n.pendingVotes != expected) {
            ghostVoteViolations += 1;
        }
        if (n.boostBps != b.boostBps || n.boostRenewedAt != b.boostRenewedAt) ghostVoteViolations += 1;
    }

    function attest(uint256 actorSeed, uint256 score) external step(this.attest.selector) {
        address a = _actor(actorSeed);
        uint256 epoch = oracle.currentEpoch();
        if (epoch == 0) return;
        epoch -= 1;
        if (epoch <= oracle.lastAcceptedEpoch(a)) return;
        score = _bound(score, 0, 10_000);
        bytes32 evidence = keccak256(abi.encode(a, epoch, score));
        vm.prank(o1);
        oracle.attestScore(a, epoch, score, evidence);
        vm.prank(o2);
        oracle.attestScore(a, epoch, score, evidence);
        ghostTouches += 1;
    }

    function poke(uint256 actorSeed) external step(this.poke.selector) {
        staking.poke(_actor(actorSeed));
        ghostTouches += 1;
    }

    function proposeSlash(uint256 actorSeed, uint256 severity) external step(this.proposeSlash.selector) {
        address a = _actor(actorSeed);
        if (staking.accountOf(a).stakeMask == 0 || staking.accountOf(a).openCases >= 4) return;
        severity = _bound(severity, 1, 1_000);
        vm.prank(slasher);
        _openCases.push(slashing.proposeSlash(a, severity, keccak256(abi.encode(a, severity))));
    }

    function executeSlash(uint256 caseSeed) external step(this.executeSlash.selector) {
        if (_openCases.length == 0) return;
        uint256 k = caseSeed % _openCases.length;
        uint256 caseId = _openCases[k];
        ISlashing.SlashCase memory c = slashing.slashCase(caseId);
        uint256 before = stakedOf(c.staker);
        uint256 snapshotLeft = stakedIn(c.staker, c.stakeMask);
        uint256 outside = before - snapshotLeft; // stake added after the proposal
        uint256 taken;
        if (c.status == ISlashing.CaseStatus.Disputed) {
            vm.prank(admin);
            taken = slashing.upholdSlash(caseId);
        } else {
            if (block.timestamp < c.deadline) vm.warp(c.deadline);
            _accrue();
            taken = slashing.executeSlash(caseId);
        }
        ghostSlashed += taken;
        // issue 9 §4: exactly ceil(held at proposal x sev), capped at what is left of the stakes
        // held then; stake added later is untouched.
        uint256 target = (uint256(c.heldAtProposal) * c.severityBps + 9_999) / 10_000;
        if (target > snapshotLeft) target = snapshotLeft;
        uint256 afterAll = stakedOf(c.staker);
        if (taken != target || afterAll != before - taken || afterAll - stakedIn(c.staker, c.stakeMask) != outside) {
            ghostSlashViolations += 1;
        }
        _openCases[k] = _openCases[_openCases.length - 1];
        _openCases.pop();
        ghostTouches += 1;
    }

    function disputeSlash(uint256 caseSeed) external step(this.disputeSlash.selector) {
        if (_openCases.length == 0) return;
        uint256 caseId = _openCases[caseSeed % _openCases.length];
        ISlashing.SlashCase memory c = slashing.slashCase(caseId);
        if (c.status != ISlashing.CaseStatus.Proposed || block.timestamp >= c.deadline) return;
        vm.prank(c.staker);
        slashing.disputeSlash(caseId);
    }

    function expireSlash(uint256 caseSeed) external step(this.expireSlash.selector) {
        if (_openCases.length == 0) return;
        uint256 k = caseSeed % _openCases.length;
        ISlashing.SlashCase memory c = slashing.slashCase(_openCases[k]);
        if (c.status != ISlashing.CaseStatus.Disputed) return;
        if (block.timestamp < c.deadline) vm.warp(c.deadline);
        _accrue();
        slashing.expireSlash(_openCases[k]);
        _openCases[k] = _openCases[_openCases.length - 1];
        _openCases.pop();
    }

    function cancelSlash(uint256 caseSeed) external step(this.cancelSlash.selector) {
        if (_openCases.length == 0) return;
        uint256 k = caseSeed % _openCases.length;
        vm.prank(admin);
        slashing.cancelSlash(_openCases[k]);
        _openCases[k] = _openCases[_openCases.length - 1];
        _openCases.pop();
    }

    function warp(uint256 secs) external step(this.warp.selector) {
        vm.warp(block.timestamp + _bound(secs, 1, 20 days));
        _accrue(); // weights do not change here, so what streamed during the warp is credited now
    }

    // ------------------------------------------------------------------ views for invariants

    function actorCount() external pure returns (uint256) {
        return N_ACTORS;
    }

    function snapCount() external view returns (uint256) {
        return snapBlocks.length;
    }

    /// @notice Sum of the amounts of all of `a`'s stakes (active + unbonding).
    function stakedOf(address a) public view returns (uint256 sum) {
        return stakedIn(a, type(uint16).max);
    }

    /// @notice Tokens in `a`'s existing stakes whose ids are in `mask`.
    function stakedIn(address a, uint256 mask) public view returns (uint256 sum) {
        mask &= staking.accountOf(a).stakeMask;
        for (uint256 id; id < 16; ++id) {
            if (mask & (1 << id) != 0) sum += staking.stakeOf(a, id).amount;
        }
    }

    // ------------------------------------------------------------------ internals

    /// @dev Credit each actor its stored-weight share of what streamed since the last action.
    function _accrue() internal {
        uint256 w = staking.totalWeight();
        for (uint256 j; j < 2; ++j) {
            address asset = assets[j];
            uint256 und = staking.undistributed(asset);
            uint256 last = _lastUndistributed[asset];
            if (last > und && w != 0) {
                uint256 streamed = last - und;
                for (uint256 i; i < N_ACTORS; ++i) {
                    uint256 wa = staking.accountOf(actors[i]).weight;
                    ghostEntitled[actors[i]][asset] += (streamed * wa * SCALE) / w;
                }
                ghostIntervals += 1;
            }
            _lastUndistributed[asset] = und;
        }
    }

    function _afterAction() internal {
        for (uint256 j; j < 2; ++j) _lastUndistributed[assets[j]] = staking.undistributed(assets[j]);
        uint256 b = block.number;
        if (snapBlocks.length == 0 || snapBlocks[snapBlocks.length - 1] != b) snapBlocks.push(b);
        for (uint256 i; i < N_ACTORS; ++i) snapVotes[b][actors[i]] = staking.accountOf(actors[i]).active;
    }

    function _paid(address a, address asset, uint256 amount) internal {
        ghostPaid[asset] += amount;
        ghostPaidTo[a][asset] += amount;
    }

    /// @dev Sum over `a`'s active stakes of floor(amount x multiplier / 10^4): its base weight.
    function _activeBase(address a) internal view returns (uint256 sum) {
        uint256 mask = staking.accountOf(a).stakeMask;
        for (uint256 id; id < 16; ++id) {
            if (mask & (1 << id) == 0) continue;
            ICipherStaking.Stake memory s = staking.stakeOf(a, id);
            if (s.unbondEnd == 0) sum += (uint256(s.amount) * s.multiplierBps) / 10_000;
        }
    }

    function _findStake(address a, uint256 seed, bool active) internal view returns (bool, uint256) {
        uint256 mask = staking.accountOf(a).stakeMask;
        for (uint256 k; k < 16; ++k) {
            uint256 id = ((seed % 16) + k) % 16;
            if (mask & (1 << id) == 0) continue;
            bool isActive = staking.stakeOf(a, id).unbondEnd == 0;
            if (isActive == active) return (true, id);
        }
        return (false, 0);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % N_ACTORS];
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        if (x >= lo && x <= hi) return x;
        return lo + (x % (hi - lo + 1));
    }

    receive() external payable {}
}
