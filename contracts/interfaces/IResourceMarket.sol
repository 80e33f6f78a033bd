// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IResourceMarket
/// @notice Types, errors and events of a resource market (SPEC §1.7): providers offer capacity of
/// one resource kind per epoch against a bond in the Cipher token, consumers buy units with the
/// token, a price mechanism (posted price or uniform-price batch auction) clears each epoch,
/// the contribution oracles attest delivery, undelivered units are refunded and the provider's
/// bond is slashable.
interface IResourceMarket {
    /// @notice How an epoch is priced.
    /// Posted: one posted price per epoch, adjusted after each epoch by
    /// P(t+1) = P(t) x (1 + d x (D - O) / O), clamped.
    /// BatchAuction: bids and asks on the price grid, one uniform clearing price per epoch.
    enum Mechanism {
        Posted,
        BatchAuction
    }

    /// @notice Life of a provider.
    enum ProviderStatus {
        None,
        Active,
        Exiting
    }

    /// @notice State of a bond-slashing case (same states as the staking Slashing module).
    enum CaseStatus {
        None,
        Proposed,
        Disputed,
        Executed,
        Cancelled
    }

    /// @notice The governed parameters. Units in the field names.
    struct Params {
        /// Posted-price adjustment speed d, bps (10_000 = 1.0).
        uint16 adjustmentBps;
        /// Largest posted-price change per epoch, bps of the price.
        uint16 maxChangeBps;
        /// Protocol fee on provider payments, bps (to the revenue split).
        uint16 feeBps;
        /// Share of the bond backing an undelivered unit that a case takes, bps.
        uint16 slashBps;
        /// Seconds after an epoch's end during which the oracles may attest its delivery.
        uint32 attestationWindow;
        /// Seconds a leaving provider's bond stays slashable after its last epoch is final.
        uint32 exitDelay;
        /// Units of capacity one provider may offer per epoch.
        uint64 maxCapacity;
        /// Bond per unit of offered capacity, token wei.
        uint128 bondPerUnit;
    }

    /// @notice Deployment arguments (immutable grid and wiring, initial parameters).
    struct InitConfig {
        address admin;
        address guardian;
        address token;
        address oracle;
        address slashing;
        address revenueSplitter;
        bytes32 kind;
        uint256 epochLength;
        uint256 minPrice;
        uint256 tickSize;
        uint256 numTicks;
        uint256 initialPrice;
        Mechanism mechanism;
        Params params;
    }

    /// @notice A provider: its bond, standing offer and exit schedule.
    struct Provider {
        uint128 bond;
        uint64 capacity;
        uint16 askTick;
        ProviderStatus status;
        uint16 openCases;
        uint40 releaseAt;
    }

    /// @notice A consumer's order for one epoch. `position` = units already in the same price
    /// bucket when it was placed (makes marginal rationing exact, see `filledUnits`).
    struct Order {
        address consumer;
        uint32 epoch;
        uint16 tick;
        bool settled;
        uint64 units;
        uint64 position;
        uint128 escrow;
    }

    /// @notice What clearing decided for an epoch.
    /// Bids on a tick above `demandTick` fill fully, on `demandTick` by demandNum/demandDen
    /// (exactly, by position), below it not at all. Asks on a tick below `supplyTickLo` sell fully,
    /// on [supplyTickLo, supplyTickHi] by supplyNum/supplyDen (rounded down), above not at all.
    struct EpochData {
        uint128 price;
        uint64 demand;
        uint64 sold;
        uint64 delivered;
        uint40 attestDeadline;
        Mechanism mechanism;
        bool cleared;
        uint16 demandTick;
        uint16 supplyTickLo;
        uint16 supplyTickHi;
        uint64 demandNum;
        uint64 demandDen;
        uint64 supplyNum;
        uint64 supplyDen;
    }

    /// @notice A case against a provider's bond for the undelivered units of one epoch.
    struct BondCase {
        address provider;
        uint32 epoch;
        CaseStatus status;
        uint40 deadline;
        uint128 amount;
        bytes32 evidenceHash;
    }

    // ------------------------------------------------------------------ errors

