package org.hypertensor.dht.internal.rpc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtPeer;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * JSON-RPC {@code dht_routing}, {@code dht_put} and {@code dht_get}: the {@code dht:} shell commands for
 * scripts talking to a running node (keys, subkeys and values are UTF-8 text, as in the shell). Delayed (the
 * default for a service): the class, and the optional RPC API it needs, load only when the RPC bundle asks.
 */
@Component(
        property = {
            RpcMethod.NAMES + "=dht_routing",
            RpcMethod.NAMES + "=dht_put",
            RpcMethod.NAMES + "=dht_get",
            RpcMethod.UNSAFE + "=dht_put"
        })
public final class DhtRpc implements RpcMethod {

    /** The operation failed or did not finish within {@link #WAIT_SECONDS}. */
    public static final int FAILED = 3001;
    /** {@code dht_get}: no record under the key. */
    public static final int NO_RECORD = 3002;

    private static final int WAIT_SECONDS = 30;

    private final Dht dht;

    @Activate
    public DhtRpc(@Reference Dht dht) {
        this.dht = dht;
    }

    @Override
    public Object call(RpcParams p) throws RpcError {
        return switch (p.method()) {
            case "dht_routing" -> routing(p.atMost());
            case "dht_put" -> put(p.atMost("key", "value", "subkey", "ttlHours"));
            case "dht_get" -> get(p.atMost("key"));
            default -> throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + p.method());
        };
    }

    private List<Map<String, Object>> routing(RpcParams p) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DhtPeer peer : dht.routingTable()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bucket", peer.bucket());
            m.put("peerId", peer.peer().toString());
            m.put(
                    "addresses",
                    peer.addresses().stream().map(Multiaddr::toString).toList());
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> put(RpcParams p) throws RpcError {
        String key = p.text(0, "key");
        String value = p.text(1, "value");
        String subkey = p.optionalText(2, "subkey").orElse("");
        long ttl = p.optionalNumber(3, "ttlHours").orElse(24);
        int stored;
        try {
            stored = await(dht.put(utf8(key), utf8(subkey), utf8(value), Duration.ofHours(ttl)), "put " + key);
        } catch (IllegalArgumentException e) {
            throw RpcError.invalidParams(e.getMessage());
        }
        if (stored == 0) {
            throw new RpcError(FAILED, "put " + key + " failed: no node stored the record");
        }
        return Map.of("key", key, "storedAt", stored);
    }

    private List<Map<String, Object>> get(RpcParams p) throws RpcError {
        String key = p.text(0, "key");
        List<DhtRecord> records = await(dht.get(utf8(key)), "get " + key);
        if (records.isEmpty()) {
            throw new RpcError(NO_RECORD, "no record under " + key);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (DhtRecord r : records) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subkey", new String(r.subkey(), StandardCharsets.UTF_8));
            m.put("value", new String(r.value(), StandardCharsets.UTF_8));
            m.put("publisher", PeerIds.ed25519(r.publisher()));
            m.put("sequence", r.sequence());
            m.put("expiresAtMillis", r.expiresAtMillis());
            out.add(m);
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T await(Future<T> f, String what) throws RpcError {
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while (c instanceof CompletionException && c.getCause() != null) {
                c = c.getCause();
            }
            throw new RpcError(
                    FAILED,
                    what + " failed: " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
        } catch (TimeoutException e) {
            throw new RpcError(FAILED, what + " did not finish within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(FAILED, what + " interrupted");
        }
    }
}
