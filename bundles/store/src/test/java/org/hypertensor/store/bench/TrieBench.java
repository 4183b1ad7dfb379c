package org.hypertensor.store.bench;

import java.util.Random;
import org.hypertensor.store.internal.state.StateSnapshot;
import org.hypertensor.store.internal.state.TrieOverlay;

/** In-memory only (no Derby): state-root update cost per changed key at N keys. Arguments: keys, blocks. */
public final class TrieBench {
    private TrieBench() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int blocks = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Random r = new Random(1);
        byte[][] keys = new byte[n][];
        for (int i = 0; i < n; i++) {
            keys[i] = new byte[37];
            r.nextBytes(keys[i]);
        }
        TrieOverlay genesis = StateSnapshot.EMPTY.overlay();
        long t = System.nanoTime();
        for (byte[] key : keys) {
            genesis.put(key, new byte[48]);
        }
        long puts = System.nanoTime() - t;
        t = System.nanoTime();
        StateSnapshot state = genesis.toSnapshot();
        System.out.printf(
                "%,d puts %d ms, snapshot (full hash) %d ms%n",
                n, puts / 1_000_000, (System.nanoTime() - t) / 1_000_000);
        for (int b = 0; b < blocks; b++) {
            TrieOverlay o = state.overlay();
            byte[] v = new byte[48];
            t = System.nanoTime();
            for (int i = 0; i < 30_000; i++) {
                r.nextBytes(v);
                o.put(keys[r.nextInt(n)], v);
            }
            long p = System.nanoTime() - t;
            t = System.nanoTime();
            o.root();
            long h = System.nanoTime() - t;
            state = o.toSnapshot();
            System.out.printf(
                    "30,000 puts %d ms + root %d ms = %.2f us per changed key%n",
                    p / 1_000_000, h / 1_000_000, (p + h) / 1000.0 / 30_000);
        }
    }
}
