package org.hypertensor.chain.network.internal.state;

import java.util.List;

/**
 * A run of consecutive state leaves in key-hash order with the inclusion proofs (encoded
 * {@code StateProof}s) of its first and last leaf; {@code lastProof} is empty when the run has one leaf,
 * and both are empty for the empty state. {@link ChunkVerifier} checks it against a state root.
 */
public record StateChunk(List<Leaf> leaves, byte[] firstProof, byte[] lastProof) {

    public StateChunk {
        leaves = List.copyOf(leaves);
        firstProof = firstProof.clone();
        lastProof = lastProof.clone();
    }

    @Override
    public byte[] firstProof() {
        return firstProof.clone();
    }

    @Override
    public byte[] lastProof() {
        return lastProof.clone();
    }

    /**
     * One state entry. The arrays are shared, not copied: a chunk carries thousands of leaves from the
     * decoder to the verifier to the import, and nothing along the way writes to them.
     */
    public record Leaf(byte[] key, byte[] value) {
        /** The bytes this leaf takes on the wire, roughly (for progress figures). */
        public int size() {
            return key.length + value.length;
        }
    }
}
