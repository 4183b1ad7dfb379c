package org.hypertensor.p2p.internal.noise;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.hypertensor.p2p.internal.identity.NodeKey;

/**
 * Our side of every Noise handshake: the X25519 static key (one per host, as libp2p implementations
 * do) and the handshake payload that binds it to the identity key, signed once rather than per
 * connection.
 */
public final class NoiseIdentity {

    static final byte[] SIG_PREFIX = "noise-libp2p-static-key:".getBytes(StandardCharsets.US_ASCII);

    final byte[] staticPrivate = new byte[32];
    final byte[] staticPublic = new byte[32];
    final byte[] payload;

    private NoiseIdentity(NodeKey identity, List<String> muxers, SecureRandom random) {
        X25519.generatePrivateKey(random, staticPrivate);
        X25519.generatePublicKey(staticPrivate, 0, staticPublic, 0);
        byte[] signed = Arrays.copyOf(SIG_PREFIX, SIG_PREFIX.length + 32);
        System.arraycopy(staticPublic, 0, signed, SIG_PREFIX.length, 32);
        payload =
                new HandshakePayload(identity.publicKeyProtobuf(), identity.sign(signed), List.copyOf(muxers)).encode();
    }

    public static NoiseIdentity create(NodeKey identity, List<String> muxers, SecureRandom random) {
        return new NoiseIdentity(identity, muxers, random);
    }
}
