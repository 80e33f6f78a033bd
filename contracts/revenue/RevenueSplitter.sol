// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IRevenueRecipient, RevenueBuckets} from "../interfaces/IRevenueRecipient.sol";
import {IRevenueSplitter} from "../interfaces/IRevenueSplitter.sol";
import {IBondingCurveMarket} from "../interfaces/IBondingCurveMarket.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";

/// @title RevenueSplitter
/// @notice Splits protocol revenue into stakers / welfare / solidarity / development / burn by
/// governed bps (SPEC §1.3). Pull accounting per asset: revenue simply arrives (ETH or ERC20
/// transfers, e.g. the market's `flushFees`), `sync(asset)` splits whatever is above what is
/// already accounted, `release(bucket, asset)` pays one bucket out. No loop over users: the only
/// loop is over the five buckets.
/// @dev Invariant per asset: balance >= accounted = sum of the buckets' claimable. Each bucket's
/// part is rounded down, so `sync` leaves < 5 wei unassigned; it stays unaccounted and is split
/// by the next `sync`, so dust never accumulates beyond 4 wei per asset.
contract RevenueSplitter is IRevenueSplitter, AccessControlEnumerable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;
    /// @notice Largest share of any one bucket.
    uint256 public constant MAX_SHARE_BPS = 6_000;

    /// @notice The account that may bind the splitter to its market once.
    address public immutable deployer;
    /// @notice The market whose reserve the BURN bucket buys tokens with.
    IBondingCurveMarket public market;

    uint16[5] private _shares;
    Recipient[5] private _recipients;

    /// @notice Total of `asset` assigned to buckets and not yet paid out.
    mapping(address asset => uint256) public accounted;
    /// @notice What `bucket` may release of `asset`.
    mapping(uint8 bucket => mapping(address asset => uint256)) public claimable;

    /// @param admin Governance (DEFAULT_ADMIN_ROLE).
    /// @param initialShares Bps per bucket in RevenueBuckets order (default 4000/1500/1500/2000/1000).
    /// @param recipients Payee per bucket; the BURN entry is ignored.
    constructor(address admin, uint16[5] memory initialShares, Recipient[5] memory recipients) {
        if (admin == address(0)) revert ZeroAddress();
        deployer = msg.sender;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _setShares(initialShares);
        for (uint8 b; b < RevenueBuckets.BURN; ++b) {
            _setRecipient(b, recipients[b].account, recipients[b].hook);
        }
    }

    /// @notice Accept ETH revenue from anyone (the market, the treasury, donors).
    receive() external payable {}

    /// @notice Bind the splitter to the market (one-shot, deployer only).
    function setMarket(IBondingCurveMarket market_) external {
        if (msg.sender != deployer) revert NotDeployer(msg.sender);
        if (address(market) != address(0)) revert MarketAlreadySet(address(market));
        if (address(market_) == address(0)) revert ZeroAddress();
        market = market_;
        emit MarketSet(address(market_));
    }

    /// @notice Shares in bps, RevenueBuckets order.
    function shares() external view returns (uint16[5] memory) {
        return _shares;
    }

    /// @notice Payee of `bucket`.
    function recipient(uint8 bucket) external view returns (Recipient memory) {
        _checkBucket(bucket);
        return _recipients[bucket];
    }

    /// @notice Revenue of `asset` held but not yet split.
    function unsplit(address asset) public view returns (uint256) {
        return _balanceOf(asset) - accounted[asset];
    }

    /// @inheritdoc IRevenueSplitter
    /// @dev Returns 0 (no event) when nothing new arrived. Uses the current shares: governance
    /// share changes apply to revenue not yet synced (anyone may sync before a change executes).
    function sync(address asset) external nonReentrant returns (uint256 amount) {
        (amount,) = _sync(asset);
    }

    /// @dev Guarded by the callers' nonReentrant: while an ERC20 hook recipient holds an allowance
    /// it has not pulled yet, a re-entrant sync would split that amount a second time.
    /// Returns the balance it measured too, so a release can check what its transfer moved.
    function _sync(address asset) private returns (uint256 amount, uint256 balance) {
        balance = _balanceOf(asset);
        amount = balance - accounted[asset];
        if (amount == 0) return (0, balance);
        uint256[5] memory parts;
        uint256 sum;
        for (uint8 b; b < RevenueBuckets.COUNT; ++b) {
            uint256 part = (amount * _shares[b]) / BPS; // rounded down: dust stays unassigned
            if (part != 0) {
                claimable[b][asset] += part;
                sum += part;
            }
            parts[b] = part;
        }
        accounted[asset] += sum;
        emit RevenueSplit(asset, amount, parts);
    }

    /// @inheritdoc IRevenueSplitter
    /// @dev Syncs `asset` first so a release always includes everything that arrived. Effects
    /// before the transfer; a hook recipient gets the ETH as msg.value or an exact allowance it
    /// must consume in `receiveRevenue`. The BURN bucket cannot be released, except when it holds
    /// the Cipher token itself, which is then burned.
    function release(uint8 bucket, address asset) external nonReentrant returns (uint256 amount) {
        _checkBucket(bucket);
        (, uint256 balanceBefore) = _sync(asset);
        amount = claimable[bucket][asset];
        if (bucket == RevenueBuckets.BURN) {
            IBondingCurveMarket m = market;
            if (address(m) == address(0) || asset != address(m.token())) revert BurnBucketNotReleasable(asset);
        }
        if (amount == 0) revert NothingToRelease(bucket, asset);
        claimable[bucket][asset] = 0;
        accounted[asset] -= amount;

        if (bucket == RevenueBuckets.BURN) {
            ICipherToken(asset).burn(amount);
            emit TokensBurned(amount);
            return amount;
        }
        Recipient memory r = _recipients[bucket];
        if (r.hook) {
            if (asset == address(0)) {
                IRevenueRecipient(r.account).receiveRevenue{value: amount}(asset, amount, bucket);
            } else {
                IERC20(asset).forceApprove(r.account, amount);
                IRevenueRecipient(r.account).receiveRevenue(asset, amount, bucket);
                if (IERC20(asset).allowance(address(this), r.account) != 0) {
                    revert RecipientDidNotPull(r.account, asset, amount);
                }
                _checkMoved(asset, balanceBefore, amount);
            }
        } else if (asset == address(0)) {
            (bool ok,) = r.account.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(r.account, amount);
        } else {
            IERC20(asset).safeTransfer(r.account, amount);
            _checkMoved(asset, balanceBefore, amount);
        }
        emit Released(bucket, asset, r.account, amount);
    }

    /// @inheritdoc IRevenueSplitter
    /// @dev The market reverts with ZeroOutput rather than sell nothing, so tokensBurned > 0.
    /// No slippage bound on purpose: on a bonding curve, buying d tokens and burning them
    /// returns the supply (and so the price) to where it was and leaves the paid reserve in the
    /// market as surplus. A sandwich (buy before, sell after) therefore sells back at the price it
    /// bought at and loses the two fees; see test/revenue/RevenueSplitter.test.ts.
    function buyBackAndBurn() external nonReentrant returns (uint256 tokensBurned) {
        IBondingCurveMarket m = market;
        if (address(m) == address(0)) revert MarketNotSet();
        address asset = m.reserveAsset();
        (, uint256 balanceBefore) = _sync(asset);
        uint256 amount = claimable[RevenueBuckets.BURN][asset];
        if (amount == 0) revert NothingToRelease(RevenueBuckets.BURN, asset);
        claimable[RevenueBuckets.BURN][asset] = 0;
        accounted[asset] -= amount;

        if (asset == address(0)) {
            tokensBurned = m.buy{value: amount}(amount, 0, address(0), block.timestamp);
        } else {
            IERC20(asset).forceApprove(address(m), amount);
            tokensBurned = m.buy(amount, 0, address(0), block.timestamp);
            _checkMoved(asset, balanceBefore, amount);
        }
        m.token().burn(tokensBurned);
        emit BoughtBackAndBurned(amount, tokensBurned);
    }

    /// @notice Set all five shares (bps, RevenueBuckets order): each <= MAX_SHARE_BPS, sum 10,000.
    function setShares(uint16[5] calldata newShares) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setShares(newShares);
    }

    /// @notice Set the payee of `bucket` (not BURN). `hook` = call receiveRevenue on it.
    function setRecipient(uint8 bucket, address account, bool hook) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRecipient(bucket, account, hook);
    }

    function _setShares(uint16[5] memory newShares) private {
        uint256 sum;
        for (uint256 b; b < RevenueBuckets.COUNT; ++b) {
            if (newShares[b] > MAX_SHARE_BPS) revert ShareTooHigh(b, newShares[b], MAX_SHARE_BPS);
            sum += newShares[b];
        }
        if (sum != BPS) revert SharesDoNotSumToTotal(sum);
        emit SharesUpdated(_shares, newShares);
        _shares = newShares;
    }

    function _setRecipient(uint8 bucket, address account, bool hook) private {
        if (bucket >= RevenueBuckets.BURN) revert InvalidBucket(bucket);
        if (account == address(0)) revert ZeroAddress();
        Recipient memory old = _recipients[bucket];
        emit RecipientUpdated(bucket, old.account, old.hook, account, hook);
        _recipients[bucket] = Recipient(account, hook);
    }

    function _checkBucket(uint8 bucket) private pure {
        if (bucket >= RevenueBuckets.COUNT) revert InvalidBucket(bucket);
    }

    /// @dev An ERC20 payout of `amount` must lower the balance by at most `amount`: a token that
    /// debits more (a fee charged on top) would leave the other buckets' claims unbacked, so it
    /// is refused. Less leaving is harmless (the rest is unsplit revenue for the next sync). A
    /// token that debits exactly `amount` but delivers less is the recipient's to measure:
    /// staking credits what arrived, the treasury refuses it.
    function _checkMoved(address asset, uint256 balanceBefore, uint256 amount) private view {
        uint256 left = IERC20(asset).balanceOf(address(this));
        if (left + amount < balanceBefore) revert TransferAmountMismatch(amount, balanceBefore - left);
    }

    function _balanceOf(address asset) private view returns (uint256) {
        return asset == address(0) ? address(this).balance : IERC20(asset).balanceOf(address(this));
    }
}
