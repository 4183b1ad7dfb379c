package org.hypertensor.ledger.api.runtime;

import java.util.List;
import java.util.Map;

/**
 * A module's own part of the state: keys are relative to the module's prefix. Reads see the writes of
 * the running block. Iteration ({@link #scan}) is in ascending unsigned byte order of the keys, the same
 * on every node.
 */
public interface ModuleStorage {

    /** The value, or {@code null}. */
    byte[] get(byte[] key);

    void put(byte[] key, byte[] value);

    void delete(byte[] key);

    /** Entries whose key starts with {@code prefix} (keys returned relative to the module prefix). */
    List<Map.Entry<byte[], byte[]>> scan(byte[] prefix);
}
