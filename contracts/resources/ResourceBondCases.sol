// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IResourceMarket} from "../interfaces/IResourceMarket.sol";
import {IResourceSlashingView} from "../interfaces/IResourceVenue.sol";
import {IRevenueRecipient, RevenueBuckets} from "../interfaces/IRevenueRecipient.sol";
import {ICipherToken} from "../interfaces/ICipherToken.sol";

/// @title ResourceBondCases
/// @notice Cases against resource providers' bonds (linked library: the market's cold code). The
/// same flow as the staking Slashing module, against the market's bonds:
///   Proposed --window passes, execute (anyone)--> Executed
///   Proposed --dispute (provider, in window)--> Disputed --uphold (governance)--> Executed
///   Proposed | Disputed --cancel (governance)--> Cancelled
///   Disputed --DECISION_TIMEOUT passes undecided, expire (anyone)--> Cancelled
/// The market checks who may call; this library keeps the states, the provider's count of open
/// cases (which locks its bond) and moves the slashed tokens.
library ResourceBondCases {
    using SafeERC20 for IERC20;

    uint256 internal constant DECISION_TIMEOUT = 60 days;

    /// @notice All cases of one market; ids are 1..count.
    struct Book {
        uint256 count;
        mapping(uint256 caseId => IResourceMarket.BondCase) cases;
    }

    /// @notice Open a case taking `amount` wei (> 0) of `provider`'s bond `p` for `epoch`; the
    /// provider may dispute for `disputeWindow` seconds.
    function open(
        Book storage b,
        IResourceMarket.Provider storage p,
        address provider,
        uint256 epoch,
        uint256 amount,
        bytes32 evidenceHash,
        uint256 disputeWindow
    ) external returns (uint256 caseId) {
        caseId = ++b.count;
        p.openCases += 1;
        uint256 deadline = block.timestamp + disputeWindow;
        b.cases[caseId] = IResourceMarket.BondCase(
            provider,
            uint32(epoch),
            IResourceMarket.CaseStatus.Proposed,
            uint40(deadline),
            uint128(amount),
            evidenceHash
        );
        emit IResourceMarket.BondSlashProposed(caseId, provider, epoch, amount, evidenceHash, deadline);
    }

    /// @notice The case's provider (msg.sender) disputes case `caseId` within its window.
    function dispute(Book storage b, uint256 caseId) external {
        IResourceMarket.BondCase storage c = _caseIn(b, caseId, IResourceMarket.CaseStatus.Proposed);
        if (msg.sender != c.provider) revert IResourceMarket.NotCaseProvider(caseId, msg.sender);
        if (block.timestamp >= c.deadline) revert IResourceMarket.DisputeWindowClosed(caseId, c.deadline);
        uint256 decisionDeadline = block.timestamp + DECISION_TIMEOUT;
        c.status = IResourceMarket.CaseStatus.Disputed;
        c.deadline = uint40(decisionDeadline);
        emit IResourceMarket.BondSlashDisputed(caseId, msg.sender, decisionDeadline);
    }

    /// @notice Execute case `caseId`: an undisputed one after its window (`uphold` false), or a
    /// disputed one upheld by governance (`uphold` true). Takes the case's amount, capped by
    /// what is left of the bond, and burns it or sends it to the treasury's solidarity fund, as
    /// the Slashing module is configured.
    /// @return amount Tokens slashed (wei); the market lowers its bond total by it.
    function execute(
        Book storage b,
        mapping(address => IResourceMarket.Provider) storage providers,
        uint256 caseId,
        bool uphold,
        IResourceSlashingView slashing,
        address token
    ) external returns (uint256 amount) {
        IResourceMarket.BondCase storage c;
        if (uphold) {
            c = _caseIn(b, caseId, IResourceMarket.CaseStatus.Disputed);
        } else {
            c = _caseIn(b, caseId, IResourceMarket.CaseStatus.Proposed);
            if (block.timestamp < c.deadline) revert IResourceMarket.DisputeWindowOpen(caseId, c.deadline);
        }
        address account = c.provider;
        c.status = IResourceMarket.CaseStatus.Executed;
        IResourceMarket.Provider storage p = providers[account];
        p.openCases -= 1;
        amount = c.amount;
        if (p.bond < amount) amount = p.bond;
        p.bond -= uint128(amount);
        bool burn = slashing.burnSlashed();
        emit IResourceMarket.BondSlashExecuted(caseId, account, amount, burn);
        if (amount == 0) return 0;
        if (burn) {
            ICipherToken(token).burn(amount);
        } else {
            address t = slashing.treasury();
            IERC20(token).forceApprove(t, amount);
            IRevenueRecipient(t).receiveRevenue(token, amount, RevenueBuckets.SOLIDARITY);
        }
    }

    /// @notice Cancel case `caseId`: by governance while proposed or disputed (`expire` false),
    /// or by anyone once a disputed case is past its decision deadline (`expire` true).
    function close(
        Book storage b,
        mapping(address => IResourceMarket.Provider) storage providers,
        uint256 caseId,
        bool expire
    ) external {
        IResourceMarket.BondCase storage c = b.cases[caseId];
        IResourceMarket.CaseStatus s = c.status;
        if (expire) {
            if (s != IResourceMarket.CaseStatus.Disputed) revert IResourceMarket.WrongCaseStatus(caseId, s);
            if (block.timestamp < c.deadline) revert IResourceMarket.DecisionPending(caseId, c.deadline);
        } else if (s != IResourceMarket.CaseStatus.Proposed && s != IResourceMarket.CaseStatus.Disputed) {
            revert IResourceMarket.WrongCaseStatus(caseId, s);
        }
        c.status = IResourceMarket.CaseStatus.Cancelled;
        providers[c.provider].openCases -= 1;
        emit IResourceMarket.BondSlashCancelled(caseId, c.provider);
    }

    function _caseIn(Book storage b, uint256 caseId, IResourceMarket.CaseStatus expected)
        private
        view
        returns (IResourceMarket.BondCase storage c)
    {
        c = b.cases[caseId];
        if (c.status != expected) revert IResourceMarket.WrongCaseStatus(caseId, c.status);
    }
}
