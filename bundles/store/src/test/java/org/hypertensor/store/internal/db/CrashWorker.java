package org.hypertensor.store.internal.db;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateOverlay;

/**
 * Run in a separate JVM by {@link CrashRecoveryTest}: opens the store, then commits deterministic blocks in a loop
 * until killed, printing "committed N" after each commit returned (and, given blocks.keep, finalizing each block, so
 * kills also land in the middle of body pruning).
 */
public final class CrashWorker {
    static final int CHANGES_PER_BLOCK = 3_000;
    static final int TXS_PER_BLOCK = 500;

    private CrashWorker() {}

    /** The state changes of block {@code number}: a function of the number only. */
    static void apply(long number, StateOverlay overlay) {
        Random r = new Random(number);
        for (int i = 0; i < CHANGES_PER_BLOCK; i++) {
            byte[] key = ("acct/" + r.nextInt(20_000)).getBytes(StandardCharsets.UTF_8);
            if (r.nextInt(10) == 0) {
                overlay.delete(key);
            } else {
                byte[] value = new byte[16 + r.nextInt(48)];
                r.nextBytes(value);
                overlay.put(key, value);
            }
        }
    }

    static BlockRecord block(long number) {
        Random r = new Random(~number);
        List<byte[]> txs = new ArrayList<>();
        for (int i = 0; i < TXS_PER_BLOCK; i++) {
            byte[] tx = new byte[32];
            r.nextBytes(tx);
            txs.add(tx);
        }
        byte[] body = new byte[200_000];
        r.nextBytes(body);
        return new BlockRecord(
                number,
                ChainStoreTest.hash(number, 1),
                number == 0 ? new byte[32] : ChainStoreTest.hash(number - 1, 1),
                ("header " + number).getBytes(StandardCharsets.UTF_8),
                body,
                txs,
                ("receipts " + number).getBytes(StandardCharsets.UTF_8));
    }

    static StoreOptions options(boolean archive) {
        return new StoreOptions(4096, 8, 1, archive ? StoreOptions.ARCHIVE : 16, archive ? 4 : 64);
    }

    /**
     * Arguments: the store directory, "archive" or "pruned", and optionally blocks.keep (then every block is finalized
     * once committed).
     */
    public static void main(String[] args) throws Exception {
        // Bucket hashes stored after every block and a tiny cache, so kills also land in the middle of background
        // writes and reads go to Derby; archive mode writes history rows in each commit.
        long keep = args.length > 2 ? Long.parseLong(args[2]) : StoreOptions.KEEP_ALL;
        StoreOptions options =
                options(args.length > 1 && "archive".equals(args[1])).withBlocksKeep(keep);
        try (ChainStore store = DerbyChainStore.open(Path.of(args[0]), options)) {
            long next = store.head().map(b -> b.number() + 1).orElse(0L);
            System.out.println("opened " + (next - 1));
            System.out.flush();
            while (true) {
                StateOverlay overlay = store.overlay();
                apply(next, overlay);
                store.commit(overlay, block(next));
                if (keep != StoreOptions.KEEP_ALL) {
                    store.finalize(next); // its bodies more than keep blocks below are pruned in the background
                }
                System.out.println("committed " + next);
                System.out.flush();
                next++;
            }
        }
    }
}
