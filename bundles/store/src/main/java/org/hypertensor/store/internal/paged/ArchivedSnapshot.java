package org.hypertensor.store.internal.paged;

import java.sql.SQLException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Archive mode: the committed state after a block older than the undo journal, read from the database. A bucket is
 * the head's with the history rows of its keys changed after the block applied (the first row after the block holds
 * the value then); its tree is rebuilt from the head's bucket hashes and the undo records' before-hashes of the
 * blocks after it ({@link StateEngine#archivedTree}). Immutable and thread-safe; stays readable forever (history is
 * never deleted). The per-key argument that makes it safe against concurrent commits: the head's value of a key read
 * before its history rows is its value at this block unless a later block changed it, and then that block's history
 * row (committed with it) is found.
 */
final class ArchivedSnapshot extends CommittedState {
    private final BucketTree tree;

    ArchivedSnapshot(StateEngine engine, long number, byte[] root, long size, BucketTree tree) {
        super(engine, number, root, size);
        this.tree = tree;
    }

    @Override
    BucketTree tree() {
        return tree;
    }

    @Override
    NavigableMap<Integer, byte[]> overrides() {
        return Collections.emptyNavigableMap();
    }

    @Override
    Bucket bucket(int bucket) {
        int bits = engine.bits();
        byte[] expected = tree.read(view -> view.node(bits, bucket));
        if (BucketTree.empty(expected)) {
            return Bucket.EMPTY;
        }
        Bucket head = engine.headBucket(bucket);
        SortedMap<byte[], Bucket.Change> past;
        try {
            past = engine.table().historyAt(bucket, bits, number());
        } catch (SQLException e) {
            throw engine.failure("reading the history of block #" + number(), e);
        }
        Bucket then = head.with(past);
        if (!Arrays.equals(then.hash(), expected)) {
            throw new IllegalStateException("chain store " + engine.name() + ": history of bucket " + bucket
                    + " at block #" + number() + " does not match its state root (database corrupt)");
        }
        return then;
    }

    @Override
    List<Map.Entry<byte[], byte[]>> entries(byte[] prefix) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(Bits.UNSIGNED);
        try {
            engine.table().scan(prefix, out::put);
            engine.table().historyScan(prefix, number(), (k, v) -> {
                if (v == null) {
                    out.remove(k);
                } else {
                    out.put(k, v);
                }
            });
        } catch (SQLException e) {
            throw engine.failure("scanning the state of block #" + number(), e);
        }
        List<Map.Entry<byte[], byte[]>> list = new ArrayList<>(out.size());
        for (Map.Entry<byte[], byte[]> e : out.entrySet()) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
        return list;
    }
}
