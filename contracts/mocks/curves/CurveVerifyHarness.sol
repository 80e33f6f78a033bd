// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ExponentialCurve} from "../../market/curves/ExponentialCurve.sol";
import {SigmoidCurve} from "../../market/curves/SigmoidCurve.sol";
import {SigmoidCurveMath} from "../../market/curves/SigmoidCurveMath.sol";

/// @notice Test helper: runs the inverse's verification step from an arbitrary (deliberately bad)
/// estimate, which the real closed form never produces, to test the step-down fallback.
contract ExponentialCurveVerifyHarness is ExponentialCurve {
    constructor(uint256[] memory p) ExponentialCurve(p) {}

    /// @notice `_verifyDown(supply, estimate, reserveIn)`.
    function verifyFrom(uint256 supply, uint256 estimate, uint256 reserveIn) external view returns (uint256) {
        return _verifyDown(supply, estimate, reserveIn);
    }
}

/// @notice Test helper: the sigmoid's verification step from an arbitrary estimate.
contract SigmoidCurveVerifyHarness is SigmoidCurve {
    constructor(uint256[] memory p) SigmoidCurve(p) {}

    /// @notice `_verifyFrom(SP(supply), supply, estimate, reserveIn)`.
    function verifyFrom(uint256 supply, uint256 estimate, uint256 reserveIn) external view returns (uint256) {
        uint256[] memory p = parameters();
        return _verifyFrom(SigmoidCurveMath.softplusAt(p[1], p[2], supply), supply, estimate, reserveIn);
    }
}
