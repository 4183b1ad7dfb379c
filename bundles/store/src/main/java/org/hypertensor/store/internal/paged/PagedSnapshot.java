package org.hypertensor.store.internal.paged;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;

/**
 * The committed state after one block (-1: before genesis), read from the head's buckets with the newer blocks'
 * changes undone. Immutable and thread-safe; readable while the journal keeps the blocks after it (docs/state.md),
 * and in archive mode afterwards too (then from the history, as {@link ArchivedSnapshot}).
 */
public final class PagedSnapshot extends CommittedState {
    PagedSnapshot(StateEngine engine, long number, byte[] root, long size) {
        super(engine, number, root, size);
    }

    @Override
    Bucket bucket(int bucket) {
        return engine.undo(engine.headBucket(bucket), bucket, number());
    }

    @Override
    NavigableMap<Integer, byte[]> overrides() {
        return engine.overridesAt(number());
    }

    @Override
    List<Map.Entry<byte[], byte[]>> entries(byte[] prefix) {
        return orArchived(() -> engine.scan(prefix, number()), r -> r.scan(prefix));
    }

    @Override
    public byte[] get(byte[] key) {
        return orArchived(() -> super.get(key), r -> r.get(key));
    }

    @Override
    public StateProof prove(byte[] key) {
        return orArchived(() -> super.prove(key), r -> r.prove(key));
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> leaves(byte[] fromKeyHash, int max) {
        return orArchived(() -> super.leaves(fromKeyHash, max), r -> r.leaves(fromKeyHash, max));
    }

    /** A read through the journal; in archive mode, once the journal moved past this state, from the history. */
    private <T> T orArchived(Supplier<T> journal, Function<StateReader, T> history) {
        try {
            return journal.get();
        } catch (StateEngine.NotKept e) {
            if (!engine.table().archive()) {
                throw e;
            }
            return history.apply(engine.archived(number(), root()).orElseThrow(() -> e));
        }
    }

    /** A new overlay on this state. */
    public PagedOverlay overlay() {
        return new PagedOverlay(this);
    }
}
