package org.hypertensor.staking.internal.state;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.staking.api.Compounded;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.NodeClass;
import org.hypertensor.staking.api.ProofOfStake;
import org.hypertensor.staking.api.Removal;
import org.hypertensor.staking.api.StakeInfo;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.StateKey;
import org.hypertensor.staking.api.Subnet;
import org.hypertensor.staking.api.SubnetNode;
import org.hypertensor.staking.api.Unbonding;

/**
 * The staking state in the module's key space, and the operations on it. Layout (numbers big-endian):
 * <pre>
 * act/NAME                      activated subnet name (empty value)
 * sname/NAME                    → subnet id u32
 * sn/ID                         → subnet record
 * next                          → next subnet id u32
 * nd/SUBNET ACCOUNT             → node record
 * pr/SUBNET PEER                → account (38-byte raw peer id)
 * left/SUBNET ACCOUNT           → block the account left the subnet (u64)
 * pen/ACCOUNT                   → penalties u32
 * unb/ACCOUNT SUBNET RELEASE    → unbonding amount u128
 * unq/RELEASE ACCOUNT SUBNET    → (empty) release queue index
 * </pre>
 */
public final class StakingState implements StakingRuntime {

    private static final byte[] NEXT_ID = "next".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final BigInteger BP = BigInteger.valueOf(10_000);

    private final RuntimeContext ctx;
    private final ModuleStorage store;
    private Params params;

    public StakingState(RuntimeContext ctx) {
        this.ctx = ctx;
        this.store = ctx.storage();
    }

    public Params params() {
        if (params == null) {
            params = Params.of(ctx);
        }
        return params;
    }

    public RuntimeContext context() {
        return ctx;
    }

    // ---- subnet names and records

    public boolean isActivated(String name) {
        return store.get(StateKey.of("act").text(name).build()) != null;
    }

    public void setActivated(String name, boolean activated) {
        byte[] key = StateKey.of("act").text(name).build();
        if (activated) {
            store.put(key, new byte[0]);
        } else {
            store.delete(key);
        }
    }

    public Optional<Long> subnetIdByName(String name) {
        byte[] v = store.get(StateKey.of("sname").text(name).build());
        return v == null ? Optional.empty() : Optional.of(new Decoder(v).u32());
    }

    public long createSubnet(String name, String model, byte[] owner, long block) {
        byte[] next = store.get(NEXT_ID);
        long id = next == null ? 1 : new Decoder(next).u32();
        store.put(NEXT_ID, new Encoder(4).u32(id + 1).toByteArray());
        store.put(StateKey.of("sn").u32(id).build(), new SubnetRecord(id, name, model, block, owner, 0).encode());
        store.put(
                StateKey.of("sname").text(name).build(), new Encoder(4).u32(id).toByteArray());
        return id;
    }

    Optional<SubnetRecord> subnetRecord(long id) {
        byte[] v = store.get(StateKey.of("sn").u32(id).build());
        return v == null ? Optional.empty() : Optional.of(SubnetRecord.decode(v));
    }

    private Subnet view(SubnetRecord r) {
        Params p = params();
        return new Subnet(
                r.id(),
                r.name(),
                r.model(),
                r.registeredAt(),
                r.owner(),
                r.errors(),
                isActivated(r.name()),
                Epochs.eligibleBlock(r.registeredAt(), p.subnetSubmitEpochs(), p.epochLength()));
    }

