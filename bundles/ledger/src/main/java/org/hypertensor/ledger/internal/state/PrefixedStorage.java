package org.hypertensor.ledger.internal.state;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;

/** A module's view of the state: its keys with the module prefix added and removed. */
public final class PrefixedStorage implements ModuleStorage {

    private final StateReader reader;
    private final StateOverlay writer; // null: read-only
    private final byte[] prefix;

    private PrefixedStorage(StateReader reader, StateOverlay writer, String module) {
        this.reader = reader;
        this.writer = writer;
        this.prefix = StateKeys.prefix(module);
    }

    public static PrefixedStorage writable(StateOverlay overlay, String module) {
        return new PrefixedStorage(overlay, overlay, module);
    }

    public static PrefixedStorage readOnly(StateReader reader, String module) {
        return new PrefixedStorage(reader, null, module);
    }

    @Override
    public byte[] get(byte[] key) {
        return reader.get(StateKeys.key(prefix, key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        writable().put(StateKeys.key(prefix, key), value);
    }

    @Override
    public void delete(byte[] key) {
        writable().delete(StateKeys.key(prefix, key));
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] relativePrefix) {
        List<Map.Entry<byte[], byte[]>> full = reader.scan(StateKeys.key(prefix, relativePrefix));
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(full.size());
        for (Map.Entry<byte[], byte[]> e : full) {
            byte[] k = e.getKey();
            out.add(Map.entry(Arrays.copyOfRange(k, prefix.length, k.length), e.getValue()));
        }
        return out;
    }

    private StateOverlay writable() {
        if (writer == null) {
            throw new IllegalStateException("state is read-only in a query");
        }
        return writer;
    }
}
