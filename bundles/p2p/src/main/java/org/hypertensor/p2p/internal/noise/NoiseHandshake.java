package org.hypertensor.p2p.internal.noise;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * The Noise {@code XX_25519_ChaChaPoly_SHA256} handshake with libp2p's identity payload, without I/O.
 * Initiator: {@link #writeMessage} (e), {@link #readMessage} (e, ee, s, es), {@link #writeMessage}
 * (s, se). Responder: the mirror image. Then {@link #result()}.
 */
public final class NoiseHandshake {

    /** Exactly 32 bytes, so it is used as h and ck as it is. */
    private static final byte[] PROTOCOL_NAME = "Noise_XX_25519_ChaChaPoly_SHA256".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] SIG_PREFIX = NoiseIdentity.SIG_PREFIX;
    /** A 2-byte length prefix bounds every message. */
    public static final int MAX_MESSAGE = 65535;

    /** The handshake's outcome: one cipher per direction and who the peer proved to be. */
    public record Result(CipherState send, CipherState receive, PeerId remotePeer, List<String> remoteMuxers) {}

    private final boolean initiator;
    private final NoiseIdentity identity;
    private final byte[] staticPriv;
    private final byte[] staticPub;
    private final byte[] ephPriv = new byte[32];
    private final byte[] ephPub = new byte[32];
    private byte[] remoteEph;
    private byte[] remoteStatic;
    private HandshakePayload remotePayload;
    private byte[] h = PROTOCOL_NAME.clone();
    private byte[] ck = PROTOCOL_NAME.clone();
    private CipherState k;
    private int step;

    /** A handshake with a static key of its own (tests); hosts share one {@link NoiseIdentity}. */
    public NoiseHandshake(boolean initiator, NodeKey identity, List<String> muxers, SecureRandom random) {
        this(initiator, NoiseIdentity.create(identity, muxers, random), random);
    }

    public NoiseHandshake(boolean initiator, NoiseIdentity identity, SecureRandom random) {
        this.initiator = initiator;
        this.identity = identity;
        this.staticPriv = identity.staticPrivate;
        this.staticPub = identity.staticPublic;
        X25519.generatePrivateKey(random, ephPriv);
        X25519.generatePublicKey(ephPriv, 0, ephPub, 0);
        mixHash(new byte[0]); // empty prologue
    }

    /** True when it is our turn to send. */
    public boolean ourTurn() {
        return initiator ? step != 1 : step == 1;
    }

    public boolean complete() {
        return step == 3;
    }

    public byte[] writeMessage() {
        if (!ourTurn() || complete()) {
            throw new IllegalStateException("not our turn in the Noise handshake");
        }
        byte[] out;
        if (step == 0) { // -> e
            mixHash(ephPub);
            out = concat(ephPub, encryptAndHash(new byte[0]));
        } else if (step == 1) { // <- e, ee, s, es
            mixHash(ephPub);
            mixKey(dh(ephPriv, remoteEph));
            byte[] s = encryptAndHash(staticPub);
            mixKey(dh(staticPriv, remoteEph));
            out = concat(concat(ephPub, s), encryptAndHash(payload()));
        } else { // -> s, se
            byte[] s = encryptAndHash(staticPub);
            mixKey(dh(staticPriv, remoteEph));
            out = concat(s, encryptAndHash(payload()));
        }
        step++;
        return out;
    }

    /**
     * Processes the peer's message.
     *
     * @throws MalformedInputException when it is malformed, fails to decrypt, or the identity does not verify
     */
    public void readMessage(byte[] message) {
        if (ourTurn() || complete()) {
            throw new MalformedInputException("Noise handshake message out of turn");
        }
        if (step == 0) { // responder reads e
            require(message.length >= 32, "Noise message 1 too short");
            remoteEph = Arrays.copyOf(message, 32);
            mixHash(remoteEph);
            decryptAndHash(Arrays.copyOfRange(message, 32, message.length));
        } else if (step == 1) { // initiator reads e, ee, s, es
            require(message.length >= 32 + 48 + CipherState.TAG, "Noise message 2 too short");
            remoteEph = Arrays.copyOf(message, 32);
            mixHash(remoteEph);
            mixKey(dh(ephPriv, remoteEph));
            remoteStatic = decryptAndHash(Arrays.copyOfRange(message, 32, 80));
            mixKey(dh(ephPriv, remoteStatic));
            acceptPayload(decryptAndHash(Arrays.copyOfRange(message, 80, message.length)));
        } else { // responder reads s, se
            require(message.length >= 48 + CipherState.TAG, "Noise message 3 too short");
            remoteStatic = decryptAndHash(Arrays.copyOf(message, 48));
            mixKey(dh(ephPriv, remoteStatic));
            acceptPayload(decryptAndHash(Arrays.copyOfRange(message, 48, message.length)));
        }
        step++;
    }

    public Result result() {
        if (!complete()) {
            throw new IllegalStateException("Noise handshake not complete");
        }
        byte[][] keys = hkdf(ck, new byte[0]);
        CipherState c1 = new CipherState(keys[0]);
        CipherState c2 = new CipherState(keys[1]);
        PeerId peer = PeerId.fromEd25519(KeyProtobuf.decodeEd25519Public(remotePayload.identityKey()));
        return initiator
                ? new Result(c1, c2, peer, remotePayload.streamMuxers())
                : new Result(c2, c1, peer, remotePayload.streamMuxers());
    }

    private byte[] payload() {
        return identity.payload;
    }

    private void acceptPayload(byte[] data) {
        HandshakePayload p = HandshakePayload.decode(data);
        require(p.identityKey() != null && p.identitySignature() != null, "Noise payload without identity");
        byte[] key = KeyProtobuf.decodeEd25519Public(p.identityKey());
        if (!NodeKey.verify(key, concat(SIG_PREFIX, remoteStatic), p.identitySignature())) {
            throw new MalformedInputException("Noise identity signature does not verify");
        }
        remotePayload = p;
    }

    private byte[] encryptAndHash(byte[] plaintext) {
        byte[] c = k == null ? plaintext : k.encrypt(h, plaintext);
        mixHash(c);
        return c;
    }

    private byte[] decryptAndHash(byte[] ciphertext) {
        byte[] p = k == null ? ciphertext : k.decrypt(h, ciphertext);
        mixHash(ciphertext);
        return p;
    }

    private void mixHash(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(h, 0, h.length);
        d.update(data, 0, data.length);
        h = new byte[32];
        d.doFinal(h, 0);
    }

    private void mixKey(byte[] ikm) {
        byte[][] out = hkdf(ck, ikm);
        ck = out[0];
        k = new CipherState(out[1]);
    }

    private static byte[][] hkdf(byte[] chainingKey, byte[] ikm) {
        byte[] temp = hmac(chainingKey, ikm);
        byte[] out1 = hmac(temp, new byte[] {1});
        byte[] out2 = hmac(temp, concat(out1, new byte[] {2}));
        return new byte[][] {out1, out2};
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    private static byte[] dh(byte[] priv, byte[] pub) {
        byte[] out = new byte[32];
        if (!X25519.calculateAgreement(priv, 0, pub, 0, out, 0)) {
            throw new MalformedInputException("Noise key agreement with a low-order point");
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void require(boolean ok, String why) {
        if (!ok) {
            throw new MalformedInputException(why);
        }
    }
}
