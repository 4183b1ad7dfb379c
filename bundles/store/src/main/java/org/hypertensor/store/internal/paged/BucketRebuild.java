package org.hypertensor.store.internal.paged;

import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Changed buckets rebuilt from their base content, with their new hashes. A block's worth of them (from
 * {@link #PARALLEL_FROM} on) is rebuilt on all cores: each bucket's content and hashes depend on that bucket alone
 * and land in its own slot, so the result is the same in any order.
 */
final class BucketRebuild {
    /** Changed buckets from which the rebuild uses more than one core: below, a hand-off costs more. */
    private static final int PARALLEL_FROM = 512;

    /** A bucket's new content and hash. */
    record Rebuilt(Bucket content, byte[] hash) {}

    private BucketRebuild() {}

    /**
     * Each bucket {@code ids[i]} of {@code base} with {@code changes.get(i)} applied; null where those are empty (the
     * bucket is as in the base). A failure (a read failed, a row is corrupt) is rethrown as itself, not wrapped.
     */
    static Rebuilt[] all(
            PagedSnapshot base, BucketTree tree, int[] ids, List<SortedMap<byte[], Bucket.Change>> changes) {
        Rebuilt[] out = new Rebuilt[ids.length];
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        // Not from inside the tree's read lock (a proof's walk): a commit waiting for the write lock would hold up the
        // workers' bucket reads, which take the read lock anew, while it waits for this thread's.
        boolean fanOut = ids.length >= PARALLEL_FROM && !tree.readHeldByThisThread();
        IntStream all = IntStream.range(0, ids.length);
        (fanOut ? all.parallel() : all).forEach(i -> {
            try {
                if (!changes.get(i).isEmpty()) {
                    Bucket content = base.bucket(ids[i]).with(changes.get(i));
                    out[i] = new Rebuilt(content, content.hash());
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return out;
    }
}
