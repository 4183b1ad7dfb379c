package org.hypertensor.ledger.api.tx;

import java.math.BigInteger;
import java.util.Arrays;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * {@code (sender public key, nonce u64, tip u128, call, signature)}. The signature is Ed25519 over
 * BLAKE2b-256(genesis hash ‖ encoded (sender, nonce, tip, call)): valid on one chain only, and once
 * only since the nonce must be the sender's next one.
 */
public final class SignedTransaction {

    /** The largest encoded transaction any node accepts. */
    public static final int MAX_ENCODED_BYTES = 64 * 1024;

    private final byte[] sender;
    private final long nonce;
    private final BigInteger tip;
    private final Call call;
    private final byte[] signature;
    private final byte[] encoded;
    private final byte[] hash;

    private SignedTransaction(byte[] sender, long nonce, BigInteger tip, Call call, byte[] signature) {
        this.sender = sender;
        this.nonce = nonce;
        this.tip = tip;
        this.call = call;
        this.signature = signature;
        Encoder out = new Encoder(128 + call.args().length);
        writePayload(out, sender, nonce, tip, call);
        out.fixed(signature);
        this.encoded = out.toByteArray();
        this.hash = Hashes.blake2b256(encoded);
    }

    /** Signs {@code call} from {@code key} for the chain with {@code genesisHash}. */
    public static SignedTransaction sign(
            Ed25519KeyPair key, byte[] genesisHash, long nonce, BigInteger tip, Call call) {
        byte[] sender = key.publicKey();
        byte[] signature = key.sign(signingHash(genesisHash, sender, nonce, tip, call));
        return new SignedTransaction(sender, nonce, tip, call, signature);
    }

    /** Decodes strictly; the signature is not checked here (see {@link #verify}). */
    public static SignedTransaction decode(byte[] bytes) {
        if (bytes.length > MAX_ENCODED_BYTES) {
            throw new DecodeException("transaction of " + bytes.length + " bytes exceeds " + MAX_ENCODED_BYTES);
        }
        Decoder in = new Decoder(bytes);
        SignedTransaction tx = read(in);
        in.finish();
        return tx;
    }

    /** Reads one transaction from a longer stream (a block body). */
    public static SignedTransaction read(Decoder in) {
        byte[] sender = in.fixed(32);
        long nonce = in.u64();
        BigInteger tip = in.u128();
        Call call = Call.decode(in);
        byte[] signature = in.fixed(64);
        return new SignedTransaction(sender, nonce, tip, call, signature);
    }

    /** Whether the signature is the sender's, for the chain with {@code genesisHash}. */
    public boolean verify(byte[] genesisHash) {
        return Ed25519.verify(sender, signingHash(genesisHash, sender, nonce, tip, call), signature);
    }

    public byte[] sender() {
        return sender.clone();
    }

    public long nonce() {
        return nonce;
    }

    public BigInteger tip() {
        return tip;
    }

    public Call call() {
        return call;
    }

    public byte[] signature() {
        return signature.clone();
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public int encodedLength() {
        return encoded.length;
    }

    /** BLAKE2b-256 of the encoded transaction. */
    public byte[] hash() {
        return hash.clone();
    }

    public void write(Encoder out) {
        out.fixed(encoded);
    }

    private static byte[] signingHash(byte[] genesisHash, byte[] sender, long nonce, BigInteger tip, Call call) {
        Encoder payload = new Encoder(128);
        writePayload(payload, sender, nonce, tip, call);
        return Hashes.blake2b256(genesisHash, payload.toByteArray());
    }

    private static void writePayload(Encoder out, byte[] sender, long nonce, BigInteger tip, Call call) {
        out.fixed(sender).u64(nonce).u128(tip);
        call.encode(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedTransaction t && Arrays.equals(encoded, t.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }
}