    /// @notice An address that must be set was zero.
    error ZeroAddress();
    /// @notice A governed or deployment parameter `name` outside its bounds [min, max].
    error ParameterOutOfBounds(bytes32 name, uint256 value, uint256 min, uint256 max);
    /// @notice A quantity of units was zero or above `max`.
    error InvalidUnits(uint256 units, uint256 max);
    /// @notice A price is below the grid's lowest price `minPrice`.
    error PriceBelowGrid(uint256 price, uint256 minPrice);
    /// @notice An ask price is above the grid's highest price `maxPrice`.
    error AskAboveGrid(uint256 price, uint256 maxPrice);
    /// @notice The posted price `price` is above the consumer's limit `limit`.
    error PriceAboveLimit(uint256 price, uint256 limit);
    /// @notice `bond` does not cover `required` (capacity x bondPerUnit).
    error InsufficientBond(uint256 bond, uint256 required);
    /// @notice The token moved `received` instead of `expected` (fee-on-transfer or broken token).
    error TransferAmountMismatch(uint256 expected, uint256 received);
    /// @notice `provider` is `status`; the call needs another provider state.
    error WrongProviderStatus(address provider, ProviderStatus status);
    /// @notice Delivery epoch `epoch` must be cleared before orders or offer changes for the next.
    error EpochNotCleared(uint256 epoch);
    /// @notice Epoch `epoch` has not started yet (the current epoch is `current`).
    error EpochNotStarted(uint256 epoch, uint256 current);
    /// @notice Epoch `epoch` has not ended yet (it ends at `endsAt`).
    error EpochNotEnded(uint256 epoch, uint256 endsAt);
    /// @notice The attestation window of `epoch` closed at `deadline`.
    error AttestationClosed(uint256 epoch, uint256 deadline);
    /// @notice Epoch `epoch` is not final before `deadline` (attestations may still arrive).
    error EpochNotFinal(uint256 epoch, uint256 deadline);
    /// @notice `caller` does not hold the contribution oracle's ORACLE_ROLE.
    error NotOracle(address caller);
    /// @notice `caller` does not hold the Slashing module's SLASHER_ROLE.
    error NotSlasher(address caller);
    /// @notice The oracle quorum `quorum` is not a strict majority of the `oracles` oracles.
    error OracleQuorumTooLow(uint256 quorum, uint256 oracles);
    /// @notice `oracle` already attested `provider`'s delivery in `epoch` under this oracle set.
    error AlreadyAttested(address oracle, address provider, uint256 epoch);
    /// @notice `provider`'s delivery in `epoch` was already accepted.
    error DeliveryAlreadyAccepted(address provider, uint256 epoch);
    /// @notice `delivered` units attested, but `provider` sold only `sold` in that epoch.
    error DeliveryAboveSold(address provider, uint256 delivered, uint256 sold);
    /// @notice `provider` sold nothing in `epoch`.
    error NothingSold(address provider, uint256 epoch);
    /// @notice An evidence hash was zero.
    error MissingEvidence();
    /// @notice Order `orderId` does not exist.
    error UnknownOrder(uint256 orderId);
    /// @notice Order `orderId` was already settled.
    error OrderAlreadySettled(uint256 orderId);
    /// @notice Nothing to withdraw or flush.
    error NothingToWithdraw();
    /// @notice `provider` delivered everything it sold in `epoch`: no case.
    error NothingUndelivered(address provider, uint256 epoch);
    /// @notice `provider` has no bond left to slash.
    error BondEmpty(address provider);
    /// @notice A case for `provider`'s `epoch` already exists (`caseId`).
    error CaseExists(address provider, uint256 epoch, uint256 caseId);
    /// @notice Case `caseId` is `status`; the call needs another state.
    error WrongCaseStatus(uint256 caseId, CaseStatus status);
    /// @notice Only the provider of case `caseId` may dispute it; `caller` is not it.
    error NotCaseProvider(uint256 caseId, address caller);
    /// @notice The dispute window of case `caseId` closed at `deadline`.
    error DisputeWindowClosed(uint256 caseId, uint256 deadline);
    /// @notice The dispute window of case `caseId` is open until `deadline`.
    error DisputeWindowOpen(uint256 caseId, uint256 deadline);
    /// @notice Governance may still decide disputed case `caseId` until `deadline`.
    error DecisionPending(uint256 caseId, uint256 deadline);
    /// @notice The bond is locked until `releaseAt` or while `openCases` cases are open.
    error BondLocked(uint256 releaseAt, uint256 openCases);

