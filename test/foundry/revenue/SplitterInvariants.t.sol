// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {Vm} from "../utils/Vm.sol";
import {RevenueSplitter} from "../../../contracts/revenue/RevenueSplitter.sol";
import {IRevenueSplitter} from "../../../contracts/interfaces/IRevenueSplitter.sol";
import {MockReserveToken} from "../../../contracts/mocks/market/MarketTestTokens.sol";
import {MockRevenueRecipient} from "../../../contracts/mocks/market/MockRevenueRecipient.sol";

/// @notice Random revenue in ETH and an ERC20, syncs, releases of random buckets (plain and hook
/// recipients) and share changes. Ghosts: everything that came in and everything paid out.
contract SplitterHandler {
    Vm private constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    RevenueSplitter public immutable splitter;
    MockReserveToken public immutable erc20;
    address[2] public assets;

    mapping(address asset => uint256) public ghostIn;
    mapping(address asset => uint256) public ghostOut;
    uint256 public dustViolations;
    uint256 public syncs;
    uint256 public releases;

    constructor(RevenueSplitter splitter_, MockReserveToken erc20_) {
        splitter = splitter_;
        erc20 = erc20_;
        assets = [address(0), address(erc20_)];
    }

    function addRevenue(uint256 amount, bool eth) external {
        amount = _bound(amount, 1, 1e24);
        if (eth) {
            vm.deal(address(this), amount);
            (bool ok,) = address(splitter).call{value: amount}("");
            require(ok, "eth");
            ghostIn[address(0)] += amount;
        } else {
            erc20.mint(address(splitter), amount);
            ghostIn[address(erc20)] += amount;
        }
    }

    function sync(bool eth) external {
        address asset = assets[eth ? 0 : 1];
        splitter.sync(asset);
        ++syncs;
        if (splitter.unsplit(asset) >= 5) ++dustViolations;
    }

    function release(uint8 bucket, bool eth) external {
        address asset = assets[eth ? 0 : 1];
        bucket = uint8(_bound(bucket, 0, 3)); // BURN is spent by buyBackAndBurn (market tests)
        uint256 before = splitter.claimable(bucket, asset);
        try splitter.release(bucket, asset) returns (uint256 paid) {
            ++releases;
            ghostOut[asset] += paid;
            if (paid < before) ++dustViolations; // a release pays at least what was claimable
        } catch {}
    }

    function setShares(uint256 seed) external {
        uint16[5] memory s;
        uint256 left = 10_000;
        for (uint256 i; i < 4; ++i) {
            uint256 cap = left < 6000 ? left : 6000;
            s[i] = uint16(uint256(keccak256(abi.encode(seed, i))) % (cap + 1));
            left -= s[i];
        }
        if (left > 6000) return; // would exceed the per-bucket bound
        s[4] = uint16(left);
        splitter.setShares(s);
    }

    function _bound(uint256 x, uint256 lo, uint256 hi) private pure returns (uint256) {
        if (x >= lo && x <= hi) return x;
        return lo + (x % (hi - lo + 1));
    }
}

contract SplitterInvariants is TestBase {
    RevenueSplitter internal splitter;
    MockReserveToken internal erc20;
    SplitterHandler internal handler;
    MockRevenueRecipient internal hook;

    function setUp() public {
        erc20 = new MockReserveToken();
        hook = new MockRevenueRecipient();
        IRevenueSplitter.Recipient[5] memory r;
        r[0] = IRevenueSplitter.Recipient(address(hook), true);
        r[1] = IRevenueSplitter.Recipient(address(0x1001), false);
        r[2] = IRevenueSplitter.Recipient(address(0x1002), false);
        r[3] = IRevenueSplitter.Recipient(address(0x1003), false);
        r[4] = IRevenueSplitter.Recipient(address(0), false);
        splitter = new RevenueSplitter(address(this), [uint16(4000), 1500, 1500, 2000, 1000], r);
        handler = new SplitterHandler(splitter, erc20);
        splitter.grantRole(splitter.DEFAULT_ADMIN_ROLE(), address(handler));
        targetContract(address(handler));
    }

    function test_handlerExercisesEveryPath() public {
        handler.addRevenue(1e18 + 3, true);
        handler.addRevenue(7e17 + 1, false);
        handler.sync(true);
        handler.release(0, true);
        handler.release(1, false);
        handler.setShares(42);
        assertEq(handler.syncs(), 1, "syncs");
        assertEq(handler.releases(), 2, "releases");
        invariant_conservation();
        invariant_accountedIsSumOfClaims();
    }

    /// Nothing is created or lost: in == out + held, per asset.
    function invariant_conservation() public view {
        assertEq(handler.ghostIn(address(0)), handler.ghostOut(address(0)) + address(splitter).balance, "eth");
        address t = address(erc20);
        assertEq(handler.ghostIn(t), handler.ghostOut(t) + erc20.balanceOf(address(splitter)), "erc20");
    }

    /// `accounted` is exactly the sum of the buckets' claims, and never above the balance.
    function invariant_accountedIsSumOfClaims() public view {
        for (uint256 a; a < 2; ++a) {
            address asset = a == 0 ? address(0) : address(erc20);
            uint256 sum;
            for (uint8 b; b < 5; ++b) sum += splitter.claimable(b, asset);
            assertEq(splitter.accounted(asset), sum, "accounted != sum of claims");
            uint256 bal = asset == address(0) ? address(splitter).balance : erc20.balanceOf(address(splitter));
            assertGe(bal, sum, "balance < accounted");
        }
    }

    /// Right after any sync, the unassigned dust is below 5 wei; releases pay the full claim.
    function invariant_dustBounded() public view {
        assertEq(handler.dustViolations(), 0, "dust >= 5 after sync, or short release");
    }
}
