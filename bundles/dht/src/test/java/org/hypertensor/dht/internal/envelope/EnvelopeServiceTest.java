package org.hypertensor.dht.internal.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.dht.api.RequestRefusedException;
import org.hypertensor.dht.api.RequestRefusedException.Reason;
import org.hypertensor.p2p.api.PeerId;
import org.junit.jupiter.api.Test;

class EnvelopeServiceTest {

    private static final String PROTO = "/hypertensor/infer/1.0.0";
    private final AtomicLong now = new AtomicLong(1_764_000_000_000L);
    private final Ed25519KeyPair alice = Ed25519KeyPair.generate(new SecureRandom());
    private final PeerId alicePeer = PeerId.fromEd25519(alice.publicKey());
    private final PeerAdmission everyone = p -> new PeerAdmission.Admission(true, "open", 0);
    private final EnvelopeService sender =
            new EnvelopeService(alice, new ReplayGuard(60_000, 1000), now::get, everyone);
    private final EnvelopeService receiver = new EnvelopeService(
            Ed25519KeyPair.generate(new SecureRandom()), new ReplayGuard(60_000, 1000), now::get, everyone);

    private Reason refusal(EnvelopeService s, String protocol, PeerId from, byte[] env) {
        return assertThrows(RequestRefusedException.class, () -> s.open(protocol, from, env))
                .reason();
    }

    @Test
    void aFreshSignedRequestOpensOnceAndItsReplayIsRefused() throws Exception {
        byte[] env = sender.seal(PROTO, "hello".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), receiver.open(PROTO, alicePeer, env));
        assertEquals(Reason.REPLAY, refusal(receiver, PROTO, alicePeer, env));
        now.addAndGet(61_000); // after the window the copy is stale, not accepted again
        assertEquals(Reason.STALE, refusal(receiver, PROTO, alicePeer, env));
    }

    @Test
    void staleForgedMisdirectedAndMalformedRequestsAreRefused() {
        byte[] env = sender.seal(PROTO, new byte[] {1});
        now.addAndGet(-61_000);
        assertEquals(Reason.STALE, refusal(receiver, PROTO, alicePeer, env)); // 61 s in our future
        now.addAndGet(61_000);
        PeerId mallory =
                PeerId.fromEd25519(Ed25519KeyPair.generate(new SecureRandom()).publicKey());
        assertEquals(Reason.BAD_SIGNATURE, refusal(receiver, PROTO, mallory, env)); // not the signer
        assertEquals(Reason.BAD_SIGNATURE, refusal(receiver, "/other/1.0.0", alicePeer, env)); // another protocol
        Envelope e = Envelope.decode(env);
        byte[] tampered = new Envelope(new byte[] {2}, e.nonce(), e.timestampMillis(), e.signature()).encode();
        assertEquals(Reason.BAD_SIGNATURE, refusal(receiver, PROTO, alicePeer, tampered));
        assertEquals(Reason.MALFORMED, refusal(receiver, PROTO, alicePeer, new byte[] {0x12, 0x01, 0x00}));
    }

    @Test
    void unstakedSendersAreRefusedAfterTheSignatureCheck() {
        EnvelopeService staked = new EnvelopeService(
                alice,
                new ReplayGuard(60_000, 1000),
                now::get,
                p -> new PeerAdmission.Admission(false, "not a node with stake", 3));
        RequestRefusedException e = assertThrows(
                RequestRefusedException.class, () -> staked.open(PROTO, alicePeer, sender.seal(PROTO, new byte[0])));
        assertEquals(Reason.NOT_STAKED, e.reason());
        assertEquals("refused " + alicePeer.shortString() + ": not a node with stake", e.getMessage());
    }

    @Test
    void theGuardBoundsWhatOneSenderCanMakeItRemember() {
        ReplayGuard guard = new ReplayGuard(60_000, 2);
        assertEquals(ReplayGuard.Verdict.FRESH, guard.check("a", new byte[] {1}, now.get(), now.get()));
        assertEquals(ReplayGuard.Verdict.FRESH, guard.check("a", new byte[] {2}, now.get(), now.get()));
        assertEquals(ReplayGuard.Verdict.TOO_MANY, guard.check("a", new byte[] {3}, now.get(), now.get()));
        assertEquals(ReplayGuard.Verdict.FRESH, guard.check("b", new byte[] {3}, now.get(), now.get()));
        assertEquals(
                ReplayGuard.Verdict.FRESH, guard.check("a", new byte[] {3}, now.get() + 61_000, now.get() + 61_000));
        assertEquals(1, guard.remembered(), "nonces whose timestamps left the window are forgotten");
    }
}
