package org.hypertensor.staking.internal.module;

import static org.hypertensor.staking.internal.module.StakingErrors.*;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.internal.peer.Multiaddrs;
import org.hypertensor.staking.internal.state.Params;
import org.hypertensor.staking.internal.state.StakingState;

/** Runs one staking call: decodes its arguments, checks every rule, then changes the state. */
final class StakingCallHandler {

    static final Pattern SUBNET_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final int MAX_MODEL = 128;

    private final CallContext ctx;
    private final StakingState state;
    private final Params p;
    private final long block;

    StakingCallHandler(CallContext ctx) {
        this.ctx = ctx;
        this.state = new StakingState(ctx);
        this.p = state.params();
        this.block = ctx.blockNumber();
    }

    void dispatch(String function, Decoder in) {
        switch (function) {
            case "activate_subnet" -> activate(in.text(64), true);
            case "deactivate_subnet" -> activate(in.text(64), false);
            case "register_subnet" -> registerSubnet(in.text(64), in.text(MAX_MODEL));
            case "remove_subnet" -> removeSubnet(in.u32());
            case "register_node" -> registerNode(in.u32(), in.text(64), in.text(Multiaddrs.MAX_LENGTH), in.u128());
            case "add_stake" -> addStake(in.u32(), in.u128());
            case "remove_stake" -> removeStake(in.u32(), in.u128());
            case "update_node" ->
                updateNode(in.u32(), in.option(d -> d.text(64)), in.option(d -> d.text(Multiaddrs.MAX_LENGTH)));
            case "deregister_node" -> deregister(in.u32());
            default -> throw of("UnknownCall", "staking has no function " + function);
        }
    }

    private void activate(String name, boolean on) {
        ctx.ensureRoot();
        checkName(name);
        if (on && state.isActivated(name)) {
            throw of(SUBNET_ALREADY_ACTIVATED, "subnet name '" + name + "' is already activated");
        }
        if (!on && !state.isActivated(name)) {
            throw of(SUBNET_NOT_ACTIVATED, "subnet name '" + name + "' is not activated");
        }
        state.setActivated(name, on);
    }

    private void registerSubnet(String name, String model) {
        byte[] owner = ctx.ensureSigned();
        checkName(name);
        if (model.isBlank()) {
            throw of(INVALID_MODEL, "the model reference is empty");
        }
        if (!state.isActivated(name)) {
            throw of(SUBNET_NOT_ACTIVATED, "subnet name '" + name + "' is not activated by governance");
        }
        if (state.subnetIdByName(name).isPresent()) {
            throw of(SUBNET_NAME_TAKEN, "a subnet named '" + name + "' is already registered");
        }
        if (state.subnets().size() >= p.maxSubnets()) {
            throw of(TOO_MANY_SUBNETS, "the network already has MaxSubnets = " + p.maxSubnets() + " subnets");
        }
        BigInteger fee = p.registrationFeePerNode().multiply(BigInteger.valueOf(state.includedCountNetworkWide(block)));
        if (fee.signum() > 0) {
            requireFree(owner, fee, "the registration fee");
            ctx.balances().payToVault(owner, fee);
        }
        state.createSubnet(name, model, owner, block);
    }

    private void removeSubnet(long id) {
        ctx.ensureSigned();
        Subnet s = subnet(id);
        String why = removableBecause(s);
        if (why == null) {
            throw of(
                    SUBNET_NOT_REMOVABLE,
                    "subnet " + id + " is activated, has " + s.errors() + " errors (max " + p.maxSubnetEpochErrors()
                            + ") and enough submittable nodes");
        }
        state.deleteSubnet(id);
    }

    /** Why anyone may remove the subnet now, or {@code null}. */
    String removableBecause(Subnet s) {
        if (!s.activated()) {
            return "deactivated";
        }
        if (s.errors() > p.maxSubnetEpochErrors()) {
            return "too many epoch errors";
        }
        if (block >= s.submitFrom() && state.submittableCount(s.id(), block) < p.minNodes()) {
            return "fewer than MinNodes submittable nodes";
        }
        return null;
    }

    private void registerNode(long subnetId, String peerId, String multiaddr, BigInteger stake) {
        byte[] account = ctx.ensureSigned();
        subnet(subnetId);
        if (state.penalties(account) > p.maxAccountPenalties()) {
            throw of(
                    TOO_MANY_PENALTIES,
                    "the account has " + state.penalties(account) + " penalties (max " + p.maxAccountPenalties() + ")");
        }
        if (state.node(subnetId, account).isPresent()) {
            throw of(ALREADY_REGISTERED, "the account already has a node in subnet " + subnetId);
        }
        if (state.nodes(subnetId).size() >= p.maxNodes()) {
            throw of(SUBNET_FULL, "subnet " + subnetId + " already has MaxNodes = " + p.maxNodes() + " nodes");
        }
        byte[] raw = peerId(peerId);
        if (state.peerTaken(subnetId, raw)) {
            throw of(PEER_ID_TAKEN, "peer id " + peerId + " is already registered in subnet " + subnetId);
        }
        multiaddr(multiaddr, peerId);
        checkStakeRange(stake);
        Optional<Long> left = state.leftAt(subnetId, account);
        if (left.isPresent()) {
            long from = Epochs.eligibleBlock(left.get(), p.unbondingEpochs(), p.epochLength());
            if (block < from) {
                throw of(
                        REREGISTRATION_TOO_EARLY,
                        "the account left subnet " + subnetId + " at block " + left.get()
                                + " and may register again from block " + from);
            }
        }
        requireFree(account, stake, "the stake");
        ctx.balances().reserve(account, stake);
        state.putNode(subnetId, account, peerId, multiaddr, stake, block);
    }

