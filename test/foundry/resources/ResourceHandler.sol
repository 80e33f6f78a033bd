// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "../utils/Vm.sol";
import {ResourceMarket} from "../../../contracts/resources/ResourceMarket.sol";
import {IResourceMarket} from "../../../contracts/interfaces/IResourceMarket.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";

/// @notice Drives a ResourceMarket with bounded random calls by 3 providers, 3 consumers, 3
/// oracles (quorum 2), a slasher and governance, and keeps ghost records (orders, cleared
/// epochs, price moves) for the invariants.
contract ResourceHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    ResourceMarket public immutable rm;
    MockStakingToken public immutable token;
    address public immutable admin;
    address public immutable slasher;
    address[3] public providers;
    address[3] public consumers;
    address[3] public oracles;

    uint256[] public clearedEpochs;
    /// @notice Set if a posted price ever moved by more than its clamp or left the grid.
    bool public clampViolated;
    uint256 public calls;

    constructor(ResourceMarket rm_, MockStakingToken token_, address admin_, address slasher_, address[3] memory o) {
        rm = rm_;
        token = token_;
        admin = admin_;
        slasher = slasher_;
        oracles = o;
        for (uint256 i; i < 3; ++i) {
            providers[i] = address(uint160(0xA000 + i));
            consumers[i] = address(uint160(0xC000 + i));
        }
    }

    /// @notice Funds and approves the actors (after construction: pranks need a deployed caller).
    function fund() external {
        for (uint256 i; i < 6; ++i) {
            address a = i < 3 ? providers[i] : consumers[i - 3];
            token.mint(a, 1e30);
            vm.prank(a);
            token.approve(address(rm), type(uint256).max);
        }
    }

    function clearedCount() external view returns (uint256) {
        return clearedEpochs.length;
    }

    function _b(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + (x % (hi - lo + 1));
    }

    // ------------------------------------------------------------------ providers

    function register(uint256 who, uint256 cap, uint256 ask, uint256 extra) external {
        ++calls;
        address p = providers[who % 3];
        cap = _b(cap, 1, 50);
        uint256 bond = cap * rm.params().bondPerUnit + _b(extra, 0, 1e18);
        ask = _b(ask, 0, rm.maxPrice());
        vm.prank(p); // arguments first: a prank applies to the next call, views included
        rm.register(cap, ask, bond);
    }

    function setOffer(uint256 who, uint256 cap, uint256 ask) external {
        ++calls;
        address p = providers[who % 3];
        IResourceMarket.Provider memory pr = rm.providerInfo(p);
        uint256 maxCap = pr.bond / rm.params().bondPerUnit;
        if (maxCap == 0) return;
        if (maxCap > 50) maxCap = 50;
        cap = _b(cap, 1, maxCap);
        ask = _b(ask, 0, rm.maxPrice());
        vm.prank(p);
        rm.setOffer(cap, ask);
    }

    function requestExit(uint256 who) external {
        ++calls;
        vm.prank(providers[who % 3]);
        rm.requestExit();
    }

    function withdrawBond(uint256 who) external {
        ++calls;
        vm.prank(providers[who % 3]);
        rm.withdrawBond();
    }

    function withdrawEarnings(uint256 who) external {
        ++calls;
        vm.prank(providers[who % 3]);
        rm.withdrawEarnings();
    }

    // ------------------------------------------------------------------ consumers

    function request(uint256 who, uint256 units, uint256 limit) external {
        ++calls;
        address c = consumers[who % 3];
        uint256 maxP = rm.maxPrice();
        limit = _b(limit, rm.minPrice(), maxP);
        units = _b(units, 1, 40);
        vm.prank(c);
        rm.request(units, limit);
    }

    function settle(uint256 id) external {
        ++calls;
        uint256 n = rm.orderCount();
        if (n == 0) return;
        rm.settleOrder(_b(id, 1, n));
    }

    // ------------------------------------------------------------------ epochs

    function warp(uint256 secs) external {
        ++calls;
        vm.warp(block.timestamp + _b(secs, 1, 2 hours));
    }

    function clear() external {
        ++calls;
        uint256 before = rm.postedPrice();
        uint256 epoch = rm.clear();
        clearedEpochs.push(epoch);
        IResourceMarket.EpochData memory ed = rm.epochData(epoch);
        uint256 after_ = rm.postedPrice();
        if (ed.mechanism == IResourceMarket.Mechanism.Posted) {
            uint256 limit = (before * rm.params().maxChangeBps) / 10_000;
            uint256 move = after_ > before ? after_ - before : before - after_;
            if (move > limit) clampViolated = true;
        }
        if (after_ < rm.minPrice() || after_ > rm.maxPrice()) clampViolated = true;
    }

    function attest(uint256 who, uint256 epochSeed, uint256 unitsSeed) external {
        ++calls;
        uint256 n = clearedEpochs.length;
        if (n == 0) return;
        uint256 epoch = clearedEpochs[n - 1 - (epochSeed % (n < 3 ? n : 3))];
        address p = providers[who % 3];
        uint256 sold = rm.soldBy(p, epoch);
        uint256 units = sold == 0 ? 0 : unitsSeed % (sold + 1);
        bytes32 ev = keccak256(abi.encode(p, epoch));
        vm.prank(oracles[0]);
        rm.attestDelivery(p, epoch, units, ev);
        vm.prank(oracles[1]);
        rm.attestDelivery(p, epoch, units, ev);
    }

    function flushFees() external {
        ++calls;
        rm.flushFees();
    }

    function setMechanism(bool auction) external {
        ++calls;
        vm.prank(admin);
        rm.setMechanism(auction ? IResourceMarket.Mechanism.BatchAuction : IResourceMarket.Mechanism.Posted);
    }

    // ------------------------------------------------------------------ bond cases

    function proposeSlash(uint256 who, uint256 epochSeed) external {
        ++calls;
        uint256 n = clearedEpochs.length;
        if (n == 0) return;
        uint256 epoch = clearedEpochs[epochSeed % n];
        vm.prank(slasher);
        rm.proposeBondSlash(providers[who % 3], epoch, keccak256("evidence"));
    }

    function resolveSlash(uint256 id, uint8 how) external {
        ++calls;
        uint256 n = rm.caseCount();
        if (n == 0) return;
        id = _b(id, 1, n);
        how = how % 5;
        if (how == 0) {
            rm.executeBondSlash(id);
        } else if (how == 1) {
            address p = rm.bondCase(id).provider;
            vm.prank(p);
            rm.disputeBondSlash(id);
        } else if (how == 2) {
            vm.prank(admin);
            rm.upholdBondSlash(id);
        } else if (how == 3) {
            vm.prank(admin);
            rm.cancelBondSlash(id);
        } else {
            rm.expireBondSlash(id);
        }
    }
}
