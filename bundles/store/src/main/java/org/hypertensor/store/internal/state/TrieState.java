package org.hypertensor.store.internal.state;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;

/** Reads over a pair of tries: the Merkle trie (values, root, proofs) and the key index (ordered scans). */
abstract class TrieState implements StateReader {
    static final MerkleTrie MERKLE = MerkleTrie.INSTANCE;
    static final KeyIndex INDEX = KeyIndex.INSTANCE;

    abstract Object merkle();

    abstract Object index();

    @Override
    public byte[] get(byte[] key) {
        MerkleLeaf leaf = leaf(checkKey(key));
        return leaf == null ? null : leaf.value.clone();
    }

    final MerkleLeaf leaf(byte[] key) {
        return (MerkleLeaf) MERKLE.find(merkle(), Blake2b.hash(key));
    }

    @Override
    public byte[] root() {
        return MERKLE.hashParallel(merkle()).clone();
    }

    @Override
    public StateProof prove(byte[] key) {
        return MERKLE.prove(merkle(), checkKey(key), Blake2b.hash(key));
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("scan prefix is null");
        }
        Object merkle = merkle();
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>();
        INDEX.scan(index(), prefix, key -> {
            MerkleLeaf leaf = (MerkleLeaf) MERKLE.find(merkle, Blake2b.hash(key));
            out.add(new AbstractMap.SimpleImmutableEntry<>(key.clone(), leaf.value.clone()));
        });
        return out;
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> leaves(byte[] fromKeyHash, int max) {
        if (fromKeyHash == null || fromKeyHash.length != Blake2b.LENGTH) {
            throw new IllegalArgumentException("leaves: the start key hash must be " + Blake2b.LENGTH + " bytes");
        }
        if (max < 0) {
            throw new IllegalArgumentException("leaves: max is negative");
        }
        List<MerkleLeaf> leaves = new ArrayList<>(Math.min(max, 4096));
        MERKLE.leavesFrom(merkle(), fromKeyHash, max, leaves);
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(leaves.size());
        for (MerkleLeaf leaf : leaves) {
            out.add(new AbstractMap.SimpleImmutableEntry<>(leaf.key.clone(), leaf.value.clone()));
        }
        return out;
    }

    static byte[] checkKey(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("state key is null");
        }
        if (key.length > StateOverlay.MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "state key of " + key.length + " bytes is longer than " + StateOverlay.MAX_KEY_BYTES);
        }
        return key;
    }
}
