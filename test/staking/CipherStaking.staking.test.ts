import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time, mine } from "@nomicfoundation/hardhat-network-helpers";
import { deploySuite, DAY, E18, BPS, TIERS, ETH, now } from "./fixture";

describe("CipherStaking", function () {
  describe("deployment", function () {
    it("wires token, modules, admin, default tiers, ETH reward asset and parameters", async function () {
      const s = await loadFixture(deploySuite);
      expect(await s.staking.token()).to.equal(await s.token.getAddress());
      expect(await s.staking.slashingModule()).to.equal(await s.slashing.getAddress());
      expect(await s.staking.contributionOracle()).to.equal(await s.oracle.getAddress());
      expect(await s.staking.hasRole(ethers.ZeroHash, s.admin.address)).to.equal(true);
      expect(await s.staking.getRoleMemberCount(ethers.ZeroHash)).to.equal(1n);
      expect(await s.staking.hasRole(ethers.ZeroHash, s.deployer.address)).to.equal(false);
      for (let i = 0; i < TIERS.length; i++) {
        const t = await s.staking.tiers(i);
        expect([t.duration, t.multiplierBps]).to.deep.equal(TIERS[i]);
      }
      expect(await s.staking.tierCount()).to.equal(BigInt(TIERS.length));
      expect((await s.staking.tiers(TIERS.length)).multiplierBps).to.equal(0n);
      await expect(s.staking.tiers(8)).to.be.reverted;
      expect(await s.staking.rewardAssets()).to.deep.equal([ETH, await s.reward.getAddress()]);
      expect(await s.staking.unbondingDelay()).to.equal(7n * DAY);
      expect(await s.staking.rewardsDuration()).to.equal(7n * DAY);
      const cp = await s.staking.contributionParams();
      expect(cp.governor).to.equal(s.governor.address);
      expect(cp.maxBoostBps).to.equal(5_000n);
      expect(cp.voteBoostBps).to.equal(500n);
      expect(cp.decayPeriod).to.equal(90n * DAY);
      expect(await s.staking.CLOCK_MODE()).to.equal("mode=blocknumber&from=default");
    });

    it("supports the AccessControlEnumerable and ERC-165 interface ids only", async function () {
      const s = await loadFixture(deploySuite);
      // ids computed from the interfaces' selectors, not copied from the contract
      const id = (sigs: string[]) =>
        "0x" +
        sigs
          .map((f) => BigInt(ethers.id(f).slice(0, 10)))
          .reduce((a, b) => a ^ b, 0n)
          .toString(16)
          .padStart(8, "0");
      const ierc165 = id(["supportsInterface(bytes4)"]);
      const accessControl = id([
        "hasRole(bytes32,address)",
        "getRoleAdmin(bytes32)",
        "grantRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "renounceRole(bytes32,address)",
      ]);
      const enumerable = id(["getRoleMember(bytes32,uint256)", "getRoleMemberCount(bytes32)"]);
      expect(await s.staking.supportsInterface(ierc165)).to.equal(true);
      expect(await s.staking.supportsInterface(accessControl)).to.equal(true);
      expect(await s.staking.supportsInterface(enumerable)).to.equal(true);
      expect(await s.staking.supportsInterface("0xffffffff")).to.equal(false);
      expect(await s.staking.supportsInterface("0x12345678")).to.equal(false);
    });

    it("reverts with ZeroAddress for a zero admin, token, slashing module or oracle", async function () {
      const s = await loadFixture(deploySuite);
      const a = [s.admin.address, await s.token.getAddress(), await s.slashing.getAddress(), await s.oracle.getAddress()];
      for (let i = 0; i < 4; i++) {
        const args = [...a];
        args[i] = ethers.ZeroAddress;
        await expect(
          s.Staking.deploy(args[0], args[1], args[2], args[3]),
        ).to.be.revertedWithCustomError(s.staking, "ZeroAddress");
      }
    });
  });

  describe("stake", function () {
    it("pulls the tokens, records the stake with its tier snapshot and emits Staked", async function () {
      const s = await loadFixture(deploySuite);
      const amount = 1_000n * E18;
      const before = await s.token.balanceOf(s.alice.address);
      const tx = await s.staking.connect(s.alice).stake(amount, 2);
      const t = await now();
      await expect(tx)
        .to.emit(s.staking, "Staked")
        .withArgs(s.alice.address, 0n, amount, 2n, t + TIERS[2][0], TIERS[2][1]);
      expect(await s.token.balanceOf(s.alice.address)).to.equal(before - amount);
      expect(await s.token.balanceOf(await s.staking.getAddress())).to.equal(amount);
      const st = await s.staking.stakeOf(s.alice.address, 0);
      expect(st.amount).to.equal(amount);
      expect(st.unlockAt).to.equal(t + TIERS[2][0]);
      expect(st.unbondEnd).to.equal(0n);
      expect(st.multiplierBps).to.equal(TIERS[2][1]);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.baseWeight).to.equal((amount * TIERS[2][1]) / BPS);
      expect(acc.weight).to.equal((amount * TIERS[2][1]) / BPS);
      expect(acc.active).to.equal(amount);
      expect(acc.stakeMask).to.equal(1n);
      expect(await s.staking.totalWeight()).to.equal((amount * 15_000n) / BPS);
      expect(await s.staking.totalStaked()).to.equal(amount);
    });

    it("gives each stake of an account the lowest free id and sums weights by tier", async function () {
      const s = await loadFixture(deploySuite);
      let expectedWeight = 0n;
      for (let i = 0; i < 5; i++) {
        const amount = BigInt(i + 1) * E18;
        expect(await s.staking.connect(s.alice).stake.staticCall(amount, i)).to.equal(BigInt(i));
        await s.staking.connect(s.alice).stake(amount, i);
        expectedWeight += (amount * TIERS[i][1]) / BPS;
      }
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal(expectedWeight);
      expect((await s.staking.accountOf(s.alice.address)).stakeMask).to.equal(0b11111n);
    });

    it("reuses the id of a withdrawn stake", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.alice).requestUnbond(0);
      await time.increase(7n * DAY);
      await s.staking.connect(s.alice).withdraw(0);
      expect((await s.staking.accountOf(s.alice.address)).stakeMask).to.equal(0b10n);
      expect(await s.staking.connect(s.alice).stake.staticCall(E18, 0)).to.equal(0n);
    });

    it("reverts with ZeroAmount for a zero amount", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.alice).stake(0, 0)).to.be.revertedWithCustomError(s.staking, "ZeroAmount");
    });

    it("reverts with UnknownTier for a tier index past the list", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.alice).stake(E18, 5))
        .to.be.revertedWithCustomError(s.staking, "UnknownTier")
        .withArgs(5n, 5n);
    });

    it("reverts with TooManyStakes for a 17th stake", async function () {
      const s = await loadFixture(deploySuite);
      for (let i = 0; i < 16; i++) await s.staking.connect(s.alice).stake(E18, 0);
      await expect(s.staking.connect(s.alice).stake(E18, 0))
        .to.be.revertedWithCustomError(s.staking, "TooManyStakes")
        .withArgs(s.alice.address, 16n);
    });

    it("reverts with StakeCapExceeded above MAX_TOTAL_STAKED", async function () {
      const s = await loadFixture(deploySuite);
      const cap = await s.staking.MAX_TOTAL_STAKED();
      expect(cap).to.equal(2n ** 96n - 1n); // vote counts fit PackedVotes' 96-bit checkpoints
      await s.token.mint(s.eve.address, cap + 1n);
      await expect(s.staking.connect(s.eve).stake(cap + 1n, 0))
        .to.be.revertedWithCustomError(s.staking, "StakeCapExceeded")
        .withArgs(cap + 1n, cap);
      // the cap itself is reachable, across stakes, and votes carry it exactly
      await s.staking.connect(s.eve).stake(cap - 1n, 0);
      await s.staking.connect(s.eve).stake(1n, 0);
      expect(await s.staking.getVotes(s.eve.address)).to.equal(cap);
      expect(await s.staking.totalStaked()).to.equal(cap);
      await expect(s.staking.connect(s.eve).stake(1n, 0))
        .to.be.revertedWithCustomError(s.staking, "StakeCapExceeded")
        .withArgs(cap + 1n, cap);
    });

    it("reverts when the allowance or balance is too small (tokens must be paid)", async function () {
      const s = await loadFixture(deploySuite);
      await s.token.connect(s.alice).approve(await s.staking.getAddress(), E18 - 1n);
      await expect(s.staking.connect(s.alice).stake(E18, 0)).to.be.revertedWithCustomError(
        s.token,
        "ERC20InsufficientAllowance",
      );
      const [, , , , , , , , , , , , , poor] = await ethers.getSigners();
      await s.token.connect(poor).approve(await s.staking.getAddress(), E18);
      await expect(s.staking.connect(poor).stake(E18, 0)).to.be.revertedWithCustomError(
        s.token,
        "ERC20InsufficientBalance",
      );
    });

    it("reverts with EnforcedPause while paused", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.guardian).pause();
      await expect(s.staking.connect(s.alice).stake(E18, 0)).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
    });
  });

  describe("requestUnbond", function () {
    it("starts unbonding after the lock: removes weight and votes, keeps the tokens", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(10n * E18, 1);
      await time.increase(30n * DAY);
      const tx = await s.staking.connect(s.alice).requestUnbond(0);
      const t = await now();
      await expect(tx)
        .to.emit(s.staking, "UnbondRequested")
        .withArgs(s.alice.address, 0n, 10n * E18, t + 7n * DAY);
      const acc = await s.staking.accountOf(s.alice.address);
      expect(acc.weight).to.equal(0n);
      expect(acc.active).to.equal(0n);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(0n);
      expect(await s.staking.totalWeight()).to.equal(0n);
      expect(await s.staking.totalStaked()).to.equal(10n * E18);
      expect((await s.staking.stakeOf(s.alice.address, 0)).unbondEnd).to.equal(t + 7n * DAY);
    });

    it("reverts with StakeLocked before the lock ends", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 1);
      const unlockAt = (await s.staking.stakeOf(s.alice.address, 0)).unlockAt;
      await time.setNextBlockTimestamp(unlockAt - 1n);
      await expect(s.staking.connect(s.alice).requestUnbond(0))
        .to.be.revertedWithCustomError(s.staking, "StakeLocked")
        .withArgs(0n, unlockAt);
    });

    it("reverts with AlreadyUnbonding the second time", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.alice).requestUnbond(0);
      await expect(s.staking.connect(s.alice).requestUnbond(0))
        .to.be.revertedWithCustomError(s.staking, "AlreadyUnbonding")
        .withArgs(0n);
    });

    it("reverts with UnknownStake for another account's or a missing stake id", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await expect(s.staking.connect(s.bob).requestUnbond(0))
        .to.be.revertedWithCustomError(s.staking, "UnknownStake")
        .withArgs(s.bob.address, 0n);
      await expect(s.staking.connect(s.alice).requestUnbond(16))
        .to.be.revertedWithCustomError(s.staking, "UnknownStake")
        .withArgs(s.alice.address, 16n);
    });

    it("works while paused (pausing never traps stake)", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.guardian).pause();
      await expect(s.staking.connect(s.alice).requestUnbond(0)).to.emit(s.staking, "UnbondRequested");
      await time.increase(7n * DAY);
      await expect(s.staking.connect(s.alice).withdraw(0)).to.emit(s.staking, "Withdrawn");
    });
  });

  describe("withdraw", function () {
    it("returns the tokens after the unbonding delay and frees the stake", async function () {
      const s = await loadFixture(deploySuite);
      const before = await s.token.balanceOf(s.alice.address);
      await s.staking.connect(s.alice).stake(5n * E18, 0);
      await s.staking.connect(s.alice).requestUnbond(0);
      await time.increase(7n * DAY);
      await expect(s.staking.connect(s.alice).withdraw(0))
        .to.emit(s.staking, "Withdrawn")
        .withArgs(s.alice.address, 0n, 5n * E18);
      expect(await s.token.balanceOf(s.alice.address)).to.equal(before);
      expect(await s.staking.totalStaked()).to.equal(0n);
      expect((await s.staking.stakeOf(s.alice.address, 0)).amount).to.equal(0n);
      await expect(s.staking.connect(s.alice).withdraw(0)).to.be.revertedWithCustomError(s.staking, "UnknownStake");
    });

    it("reverts with NotUnbonding for an active stake", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await expect(s.staking.connect(s.alice).withdraw(0))
        .to.be.revertedWithCustomError(s.staking, "NotUnbonding")
        .withArgs(0n);
    });

    it("reverts with UnbondingNotFinished one second before the delay ends", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 0);
      await s.staking.connect(s.alice).requestUnbond(0);
      const end = (await s.staking.stakeOf(s.alice.address, 0)).unbondEnd;
      await time.setNextBlockTimestamp(end - 1n);
      await expect(s.staking.connect(s.alice).withdraw(0))
        .to.be.revertedWithCustomError(s.staking, "UnbondingNotFinished")
        .withArgs(0n, end);
    });

    it("reverts with UnknownStake when the stake does not exist", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.alice).withdraw(3))
        .to.be.revertedWithCustomError(s.staking, "UnknownStake")
        .withArgs(s.alice.address, 3n);
    });
  });

  describe("votes (IERC5805)", function () {
    it("counts the active staked amount as vote units, self-delegated on the first stake", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(3n * E18, 4);
      expect(await s.staking.delegates(s.alice.address)).to.equal(s.alice.address);
      // vote units are the amount, not the (3x) weight
      expect(await s.staking.getVotes(s.alice.address)).to.equal(3n * E18);
      await s.staking.connect(s.alice).stake(2n * E18, 0);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(5n * E18);
      await mine();
      expect(await s.staking.getPastTotalSupply((await ethers.provider.getBlockNumber()) - 1)).to.equal(5n * E18);
    });

    it("gives liquid tokens no votes", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.bob).delegate(s.bob.address);
      expect(await s.token.balanceOf(s.bob.address)).to.be.greaterThan(0n);
      expect(await s.staking.getVotes(s.bob.address)).to.equal(0n);
    });

    it("moves votes with delegation and keeps an explicit delegate on later stakes", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).delegate(s.bob.address);
      await s.staking.connect(s.alice).stake(4n * E18, 0);
      expect(await s.staking.delegates(s.alice.address)).to.equal(s.bob.address);
      expect(await s.staking.getVotes(s.bob.address)).to.equal(4n * E18);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(0n);
      await s.staking.connect(s.alice).delegate(s.alice.address);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(4n * E18);
      expect(await s.staking.getVotes(s.bob.address)).to.equal(0n);
    });

    it("reverts with ERC5805FutureLookup for a timepoint not yet mined", async function () {
      const s = await loadFixture(deploySuite);
      const b = BigInt(await ethers.provider.getBlockNumber());
      expect(await s.staking.clock()).to.equal(b); // calls run on the latest mined block
      await expect(s.staking.getPastVotes(s.alice.address, b))
        .to.be.revertedWithCustomError(s.staking, "ERC5805FutureLookup")
        .withArgs(b, b);
    });

    it("delegates by signature once; reverts with VotesExpiredSignature and InvalidAccountNonce", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(2n * E18, 0);
      const { chainId } = await ethers.provider.getNetwork();
      const domain = { name: "Cipher Staking", version: "1", chainId, verifyingContract: await s.staking.getAddress() };
      const types = {
        Delegation: [
          { name: "delegatee", type: "address" },
          { name: "nonce", type: "uint256" },
          { name: "expiry", type: "uint256" },
        ],
      };
      const expiry = (await now()) + 3_600n;
      const sig = ethers.Signature.from(
        await s.alice.signTypedData(domain, types, { delegatee: s.bob.address, nonce: 0n, expiry }),
      );
      const expired = ethers.Signature.from(
        await s.alice.signTypedData(domain, types, { delegatee: s.bob.address, nonce: 0n, expiry: 1n }),
      );
      await expect(s.staking.delegateBySig(s.bob.address, 0, 1, expired.v, expired.r, expired.s))
        .to.be.revertedWithCustomError(s.staking, "VotesExpiredSignature")
        .withArgs(1n);
      await s.staking.connect(s.eve).delegateBySig(s.bob.address, 0, expiry, sig.v, sig.r, sig.s);
      expect(await s.staking.getVotes(s.bob.address)).to.equal(2n * E18);
      await expect(
        s.staking.connect(s.eve).delegateBySig(s.bob.address, 0, expiry, sig.v, sig.r, sig.s),
      ).to.be.revertedWithCustomError(s.staking, "InvalidAccountNonce");
    });

    it("drops the votes of a stake when it starts unbonding", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(4n * E18, 0);
      await s.staking.connect(s.alice).stake(1n * E18, 0);
      await s.staking.connect(s.alice).requestUnbond(0);
      expect(await s.staking.getVotes(s.alice.address)).to.equal(1n * E18);
    });

    it("attacker: tokens bought and staked in one block have no votes at an earlier snapshot", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(10n * E18, 0);
      await mine();
      const snapshot = BigInt(await ethers.provider.getBlockNumber()); // a proposal's snapshot
      // the attacker buys (mints) and stakes in the same block, right after the snapshot
      await network.provider.send("evm_setAutomine", [false]);
      const [, , , , , , , , , , , , , flash] = await ethers.getSigners();
      await s.token.mint(flash.address, 1_000_000n * E18);
      await s.token.connect(flash).approve(await s.staking.getAddress(), ethers.MaxUint256);
      await s.staking.connect(flash).stake(1_000_000n * E18, 0);
      await mine();
      await network.provider.send("evm_setAutomine", [true]);
      const stakeBlock = BigInt(await ethers.provider.getBlockNumber());
      expect(stakeBlock).to.equal(snapshot + 1n);
      await mine();
      expect(await s.staking.getVotes(flash.address)).to.equal(1_000_000n * E18);
      expect(await s.staking.getPastVotes(flash.address, snapshot)).to.equal(0n);
      expect(await s.staking.getPastTotalSupply(snapshot)).to.equal(10n * E18);
      expect(await s.staking.getPastVotes(flash.address, stakeBlock)).to.equal(1_000_000n * E18);
      // and the clock is the block number
      expect(await s.staking.clock()).to.equal(stakeBlock + 1n);
    });
  });

  describe("governance", function () {
    const cases: [string, bigint, bigint][] = [
      ["unbondingDelay", 1n * DAY, 60n * DAY],
      ["rewardsDuration", 1n * DAY, 30n * DAY],
      ["maxBoostBps", 0n, 5_000n],
      ["voteBoostBps", 0n, 2_500n],
      ["decayPeriod", 1n * DAY, 365n * DAY],
    ];
    for (const [name, min, max] of cases) {
      it(`sets ${name} within [${min}, ${max}] and emits old and new values`, async function () {
        const s = await loadFixture(deploySuite);
        const key = ethers.encodeBytes32String(name);
        for (const v of [min, max]) {
          await expect(s.staking.connect(s.admin).setParameter(key, v)).to.emit(s.staking, "ParameterChanged");
        }
        await expect(s.staking.connect(s.admin).setParameter(key, max + 1n))
          .to.be.revertedWithCustomError(s.staking, "ParameterOutOfBounds")
          .withArgs(key, max + 1n, min, max);
        if (min > 0n) {
          await expect(s.staking.connect(s.admin).setParameter(key, min - 1n))
            .to.be.revertedWithCustomError(s.staking, "ParameterOutOfBounds")
            .withArgs(key, min - 1n, min, max);
        }
      });
    }

    it("emits ParameterChanged with the old and the new value", async function () {
      const s = await loadFixture(deploySuite);
      const key = ethers.encodeBytes32String("unbondingDelay");
      await expect(s.staking.connect(s.admin).setParameter(key, 3n * DAY))
        .to.emit(s.staking, "ParameterChanged")
        .withArgs(key, 7n * DAY, 3n * DAY);
      expect(await s.staking.unbondingDelay()).to.equal(3n * DAY);
    });

    it("reverts with UnknownParameter for an unknown name", async function () {
      const s = await loadFixture(deploySuite);
      const key = ethers.encodeBytes32String("fee");
      await expect(s.staking.connect(s.admin).setParameter(key, 1))
        .to.be.revertedWithCustomError(s.staking, "UnknownParameter")
        .withArgs(key);
    });

    it("lets only DEFAULT_ADMIN_ROLE change parameters, tiers, governor and reward assets", async function () {
      const s = await loadFixture(deploySuite);
      const calls = [
        () => s.staking.connect(s.alice).setParameter(ethers.encodeBytes32String("unbondingDelay"), DAY),
        () => s.staking.connect(s.guardian).setTier(0, 0, 10_000),
        () => s.staking.connect(s.governor).setGovernor(s.alice.address),
        () => s.staking.connect(s.alice).addRewardAsset(s.alice.address),
        () => s.staking.connect(s.guardian).unpause(),
      ];
      for (const c of calls) {
        await expect(c()).to.be.revertedWithCustomError(s.staking, "AccessControlUnauthorizedAccount");
      }
    });

    it("sets a tier, appends one, and keeps existing stakes on their snapshot", async function () {
      const s = await loadFixture(deploySuite);
      await s.staking.connect(s.alice).stake(E18, 1);
      const before = await s.staking.stakeOf(s.alice.address, 0);
      await expect(s.staking.connect(s.admin).setTier(1, 20n * DAY, 11_000))
        .to.emit(s.staking, "TierSet")
        .withArgs(1n, 30n * DAY, 12_500n, 20n * DAY, 11_000n);
      await expect(s.staking.connect(s.admin).setTier(5, 730n * DAY, 30_000))
        .to.emit(s.staking, "TierSet")
        .withArgs(5n, 0n, 0n, 730n * DAY, 30_000n);
      expect((await s.staking.tiers(5)).duration).to.equal(730n * DAY);
      expect(await s.staking.tierCount()).to.equal(6n);
      expect(await s.staking.stakeOf(s.alice.address, 0)).to.deep.equal(before);
      expect((await s.staking.accountOf(s.alice.address)).weight).to.equal((E18 * 12_500n) / BPS);
    });

    it("reverts with InvalidTier for out-of-order, out-of-bound or out-of-range tiers", async function () {
      const s = await loadFixture(deploySuite);
      const bad: [number, bigint, number][] = [
        [1, 0n, 12_500], // duration not above tier 0
        [1, 90n * DAY, 12_500], // duration not below tier 2
        [1, 60n * DAY, 9_000], // multiplier below tier 0 and below 1x
        [1, 60n * DAY, 16_000], // multiplier above tier 2
        [4, 731n * DAY, 30_000], // duration above the bound
        [4, 400n * DAY, 30_001], // multiplier above 3x
        [6, 800n * DAY, 30_000], // index past the end
      ];
      for (const [i, d, m] of bad) {
        await expect(s.staking.connect(s.admin).setTier(i, d, m))
          .to.be.revertedWithCustomError(s.staking, "InvalidTier")
          .withArgs(i, d, m);
      }
      for (let i = 5; i < 8; i++) await s.staking.connect(s.admin).setTier(i, BigInt(400 + i * 40) * DAY, 30_000);
      await expect(s.staking.connect(s.admin).setTier(8, 730n * DAY, 30_000))
        .to.be.revertedWithCustomError(s.staking, "InvalidTier")
        .withArgs(8n, 730n * DAY, 30_000n);
    });

    it("sets the governor (not zero) with old and new values", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.admin).setGovernor(s.alice.address))
        .to.emit(s.staking, "AddressChanged")
        .withArgs(ethers.encodeBytes32String("governor"), s.governor.address, s.alice.address);
      await expect(s.staking.connect(s.admin).setGovernor(ethers.ZeroAddress)).to.be.revertedWithCustomError(
        s.staking,
        "ZeroAddress",
      );
    });
  });

  describe("pause", function () {
    it("lets only the guardian pause and only the admin unpause", async function () {
      const s = await loadFixture(deploySuite);
      await expect(s.staking.connect(s.admin).pause()).to.be.revertedWithCustomError(
        s.staking,
        "AccessControlUnauthorizedAccount",
      );
      await expect(s.staking.connect(s.guardian).pause()).to.emit(s.staking, "Paused");
      await expect(s.staking.connect(s.guardian).unpause()).to.be.revertedWithCustomError(
        s.staking,
        "AccessControlUnauthorizedAccount",
      );
      await expect(s.staking.connect(s.guardian).pause()).to.be.revertedWithCustomError(s.staking, "EnforcedPause");
      expect(await s.staking.paused()).to.equal(true);
      await expect(s.staking.connect(s.admin).unpause()).to.emit(s.staking, "Unpaused");
      await expect(s.staking.connect(s.admin).unpause()).to.be.revertedWithCustomError(s.staking, "ExpectedPause");
      expect(await s.staking.paused()).to.equal(false);
      await s.staking.connect(s.alice).stake(E18, 0);
    });
  });
});
