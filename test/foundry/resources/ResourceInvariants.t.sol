// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {ResourceMarket} from "../../../contracts/resources/ResourceMarket.sol";
import {IResourceMarket} from "../../../contracts/interfaces/IResourceMarket.sol";
import {CipherStaking} from "../../../contracts/staking/CipherStaking.sol";
import {Slashing} from "../../../contracts/staking/Slashing.sol";
import {ContributionOracle} from "../../../contracts/staking/ContributionOracle.sol";
import {MockStakingToken} from "../../../contracts/mocks/staking/MockStakingToken.sol";
import {MockTreasury} from "../../../contracts/mocks/staking/MockTreasury.sol";
import {ResourceHandler} from "./ResourceHandler.sol";

/// @notice Deploys a resource market over the real staking modules (oracle set, slashing roles).
abstract contract ResourceSetup is TestBase {
    ResourceMarket internal rm;
    MockStakingToken internal token;
    ContributionOracle internal oracle;
    Slashing internal slashing;
    MockTreasury internal treasury;

    address internal constant ADMIN = address(0xAD);
    address internal constant SLASHER = address(0x51);
    address internal constant SPLITTER = address(0x5917);
    address internal constant O1 = address(0x01A);
    address internal constant O2 = address(0x01B);
    address internal constant O3 = address(0x01C);

    function _deploy(IResourceMarket.Mechanism m) internal {
        vm.warp(100 days);
        token = new MockStakingToken("Cipher", "CPH");
        treasury = new MockTreasury();
        slashing = new Slashing(ADMIN, address(token), address(treasury));
        oracle = new ContributionOracle(ADMIN);
        CipherStaking staking = new CipherStaking(ADMIN, address(token), address(slashing), address(oracle));
        slashing.setStaking(address(staking));
        oracle.setStaking(address(staking));
        rm = new ResourceMarket(
            IResourceMarket.InitConfig({
                admin: ADMIN,
                guardian: ADMIN,
                token: address(token),
                oracle: address(oracle),
                slashing: address(slashing),
                revenueSplitter: SPLITTER,
                kind: "compute",
                epochLength: 3600,
                minPrice: 1e15,
                tickSize: 1e15,
                numTicks: 20,
                initialPrice: 5e15,
                mechanism: m,
                params: IResourceMarket.Params({
                    adjustmentBps: 1250,
                    maxChangeBps: 1250,
                    feeBps: 200,
                    slashBps: 10_000,
                    attestationWindow: 1800,
                    exitDelay: 3600,
                    maxCapacity: 1_000,
                    bondPerUnit: 1e16
                })
            })
        );
        vm.startPrank(ADMIN);
        slashing.grantRole(slashing.SLASHER_ROLE(), SLASHER);
        oracle.grantRole(oracle.ORACLE_ROLE(), O1);
        oracle.grantRole(oracle.ORACLE_ROLE(), O2);
        oracle.grantRole(oracle.ORACLE_ROLE(), O3);
        oracle.grantRole(oracle.VENUE_ROLE(), address(rm));
        vm.stopPrank();
    }
}

