package org.hypertensor.scoring.internal.module;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.api.Submission;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.StateKey;
import org.hypertensor.staking.api.SubnetNode;

/**
 * The consensus module's state. Layout (numbers big-endian):
 * <pre>
 * sub/SUBNET EPOCH ACCOUNT   → submission (submitted bool, unconfirmed bool, [(node account, score u32; 0 = omitted)])
 * res/SUBNET EPOCH           → epoch result
 * cnt/SUBNET                 → (consecutive unconfirmed u32, consecutive good u32)
 * stk/SUBNET                → [(account, consecutive good epochs u32)] of its nodes
 * </pre>
 */
final class ScoringState implements ScoringRuntime {

    /** A stored submission. */
    record Stored(boolean submitted, boolean unconfirmed, List<byte[]> nodes, long[] scores) {

        static final Stored EMPTY = new Stored(false, false, List.of(), new long[0]);

        byte[] encode() {
            Encoder e = new Encoder(8 + nodes.size() * 36)
                    .bool(submitted)
                    .bool(unconfirmed)
                    .u32(nodes.size());
            for (int i = 0; i < nodes.size(); i++) {
                e.fixed(nodes.get(i)).u32(scores[i]);
            }
            return e.toByteArray();
        }

        static Stored decode(byte[] bytes) {
            Decoder d = new Decoder(bytes);
            boolean submitted = d.bool();
            boolean unconfirmed = d.bool();
            long count = d.u32();
            if (count > 65_536) {
                throw new org.hypertensor.ledger.api.codec.DecodeException("submission of " + count + " entries");
            }
            List<byte[]> nodes = new ArrayList<>((int) count);
            long[] scores = new long[(int) count];
            for (int i = 0; i < count; i++) {
                nodes.add(d.fixed(32));
                scores[i] = d.u32();
            }
            d.finish();
            return new Stored(submitted, unconfirmed, nodes, scores);
        }
    }

    /** A stored submission with its submitter. */
    record Entry(byte[] account, Stored stored) {}

    private final RuntimeContext ctx;
    private final ModuleStorage store;

    ScoringState(RuntimeContext ctx) {
        this.ctx = ctx;
        this.store = ctx.storage();
    }

    private static byte[] subKey(long subnet, long epoch, byte[] account) {
        return StateKey.of("sub").u32(subnet).u64(epoch).bytes(account).build();
    }

    Stored submission(long subnet, long epoch, byte[] account) {
        byte[] v = store.get(subKey(subnet, epoch, account));
        return v == null ? Stored.EMPTY : Stored.decode(v);
    }

    void putSubmission(long subnet, long epoch, byte[] account, Stored s) {
        store.put(subKey(subnet, epoch, account), s.encode());
    }

    List<Entry> entries(long subnet, long epoch) {
        byte[] prefix = StateKey.of("sub").u32(subnet).u64(epoch).build();
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
            out.add(new Entry(
                    Arrays.copyOfRange(e.getKey(), prefix.length, prefix.length + 32), Stored.decode(e.getValue())));
        }
        return out;
    }

    void deleteSubmission(long subnet, long epoch, byte[] account) {
        store.delete(subKey(subnet, epoch, account));
    }

    /** Deletes every stored submission left (at a consensus block all of them belong to closed epochs). */
    void clearSubmissions() {
        for (Map.Entry<byte[], byte[]> e : store.scan(StateKey.of("sub").build())) {
            store.delete(e.getKey());
        }
    }

    /** Drops the counters and streaks of subnets that are gone (subnet ids are never reused). */
    void forgetRemovedSubnets(List<Long> live) {
        for (String tag : List.of("cnt", "stk")) {
            byte[] prefix = StateKey.of(tag).build();
            for (Map.Entry<byte[], byte[]> e : store.scan(prefix)) {
                if (!live.contains(StateKey.readU32(e.getKey(), prefix.length))) {
                    store.delete(e.getKey());
                }
            }
        }
    }

    void putResult(EpochResult r) {
        store.put(StateKey.of("res").u32(r.subnet()).u64(r.epoch()).build(), ResultCodec.encode(r));
        if (r.epoch() >= HISTORY_EPOCHS) {
            store.delete(StateKey.of("res")
                    .u32(r.subnet())
                    .u64(r.epoch() - HISTORY_EPOCHS)
                    .build());
        }
    }

    @Override
    public Optional<EpochResult> result(long subnet, long epoch) {
        byte[] v = store.get(StateKey.of("res").u32(subnet).u64(epoch).build());
        return v == null ? Optional.empty() : Optional.of(ResultCodec.decode(v));
    }

    @Override
    public List<Submission> submissions(long subnet, long epoch) {
        StakingRuntime staking = ctx.runtime(StakingRuntime.class);
        List<Submission> out = new ArrayList<>();
        for (Entry e : entries(subnet, epoch)) {
            List<ScoreEntry> scores = new ArrayList<>();
            for (int i = 0; i < e.stored().nodes().size(); i++) {
                scores.add(new ScoreEntry(
                        peerOf(staking, subnet, e.stored().nodes().get(i)),
                        e.stored().scores()[i]));
            }
            out.add(new Submission(
                    e.account(),
                    peerOf(staking, subnet, e.account()),
                    e.stored().submitted(),
                    e.stored().unconfirmed(),
                    scores));
        }
        return out;
    }

    private static String peerOf(StakingRuntime staking, long subnet, byte[] account) {
        return staking.node(subnet, account)
                .map(SubnetNode::peerId)
                .orElse("(gone) 0x" + HexFormat.of().formatHex(account));
    }

    long[] counters(long subnet) {
        byte[] v = store.get(StateKey.of("cnt").u32(subnet).build());
        if (v == null) {
            return new long[] {0, 0};
        }
        Decoder d = new Decoder(v);
        return new long[] {d.u32(), d.u32()};
    }

    void putCounters(long subnet, long consecutiveUnconfirmed, long consecutiveGood) {
        store.put(
                StateKey.of("cnt").u32(subnet).build(),
                new Encoder(8)
                        .u32(consecutiveUnconfirmed)
                        .u32(Math.min(consecutiveGood, 0xFFFF_FFFFL))
                        .toByteArray());
    }

    /** Each node's consecutive good epochs (nodes with none are absent), one record per subnet. */
    TreeMap<byte[], Long> streaks(long subnet) {
        TreeMap<byte[], Long> out = new TreeMap<>(Arrays::compareUnsigned);
        byte[] v = store.get(StateKey.of("stk").u32(subnet).build());
        if (v != null) {
            Decoder d = new Decoder(v);
            long count = d.u32();
            for (long i = 0; i < count; i++) {
                out.put(d.fixed(32), d.u32());
            }
            d.finish();
        }
        return out;
    }

    void putStreaks(long subnet, TreeMap<byte[], Long> streaks) {
        byte[] key = StateKey.of("stk").u32(subnet).build();
        streaks.values().removeIf(v -> v == 0);
        if (streaks.isEmpty()) {
            store.delete(key);
            return;
        }
        Encoder e = new Encoder(4 + streaks.size() * 36).u32(streaks.size());
        streaks.forEach((account, streak) -> e.fixed(account).u32(Math.min(streak, 0xFFFF_FFFFL)));
        store.put(key, e.toByteArray());
    }
}