    private void addStake(long subnetId, BigInteger amount) {
        byte[] account = ctx.ensureSigned();
        SubnetNode n = node(subnetId, account);
        positive(amount);
        long r = Epochs.offset(block, p.epochLength());
        if (r == 0 || r == 1) {
            throw of(
                    STAKE_LOCKED_AT_BOUNDARY,
                    "stake cannot be added in the first two blocks of an epoch (consensus and payout)");
        }
        BigInteger total = n.stake().add(amount);
        if (total.compareTo(p.maxStake()) > 0) {
            throw of(
                    STAKE_ABOVE_MAXIMUM,
                    "stake would be " + Amounts.format(total) + ", above MaxStake " + Amounts.format(p.maxStake()));
        }
        requireFree(account, amount, "the stake");
        ctx.balances().reserve(account, amount);
        state.setStake(subnetId, account, total);
    }

    private void removeStake(long subnetId, BigInteger amount) {
        byte[] account = ctx.ensureSigned();
        SubnetNode n = node(subnetId, account);
        positive(amount);
        BigInteger rest = n.stake().subtract(amount);
        if (rest.compareTo(p.minStake()) < 0) {
            throw of(
                    STAKE_BELOW_MINIMUM,
                    "a node must keep MinStake " + Amounts.format(p.minStake()) + "; it has "
                            + Amounts.format(n.stake()) + " (deregister to leave)");
        }
        state.setStake(subnetId, account, rest);
        state.startUnbonding(account, subnetId, amount);
    }

    private void updateNode(long subnetId, String peerId, String multiaddr) {
        byte[] account = ctx.ensureSigned();
        SubnetNode n = node(subnetId, account);
        if (peerId == null && multiaddr == null) {
            throw of(NOTHING_TO_UPDATE, "give a new peer id, a new multiaddr or both");
        }
        exitWindow(n);
        String newPeer = peerId == null ? n.peerId() : peerId;
        String newAddr = multiaddr == null ? n.multiaddr() : multiaddr;
        if (peerId != null && !peerId.equals(n.peerId()) && state.peerTaken(subnetId, peerId(peerId))) {
            throw of(PEER_ID_TAKEN, "peer id " + peerId + " is already registered in subnet " + subnetId);
        }
        peerId(newPeer);
        multiaddr(newAddr, newPeer);
        state.updateNode(subnetId, account, newPeer, newAddr);
    }

    private void deregister(long subnetId) {
        byte[] account = ctx.ensureSigned();
        SubnetNode n = node(subnetId, account);
        exitWindow(n);
        state.removeNode(subnetId, account, false);
    }

    // ---- checks

    private void exitWindow(SubnetNode n) {
        if (n.classAt(block).atLeast(NodeClass.INCLUDED)
                && !Epochs.inExitWindow(block, p.epochLength(), p.exitWindowBp())) {
            long end = Epochs.exitWindowEnd(p.epochLength(), p.exitWindowBp());
            throw of(
                    OUTSIDE_EXIT_WINDOW,
                    "an included node may update or leave only in the exit window (r = 2.." + end
                            + " of each epoch; now r = " + Epochs.offset(block, p.epochLength()) + ")");
        }
    }

    private Subnet subnet(long id) {
        return state.subnet(id).orElseThrow(() -> of(NO_SUCH_SUBNET, "no subnet " + id));
    }

    private SubnetNode node(long subnetId, byte[] account) {
        subnet(subnetId);
        return state.node(subnetId, account)
                .orElseThrow(() -> of(NOT_REGISTERED, "the account has no node in subnet " + subnetId));
    }

    private void checkName(String name) {
        if (!SUBNET_NAME.matcher(name).matches()) {
            throw of(
                    INVALID_SUBNET_NAME,
                    "subnet name '" + name + "' must be 1..64 of a-z 0-9 . _ - (starting alphanumeric)");
        }
    }

    private void checkStakeRange(BigInteger stake) {
        if (stake.compareTo(p.minStake()) < 0) {
            throw of(
                    STAKE_BELOW_MINIMUM,
                    "stake " + Amounts.format(stake) + " is below MinStake " + Amounts.format(p.minStake()));
        }
        if (stake.compareTo(p.maxStake()) > 0) {
            throw of(
                    STAKE_ABOVE_MAXIMUM,
                    "stake " + Amounts.format(stake) + " is above MaxStake " + Amounts.format(p.maxStake()));
        }
    }

    private static void positive(BigInteger amount) {
        if (amount.signum() == 0) {
            throw of(ZERO_AMOUNT, "the amount must be positive");
        }
    }

    private void requireFree(byte[] account, BigInteger amount, String what) {
        BigInteger free = ctx.balances().free(account);
        if (free.compareTo(amount) < 0) {
            throw of(
                    INSUFFICIENT_BALANCE,
                    "free balance " + Amounts.format(free) + " cannot pay " + what + " of " + Amounts.format(amount));
        }
    }

    private static byte[] peerId(String peerId) {
        try {
            return PeerIds.parseEd25519(peerId);
        } catch (IllegalArgumentException e) {
            throw of(INVALID_PEER_ID, e.getMessage());
        }
    }

    private static void multiaddr(String addr, String peerId) {
        try {
            Multiaddrs.check(addr, peerId);
        } catch (IllegalArgumentException e) {
            throw of(INVALID_MULTIADDR, e.getMessage());
        }
    }
}
