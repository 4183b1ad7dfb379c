package org.hypertensor.store.internal.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/** The state root computed from scratch, straight from the definition in docs/state.md (no trie code reused). */
public final class NaiveMerkle {
    private NaiveMerkle() {}

    static byte[] h(byte[]... parts) {
        Blake2bDigest d = new Blake2bDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    public static byte[] root(Map<?, byte[]> state, java.util.function.Function<Object, byte[]> keyOf) {
        List<byte[][]> leaves = new ArrayList<>();
        for (Map.Entry<?, byte[]> e : state.entrySet()) {
            byte[] key = keyOf.apply(e.getKey());
            leaves.add(new byte[][] {h(key), h(e.getValue())});
        }
        leaves.sort((a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        return leaves.isEmpty() ? new byte[32] : node(leaves);
    }

    private static int bit(byte[] path, int i) {
        return (path[i / 8] >> (7 - i % 8)) & 1;
    }

    private static byte[] node(List<byte[][]> leaves) {
        if (leaves.size() == 1) {
            return h(new byte[] {0}, leaves.get(0)[0], leaves.get(0)[1]);
        }
        byte[] first = leaves.get(0)[0];
        byte[] last = leaves.get(leaves.size() - 1)[0];
        int crit = 0;
        while (bit(first, crit) == bit(last, crit)) {
            crit++;
        }
        int split = 0;
        while (bit(leaves.get(split)[0], crit) == 0) {
            split++;
        }
        return h(
                new byte[] {1, (byte) crit},
                node(leaves.subList(0, split)),
                node(leaves.subList(split, leaves.size())));
    }
}
