package org.hypertensor.chain.network.internal.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * docs/state.md written out the slow, obvious way, sharing no code with the store or the verifier:
 * Bouncy Castle's BLAKE2b, the trie as recursive partitions of a set, proofs encoded byte by byte.
 */
final class NaiveTrie {

    record Entry(byte[] key, byte[] value, byte[] keyHash, byte[] valueHash) {}

    /** The entries sorted by key hash (unsigned). */
    final List<Entry> entries;

    NaiveTrie(List<StateChunk.Leaf> leaves) {
        List<Entry> list = new ArrayList<>();
        for (StateChunk.Leaf l : leaves) {
            list.add(new Entry(l.key(), l.value(), h(l.key()), h(l.value())));
        }
        list.sort(Comparator.comparing(Entry::keyHash, Arrays::compareUnsigned));
        entries = List.copyOf(list);
    }

    static byte[] h(byte[]... parts) {
        Blake2bDigest d = new Blake2bDigest(256);
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    static int bit(byte[] hash, int i) {
        return (hash[i / 8] >> (7 - i % 8)) & 1;
    }

    byte[] root() {
        return entries.isEmpty() ? new byte[32] : node(entries);
    }

    /** The first bit at which not all key hashes of the set agree. */
    private static int critBit(List<Entry> set) {
        for (int b = 0; b < 256; b++) {
            int first = bit(set.get(0).keyHash(), b);
            for (Entry e : set) {
                if (bit(e.keyHash(), b) != first) {
                    return b;
                }
            }
        }
        throw new IllegalStateException("duplicate key hashes");
    }

    private static List<Entry> side(List<Entry> set, int b, int value) {
        return set.stream().filter(e -> bit(e.keyHash(), b) == value).toList();
    }

    static byte[] node(List<Entry> set) {
        if (set.size() == 1) {
            return h(new byte[] {0}, set.get(0).keyHash(), set.get(0).valueHash());
        }
        int b = critBit(set);
        return h(new byte[] {1, (byte) b}, node(side(set, b, 0)), node(side(set, b, 1)));
    }

    /** The inclusion proof of {@code e}, encoded as docs/state.md says. */
    byte[] prove(Entry e) {
        List<int[]> bits = new ArrayList<>();
        List<byte[]> siblings = new ArrayList<>();
        List<Entry> set = entries;
        while (set.size() > 1) {
            int b = critBit(set);
            int go = bit(e.keyHash(), b);
            bits.add(new int[] {b});
            siblings.add(node(side(set, b, 1 - go)));
            set = side(set, b, go);
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(0);
            out.writeShort(e.key().length);
            out.write(e.key());
            out.writeInt(e.value().length);
            out.write(e.value());
            out.writeShort(bits.size());
            for (int i = 0; i < bits.size(); i++) {
                out.writeByte(bits.get(i)[0]);
                out.write(siblings.get(i));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The honest answer: up to {@code max} leaves from the first key hash ≥ {@code from}, with both end proofs. */
    StateChunk chunk(byte[] from, int max) {
        List<Entry> run = entries.stream()
                .filter(e -> Arrays.compareUnsigned(e.keyHash(), from) >= 0)
                .limit(max)
                .toList();
        if (run.isEmpty()) {
            return new StateChunk(List.of(), new byte[0], new byte[0]);
        }
        List<StateChunk.Leaf> leaves =
                run.stream().map(e -> new StateChunk.Leaf(e.key(), e.value())).toList();
        byte[] last = run.size() == 1 ? new byte[0] : prove(run.get(run.size() - 1));
        return new StateChunk(leaves, prove(run.get(0)), last);
    }
}
