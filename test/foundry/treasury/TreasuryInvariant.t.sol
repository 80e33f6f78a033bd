// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherTreasury} from "../../../contracts/treasury/CipherTreasury.sol";
import {ICipherTreasury} from "../../../contracts/treasury/ICipherTreasury.sol";
import {TreasuryHandler} from "./TreasuryHandler.sol";

/// @notice Treasury accounting invariants over random sequences (foundry.toml: 256 runs x depth 100):
/// per fund and asset, received == free + committed + paid out and matches the ghost totals; the
/// contract holds exactly what its funds account for; committed equals what open streams still
/// owe; no stream pays more than has vested, vesting never goes backwards, nothing vests beyond
/// the stream's amount.
contract TreasuryInvariantTest is TestBase {
    TreasuryHandler internal handler;
    CipherTreasury internal treasury;

    function setUp() public {
        handler = new TreasuryHandler();
        treasury = handler.treasury();
        targetContract(address(handler));
        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = TreasuryHandler.receiveRevenue.selector;
        selectors[1] = TreasuryHandler.grant.selector;
        selectors[2] = TreasuryHandler.createStream.selector;
        selectors[3] = TreasuryHandler.withdraw.selector;
        selectors[4] = TreasuryHandler.cancelStream.selector;
        selectors[5] = TreasuryHandler.warp.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    function _asset(uint256 i) internal view returns (address) {
        return handler.assets(i);
    }

    function invariant_fundAccountsBalance() public view {
        for (uint256 a; a < 2; ++a) {
            address asset = _asset(a);
            for (uint8 fund = 1; fund <= 3; ++fund) {
                uint256 received = treasury.totalReceived(fund, asset);
                uint256 paid = treasury.totalPaidOut(fund, asset);
                assertEq(received, handler.ghostReceived(fund, asset), "received matches ghost");
                assertEq(paid, handler.ghostPaidOut(fund, asset), "paid out matches ghost");
                assertEq(
                    treasury.fundBalance(fund, asset) + treasury.committedBalance(fund, asset) + paid,
                    received,
                    "free + committed + paid out == received"
                );
            }
        }
    }

    function invariant_holdingsEqualAccounts() public view {
        assertEq(address(treasury).balance, treasury.accountedBalance(address(0)), "ETH held == accounted");
        assertEq(
            handler.token().balanceOf(address(treasury)),
            treasury.accountedBalance(address(handler.token())),
            "token held == accounted"
        );
    }

    function invariant_recipientsGotExactlyWhatWasPaid() public view {
        uint256 eth;
        uint256 tok;
        for (uint256 i; i < 3; ++i) {
            address r = handler.recipients(i);
            eth += r.balance;
            tok += handler.token().balanceOf(r);
        }
        assertEq(eth, handler.ghostPaidToRecipients(address(0)), "ETH paid to recipients");
        assertEq(tok, handler.ghostPaidToRecipients(address(handler.token())), "token paid to recipients");
    }

    function invariant_streamsWithinVestedAndCommitted() public {
        uint256 n = treasury.streamCount();
        uint256[3][2] memory owed; // [asset][fund-1]
        for (uint256 id = 1; id <= n; ++id) {
            ICipherTreasury.Stream memory s = treasury.getStream(id);
            uint256 vested = treasury.vestedAmount(id);
            assertLe(s.withdrawn, vested, "withdrawn <= vested");
            assertLe(vested, s.amount, "vested <= amount");
            assertGe(vested, handler.ghostMaxVested(id), "vesting never goes backwards");
            handler.recordVested(id, vested);
            uint256 a = s.asset == address(0) ? 0 : 1;
            owed[a][s.fund - 1] += s.amount - s.withdrawn;
        }
        for (uint256 a; a < 2; ++a) {
            for (uint8 fund = 1; fund <= 3; ++fund) {
                assertEq(treasury.committedBalance(fund, _asset(a)), owed[a][fund - 1], "committed == owed by streams");
            }
        }
    }
}
