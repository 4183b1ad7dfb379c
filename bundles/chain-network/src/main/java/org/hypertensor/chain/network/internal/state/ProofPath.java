package org.hypertensor.chain.network.internal.state;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.store.api.StateProof;

/**
 * The path of an inclusion proof: the leaf's key hash and the branches from the root down, each its bit
 * and the other child's hash. Read from the proof's documented encoding (docs/state.md, "Proofs"), which
 * {@link StateProof#decode} has checked first.
 */
record ProofPath(byte[] keyHash, int[] bits, byte[][] siblings) {

    /** @throws BadChunkException unless {@code encoded} is an inclusion proof of exactly this key and value */
    static ProofPath of(byte[] encoded, byte[] key, byte[] value, byte[] root) throws BadChunkException {
        StateProof proof;
        try {
            proof = StateProof.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new BadChunkException("malformed proof: " + e.getMessage());
        }
        byte[] proven = proof.value();
        if (proven == null || !Arrays.equals(proof.key(), key) || !Arrays.equals(proven, value)) {
            throw new BadChunkException("a boundary proof is not the inclusion proof of its leaf");
        }
        if (!proof.verify(root)) {
            throw new BadChunkException("a boundary proof does not verify against the state root");
        }
        ByteBuffer in = ByteBuffer.wrap(encoded);
        in.position(1 + 2 + key.length + 4 + value.length);
        int steps = in.getShort() & 0xffff;
        int[] bits = new int[steps];
        byte[][] siblings = new byte[steps][KeyHashes.LENGTH];
        for (int i = 0; i < steps; i++) {
            bits[i] = in.get() & 0xff;
            in.get(siblings[i]);
        }
        return new ProofPath(Hashes.blake2b256(key), bits, siblings);
    }

    /** Whether the leaf goes {@code side} (0 left, 1 right) at every branch: the first or last leaf of the state. */
    boolean allSteps(int side) {
        for (int b : bits) {
            if (KeyHashes.bit(keyHash, b) != side) {
                return false;
            }
        }
        return true;
    }
}