/// @notice Invariants of the resource market under random registrations, offers, exits, orders,
/// clearings (both mechanisms, switched at random), attestations, settlements, fee flushes, bond
/// cases and time warps (foundry.toml: 256 runs x depth 100).
contract ResourceInvariants is ResourceSetup {
    ResourceHandler internal handler;

    function setUp() public {
        _deploy(IResourceMarket.Mechanism.Posted);
        handler = new ResourceHandler(rm, token, ADMIN, SLASHER, [O1, O2, O3]);
        handler.fund();
        targetContract(address(handler));
        bytes4[] memory sels = new bytes4[](16);
        sels[0] = handler.register.selector;
        sels[1] = handler.setOffer.selector;
        sels[2] = handler.requestExit.selector;
        sels[3] = handler.withdrawBond.selector;
        sels[4] = handler.withdrawEarnings.selector;
        sels[5] = handler.request.selector;
        sels[6] = handler.request.selector; // orders twice as likely
        sels[7] = handler.settle.selector;
        sels[8] = handler.warp.selector;
        sels[9] = handler.clear.selector;
        sels[10] = handler.clear.selector;
        sels[11] = handler.attest.selector;
        sels[12] = handler.flushFees.selector;
        sels[13] = handler.setMechanism.selector;
        sels[14] = handler.proposeSlash.selector;
        sels[15] = handler.resolveSlash.selector;
        targetSelector(FuzzSelector(address(handler), sels));
    }

    /// @notice Every token the market holds is a bond, escrow, earnings or fees: nothing more, nothing less.
    function invariant_balanceIsAccounted() public view {
        assertEq(
            token.balanceOf(address(rm)),
            rm.totalBonds() + rm.totalEscrow() + rm.totalEarnings() + rm.accruedFees(),
            "balance != bonds + escrow + earnings + fees"
        );
    }

    /// @notice Escrow = what consumers are owed (each unsettled order's refund if settled now) +
    /// the rounding the protocol keeps (< 1 wei per order). Providers' accepted pay has already
    /// moved to earnings; units not attested yet move 1:1 from the consumers' refund to the
    /// provider's pay when they are.
    function invariant_escrowIsOwed() public view {
        uint256 owed;
        uint256 n = rm.orderCount();
        for (uint256 id = 1; id <= n; ++id) {
            IResourceMarket.Order memory o = rm.order(id);
            if (o.settled) continue;
            IResourceMarket.EpochData memory ed = rm.epochData(o.epoch);
            uint256 filled = rm.filledUnits(id);
            uint256 cost = filled * ed.price;
            uint256 refund = o.escrow - cost;
            if (cost != 0) refund += (cost * (ed.sold - ed.delivered)) / ed.sold;
            owed += refund;
        }
        uint256 escrow = rm.totalEscrow();
        assertGe(escrow, owed, "escrow < owed to consumers");
        assertLe(escrow - owed, n, "rounding kept above 1 wei per order");
    }

    /// @notice No unit is sold beyond capacity: per cleared epoch the consumers' fills sum exactly
    /// to what was sold, each provider sells at most its capacity, the providers together at most
    /// what was sold, and delivery never exceeds what was sold.
    function invariant_noUnitBeyondCapacity() public view {
        uint256 m = handler.clearedCount();
        for (uint256 i; i < m; ++i) {
            uint256 e = handler.clearedEpochs(i);
            IResourceMarket.EpochData memory ed = rm.epochData(e);
            uint256 providersSold;
            for (uint256 j; j < 3; ++j) {
                address p = handler.providers(j);
                uint256 s = rm.soldBy(p, e);
                (uint256 cap,) = rm.offerAt(p, e);
                assertLe(s, cap, "provider sold beyond its capacity");
                assertLe(rm.deliveredBy(p, e), s, "delivered beyond sold");
                providersSold += s;
            }
            assertLe(providersSold, ed.sold, "providers sold more than cleared");
            assertLe(ed.delivered, ed.sold, "epoch delivered beyond sold");
            if (ed.mechanism == IResourceMarket.Mechanism.Posted || ed.sold != 0) {
                assertLe(ed.sold, ed.demand, "sold beyond demand");
            }
        }
        uint256 n = rm.orderCount();
        uint256[] memory filledPerEpoch = new uint256[](m);
        for (uint256 id = 1; id <= n; ++id) {
            IResourceMarket.Order memory o = rm.order(id);
            for (uint256 i; i < m; ++i) {
                if (handler.clearedEpochs(i) == o.epoch) filledPerEpoch[i] += rm.filledUnits(id);
            }
        }
        for (uint256 i; i < m; ++i) {
            assertEq(filledPerEpoch[i], rm.epochData(handler.clearedEpochs(i)).sold, "fills != sold");
        }
    }

    /// @notice The posted price moves only within its per-epoch clamp and stays on the grid.
    function invariant_priceWithinClamp() public view {
        assertTrue(!handler.clampViolated(), "posted price left its clamp");
        uint256 p = rm.postedPrice();
        assertGe(p, rm.minPrice(), "price below grid");
        assertLe(p, rm.maxPrice(), "price above grid");
    }

    /// @notice Earnings and bonds are the sums of the providers' (3 actors, so the sums are exact).
    function invariant_ledgersAreSums() public view {
        uint256 e;
        uint256 b;
        for (uint256 j; j < 3; ++j) {
            address p = handler.providers(j);
            e += rm.earnings(p);
            b += rm.providerInfo(p).bond;
        }
        assertEq(rm.totalEarnings(), e, "earnings != sum");
        assertEq(rm.totalBonds(), b, "bonds != sum");
    }
}

/// @notice One scripted cycle through the handler, so a handler that always reverts fails here.
contract ResourceHandlerSmoke is ResourceSetup {
    function test_handlerRuns() public {
        _deploy(IResourceMarket.Mechanism.Posted);
        ResourceHandler h = new ResourceHandler(rm, token, ADMIN, SLASHER, [O1, O2, O3]);
        h.fund();
        h.register(0, 10, 0, 0);
        h.request(0, 5, 1e17);
        h.warp(3600);
        h.clear();
        h.warp(3600);
        h.attest(0, 0, 3);
        assertEq(rm.deliveredBy(h.providers(0), h.clearedEpochs(0)), 3, "attested");
    }
}
