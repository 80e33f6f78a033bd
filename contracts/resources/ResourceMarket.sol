// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {IResourceMarket} from "../interfaces/IResourceMarket.sol";
import {IResourceOracleSet, IResourceSlashingView} from "../interfaces/IResourceVenue.sol";
import {ResourceBondCases} from "./ResourceBondCases.sol";
import {ResourceClearing} from "./ResourceClearing.sol";
import {ResourceRules} from "./ResourceRules.sol";
import {ResourcePricing} from "./ResourcePricing.sol";

/// @title ResourceMarket
/// @notice A market for one resource kind (`kind`, e.g. "compute"): providers offer capacity
/// per epoch against a bond in the Cipher token, consumers buy units with the token, and each
/// epoch clears by the market's price mechanism (posted price or uniform-price batch auction).
/// The contribution oracles attest delivery; delivered units pay the provider (net of the fee,
/// which goes to the revenue split) and add to its contribution score; undelivered units refund
/// the consumers and make the provider's bond slashable (propose, dispute, uphold/cancel, with
/// the Slashing module's slasher role and dispute window).
/// @dev Time line of delivery epoch e (epochs are `epochLength` seconds from deployment, the
/// first is 1):
///   during e-1: orders for e are placed; offer changes made now apply to e;
///   start of e: anyone calls `clear()` (orders and offer changes for e+1 wait for it);
///   during e:   providers deliver off-chain;
///   after e:    oracles attest each provider's delivered units until the attestation deadline;
///   deadline:   e is final; consumers settle their own orders (pull), slashers may open cases.
/// No loop over users anywhere: providers' asks are standing per-tick buckets, bids are per-epoch
/// per-tick buckets, clearing loops over at most MAX_TICKS ticks, and each order and provider
/// reads its own share from the epoch's clearing record. Money invariant (tested in forge):
/// token balance = bonds + escrow + earnings + fees, and escrow covers every refund still owed
/// plus every payment still to attest.
// solhint-disable-next-line max-states-count
contract ResourceMarket is IResourceMarket, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_SCORE = 10_000;
    /// @notice Bid bucket of posted-price orders (above every grid tick).
    uint16 internal constant POSTED_TICK = 255;
    uint256 internal constant MAX_TICKS = 100;
    uint256 internal constant MIN_EPOCH_LENGTH = 60;
    uint256 internal constant MAX_EPOCH_LENGTH = 30 days;
    uint256 internal constant MAX_PRICE = 1e24;
    uint256 public constant MAX_UNITS = 1e12;
    /// @notice Largest bond of one provider (wei): the largest bondPerUnit (1e24) x MAX_UNITS.
    /// The other parameters' bounds are in ResourceRules.
    uint256 public constant MAX_BOND = 1e36;

    /// @notice The resource this market sells (e.g. "compute").
    bytes32 public immutable kind;
    /// @notice The Cipher token: bonds, payments, fees.
    IERC20 public immutable token;
    /// @notice The contribution oracle whose oracle set and quorum attest delivery.
    IResourceOracleSet public immutable oracle;
    /// @notice The Slashing module whose slasher role and dispute window bond cases use.
    IResourceSlashingView public immutable slashing;
    /// @notice Receives the fees (RevenueSplitter; its `sync` splits them).
    address public immutable revenueSplitter;
    /// @notice Seconds per epoch.
    uint256 public immutable epochLength;
    /// @notice Start of epoch 1 (deployment time).
    uint256 public immutable genesis;
    /// @notice Price grid: tick k costs minPrice + k x tickSize wei per unit, k < numTicks.
    uint256 public immutable minPrice;
    uint256 public immutable tickSize;
    uint256 public immutable numTicks;

    Params internal _params;
    /// @notice Mechanism of the epochs whose orders open from the next `clear()` on.
    Mechanism public mechanism;
    /// @notice The latest posted price (wei per unit).
    uint256 public postedPrice;
    /// @notice The earliest delivery epoch not cleared yet.
    uint256 public nextClearEpoch;

    /// @notice Tokens held for consumers' orders until their epoch is final.
    uint256 public totalEscrow;
    /// @notice Tokens bonded by providers.
    uint256 public totalBonds;
    /// @notice Tokens earned by providers and not withdrawn.
    uint256 public totalEarnings;
    /// @notice Fees accrued for the revenue split, not flushed yet.
    uint256 public accruedFees;
    /// @notice Standing capacity offered on all ticks.
    uint256 public totalCapacity;
    /// @notice Number of orders ever placed; ids are 1..orderCount.
    uint256 public orderCount;

    mapping(address provider => Provider) internal _providers;
    mapping(address provider => Checkpoints.Trace208) internal _offers;
    /// @notice Earnings of `provider` (wei) it may withdraw.
    mapping(address provider => uint256) public earnings;
    /// @notice Standing capacity asked at each tick (all active providers).
    mapping(uint256 tick => uint256) public supplyAt;
    /// @notice Units bid for `epoch` at each tick (POSTED_TICK for posted orders).
    mapping(uint256 epoch => mapping(uint256 tick => uint256)) public demandAt;
    mapping(uint256 epoch => EpochData) internal _epochs;
    mapping(uint256 orderId => Order) internal _orders;
    /// @notice Units accepted as delivered by `provider` in `epoch` (+1; 0 = none accepted).
    mapping(address provider => mapping(uint256 epoch => uint256)) internal _deliveredPlusOne;
    mapping(bytes32 claimKey => uint256) internal _attestations;
    mapping(bytes32 oracleKey => bool) internal _attested;
    ResourceBondCases.Book internal _book;
    /// @notice The case opened for `provider`'s `epoch` (0 = none).
    mapping(address provider => mapping(uint256 epoch => uint256)) public caseOf;

    /// @param c Deployment arguments; every value is bounded (ParameterOutOfBounds otherwise).
    constructor(InitConfig memory c) {
        if (
            c.admin == address(0) || c.token == address(0) || c.oracle == address(0) || c.slashing == address(0)
                || c.revenueSplitter == address(0)
        ) revert ZeroAddress();
        _bounded("epochLength", c.epochLength, MIN_EPOCH_LENGTH, MAX_EPOCH_LENGTH);
        _bounded("numTicks", c.numTicks, 2, MAX_TICKS);
        _bounded("minPrice", c.minPrice, 1, MAX_PRICE);
        _bounded("tickSize", c.tickSize, 1, MAX_PRICE);
        uint256 maxP = c.minPrice + (c.numTicks - 1) * c.tickSize;
        _bounded("maxPrice", maxP, 1, MAX_PRICE);
        _bounded("initialPrice", c.initialPrice, c.minPrice, maxP);
        kind = c.kind;
        token = IERC20(c.token);
        oracle = IResourceOracleSet(c.oracle);
        slashing = IResourceSlashingView(c.slashing);
        revenueSplitter = c.revenueSplitter;
        epochLength = c.epochLength;
        genesis = block.timestamp;
        minPrice = c.minPrice;
        tickSize = c.tickSize;
        numTicks = c.numTicks;
        _grantRole(DEFAULT_ADMIN_ROLE, c.admin);
        if (c.guardian != address(0)) _grantRole(GUARDIAN_ROLE, c.guardian);
        _setParams(c.params);
        mechanism = c.mechanism;
        postedPrice = c.initialPrice;
        // Orders placed in epoch 1 are for epoch 2; epoch 1 has nothing to clear.
        nextClearEpoch = 2;
        _epochs[2].mechanism = c.mechanism;
        _epochs[2].price = uint128(c.initialPrice);
        emit MechanismChanged(c.mechanism, c.mechanism);
        emit PostedPriceSet(2, 0, c.initialPrice);
    }

    // ------------------------------------------------------------------ providers

    /// @notice Register as a provider offering `capacity` units per epoch (1..maxCapacity) at
    /// no less than `askPrice` wei per unit (rounded up to the grid; at most the grid's top),
    /// bonding `bond` wei of the token (>= capacity x bondPerUnit). Applies from the next epoch.
    function register(uint256 capacity, uint256 askPrice, uint256 bond) external nonReentrant whenNotPaused {
        Provider storage p = _providers[msg.sender];
        if (p.status != ProviderStatus.None) revert WrongProviderStatus(msg.sender, p.status);
        uint256 tick = _askTick(askPrice);
        _checkCapacity(capacity, bond);
        if (bond > MAX_BOND) revert ParameterOutOfBounds("bond", bond, 0, MAX_BOND);
        _pull(msg.sender, bond);
        p.bond = uint128(bond);
        p.status = ProviderStatus.Active;
        totalBonds += bond;
        emit ProviderRegistered(msg.sender, capacity, tick, bond);
        _setOffer(msg.sender, p, capacity, tick);
    }

    /// @notice Change the standing offer to `capacity` units per epoch (1..maxCapacity) at
    /// `askPrice` wei per unit; applies from the next epoch. The bond must cover the capacity.
    function setOffer(uint256 capacity, uint256 askPrice) external whenNotPaused {
        Provider storage p = _activeProvider(msg.sender);
        uint256 tick = _askTick(askPrice);
        _checkCapacity(capacity, p.bond);
        _setOffer(msg.sender, p, capacity, tick);
    }

    /// @notice Add `amount` wei to the caller's bond.
    function addBond(uint256 amount) external nonReentrant whenNotPaused {
        Provider storage p = _activeProvider(msg.sender);
        uint256 bond = p.bond + amount;
        if (amount == 0 || bond > MAX_BOND) revert ParameterOutOfBounds("bond", bond, p.bond + 1, MAX_BOND);
        _pull(msg.sender, amount);
        p.bond = uint128(bond);
        totalBonds += amount;
        emit BondAdded(msg.sender, amount, bond);
    }

    /// @notice Leave: no capacity from the next epoch on. The bond stays slashable until the
    /// current epoch is final plus `exitDelay` seconds, and while any case is open.
    function requestExit() external {
        Provider storage p = _activeProvider(msg.sender);
        uint256 current = currentEpoch();
        _setOffer(msg.sender, p, 0, p.askTick);
        uint256 end = _epochEnd(current);
        uint256 final_ = _epochs[current].attestDeadline;
        uint256 byWindow = end + _params.attestationWindow;
        if (byWindow > final_) final_ = byWindow;
        uint256 releaseAt = final_ + _params.exitDelay;
        p.status = ProviderStatus.Exiting;
        p.releaseAt = uint40(releaseAt);
        emit ExitRequested(msg.sender, current + 1, releaseAt);
    }

    /// @notice Withdraw the whole bond once released and no case is open; unregisters.
    /// @return amount Tokens returned (wei).
    function withdrawBond() external nonReentrant returns (uint256 amount) {
        Provider storage p = _providers[msg.sender];
        if (p.status != ProviderStatus.Exiting) revert WrongProviderStatus(msg.sender, p.status);
        if (block.timestamp < p.releaseAt || p.openCases != 0) revert BondLocked(p.releaseAt, p.openCases);
        amount = p.bond;
        delete _providers[msg.sender];
        totalBonds -= amount;
        emit BondWithdrawn(msg.sender, amount);
        if (amount != 0) token.safeTransfer(msg.sender, amount);
    }

    /// @notice Withdraw the caller's earnings from accepted deliveries.
    /// @return amount Tokens paid (wei).
    function withdrawEarnings() external nonReentrant returns (uint256 amount) {
        amount = earnings[msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        earnings[msg.sender] = 0;
        totalEarnings -= amount;
        emit EarningsWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ consumers

    /// @notice Order `units` (1..MAX_UNITS) for the next epoch, paying at most `maxPrice` wei per
    /// unit. Posted mechanism: fills at the posted price (reverts PriceAboveLimit if it is above
    /// `maxPrice`) and escrows units x price. Batch auction: bids at the highest grid tick not
    /// above `maxPrice` and escrows units x that tick's price. Settled by `settleOrder`.
    /// @return orderId The new order's id.
    function request(uint256 units, uint256 maxPrice) external nonReentrant whenNotPaused returns (uint256 orderId) {
        if (units == 0 || units > MAX_UNITS) revert InvalidUnits(units, MAX_UNITS);
        uint256 epoch = _openEpoch();
        EpochData storage ed = _epochs[epoch];
        uint256 tick;
        uint256 price;
        if (ed.mechanism == Mechanism.Posted) {
            tick = POSTED_TICK;
            price = ed.price;
            if (price > maxPrice) revert PriceAboveLimit(price, maxPrice);
        } else {
            if (maxPrice < minPrice) revert PriceBelowGrid(maxPrice, minPrice);
            tick = ResourcePricing.tickAtOrBelow(maxPrice, minPrice, tickSize, numTicks);
            price = ResourcePricing.tickPrice(minPrice, tickSize, tick);
        }
        uint256 escrow = units * price;
        _pull(msg.sender, escrow);
        uint256 position = demandAt[epoch][tick];
        demandAt[epoch][tick] = position + units;
        ed.demand += uint64(units);
        totalEscrow += escrow;
        orderId = ++orderCount;
        _orders[orderId] = Order(
            msg.sender, uint32(epoch), uint16(tick), false, uint64(units), uint64(position), uint128(escrow)
        );
        emit OrderPlaced(orderId, msg.sender, epoch, units, tick, escrow);
    }

    /// @notice Settle order `orderId` once its epoch is final: the consumer gets back the escrow
    /// not spent (units not filled, the difference to the clearing price) and its share of the
    /// undelivered units. Anyone may call; the refund goes to the order's consumer.
    /// @return refund Tokens returned (wei).
    function settleOrder(uint256 orderId) external nonReentrant returns (uint256 refund) {
        Order storage o = _orders[orderId];
        if (o.consumer == address(0)) revert UnknownOrder(orderId);
        if (o.settled) revert OrderAlreadySettled(orderId);
        uint256 epoch = o.epoch;
        EpochData storage ed = _epochs[epoch];
        _requireFinal(epoch, ed);
        uint256 filled;
        (filled, refund) = ResourceClearing.settlement(o, ed);
        o.settled = true;
        totalEscrow -= refund;
        emit OrderSettled(orderId, o.consumer, filled, refund);
        if (refund != 0) token.safeTransfer(o.consumer, refund);
    }

    // ------------------------------------------------------------------ clearing

    /// @notice Clear the earliest uncleared delivery epoch (it must have started). Anyone.
    /// Allocates units by the epoch's mechanism, fixes the epoch's attestation deadline, and
    /// opens the next epoch's orders (its mechanism and, if posted, its price).
    /// @dev Bounded gas: one pass over at most numTicks (<= MAX_TICKS) buckets. Epochs after
    /// the cleared one and before the current one received no orders (ordering waits for this
    /// call), so they are skipped.
    /// @return epoch The epoch cleared.
    function clear() external returns (uint256 epoch) {
        epoch = nextClearEpoch;
        uint256 current = currentEpoch();
        if (epoch > current) revert EpochNotStarted(epoch, current);
        EpochData storage ed = _epochs[epoch];
        uint256 demand = ed.demand;
        uint256 offered;
        uint256 price;
        ResourceClearing.Grid memory g = ResourceClearing.Grid(minPrice, tickSize, numTicks);
        if (ed.mechanism == Mechanism.Posted) {
            price = ed.price;
            offered = ResourceClearing.clearPosted(ed, supplyAt, g, price, demand);
        } else {
            (price, offered) = ResourceClearing.clearAuction(ed, supplyAt, demandAt[epoch], g, demand, totalCapacity);
        }
        ed.cleared = true;
        // A late clearing does not shorten the oracles' window.
        uint256 from = _epochEnd(epoch);
        if (block.timestamp > from) from = block.timestamp;
        ed.attestDeadline = uint40(from + _params.attestationWindow);
        emit EpochCleared(epoch, ed.mechanism, price, demand, offered, ed.sold);
        _openNext(ed, current + 1, price, demand, offered);
        nextClearEpoch = current + 1;
    }

    // ------------------------------------------------------------------ delivery

    /// @notice Attest that `provider` delivered `units` of what it sold in ended `epoch`, with
    /// `evidenceHash`. Only the contribution oracle's oracles, once each per (provider, epoch)
    /// and oracle set, before the epoch's attestation deadline. When the oracle's quorum of
    /// matching attestations is reached the delivery is accepted: the provider earns
    /// units x price minus the fee and its contribution score rises by its delivered share.
    /// @return accepted Whether this attestation completed the quorum.
    function attestDelivery(address provider, uint256 epoch, uint256 units, bytes32 evidenceHash)
        external
        nonReentrant
        returns (bool accepted)
    {
        if (!oracle.hasRole(oracle.ORACLE_ROLE(), msg.sender)) revert NotOracle(msg.sender);
        if (evidenceHash == bytes32(0)) revert MissingEvidence();
        EpochData storage ed = _epochs[epoch];
        uint256 end = _epochEnd(epoch);
        if (block.timestamp < end) revert EpochNotEnded(epoch, end);
        if (block.timestamp >= ed.attestDeadline) revert AttestationClosed(epoch, ed.attestDeadline);
        if (_deliveredPlusOne[provider][epoch] != 0) revert DeliveryAlreadyAccepted(provider, epoch);
        uint256 sold = soldBy(provider, epoch);
        if (sold == 0) revert NothingSold(provider, epoch);
        if (units > sold) revert DeliveryAboveSold(provider, units, sold);
        if (ResourceRules.countAttestation(_attested, _attestations, oracle, provider, epoch, units, evidenceHash)) {
            accepted = true;
            _acceptDelivery(provider, epoch, ed, units, sold, evidenceHash);
        }
    }

    /// @notice Send the accrued fees to the revenue splitter (its `sync` splits them). Anyone.
    /// @return amount Tokens sent (wei).
    function flushFees() external nonReentrant returns (uint256 amount) {
        amount = accruedFees;
        if (amount == 0) revert NothingToWithdraw();
        accruedFees = 0;
        address s = revenueSplitter;
        IERC20 t = token;
        uint256 before = t.balanceOf(s);
        t.safeTransfer(s, amount);
        uint256 got = t.balanceOf(s) - before;
        if (got != amount) revert TransferAmountMismatch(amount, got);
        emit FeesFlushed(s, amount);
    }

    // ------------------------------------------------------------------ bond cases

    /// @notice Open a case against `provider`'s bond for the units it sold and did not deliver
    /// in final `epoch`: undelivered x bondPerUnit x slashBps / 10_000 wei, rounded up (capped by
    /// the bond). Only holders of the Slashing module's SLASHER_ROLE; one case per epoch. The
    /// dispute window is the Slashing module's.
    /// @return caseId The new case's id.
    function proposeBondSlash(address provider, uint256 epoch, bytes32 evidenceHash)
        external
        returns (uint256 caseId)
    {
        IResourceSlashingView s = slashing;
        if (!s.hasRole(s.SLASHER_ROLE(), msg.sender)) revert NotSlasher(msg.sender);
        if (evidenceHash == bytes32(0)) revert MissingEvidence();
        _requireFinal(epoch, _epochs[epoch]);
        uint256 existing = caseOf[provider][epoch];
        if (existing != 0) revert CaseExists(provider, epoch, existing);
        uint256 sold = soldBy(provider, epoch);
        uint256 delivered = deliveredBy(provider, epoch);
        if (sold <= delivered) revert NothingUndelivered(provider, epoch);
        Provider storage p = _providers[provider];
        if (p.bond == 0) revert BondEmpty(provider);
        // Rounded up (in the protocol's favour), so an undelivered unit never slashes nothing.
        uint256 amount = ((sold - delivered) * _params.bondPerUnit * _params.slashBps + BPS - 1) / BPS;
        if (p.bond < amount) amount = p.bond;
        caseId = ResourceBondCases.open(_book, p, provider, epoch, amount, evidenceHash, s.disputeWindow());
        caseOf[provider][epoch] = caseId;
    }

    /// @notice The provider disputes case `caseId` before its window closes; governance then has
    /// DECISION_TIMEOUT to uphold or cancel it.
    function disputeBondSlash(uint256 caseId) external {
        ResourceBondCases.dispute(_book, caseId);
    }

    /// @notice Execute undisputed case `caseId` after its dispute window. Anyone.
    /// @return amount Tokens slashed (wei).
    function executeBondSlash(uint256 caseId) external nonReentrant returns (uint256 amount) {
        amount = ResourceBondCases.execute(_book, _providers, caseId, false, slashing, address(token));
        totalBonds -= amount;
    }

    /// @notice Governance upholds disputed case `caseId`: it executes now.
    /// @return amount Tokens slashed (wei).
    function upholdBondSlash(uint256 caseId)
        external
        onlyRole(DEFAULT_ADMIN_ROLE)
        nonReentrant
        returns (uint256 amount)
    {
        amount = ResourceBondCases.execute(_book, _providers, caseId, true, slashing, address(token));
        totalBonds -= amount;
    }

    /// @notice Governance cancels case `caseId` (proposed or disputed).
    function cancelBondSlash(uint256 caseId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        ResourceBondCases.close(_book, _providers, caseId, false);
    }

    /// @notice Cancel disputed case `caseId` left undecided past its decision deadline. Anyone.
    function expireBondSlash(uint256 caseId) external {
        ResourceBondCases.close(_book, _providers, caseId, true);
    }

    // ------------------------------------------------------------------ governance

    /// @notice Set every governed parameter at once (each within its bounds). Only governance.
    function setParams(Params calldata p) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setParams(p);
    }

    /// @notice Mechanism of the epochs opened from the next `clear()` on. Only governance.
    function setMechanism(Mechanism m) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit MechanismChanged(mechanism, m);
        mechanism = m;
    }

    /// @notice Stop new registrations, offers, bonds and orders. Only GUARDIAN_ROLE. Leaving,
    /// clearing, attesting, settling and withdrawing continue.
    function pause() external onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @notice Resume. Only governance.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ------------------------------------------------------------------ views

    /// @notice The governed parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @notice The epoch now running (orders placed now are for the next one).
    function currentEpoch() public view returns (uint256) {
        return (block.timestamp - genesis) / epochLength + 1;
    }

    /// @notice The grid's highest price (wei per unit).
    function maxPrice() public view returns (uint256) {
        return ResourcePricing.tickPrice(minPrice, tickSize, numTicks - 1);
    }

    /// @notice Provider `account` (bond, standing offer, status, open cases, release time).
    function providerInfo(address account) external view returns (Provider memory) {
        return _providers[account];
    }

    /// @notice `provider`'s offer (capacity, ask tick) for delivery epoch `epoch`.
    function offerAt(address account, uint256 epoch) public view returns (uint256 capacity, uint256 askTick) {
        uint256 packed = _offers[account].upperLookupRecent(uint48(epoch));
        return (packed >> 16, packed & 0xffff);
    }

    /// @notice Epoch `epoch`'s record.
    function epochData(uint256 epoch) external view returns (EpochData memory) {
        return _epochs[epoch];
    }

    /// @notice Order `orderId`.
    function order(uint256 orderId) external view returns (Order memory) {
        return _orders[orderId];
    }

    /// @notice Case `caseId`.
    function bondCase(uint256 caseId) external view returns (BondCase memory) {
        return _book.cases[caseId];
    }

    /// @notice Number of bond cases ever proposed; ids are 1..caseCount.
    function caseCount() external view returns (uint256) {
        return _book.count;
    }

    /// @notice Units `provider` sold in cleared `epoch` (0 if not cleared). Asks below the
    /// marginal tick sell fully; on it, pro rata rounded down.
    function soldBy(address account, uint256 epoch) public view returns (uint256) {
        EpochData storage ed = _epochs[epoch];
        if (!ed.cleared) return 0;
        (uint256 cap, uint256 tick) = offerAt(account, epoch);
        if (tick < ed.supplyTickLo) return cap;
        if (tick > ed.supplyTickHi) return 0;
        return ResourcePricing.ration(cap, ed.supplyNum, ed.supplyDen);
    }

    /// @notice Units accepted as delivered by `provider` in `epoch`.
    function deliveredBy(address account, uint256 epoch) public view returns (uint256) {
        uint256 d = _deliveredPlusOne[account][epoch];
        return d == 0 ? 0 : d - 1;
    }

    /// @notice Units order `orderId` filled (0 until its epoch is cleared).
    function filledUnits(uint256 orderId) external view returns (uint256) {
        Order storage o = _orders[orderId];
        return ResourceClearing.filled(o, _epochs[o.epoch]);
    }

    // ------------------------------------------------------------------ internals

    function _bounded(bytes32 name, uint256 v, uint256 lo, uint256 hi) private pure {
        ResourceRules.bounded(name, v, lo, hi);
    }

    function _setParams(Params memory p) private {
        ResourceRules.checkParams(_params, p);
        _params = p;
    }

    function _activeProvider(address account) private view returns (Provider storage p) {
        p = _providers[account];
        if (p.status != ProviderStatus.Active) revert WrongProviderStatus(account, p.status);
    }

    function _askTick(uint256 askPrice) private view returns (uint256) {
        uint256 top = maxPrice();
        if (askPrice > top) revert AskAboveGrid(askPrice, top);
        return ResourcePricing.tickAtOrAbove(askPrice, minPrice, tickSize);
    }

    function _checkCapacity(uint256 capacity, uint256 bond) private view {
        uint256 maxCap = _params.maxCapacity;
        if (capacity == 0 || capacity > maxCap) revert InvalidUnits(capacity, maxCap);
        uint256 required = capacity * _params.bondPerUnit;
        if (bond < required) revert InsufficientBond(bond, required);
    }

    /// @dev Offers change only while the open epoch accepts orders, so the standing buckets a
    /// `clear()` reads are those at the end of the epoch before. The checkpoint keyed by the next
    /// epoch records what the provider offers from then on (read back by `soldBy`).
    function _setOffer(address account, Provider storage p, uint256 capacity, uint256 tick) private {
        uint256 epoch = _openEpoch();
        uint256 oldCap = p.capacity;
        if (oldCap != 0) supplyAt[p.askTick] -= oldCap;
        if (capacity != 0) supplyAt[tick] += capacity;
        totalCapacity = totalCapacity + capacity - oldCap;
        p.capacity = uint64(capacity);
        p.askTick = uint16(tick);
        _offers[account].push(uint48(epoch), uint208((capacity << 16) | tick));
        emit OfferChanged(account, capacity, tick, epoch);
    }

    /// @dev The delivery epoch orders and offer changes are for now: the next one, once the
    /// current one is cleared.
    function _openEpoch() private view returns (uint256) {
        uint256 current = currentEpoch();
        uint256 next = nextClearEpoch;
        if (next <= current) revert EpochNotCleared(next);
        return current + 1;
    }

    function _epochEnd(uint256 epoch) private view returns (uint256) {
        return genesis + epoch * epochLength;
    }

    /// @dev An epoch is final once cleared and past its attestation deadline. An epoch that was
    /// never cleared (skipped: no orders could be placed for it) is final once it has ended.
    function _requireFinal(uint256 epoch, EpochData storage ed) private view {
        uint256 deadline = ed.cleared ? ed.attestDeadline : _epochEnd(epoch);
        if (block.timestamp < deadline || epoch >= nextClearEpoch) revert EpochNotFinal(epoch, deadline);
    }

    /// @dev Opens delivery epoch `next`: its mechanism, and if posted its price, from the epoch
    /// just cleared (the adjustment rule after a posted epoch; the clearing price after an
    /// auction that traded; else unchanged).
    function _openNext(EpochData storage cleared, uint256 next, uint256 price, uint256 demand, uint256 offered)
        private
    {
        Mechanism m = mechanism;
        EpochData storage nd = _epochs[next];
        nd.mechanism = m;
        if (m != Mechanism.Posted) return;
        uint256 previous = postedPrice;
        uint256 p = previous;
        if (cleared.mechanism == Mechanism.Posted) {
            Params memory prm = _params;
            p = ResourceClearing.nextPostedPrice(
                price, demand, offered, prm.adjustmentBps, prm.maxChangeBps, minPrice, maxPrice()
            );
        } else if (cleared.sold != 0) {
            p = price;
        }
        postedPrice = p;
        nd.price = uint128(p);
        emit PostedPriceSet(next, previous, p);
    }

    /// @dev Pays the provider delivered x price net of the fee (fee rounded up, in the
    /// protocol's favour) out of the epoch's escrow and reports the delivered share to the
    /// contribution oracle (VENUE_ROLE), which raises the provider's contribution boost.
    function _acceptDelivery(
        address provider_,
        uint256 epoch,
        EpochData storage ed,
        uint256 units,
        uint256 sold,
        bytes32 evidenceHash
    ) private {
        _deliveredPlusOne[provider_][epoch] = units + 1;
        ed.delivered += uint64(units);
        uint256 gross = units * ed.price;
        uint256 fee = (gross * _params.feeBps + BPS - 1) / BPS;
        uint256 payment = gross - fee;
        totalEscrow -= gross;
        totalEarnings += payment;
        accruedFees += fee;
        earnings[provider_] += payment;
        uint256 score = (units * MAX_SCORE) / sold;
        emit DeliveryAccepted(provider_, epoch, units, payment, fee, score);
        if (score != 0) oracle.addVenueScore(provider_, score, evidenceHash);
    }

    /// @dev Pulls exactly `amount` (> 0: every caller's amount is) from `from`, measured: a token
    /// that delivers less reverts.
    function _pull(address from, uint256 amount) private {
        IERC20 t = token;
        uint256 before = t.balanceOf(address(this));
        t.safeTransferFrom(from, address(this), amount);
        uint256 got = t.balanceOf(address(this)) - before;
        if (got != amount) revert TransferAmountMismatch(amount, got);
    }
}
