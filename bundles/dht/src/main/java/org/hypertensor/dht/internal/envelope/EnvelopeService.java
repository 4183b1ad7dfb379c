package org.hypertensor.dht.internal.envelope;

import java.security.SecureRandom;
import java.util.function.LongSupplier;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.dht.api.RequestRefusedException;
import org.hypertensor.dht.api.RequestRefusedException.Reason;
import org.hypertensor.dht.api.SignedRequests;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;

/** Seals and opens {@link Envelope}s with this node's peer key; opening also asks proof-of-stake admission. */
public final class EnvelopeService implements SignedRequests {

    private final Signer key;
    private final ReplayGuard guard;
    private final LongSupplier clock;
    private final PeerAdmission admission;
    private final SecureRandom random = new SecureRandom();

    public EnvelopeService(Signer key, ReplayGuard guard, LongSupplier clockMillis, PeerAdmission admission) {
        this.key = key;
        this.guard = guard;
        this.clock = clockMillis;
        this.admission = admission;
    }

    @Override
    public byte[] seal(String protocol, byte[] payload) {
        byte[] nonce = new byte[Envelope.NONCE_BYTES];
        random.nextBytes(nonce);
        long ts = clock.getAsLong();
        byte[] sig = key.sign(Envelope.signedBytes(protocol, payload, nonce, ts));
        return new Envelope(payload.clone(), nonce, ts, sig).encode();
    }

    @Override
    public byte[] open(String protocol, PeerId sender, byte[] data) throws RequestRefusedException {
        Envelope e;
        try {
            e = Envelope.decode(data);
        } catch (MalformedInputException ex) {
            throw new RequestRefusedException(
                    Reason.MALFORMED, "malformed envelope from " + sender.shortString() + ": " + ex.getMessage());
        }
        byte[] pub = sender.ed25519PublicKey()
                .orElseThrow(() -> new RequestRefusedException(
                        Reason.BAD_SIGNATURE, "peer " + sender.shortString() + " has no Ed25519 key in its id"));
        if (!Ed25519.verify(
                pub, Envelope.signedBytes(protocol, e.payload(), e.nonce(), e.timestampMillis()), e.signature())) {
            throw new RequestRefusedException(
                    Reason.BAD_SIGNATURE, "wrong signature on a request from " + sender.shortString());
        }
        switch (guard.check(sender.toBase58(), e.nonce(), e.timestampMillis(), clock.getAsLong())) {
            case STALE ->
                throw new RequestRefusedException(
                        Reason.STALE,
                        "stale request from " + sender.shortString() + ": its timestamp is "
                                + Math.abs(clock.getAsLong() - e.timestampMillis()) / 1000 + " s off our clock");
            case REPLAY ->
                throw new RequestRefusedException(Reason.REPLAY, "replayed request from " + sender.shortString());
            case TOO_MANY ->
                throw new RequestRefusedException(Reason.TOO_MANY, "too many requests from " + sender.shortString());
            case FRESH -> {}
        }
        PeerAdmission.Admission a = admission.check(sender);
        if (!a.admitted()) {
            throw new RequestRefusedException(Reason.NOT_STAKED, "refused " + sender.shortString() + ": " + a.reason());
        }
        return e.payload();
    }
}
