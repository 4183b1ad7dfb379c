package org.hypertensor.chain.network.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StateOverlay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk verifier against an independent implementation of docs/state.md ({@link NaiveTrie}): honest
 * chunks walk the whole state and are accepted; any dropped, added, altered or reordered leaf, a wrong
 * bound, a forged sibling or a foreign proof is refused.
 */
class ChunkVerifierTest {

    private static final byte[] ZERO = new byte[32];

    @TempDir
    Path dir;

    static List<StateChunk.Leaf> randomState(Random rnd, int n) {
        List<StateChunk.Leaf> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] key = ("acct/" + i + "/" + rnd.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
            byte[] value = new byte[rnd.nextInt(40)];
            rnd.nextBytes(value);
            out.add(new StateChunk.Leaf(key, value));
        }
        return out;
    }

    /** Walks the state chunk by chunk, each asked from the previous chunk's last key hash (inclusive). */
    private static List<StateChunk.Leaf> walk(NaiveTrie trie, int max) throws BadChunkException {
        byte[] root = trie.root();
        List<StateChunk.Leaf> got = new ArrayList<>();
        byte[] from = ZERO;
        boolean firstChunk = true;
        while (true) {
            StateChunk c = trie.chunk(from, max);
            ChunkVerifier.Verified v = ChunkVerifier.verify(root, from, c);
            assertEquals(firstChunk, v.first(), "only the first chunk starts at the state's first leaf");
            List<StateChunk.Leaf> leaves = c.leaves();
            got.addAll(firstChunk ? leaves : leaves.subList(Math.min(1, leaves.size()), leaves.size()));
            if (v.last()) {
                return got;
            }
            assertTrue(leaves.size() >= 2, "an honest chunk moves on");
            from = v.lastKeyHash();
            firstChunk = false;
        }
    }

    @Test
    void honestChunksWalkTheWholeState() throws Exception {
        Random rnd = new Random(7);
        for (int n : new int[] {1, 2, 3, 5, 17, 200, 1000}) {
            List<StateChunk.Leaf> state = randomState(rnd, n);
            NaiveTrie trie = new NaiveTrie(state);
            for (int max : new int[] {2, 3, 7, 64, 5000}) {
                List<StateChunk.Leaf> got = walk(trie, max);
                assertEquals(n, got.size(), n + " keys, chunks of " + max);
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(trie.entries.get(i).key(), got.get(i).key());
                    assertArrayEquals(trie.entries.get(i).value(), got.get(i).value());
                }
            }
        }
    }

    @Test
    void theEmptyStateIsOneEmptyChunk() throws Exception {
        NaiveTrie empty = new NaiveTrie(List.of());
        ChunkVerifier.Verified v = ChunkVerifier.verify(empty.root(), ZERO, empty.chunk(ZERO, 10));
        assertTrue(v.first() && v.last());
        NaiveTrie one = new NaiveTrie(randomState(new Random(1), 1));
        assertThrows(
                BadChunkException.class,
                () -> ChunkVerifier.verify(one.root(), ZERO, new StateChunk(List.of(), new byte[0], new byte[0])));
    }

    @Test
    void theNaiveRootIsTheStoresRoot() throws Exception {
        List<StateChunk.Leaf> state = randomState(new Random(3), 500);
        ChainStoreFactory factory =
                (ChainStoreFactory) Class.forName("org.hypertensor.store.internal.DerbyChainStoreFactory")
                        .getDeclaredConstructor()
                        .newInstance();
        try (ChainStore store = factory.open(dir.resolve("store"))) {
            StateOverlay overlay = store.overlay();
            state.forEach(l -> overlay.put(l.key(), l.value()));
            assertArrayEquals(overlay.root(), new NaiveTrie(state).root());
        }
    }

    @Test
    void everyTamperedChunkIsRefused() throws Exception {
        Random rnd = new Random(11);
        NaiveTrie trie = new NaiveTrie(randomState(rnd, 1000));
        byte[] root = trie.root();
        byte[] from = trie.entries.get(300).keyHash();
        StateChunk honest = trie.chunk(from, 60);
        ChunkVerifier.verify(root, from, honest);
        List<StateChunk.Leaf> leaves = honest.leaves();
        int k = leaves.size();
        for (int i = 0; i < k; i++) {
            int at = i;
            refused(root, from, honest, "leaf " + i + " dropped", l -> without(l, at));
            refused(root, from, honest, "leaf " + i + " altered", l -> altered(l, at));
        }
        // A leaf that is not in the state, at its place in key-hash order.
        refused(
                root,
                from,
                honest,
                "a made-up leaf added",
                l -> sorted(with(l, new StateChunk.Leaf(bytes("x"), bytes("y")))));
        // Real state leaves from just outside the run.
        StateChunk.Leaf before = leaf(trie.entries.get(299));
        StateChunk.Leaf after = leaf(trie.entries.get(360));
        refused(root, from, honest, "the real leaf after the run appended", l -> with(l, after));
        refused(root, ZERO, honest, "the real leaf before the run prepended", l -> {
            List<StateChunk.Leaf> out = new ArrayList<>(List.of(before));
            out.addAll(l);
            return out;
        });
        refused(root, from, honest, "two leaves swapped", l -> {
            List<StateChunk.Leaf> out = new ArrayList<>(l);
            out.set(3, l.get(4));
            out.set(4, l.get(3));
            return out;
        });
        refused(root, from, honest, "a leaf repeated", l -> {
            List<StateChunk.Leaf> out = new ArrayList<>(l);
            out.add(5, l.get(5));
            return out;
        });
        // Wrong bounds: asked from above the run's first leaf.
        assertThrows(
                BadChunkException.class,
                () -> ChunkVerifier.verify(root, trie.entries.get(301).keyHash(), honest),
                "a chunk starting below the asked key hash");
        // Proofs: each byte of each sibling, other leaves' proofs, swapped, missing, garbage, another root.
        byte[] firstProof = honest.firstProof();
        byte[] lastProof = honest.lastProof();
        for (int pos = 0; pos < firstProof.length; pos += 7) {
            byte[] forged = firstProof.clone();
            forged[pos] ^= 0x10;
            assertRefused(
                    root, from, new StateChunk(leaves, forged, lastProof), "first proof byte " + pos + " flipped");
        }
        for (int pos = 0; pos < lastProof.length; pos += 7) {
            byte[] forged = lastProof.clone();
            forged[pos] ^= 0x01;
            assertRefused(
                    root, from, new StateChunk(leaves, firstProof, forged), "last proof byte " + pos + " flipped");
        }
        assertRefused(root, from, new StateChunk(leaves, lastProof, firstProof), "proofs swapped");
        assertRefused(
                root,
                from,
                new StateChunk(leaves, trie.prove(trie.entries.get(301)), lastProof),
                "proof of another leaf");
        assertRefused(root, from, new StateChunk(leaves, firstProof, new byte[0]), "last proof missing");
        assertRefused(root, from, new StateChunk(leaves, new byte[] {0, 1, 2}, lastProof), "garbage proof");
        assertRefused(trie.entries.get(0).keyHash(), from, honest, "another root");
    }

    @Test
    void aRunThatSkipsTheFirstLeafIsNotTheStart() throws Exception {
        NaiveTrie trie = new NaiveTrie(randomState(new Random(5), 300));
        // A valid run from the second leaf: it proves, but not as the state's first chunk.
        ChunkVerifier.Verified v = ChunkVerifier.verify(
                trie.root(), ZERO, trie.chunk(trie.entries.get(1).keyHash(), 50));
        assertFalse(v.first());
        assertFalse(v.last());
        ChunkVerifier.Verified end = ChunkVerifier.verify(
                trie.root(), ZERO, trie.chunk(trie.entries.get(250).keyHash(), 50));
        assertTrue(end.last());
        ChunkVerifier.Verified shortOfEnd = ChunkVerifier.verify(
                trie.root(), ZERO, trie.chunk(trie.entries.get(249).keyHash(), 50));
        assertFalse(shortOfEnd.last(), "a run ending at the last but one leaf is not the end");
    }

    /** Random mutations of chunks across the state: each either equals the honest chunk or is refused. */
    @Test
    void randomMutationsNeverProve() throws Exception {
        Random rnd = new Random(99);
        NaiveTrie trie = new NaiveTrie(randomState(rnd, 400));
        byte[] root = trie.root();
        TreeMap<Integer, StateChunk> honest = new TreeMap<>();
        for (int start = 0; start < 400; start += 37) {
            honest.put(start, trie.chunk(trie.entries.get(start).keyHash(), 2 + rnd.nextInt(60)));
        }
        int refused = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int start = honest.floorKey(rnd.nextInt(400));
            StateChunk c = honest.get(start);
            byte[] from = trie.entries.get(start).keyHash();
            List<StateChunk.Leaf> leaves = new ArrayList<>(c.leaves());
            byte[] p1 = c.firstProof();
            byte[] p2 = c.lastProof();
            int i = rnd.nextInt(leaves.size());
            switch (rnd.nextInt(5)) {
                case 0 -> leaves.remove(i);
                case 1 -> leaves = altered(leaves, i);
                case 2 -> leaves.add(i, leaf(trie.entries.get(rnd.nextInt(400))));
                case 3 -> p1[rnd.nextInt(p1.length)] ^= (byte) (1 << rnd.nextInt(8));
                default -> {
                    if (p2.length == 0) {
                        continue;
                    }
                    p2[rnd.nextInt(p2.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            StateChunk mutated = new StateChunk(leaves, p1, p2);
            if (same(mutated, c)) {
                continue;
            }
            assertRefused(root, from, mutated, "mutation " + trial);
            refused++;
        }
        assertTrue(refused > 2500, "most trials mutated something: " + refused);
    }

    private static boolean same(StateChunk a, StateChunk b) {
        if (a.leaves().size() != b.leaves().size()
                || !Arrays.equals(a.firstProof(), b.firstProof())
                || !Arrays.equals(a.lastProof(), b.lastProof())) {
            return false;
        }
        for (int i = 0; i < a.leaves().size(); i++) {
            if (!Arrays.equals(a.leaves().get(i).key(), b.leaves().get(i).key())
                    || !Arrays.equals(
                            a.leaves().get(i).value(), b.leaves().get(i).value())) {
                return false;
            }
        }
        return true;
    }

    private static void refused(
            byte[] root, byte[] from, StateChunk honest, String what, UnaryOperator<List<StateChunk.Leaf>> change) {
        assertRefused(
                root,
                from,
                new StateChunk(change.apply(honest.leaves()), honest.firstProof(), honest.lastProof()),
                what);
    }

    private static void assertRefused(byte[] root, byte[] from, StateChunk chunk, String what) {
        assertThrows(BadChunkException.class, () -> ChunkVerifier.verify(root, from, chunk), what);
    }

    private static List<StateChunk.Leaf> without(List<StateChunk.Leaf> l, int i) {
        List<StateChunk.Leaf> out = new ArrayList<>(l);
        out.remove(i);
        return out;
    }

    private static List<StateChunk.Leaf> with(List<StateChunk.Leaf> l, StateChunk.Leaf extra) {
        List<StateChunk.Leaf> out = new ArrayList<>(l);
        out.add(extra);
        return out;
    }

    private static List<StateChunk.Leaf> altered(List<StateChunk.Leaf> l, int i) {
        List<StateChunk.Leaf> out = new ArrayList<>(l);
        byte[] v = Arrays.copyOf(l.get(i).value(), l.get(i).value().length + 1);
        out.set(i, new StateChunk.Leaf(l.get(i).key(), v));
        return out;
    }

    private static List<StateChunk.Leaf> sorted(List<StateChunk.Leaf> l) {
        List<StateChunk.Leaf> out = new ArrayList<>(l);
        out.sort((a, b) -> Arrays.compareUnsigned(NaiveTrie.h(a.key()), NaiveTrie.h(b.key())));
        return out;
    }

    private static StateChunk.Leaf leaf(NaiveTrie.Entry e) {
        return new StateChunk.Leaf(e.key(), e.value());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
