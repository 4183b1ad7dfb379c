package org.hypertensor.chain.network.internal.state;

import java.util.Arrays;
import java.util.List;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.store.api.StateProof;

/**
 * Checks that a {@link StateChunk} is exactly the state's leaves between its first and last leaf, against
 * a trusted state root. Pure code, no I/O.
 *
 * <p>Why it holds (crit-bit trie of docs/state.md): the inclusion proofs put the first leaf {@code f} and
 * the last {@code l} in the state and give their real paths. Every state leaf strictly between them lies
 * in a subtree hanging off {@code f}'s path to the right below the point where the two paths part, or off
 * {@code l}'s path to the left below it; the verifier rebuilds each such subtree from the chunk's leaves
 * in its key-hash range and requires its hash to equal the sibling hash in the proof. Hashes bind leaf
 * sets, so a dropped, added or altered leaf changes a subtree's hash; every leaf of the chunk must fall
 * in exactly one such subtree (or be {@code f} or {@code l}), so no leaf can be smuggled in elsewhere.
 */
public final class ChunkVerifier {

    private ChunkVerifier() {}

    /**
     * What a chunk proved: the key hashes of its first and last leaf, and whether they are the first and
     * last leaf of the whole state.
     */
    public record Verified(int leaves, byte[] firstKeyHash, byte[] lastKeyHash, boolean first, boolean last) {}

    /**
     * @param root the trusted state root
     * @param from the key hash the chunk was asked from: its first leaf's must not be below it
     * @throws BadChunkException when the chunk does not prove
     */
    public static Verified verify(byte[] root, byte[] from, StateChunk chunk) throws BadChunkException {
        List<StateChunk.Leaf> leaves = chunk.leaves();
        int k = leaves.size();
        if (k == 0) {
            if (!Arrays.equals(root, StateProof.emptyRoot())
                    || chunk.firstProof().length != 0
                    || chunk.lastProof().length != 0) {
                throw new BadChunkException("an empty chunk for a non-empty state");
            }
            return new Verified(0, from.clone(), from.clone(), true, true);
        }
        byte[][] keyHashes = new byte[k][];
        byte[][] valueHashes = new byte[k][];
        for (int i = 0; i < k; i++) {
            keyHashes[i] = Hashes.blake2b256(leaves.get(i).key());
            valueHashes[i] = Hashes.blake2b256(leaves.get(i).value());
            if (i > 0 && KeyHashes.compare(keyHashes[i - 1], keyHashes[i]) >= 0) {
                throw new BadChunkException("leaves not in strictly ascending key-hash order at " + i);
            }
        }
        if (KeyHashes.compare(keyHashes[0], from) < 0) {
            throw new BadChunkException("the chunk starts below the key hash it was asked from");
        }
        StateChunk.Leaf firstLeaf = leaves.get(0);
        StateChunk.Leaf lastLeaf = leaves.get(k - 1);
        ProofPath first = ProofPath.of(chunk.firstProof(), firstLeaf.key(), firstLeaf.value(), root);
        ProofPath last;
        if (k == 1) {
            if (chunk.lastProof().length != 0) {
                throw new BadChunkException("a one-leaf chunk with two proofs");
            }
            last = first;
        } else {
            last = ProofPath.of(chunk.lastProof(), lastLeaf.key(), lastLeaf.value(), root);
        }
        boolean[] covered = new boolean[k];
        covered[0] = true;
        covered[k - 1] = true;
        Subtrees subtrees = new Subtrees(keyHashes, valueHashes, covered);
        byte[] f = keyHashes[0];
        byte[] l = keyHashes[k - 1];
        // Right of the first leaf's path, left of the last's: wholly between the two, so wholly in the chunk.
        for (int i = 0; i < first.bits().length; i++) {
            int b = first.bits()[i];
            if (KeyHashes.bit(f, b) == 0 && KeyHashes.compare(KeyHashes.bound(f, b, 1, 1), l) < 0) {
                subtrees.require(KeyHashes.bound(f, b, 1, 0), KeyHashes.bound(f, b, 1, 1), first.siblings()[i]);
            }
        }
        for (int i = 0; i < last.bits().length; i++) {
            int b = last.bits()[i];
            if (KeyHashes.bit(l, b) == 1 && KeyHashes.compare(KeyHashes.bound(l, b, 0, 0), f) > 0) {
                subtrees.require(KeyHashes.bound(l, b, 0, 0), KeyHashes.bound(l, b, 0, 1), last.siblings()[i]);
            }
        }
        for (int i = 0; i < k; i++) {
            if (!covered[i]) {
                throw new BadChunkException("leaf " + i + " of the chunk is in no subtree between its bounds");
            }
        }
        return new Verified(k, f.clone(), l.clone(), first.allSteps(0), last.allSteps(1));
    }

    /** The chunk's leaves as sorted arrays: rebuilds the subtree of a key-hash range and marks its leaves. */
    private record Subtrees(byte[][] keyHashes, byte[][] valueHashes, boolean[] covered) {

        void require(byte[] low, byte[] high, byte[] expected) throws BadChunkException {
            int from = lowerBound(low);
            int to = lowerBound(high);
            if (to < keyHashes.length && KeyHashes.compare(keyHashes[to], high) == 0) {
                to++;
            }
            if (from >= to) {
                throw new BadChunkException("a subtree between the chunk's bounds has no leaves in it");
            }
            for (int i = from; i < to; i++) {
                if (covered[i]) {
                    throw new BadChunkException("leaf " + i + " falls in two subtrees");
                }
                covered[i] = true;
            }
            if (!Arrays.equals(node(from, to), expected)) {
                throw new BadChunkException("the leaves between the chunk's bounds do not hash to the proven subtree");
            }
        }

        /** Index of the first key hash ≥ {@code h}. */
        private int lowerBound(byte[] h) {
            int lo = 0;
            int hi = keyHashes.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (KeyHashes.compare(keyHashes[mid], h) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The crit-bit node of the sorted leaves {@code [from, to)}: split at the first bit the ends differ in. */
        private byte[] node(int from, int to) {
            if (to - from == 1) {
                return Hashes.blake2b256(new byte[] {0}, keyHashes[from], valueHashes[from]);
            }
            int bit = KeyHashes.firstDifference(keyHashes[from], keyHashes[to - 1]);
            int split = from + 1;
            while (KeyHashes.bit(keyHashes[split], bit) == 0) {
                split++;
            }
            return Hashes.blake2b256(new byte[] {1, (byte) bit}, node(from, split), node(split, to));
        }
    }
}
