package org.hypertensor.store.internal.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;
import org.junit.jupiter.api.Test;

/**
 * Random put/delete/checkpoint/revert/release sequences against a TreeMap model: reads, scans, changed-key counts
 * and roots (vs a from-scratch recomputation) agree, every proof verifies and tampered proofs do not.
 */
class MerkleStatePropertyTest {
    /** Keys from a small alphabet (with 0x00, 0x20 and 0xff, and prefixes of each other) so they collide often. */
    private static final byte[] ALPHABET = {0x00, 0x01, 0x20, 0x7f, (byte) 0x80, (byte) 0xff};

    private static byte[] randomKey(Random r) {
        byte[] key = new byte[r.nextInt(5)];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[r.nextInt(ALPHABET.length)];
        }
        return key;
    }

    private static byte[] randomValue(Random r) {
        byte[] value = new byte[r.nextInt(40)];
        r.nextBytes(value);
        return value;
    }

    private static ByteBuffer k(byte[] key) {
        return ByteBuffer.wrap(key.clone());
    }

    private static byte[] bytes(Object buffer) {
        ByteBuffer b = ((ByteBuffer) buffer).duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** ByteBuffer compares signed; the model must sort unsigned like the store. */
    private static TreeMap<ByteBuffer, byte[]> model() {
        return new TreeMap<>((a, b) -> java.util.Arrays.compareUnsigned(bytes(a), bytes(b)));
    }

    @Test
    void randomOperationsMatchModel() {
        for (long seed = 1; seed <= 30; seed++) {
            run(seed, 400);
        }
    }

    private void run(long seed, int steps) {
        Random r = new Random(seed);
        TreeMap<ByteBuffer, byte[]> base = model();
        // Start from a committed base state with some keys, so the overlay diffs against a non-empty trie.
        TrieOverlay setup = StateSnapshot.EMPTY.overlay();
        for (int i = r.nextInt(30); i > 0; i--) {
            byte[] key = randomKey(r);
            byte[] value = randomValue(r);
            setup.put(key, value);
            base.put(k(key), value);
        }
        StateSnapshot snapshot = setup.toSnapshot();
        byte[] baseRoot = snapshot.root();
        TrieOverlay overlay = snapshot.overlay();
        TreeMap<ByteBuffer, byte[]> model = model();
        model.putAll(base);
        Deque<TreeMap<ByteBuffer, byte[]>> saved = new ArrayDeque<>();
        for (int step = 0; step < steps; step++) {
            int op = r.nextInt(100);
            String where = "seed " + seed + " step " + step;
            if (op < 45) {
                byte[] key = randomKey(r);
                byte[] value = randomValue(r);
                overlay.put(key, value);
                model.put(k(key), value);
            } else if (op < 70) {
                byte[] key = randomKey(r);
                overlay.delete(key);
                model.remove(k(key));
            } else if (op < 80) {
                int id = overlay.checkpoint();
                assertEquals(saved.size(), id, where);
                TreeMap<ByteBuffer, byte[]> copy = model();
                copy.putAll(model);
                saved.push(copy);
            } else if (op < 88 && !saved.isEmpty()) {
                int id = r.nextInt(saved.size());
                overlay.revertTo(id);
                while (saved.size() > id + 1) {
                    saved.pop();
                }
                model = model();
                model.putAll(saved.peek());
            } else if (op < 94 && !saved.isEmpty()) {
                int id = r.nextInt(saved.size());
                overlay.release(id);
                while (saved.size() > id) {
                    saved.pop();
                }
            } else {
                check(overlay, model, base, r, where);
            }
        }
        check(overlay, model, base, r, "seed " + seed + " end");
        assertArrayEquals(baseRoot, snapshot.root(), "the base snapshot never changes");
        assertEquals(base.size(), snapshot.size());
        StateSnapshot next = overlay.toSnapshot();
        check(next, model, base, r, "seed " + seed + " snapshot");
        // The overlay stays usable after a snapshot was taken from it, and never changes that snapshot.
        byte[] frozen = next.root();
        int cp = overlay.checkpoint();
        for (int i = 0; i < 50; i++) {
            overlay.put(randomKey(r), randomValue(r));
            overlay.delete(randomKey(r));
        }
        assertArrayEquals(frozen, next.root());
        assertArrayEquals(
                NaiveMerkle.root(model, MerkleStatePropertyTest::bytes),
                MerkleTrie.INSTANCE.hash(next.merkle()),
                "snapshot nodes unchanged after later writes");
        overlay.revertTo(cp);
        assertArrayEquals(frozen, overlay.root());
    }

    private void check(
            StateReader state,
            TreeMap<ByteBuffer, byte[]> model,
            TreeMap<ByteBuffer, byte[]> base,
            Random r,
            String where) {
        byte[] root = state.root();
        assertArrayEquals(NaiveMerkle.root(model, MerkleStatePropertyTest::bytes), root, where + ": root");
        assertEquals(model.size(), state.size(), where + ": size");
        for (Map.Entry<ByteBuffer, byte[]> e : model.entrySet()) {
            assertArrayEquals(e.getValue(), state.get(bytes(e.getKey())), where + ": get");
        }
        if (state instanceof StateOverlay overlay) {
            int changed = 0;
            for (Map.Entry<ByteBuffer, byte[]> e : model.entrySet()) {
                if (!java.util.Arrays.equals(e.getValue(), base.get(e.getKey()))) {
                    changed++;
                }
            }
            for (ByteBuffer key : base.keySet()) {
                if (!model.containsKey(key)) {
                    changed++;
                }
            }
            assertEquals(changed, overlay.changedKeys(), where + ": changed keys");
        }
        // Scans: every prefix of length 0..2 over the alphabet plus random ones.
        for (int i = 0; i < 6; i++) {
            byte[] prefix = i == 0 ? new byte[0] : randomKey(r);
            List<Map.Entry<byte[], byte[]>> scanned = state.scan(prefix);
            List<String> expected = new ArrayList<>();
            for (Map.Entry<ByteBuffer, byte[]> e : model.entrySet()) {
                byte[] key = bytes(e.getKey());
                if (key.length >= prefix.length
                        && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                    expected.add(hex(key) + "=" + hex(e.getValue()));
                }
            }
            List<String> actual = new ArrayList<>();
            for (Map.Entry<byte[], byte[]> e : scanned) {
                actual.add(hex(e.getKey()) + "=" + hex(e.getValue()));
            }
            assertEquals(expected, actual, where + ": scan " + hex(prefix));
        }
        // Proofs for present and absent keys.
        for (int i = 0; i < 8; i++) {
            byte[] key = randomKey(r);
            StateProof proof = state.prove(key);
            byte[] value = model.get(k(key));
            assertArrayEquals(value, proof.value(), where + ": proof value");
            assertTrue(proof.verify(root), where + ": proof verifies");
            byte[] encoded = proof.encode();
            assertEquals(encoded.length, proof.size());
            StateProof decoded = StateProof.decode(encoded);
            assertEquals(proof, decoded);
            assertTrue(decoded.verify(root));
            byte[] otherRoot = root.clone();
            otherRoot[r.nextInt(32)] ^= 1;
            assertFalse(proof.verify(otherRoot), where + ": proof against another root");
            byte[] tampered = encoded.clone();
            int at = r.nextInt(tampered.length);
            tampered[at] ^= (byte) (1 << r.nextInt(8));
            // Soundness: a tampered proof either fails, or (rarely: another absent key on the same path in a
            // small trie) proves a true statement about the model.
            StateProof forged = verifying(tampered, root);
            if (forged != null) {
                assertArrayEquals(model.get(k(forged.key())), forged.value(), where + ": tampered byte " + at);
            }
        }
    }

    private static StateProof verifying(byte[] encoded, byte[] root) {
        try {
            StateProof proof = StateProof.decode(encoded);
            return proof.verify(root) ? proof : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void emptyStateRootAndProof() {
        TrieOverlay overlay = StateSnapshot.EMPTY.overlay();
        assertArrayEquals(new byte[32], overlay.root());
        assertArrayEquals(StateProof.emptyRoot(), StateSnapshot.EMPTY.root());
        StateProof proof = overlay.prove(new byte[] {1});
        assertNull(proof.value());
        assertTrue(proof.verify(new byte[32]));
        overlay.put(new byte[] {1}, new byte[] {2});
        assertFalse(proof.verify(overlay.root()));
        overlay.delete(new byte[] {1});
        assertArrayEquals(new byte[32], overlay.root());
        assertEquals(0, overlay.changedKeys());
    }

    @Test
    void rejectsBadKeysAndValues() {
        TrieOverlay overlay = StateSnapshot.EMPTY.overlay();
        assertThrows(IllegalArgumentException.class, () -> overlay.put(new byte[257], new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> overlay.put(new byte[1], null));
        assertThrows(IllegalArgumentException.class, () -> overlay.put(new byte[1], new byte[(1 << 20) + 1]));
        assertThrows(IllegalArgumentException.class, () -> overlay.put(null, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> overlay.get(new byte[257]));
        assertThrows(IllegalArgumentException.class, () -> overlay.revertTo(0));
        overlay.put(new byte[256], new byte[1 << 20]);
        assertEquals(1, overlay.changedKeys());
        byte[] value = overlay.get(new byte[256]);
        value[0] = 9;
        assertEquals(0, overlay.get(new byte[256])[0], "get returns a copy");
    }

    @Test
    void decodeOfRandomBytesIsStrict() {
        Random r = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[r.nextInt(120)];
            r.nextBytes(bytes);
            if (bytes.length > 0 && r.nextBoolean()) {
                bytes[0] = (byte) r.nextInt(3); // a valid kind, so decoding gets further
            }
            try {
                StateProof proof = StateProof.decode(bytes);
                assertArrayEquals(bytes, proof.encode(), "a decoded proof re-encodes to the same bytes");
                accepted++;
            } catch (IllegalArgumentException expected) {
                assertTrue(
                        expected.getMessage() != null && !expected.getMessage().isBlank());
            }
        }
        assertTrue(accepted < 100, "random bytes are almost never a well-formed proof: " + accepted);
        assertThrows(IllegalArgumentException.class, () -> StateProof.decode(new byte[0]));
        // Empty-state exclusion proof of key 0x01: kind 2, key length 1, key, no steps.
        StateProof p = StateProof.decode(new byte[] {2, 0, 1, 1, 0, 0});
        assertTrue(p.verify(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> StateProof.decode(new byte[] {2, 0, 1, 1, 0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> StateProof.decode(new byte[] {3, 0, 1, 1, 0, 0}));
    }

    @Test
    void proofSizeGrowsLogarithmically() {
        TrieOverlay overlay = StateSnapshot.EMPTY.overlay();
        Random r = new Random(3);
        for (int i = 0; i < 4096; i++) {
            byte[] key = new byte[32];
            r.nextBytes(key);
            overlay.put(key, new byte[8]);
        }
        byte[] key = new byte[32];
        r.nextBytes(key);
        overlay.put(key, new byte[8]);
        StateProof proof = overlay.prove(key);
        assertTrue(proof.verify(overlay.root()));
        assertTrue(proof.depth() >= 8 && proof.depth() <= 30, "depth " + proof.depth() + " for 4097 keys");
    }
}
