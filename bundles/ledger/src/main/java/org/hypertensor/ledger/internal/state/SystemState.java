package org.hypertensor.ledger.internal.state;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.ModuleStorage;

/**
 * The executive's bookkeeping under {@code system/}: chain parameters (set at genesis, changed by sudo),
 * account nonces, and the issuance counters (genesis, minted, burned).
 */
public final class SystemState {

    private static final byte[] ISSUANCE = "issuance".getBytes(StandardCharsets.US_ASCII);

    private final ModuleStorage storage;

    public SystemState(ModuleStorage storage) {
        this.storage = storage;
    }

    /** An account's nonce, relative to the system key space. */
    private static byte[] nonceKey(byte[] account) {
        return StateKeys.tagged('n', account);
    }

    /** The state key of an account's nonce (for readers outside the executive, e.g. the chain's prefetch). */
    public static byte[] nonceStateKey(byte[] account) {
        return StateKeys.key(StateKeys.prefix(StateKeys.SYSTEM), nonceKey(account));
    }

    public long nonce(byte[] account) {
        byte[] raw = storage.get(nonceKey(account));
        if (raw == null) {
            return 0;
        }
        Decoder in = new Decoder(raw);
        long nonce = in.u64();
        in.finish();
        return nonce;
    }

    public void setNonce(byte[] account, long nonce) {
        storage.put(nonceKey(account), new Encoder(8).u64(nonce).toByteArray());
    }

    public void setParameter(String name, BigInteger value) {
        storage.put(parameterKey(name), new Encoder(16).u128(value).toByteArray());
    }

    /** The parameter, or {@code null} when the chain has none of that name. */
    public BigInteger parameter(String name) {
        byte[] raw = storage.get(parameterKey(name));
        if (raw == null) {
            return null;
        }
        Decoder in = new Decoder(raw);
        BigInteger value = in.u128();
        in.finish();
        return value;
    }

    /** A change that waits for the end of the current epoch (EpochLength: the epoch in progress keeps its length). */
    public void setPendingParameter(String name, BigInteger value) {
        storage.put(pendingKey(name), new Encoder(16).u128(value).toByteArray());
    }

    /** Changes waiting for the epoch boundary, by name. */
    public Map<String, BigInteger> pendingParameters() {
        Map<String, BigInteger> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : storage.scan(new byte[] {'q'})) {
            byte[] key = e.getKey();
            out.put(new String(key, 1, key.length - 1, StandardCharsets.US_ASCII), new Decoder(e.getValue()).u128());
        }
        return out;
    }

    /** Applies the waiting changes (in name order) and forgets them. */
    public void applyPendingParameters() {
        pendingParameters().forEach((name, value) -> {
            setParameter(name, value);
            storage.delete(pendingKey(name));
        });
    }

    /** Every parameter, by name. */
    public Map<String, BigInteger> parameters() {
        Map<String, BigInteger> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : storage.scan(new byte[] {'p'})) {
            byte[] key = e.getKey();
            out.put(new String(key, 1, key.length - 1, StandardCharsets.US_ASCII), new Decoder(e.getValue()).u128());
        }
        return out;
    }

    public Issuance issuance() {
        byte[] raw = storage.get(ISSUANCE);
        if (raw == null) {
            return new Issuance(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
        }
        Decoder in = new Decoder(raw);
        Issuance issuance = new Issuance(in.u128(), in.u128(), in.u128());
        in.finish();
        return issuance;
    }

    public void setIssuance(Issuance issuance) {
        storage.put(
                ISSUANCE,
                new Encoder(48)
                        .u128(issuance.genesis())
                        .u128(issuance.minted())
                        .u128(issuance.burned())
                        .toByteArray());
    }

    private static byte[] pendingKey(String name) {
        return StateKeys.tagged('q', name.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] parameterKey(String name) {
        return StateKeys.tagged('p', name.getBytes(StandardCharsets.US_ASCII));
    }

    /** Issuance counters: total = genesis + minted − burned. */
    public record Issuance(BigInteger genesis, BigInteger minted, BigInteger burned) {
        public BigInteger total() {
            return genesis.add(minted).subtract(burned);
        }
    }
}