    // ------------------------------------------------------------------ events

    /// @notice `provider` registered `capacity` units per epoch at `askTick` with `bond` wei.
    event ProviderRegistered(address indexed provider, uint256 capacity, uint256 askTick, uint256 bond);
    /// @notice `provider`'s standing offer changed, effective from delivery epoch `fromEpoch`.
    event OfferChanged(address indexed provider, uint256 capacity, uint256 askTick, uint256 fromEpoch);
    /// @notice `provider` added `amount` wei to its bond (now `bond`).
    event BondAdded(address indexed provider, uint256 amount, uint256 bond);
    /// @notice `provider` leaves: no capacity from `fromEpoch`, bond released at `releaseAt`.
    event ExitRequested(address indexed provider, uint256 fromEpoch, uint256 releaseAt);
    /// @notice `provider` withdrew its whole bond `amount` and is unregistered.
    event BondWithdrawn(address indexed provider, uint256 amount);
    /// @notice `consumer` placed order `orderId` for `units` in `epoch` at `tick`, escrowing `escrow` wei.
    event OrderPlaced(
        uint256 indexed orderId,
        address indexed consumer,
        uint256 indexed epoch,
        uint256 units,
        uint256 tick,
        uint256 escrow
    );
    /// @notice Epoch `epoch` cleared at `price` wei per unit: `demand` requested, `offered` at that
    /// price, `sold` allocated.
    event EpochCleared(
        uint256 indexed epoch, Mechanism mechanism, uint256 price, uint256 demand, uint256 offered, uint256 sold
    );
    /// @notice The posted price of `epoch` is `price` wei per unit (was `previous`).
    event PostedPriceSet(uint256 indexed epoch, uint256 previous, uint256 price);
    /// @notice `oracle` attested `provider` delivered `units` in `epoch`; `count` matching so far.
    event DeliveryAttested(
        address indexed oracle,
        address indexed provider,
        uint256 indexed epoch,
        uint256 units,
        bytes32 evidenceHash,
        uint256 count
    );
    /// @notice A quorum accepted `units` delivered by `provider` in `epoch`: it earned `payment`
    /// wei net of `fee` wei; its contribution score was `score` (0..10_000).
    event DeliveryAccepted(
        address indexed provider, uint256 indexed epoch, uint256 units, uint256 payment, uint256 fee, uint256 score
    );
    /// @notice `provider` withdrew `amount` wei of earnings.
    event EarningsWithdrawn(address indexed provider, uint256 amount);
    /// @notice Order `orderId` settled: `filled` units at the epoch's price, `refund` wei back.
    event OrderSettled(uint256 indexed orderId, address indexed consumer, uint256 filled, uint256 refund);
    /// @notice `amount` wei of fees sent to the revenue splitter.
    event FeesFlushed(address indexed splitter, uint256 amount);
    /// @notice Case `caseId` opened against `provider` for `epoch`, `amount` wei of its bond.
    event BondSlashProposed(
        uint256 indexed caseId,
        address indexed provider,
        uint256 indexed epoch,
        uint256 amount,
        bytes32 evidenceHash,
        uint256 disputeDeadline
    );
    /// @notice `provider` disputed case `caseId`; governance decides until `decisionDeadline`.
    event BondSlashDisputed(uint256 indexed caseId, address indexed provider, uint256 decisionDeadline);
    /// @notice Case `caseId` executed: `amount` wei taken from `provider`'s bond, burned or sent
    /// to the solidarity fund.
    event BondSlashExecuted(uint256 indexed caseId, address indexed provider, uint256 amount, bool burned);
    /// @notice Case `caseId` cancelled (by governance, or expired undecided).
    event BondSlashCancelled(uint256 indexed caseId, address indexed provider);
    /// @notice A governed numeric parameter changed.
    event ParameterChanged(bytes32 indexed name, uint256 oldValue, uint256 newValue);
    /// @notice The mechanism of epochs cleared from now on changed.
    event MechanismChanged(Mechanism oldMechanism, Mechanism newMechanism);
}
