// The client's pure encoders: policies' actions -> calls, proposals' operations -> the policies'
// ProposalSpec and back, typed proposal actions, and the revert decoder, without a chain.
import { expect } from "chai";
import { AbiCoder, getAddress, keccak256, ZeroAddress, type Interface } from "ethers";
import { IFACES, ALL_INTERFACES, actionOperations, decodeSpec, decodeRevert, decodeRevertDetailed, encodeAgentAction, specOperations, proposalId, descriptionHash, GUARDIAN_ROLE, revertDataOf, type SuiteAddresses } from "../../src/client";
import type { ProposalSpec } from "../../src/agents/types";

const A = (n: number) => getAddress("0x" + n.toString(16).padStart(40, "0"));
const addrs: SuiteAddresses = { timelock: A(1), token: A(2), curve: A(3), staking: A(4), slashing: A(5), oracle: A(6), treasury: A(7), governor: A(8), splitter: A(9), market: A(10) };
const names = ["slope", "intercept"];
const params = [100n, 200n];

describe("client: encoders without a chain", function () {
  it("reads every policy proposal spec back from its own operations", function () {
    const specs: ProposalSpec[] = [
      { kind: "setFees", buyFeeBps: 150, sellFeeBps: 120 },
      { kind: "grant", fund: "solidarity", recipient: A(77), amount: 5n * 10n ** 17n },
      { kind: "setCurveParam", param: "intercept", value: 210n },
      { kind: "resolveSlash", slashId: "3", uphold: true },
      { kind: "resolveSlash", slashId: "4", uphold: false },
    ];
    for (const s of specs) expect(decodeSpec(addrs, specOperations(addrs, s, params, names), names, params)).to.deep.equal(s);
  });

  it("does not judge what a policy cannot (several calls, ERC20 grants, unknown targets)", function () {
    expect(decodeSpec(addrs, actionOperations(addrs, { kind: "pause", contract: "market" }), names, params)).to.equal(undefined);
    expect(decodeSpec(addrs, actionOperations(addrs, { kind: "grant", fund: "welfare", asset: A(99), to: A(5), amount: 1n }), names, params)).to.equal(undefined);
    expect(decodeSpec(addrs, { targets: [A(55)], values: [0n], calldatas: ["0x12345678"] }, names, params)).to.equal(undefined);
  });

  it("encodes trades with the deadline and the exact amounts", function () {
    const buy = encodeAgentAction(addrs, { kind: "buy", reserveIn: 7n, minOut: 3n, priorityFee: 1n }, { curveParams: params, curveNames: names, proposals: { operations: () => undefined }, deadline: 1234 });
    expect(buy.to).to.equal(addrs.market);
    expect(buy.value).to.equal(7n);
    expect([...IFACES.market.decodeFunctionData("buy", buy.data)]).to.deep.equal([7n, 3n, ZeroAddress, 1234n]);
    const sell = encodeAgentAction(addrs, { kind: "sell", tokens: 9n, minOut: 2n, priorityFee: 1n }, { curveParams: params, curveNames: names, proposals: { operations: () => undefined }, deadline: 99 });
    expect([...IFACES.market.decodeFunctionData("sell", sell.data)]).to.deep.equal([9n, 2n, 99n]);
  });

  it("queues and executes a known proposal with its operations and description hash", function () {
    const ops = actionOperations(addrs, { kind: "setFees", buyFeeBps: 10, sellFeeBps: 20 });
    const id = proposalId(ops, "d").toString();
    const ctx = { curveParams: params, curveNames: names, proposals: { operations: (x: string) => (x === id ? { ops, description: "d" } : undefined) }, deadline: 0 };
    const q = encodeAgentAction(addrs, { kind: "queue", proposalId: id, priorityFee: 1n }, ctx);
    const args = IFACES.governor.decodeFunctionData("queue", q.data);
    expect(args[0]).to.deep.equal([addrs.market]);
    expect(args[3]).to.equal(descriptionHash("d"));
    // OZ hashProposal: keccak(abi.encode(targets, values, calldatas, descriptionHash))
    const enc = AbiCoder.defaultAbiCoder().encode(["address[]", "uint256[]", "bytes[]", "bytes32"], [ops.targets, ops.values, ops.calldatas, descriptionHash("d")]);
    expect(BigInt(id)).to.equal(BigInt(keccak256(enc)));
  });

  it("pause grants the guardian role to the timelock, pauses and renounces it", function () {
    const ops = actionOperations(addrs, { kind: "pause", contract: "staking" });
    expect(ops.targets).to.deep.equal([addrs.staking, addrs.staking, addrs.staking]);
    expect([...IFACES.staking.decodeFunctionData("grantRole", ops.calldatas[0])]).to.deep.equal([GUARDIAN_ROLE, addrs.timelock]);
    expect(IFACES.staking.parseTransaction({ data: ops.calldatas[1] })?.name).to.equal("pause");
  });

  it("decodes custom errors with their arguments, Error(string), Panic, and unknown selectors", function () {
    const data = IFACES.market.encodeErrorResult("SlippageExceeded", [5n, 6n]);
    expect(decodeRevert(data, ALL_INTERFACES)).to.equal("SlippageExceeded");
    expect(decodeRevertDetailed(data, ALL_INTERFACES).full).to.equal("SlippageExceeded(5, 6)");
    const err = "0x08c379a0" + AbiCoder.defaultAbiCoder().encode(["string"], ["nope"]).slice(2);
    expect(decodeRevert(err, ALL_INTERFACES)).to.equal("Error(nope)");
    const panic = "0x4e487b71" + AbiCoder.defaultAbiCoder().encode(["uint256"], [0x11]).slice(2);
    expect(decodeRevert(panic, ALL_INTERFACES)).to.equal("Panic(0x11)");
    expect(decodeRevert("0xdeadbeef", ALL_INTERFACES)).to.equal("UnknownError(0xdeadbeef)");
    expect(decodeRevert("0x", ALL_INTERFACES)).to.equal("Reverted(no data)");
    expect(revertDataOf({ info: { error: { data } } })).to.equal(data);
    expect(revertDataOf(new Error("x"))).to.equal(undefined);
  });
});

