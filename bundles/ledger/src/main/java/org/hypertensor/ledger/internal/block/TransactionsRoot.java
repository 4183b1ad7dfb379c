package org.hypertensor.ledger.internal.block;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.crypto.api.Hashes;

/**
 * The header's commitment to the block's transactions: a binary Merkle tree over the transaction
 * hashes in block order, node = BLAKE2b-256(0x01 ‖ left ‖ right), an odd last node carried up unchanged;
 * 32 zero bytes for a block without transactions.
 */
public final class TransactionsRoot {

    private static final byte[] NODE = {1};

    private TransactionsRoot() {}

    public static byte[] of(List<byte[]> transactionHashes) {
        if (transactionHashes.isEmpty()) {
            return new byte[32];
        }
        List<byte[]> level = new ArrayList<>(transactionHashes);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? Hashes.blake2b256(NODE, level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }
}