    @Override
    public List<Subnet> subnets() {
        List<Subnet> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(StateKey.of("sn").build())) {
            out.add(view(SubnetRecord.decode(e.getValue())));
        }
        return out;
    }

    @Override
    public Optional<Subnet> subnet(long id) {
        return subnetRecord(id).map(this::view);
    }

    /** Deletes the subnet; its nodes' stake moves into unbonding. */
    public List<Removal> deleteSubnet(long id) {
        SubnetRecord r = subnetRecord(id).orElseThrow();
        List<Removal> out = new ArrayList<>();
        for (SubnetNode n : nodes(id)) {
            out.add(removeNode(id, n.account(), false));
        }
        store.delete(StateKey.of("sn").u32(id).build());
        store.delete(StateKey.of("sname").text(r.name()).build());
        for (Map.Entry<byte[], byte[]> e :
                store.scan(StateKey.of("left").u32(id).build())) {
            store.delete(e.getKey());
        }
        return out;
    }

    @Override
    public void addSubnetError(long subnet) {
        subnetRecord(subnet)
                .ifPresent(r -> store.put(
                        StateKey.of("sn").u32(subnet).build(),
                        r.withErrors(r.errors() + 1).encode()));
    }

    @Override
    public void forgiveSubnetError(long subnet) {
        subnetRecord(subnet)
                .filter(r -> r.errors() > 0)
                .ifPresent(r -> store.put(
                        StateKey.of("sn").u32(subnet).build(),
                        r.withErrors(r.errors() - 1).encode()));
    }

    // ---- nodes

    private byte[] nodeKey(long subnet, byte[] account) {
        return StateKey.of("nd").u32(subnet).bytes(account).build();
    }

    private SubnetNode view(long subnet, byte[] account, NodeRecord r) {
        Params p = params();
        return new SubnetNode(
                subnet,
                account,
                r.peerId(),
                r.multiaddr(),
                r.stake(),
                r.registeredAt(),
                Epochs.eligibleBlock(r.registeredAt(), p.nodeInclusionEpochs(), p.epochLength()),
                Epochs.eligibleBlock(r.registeredAt(), p.nodeSubmitEpochs(), p.epochLength()));
    }

    @Override
    public List<SubnetNode> nodes(long subnet) {
        byte[] prefix = StateKey.of("nd").u32(subnet).build();
        List<SubnetNode> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
            byte[] account = Arrays.copyOfRange(e.getKey(), prefix.length, prefix.length + 32);
            out.add(view(subnet, account, NodeRecord.decode(e.getValue())));
        }
        return out;
    }

    @Override
    public Optional<SubnetNode> node(long subnet, byte[] account) {
        byte[] v = store.get(nodeKey(subnet, account));
        return v == null ? Optional.empty() : Optional.of(view(subnet, account.clone(), NodeRecord.decode(v)));
    }

    @Override
    public Optional<SubnetNode> nodeByPeer(long subnet, String peerId) {
        byte[] raw;
        try {
            raw = PeerIds.parseEd25519(peerId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] account = store.get(StateKey.of("pr").u32(subnet).bytes(raw).build());
        return account == null ? Optional.empty() : node(subnet, account);
    }

    public boolean peerTaken(long subnet, byte[] rawPeer) {
        return store.get(StateKey.of("pr").u32(subnet).bytes(rawPeer).build()) != null;
    }

    /** Writes a new node; the stake must already be reserved. */
    public void putNode(long subnet, byte[] account, String peerId, String multiaddr, BigInteger stake, long block) {
        store.put(nodeKey(subnet, account), new NodeRecord(peerId, multiaddr, stake, block).encode());
        store.put(
                StateKey.of("pr")
                        .u32(subnet)
                        .bytes(PeerIds.parseEd25519(peerId))
                        .build(),
                account.clone());
    }

    public void updateNode(long subnet, byte[] account, String peerId, String multiaddr) {
        NodeRecord r = NodeRecord.decode(store.get(nodeKey(subnet, account)));
        if (!r.peerId().equals(peerId)) {
            store.delete(StateKey.of("pr")
                    .u32(subnet)
                    .bytes(PeerIds.parseEd25519(r.peerId()))
                    .build());
            store.put(
                    StateKey.of("pr")
                            .u32(subnet)
                            .bytes(PeerIds.parseEd25519(peerId))
                            .build(),
                    account.clone());
        }
        store.put(nodeKey(subnet, account), new NodeRecord(peerId, multiaddr, r.stake(), r.registeredAt()).encode());
    }

    public void setStake(long subnet, byte[] account, BigInteger stake) {
        NodeRecord r = NodeRecord.decode(store.get(nodeKey(subnet, account)));
        store.put(nodeKey(subnet, account), r.withStake(stake).encode());
    }

    public Optional<Long> leftAt(long subnet, byte[] account) {
        byte[] v = store.get(StateKey.of("left").u32(subnet).bytes(account).build());
        return v == null ? Optional.empty() : Optional.of(new Decoder(v).u64());
    }

    /** Submit-eligible nodes of the subnet at {@code block}. */
    public long submittableCount(long subnet, long block) {
        return nodes(subnet).stream()
                .filter(n -> n.classAt(block) == NodeClass.SUBMITTABLE)
                .count();
    }

    /** Inclusion-eligible nodes in every subnet at {@code block} (the registration fee's multiplier). */
    public long includedCountNetworkWide(long block) {
        long count = 0;
        for (Map.Entry<byte[], byte[]> e : store.scan(StateKey.of("nd").build())) {
            NodeRecord r = NodeRecord.decode(e.getValue());
            Params p = params();
            if (block >= Epochs.eligibleBlock(r.registeredAt(), p.nodeInclusionEpochs(), p.epochLength())) {
                count++;
            }
        }
        return count;
    }

    @Override
    public Removal removeNode(long subnet, byte[] account, boolean slash) {
        SubnetNode n = node(subnet, account).orElseThrow(() -> new IllegalStateException("no such node"));
        BigInteger slashed = BigInteger.ZERO;
        BigInteger bonded = n.stake();
        if (slash) {
            slashed = slash(account, subnet, bonded);
            bonded = bonded.subtract(slashed.min(bonded));
        }
        startUnbonding(account, subnet, bonded);
        store.delete(nodeKey(subnet, account));
        store.delete(StateKey.of("pr")
                .u32(subnet)
                .bytes(PeerIds.parseEd25519(n.peerId()))
                .build());
        store.put(
                StateKey.of("left").u32(subnet).bytes(account).build(),
                new Encoder(8).u64(ctx.blockNumber()).toByteArray());
        return new Removal(subnet, account.clone(), n.peerId(), slashed, bonded);
    }

    @Override
    public List<Removal> removeAccount(byte[] account) {
        List<Removal> out = new ArrayList<>();
        for (Subnet s : subnets()) {
            if (node(s.id(), account).isPresent()) {
                out.add(removeNode(s.id(), account, true));
            }
        }
        return out;
    }

    // ---- penalties

    @Override
    public long penalties(byte[] account) {
        byte[] v = store.get(StateKey.of("pen").bytes(account).build());
        return v == null ? 0 : new Decoder(v).u32();
    }

    private void setPenalties(byte[] account, long count) {
        byte[] key = StateKey.of("pen").bytes(account).build();
        if (count == 0) {
            store.delete(key);
        } else {
            store.put(key, new Encoder(4).u32(Math.min(count, 0xFFFF_FFFFL)).toByteArray());
        }
    }

    @Override
    public void addPenalties(byte[] account, long count) {
        if (count > 0) {
            setPenalties(account, penalties(account) + count);
        }
    }

    @Override
    public boolean forgivePenalty(byte[] account) {
        long p = penalties(account);
        if (p == 0) {
            return false;
        }
        setPenalties(account, p - 1);
        return true;
    }

    // ---- unbonding

    /** The boundary at which stake that starts unbonding now is freed: the first one after eligibleBlock(now, UnbondingEpochs). */
    public long releaseBlock(long block) {
        Params p = params();
        return Epochs.eligibleBlock(block, p.unbondingEpochs(), p.epochLength()) + p.epochLength();
    }

    /** Moves {@code amount} of bonded (still reserved) stake into unbonding. */
    public void startUnbonding(byte[] account, long subnet, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        long release = releaseBlock(ctx.blockNumber());
        byte[] key = StateKey.of("unb").bytes(account).u32(subnet).u64(release).build();
        byte[] old = store.get(key);
        BigInteger total = old == null ? amount : new Decoder(old).u128().add(amount);
        store.put(key, new Encoder(16).u128(total).toByteArray());
        store.put(StateKey.of("unq").u64(release).bytes(account).u32(subnet).build(), new byte[0]);
    }

    public List<Unbonding> unbonding(byte[] account) {
        byte[] prefix = StateKey.of("unb").bytes(account).build();
        List<Unbonding> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
            byte[] k = e.getKey();
            out.add(new Unbonding(
                    account.clone(),
                    StateKey.readU32(k, prefix.length),
                    new Decoder(e.getValue()).u128(),
                    StateKey.readU64(k, prefix.length + 4)));
        }
        return out;
    }

    @Override
    public List<Unbonding> unbondingQueue() {
        byte[] prefix = StateKey.of("unq").build();
        List<Unbonding> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
            byte[] k = e.getKey();
            long release = StateKey.readU64(k, prefix.length);
            byte[] account = Arrays.copyOfRange(k, prefix.length + 8, prefix.length + 40);
            long subnet = StateKey.readU32(k, prefix.length + 40);
            byte[] v = store.get(
                    StateKey.of("unb").bytes(account).u32(subnet).u64(release).build());
            out.add(new Unbonding(account, subnet, new Decoder(v).u128(), release));
        }
        return out;
    }

    /**
     * Frees every entry due at or before {@code block} (called at epoch boundaries): an entry whose release
     * block is no longer a boundary, after an EpochLength change, is freed at the next one.
     */
    public List<Unbonding> release(long block) {
        byte[] prefix = StateKey.of("unq").build();
        List<Unbonding> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
            byte[] k = e.getKey();
            long release = StateKey.readU64(k, prefix.length);
            if (Long.compareUnsigned(release, block) > 0) {
                break; // ascending by release block
            }
            byte[] account = Arrays.copyOfRange(k, prefix.length + 8, prefix.length + 40);
            long subnet = StateKey.readU32(k, prefix.length + 40);
            byte[] unbKey =
                    StateKey.of("unb").bytes(account).u32(subnet).u64(release).build();
            byte[] v = store.get(unbKey);
            store.delete(k);
            if (v != null) {
                BigInteger amount = new Decoder(v).u128();
                store.delete(unbKey);
                if (amount.signum() > 0) {
                    ctx.balances().unreserve(account, amount);
                }
                out.add(new Unbonding(account, subnet, amount, release));
            }
        }
        return out;
    }

    /**
     * Slashes {@code floor((bonded + unbonding) × SlashBp / 10000)} of the node's stake in the subnet, floored
     * once of the total: from the bonded stake first, then from the unbonding entries oldest first (the
     * lowest release block). Returns the amount slashed; the caller takes {@code min(slashed, bonded)} off
     * the bonded stake.
     */
    private BigInteger slash(byte[] account, long subnet, BigInteger bonded) {
        byte[] prefix = StateKey.of("unb").bytes(account).u32(subnet).build();
        List<Map.Entry<byte[], byte[]>> entries = store.scan(prefix);
        BigInteger total = bonded;
        for (Map.Entry<byte[], byte[]> e : entries) {
            total = total.add(new Decoder(e.getValue()).u128());
        }
        BigInteger cut = total.multiply(BigInteger.valueOf(params().slashBp())).divide(BP);
        BigInteger fromBonded = cut.min(bonded);
        if (fromBonded.signum() > 0) {
            ctx.balances().slashReserved(account, fromBonded);
        }
        BigInteger rest = cut.subtract(fromBonded);
        for (Map.Entry<byte[], byte[]> e : entries) {
            if (rest.signum() == 0) {
                break;
            }
            BigInteger amount = new Decoder(e.getValue()).u128();
            BigInteger take = rest.min(amount);
            ctx.balances().slashReserved(account, take);
            rest = rest.subtract(take);
            if (take.equals(amount)) {
                long release = StateKey.readU64(e.getKey(), prefix.length);
                store.delete(e.getKey());
                store.delete(StateKey.of("unq")
                        .u64(release)
                        .bytes(account)
                        .u32(subnet)
                        .build());
            } else {
                store.put(
                        e.getKey(), new Encoder(16).u128(amount.subtract(take)).toByteArray());
            }
        }
        return cut;
    }

    // ---- views for other modules and queries

    @Override
    public StakeInfo stake(byte[] account) {
        List<SubnetNode> nodes = new ArrayList<>();
        BigInteger bonded = BigInteger.ZERO;
        for (Subnet s : subnets()) {
            Optional<SubnetNode> n = node(s.id(), account);
            if (n.isPresent()) {
                nodes.add(n.get());
                bonded = bonded.add(n.get().stake());
            }
        }
        List<Unbonding> unb = unbonding(account);
        BigInteger unbTotal = unb.stream().map(Unbonding::amount).reduce(BigInteger.ZERO, BigInteger::add);
        return new StakeInfo(account.clone(), nodes, unb, penalties(account), bonded, unbTotal);
    }

    @Override
    public ProofOfStake proofOfStake(long subnet, String peerId) {
        long block = ctx.blockNumber();
        Optional<SubnetNode> n = nodeByPeer(subnet, peerId);
        if (n.isEmpty()) {
            return new ProofOfStake(subnet, peerId, false, null, null, null, block);
        }
        SubnetNode node = n.get();
        boolean staked = node.stake().compareTo(params().minStake()) >= 0;
        return new ProofOfStake(subnet, peerId, staked, node.account(), node.stake(), node.classAt(block), block);
    }

    @Override
    public Compounded compoundReward(long subnet, byte[] account, BigInteger amount) {
        if (amount.signum() == 0) {
            return new Compounded(BigInteger.ZERO, BigInteger.ZERO);
        }
        byte[] key = nodeKey(subnet, account);
        byte[] v = store.get(key);
        if (v == null) {
            ctx.balances().payFromVault(account, amount, false);
            return new Compounded(BigInteger.ZERO, amount);
        }
        NodeRecord r = NodeRecord.decode(v);
        BigInteger room = params().maxStake().subtract(r.stake()).max(BigInteger.ZERO);
        BigInteger toStake = amount.min(room);
        BigInteger toFree = amount.subtract(toStake);
        if (toStake.signum() > 0) {
            ctx.balances().payFromVault(account, toStake, true);
            store.put(key, r.withStake(r.stake().add(toStake)).encode());
        }
        if (toFree.signum() > 0) {
            ctx.balances().payFromVault(account, toFree, false);
        }
        return new Compounded(toStake, toFree);
    }
}