describe("client: one encoder, one selector map", function () {
  it("encodeCall gives encodeFunctionData's bytes for every kind of agent action", function () {
    const { encodeCall } = require("../../src/client/calldata") as typeof import("../../src/client/calldata");
    const { encodeBuy, encodeSell } = require("../../src/client/agentActions") as typeof import("../../src/client/agentActions");
    const ref = (n: 1 | 2) => (IFACES.market as Interface).encodeFunctionData(n === 1 ? "buy" : "sell", n === 1 ? [12n, 3n, A(44), 77n] : [12n, 3n, 77n]);
    expect(encodeBuy(12n, 3n, A(44), 77)).to.equal(ref(1));
    expect(encodeSell(12n, 3n, 77)).to.equal(ref(2));
    const cases: [keyof typeof IFACES, string, unknown[]][] = [
      ["staking", "stake", [5n, 1]], ["staking", "requestUnbond", [2]], ["staking", "withdraw", [2]], ["staking", "claim", []],
      ["governor", "castVoteWithReason", [123n, 1, "why"]], ["governor", "propose", [[A(1)], [0n], ["0x1234"], "d"]],
      ["governor", "queue", [[A(1)], [0n], ["0x1234"], descriptionHash("d")]], ["governor", "creditVote", [9n, A(3)]], ["governor", "quorum", [100n]],
      ["slashing", "disputeSlash", [4n]], ["slashing", "proposeSlash", [A(2), 500, descriptionHash("e")]], ["oracle", "attestScore", [A(2), 3, 40, descriptionHash("x")]],
      ["lens", "accounts", [A(2), A(4), ZeroAddress, [A(5), A(6)]]],
    ];
    for (const [k, fn, args] of cases) expect(encodeCall(IFACES[k], fn, args), fn).to.equal((IFACES[k] as Interface).encodeFunctionData(fn, args));
  });

  it("names every error the simulation's old interface set named, the same way (the curves' own errors included)", function () {
    const { LinearCurve__factory } = require("../../typechain-types") as typeof import("../../typechain-types");
    const old = [IFACES.market, IFACES.governor, IFACES.staking, IFACES.token, IFACES.treasury, IFACES.oracle, IFACES.splitter, IFACES.slashing, IFACES.timelock, LinearCurve__factory.createInterface(), IFACES.lens];
    let n = 0;
    for (const iface of old) {
      iface.forEachError((e) => {
        n++;
        expect(decodeRevert(e.selector + "00".repeat(96), ALL_INTERFACES), e.name).to.equal(decodeRevert(e.selector + "00".repeat(96), old));
      });
    }
    expect(n).to.be.greaterThan(50);
    expect(decodeRevert(LinearCurve__factory.createInterface().getError("CurveMarketAlreadySet")!.selector + "00".repeat(32), ALL_INTERFACES)).to.equal("CurveMarketAlreadySet");
  });
});
