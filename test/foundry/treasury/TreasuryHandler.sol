// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../utils/TestBase.sol";
import {CipherTreasury} from "../../../contracts/treasury/CipherTreasury.sol";
import {ICipherTreasury} from "../../../contracts/treasury/ICipherTreasury.sol";
import {MockERC20} from "../../../contracts/mocks/treasury/TreasuryTestTokens.sol";

/// @notice Drives the treasury with bounded random inflows, grants, streams, withdrawals,
/// cancellations and time jumps. It is the treasury's admin (the timelock's stand-in) and tracks
/// ghost totals to compare with the contract's own accounting.
contract TreasuryHandler is TestBase {
    CipherTreasury public immutable treasury;
    MockERC20 public immutable token;
    address[3] public recipients = [address(0xA11CE), address(0xB0B), address(0xCA401)];

    /// @dev assets[0] = ETH, assets[1] = the ERC20.
    address[2] public assets;

    mapping(uint8 fund => mapping(address asset => uint256)) public ghostReceived;
    mapping(uint8 fund => mapping(address asset => uint256)) public ghostPaidOut;
    mapping(address asset => uint256) public ghostPaidToRecipients;
    /// @dev Highest amount ever seen vested for a stream: vesting must never go backwards.
    mapping(uint256 streamId => uint256) public ghostMaxVested;

    uint256 public calls;

    constructor() {
        treasury = new CipherTreasury(address(this));
        token = new MockERC20("Cipher", "CPH");
        assets = [address(0), address(token)];
    }

    function _fund(uint256 seed) private pure returns (uint8) {
        return uint8(1 + (seed % 3)); // WELFARE, SOLIDARITY, DEVELOPMENT
    }

    function _asset(uint256 seed) private view returns (address) {
        return assets[seed % 2];
    }

    function receiveRevenue(uint256 fundSeed, uint256 assetSeed, uint256 amount) external {
        calls++;
        uint8 fund = _fund(fundSeed);
        address asset = _asset(assetSeed);
        amount = bound(amount, 1, 1e27);
        if (asset == address(0)) {
            vm.deal(address(this), amount);
            treasury.receiveRevenue{value: amount}(asset, amount, fund);
        } else {
            token.mint(address(this), amount);
            token.approve(address(treasury), amount);
            treasury.receiveRevenue(asset, amount, fund);
        }
        ghostReceived[fund][asset] += amount;
    }

    function grant(uint256 fundSeed, uint256 assetSeed, uint256 amount, uint256 toSeed) external {
        calls++;
        uint8 fund = _fund(fundSeed);
        address asset = _asset(assetSeed);
        uint256 free = treasury.fundBalance(fund, asset);
        if (free == 0) return;
        amount = bound(amount, 1, free);
        treasury.grant(fund, asset, recipients[toSeed % 3], amount, "fuzz");
        ghostPaidOut[fund][asset] += amount;
        ghostPaidToRecipients[asset] += amount;
    }

    function createStream(
        uint256 fundSeed,
        uint256 assetSeed,
        uint256 amount,
        uint256 toSeed,
        uint256 startDelay,
        uint256 cliff,
        uint256 duration
    ) external {
        calls++;
        uint8 fund = _fund(fundSeed);
        address asset = _asset(assetSeed);
        uint256 free = treasury.fundBalance(fund, asset);
        if (free == 0) return;
        amount = bound(amount, 1, free);
        duration = bound(duration, treasury.MIN_STREAM_DURATION(), 400 days);
        cliff = bound(cliff, 0, duration);
        startDelay = bound(startDelay, 0, 30 days);
        treasury.createStream(fund, asset, recipients[toSeed % 3], amount, block.timestamp + startDelay, cliff, duration);
    }

    function withdraw(uint256 streamSeed) external {
        calls++;
        uint256 n = treasury.streamCount();
        if (n == 0) return;
        uint256 id = 1 + (streamSeed % n);
        uint256 amount = treasury.withdrawable(id);
        if (amount == 0) return;
        ICipherTreasury.Stream memory s = treasury.getStream(id);
        vm.prank(s.recipient);
        uint256 got = treasury.withdraw(id);
        assertEq(got, amount, "withdraw paid the withdrawable amount");
        ghostPaidOut[s.fund][s.asset] += got;
        ghostPaidToRecipients[s.asset] += got;
    }

    function cancelStream(uint256 streamSeed) external {
        calls++;
        uint256 n = treasury.streamCount();
        if (n == 0) return;
        uint256 id = 1 + (streamSeed % n);
        ICipherTreasury.Stream memory s = treasury.getStream(id);
        if (s.cancelled || treasury.vestedAmount(id) == s.amount) return;
        treasury.cancelStream(id);
    }

    function warp(uint256 secondsAhead) external {
        calls++;
        vm.warp(block.timestamp + bound(secondsAhead, 1, 60 days));
    }

    /// @dev Called from the invariant: records the highest vested amount seen per stream.
    function recordVested(uint256 id, uint256 vested) external {
        if (vested > ghostMaxVested[id]) ghostMaxVested[id] = vested;
    }

    receive() external payable {}
}
