package org.hypertensor.p2p.internal.multistream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import org.hypertensor.p2p.api.ProtocolNotSupportedException;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * multistream-select without I/O: fed the messages that arrive, it answers what to send and ends with the
 * agreed protocol. The dialer sends the header with its first proposal (the listener only speaks once it
 * has read the dialer's header), then one proposal per {@code na}.
 */
public final class Negotiation {

    /** What the caller must do after feeding a message. */
    public record Step(byte[] send, String selected) {
        public boolean done() {
            return selected != null;
        }
    }

    private static final int MAX_ATTEMPTS = 32;

    private final boolean dialer;
    private final Deque<String> proposals;
    private final List<String> asked;
    private final Predicate<String> supported;
    private boolean headerSeen;
    private String pending;
    private int attempts;

    private Negotiation(boolean dialer, List<String> proposals, Predicate<String> supported) {
        this.dialer = dialer;
        this.proposals = new ArrayDeque<>(proposals);
        this.asked = List.copyOf(proposals);
        this.supported = supported;
    }

    public static Negotiation dialer(List<String> protocols) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocol to propose");
        }
        return new Negotiation(true, protocols, p -> false);
    }

    public static Negotiation listener(Predicate<String> supported) {
        return new Negotiation(false, List.of(), supported);
    }

    /** The bytes to send first (empty for a listener). */
    public byte[] start() {
        if (!dialer) {
            return new byte[0];
        }
        pending = proposals.poll();
        return MultistreamCodec.encode(MultistreamCodec.HEADER, pending);
    }

    /**
     * Feeds one received message.
     *
     * @throws MalformedInputException on a wrong header, an unexpected answer, or when nothing is agreed
     */
    public Step onMessage(String message) {
        if (!headerSeen) {
            if (!message.equals(MultistreamCodec.HEADER)) {
                throw new MalformedInputException("expected multistream header, got '" + clip(message) + "'");
            }
            headerSeen = true;
            return new Step(dialer ? new byte[0] : MultistreamCodec.encode(MultistreamCodec.HEADER), null);
        }
        if (++attempts > MAX_ATTEMPTS) {
            throw new MalformedInputException("too many multistream proposals");
        }
        if (dialer) {
            if (message.equals(pending)) {
                return new Step(new byte[0], pending);
            }
            if (!message.equals(MultistreamCodec.NA)) {
                throw new MalformedInputException("unexpected multistream answer '" + clip(message) + "'");
            }
            pending = proposals.poll();
            if (pending == null) {
                throw new ProtocolNotSupportedException("peer supports none of " + asked);
            }
            return new Step(MultistreamCodec.encode(pending), null);
        }
        if (!message.equals("ls") && supported.test(message)) {
            return new Step(MultistreamCodec.encode(message), message);
        }
        return new Step(MultistreamCodec.encode(MultistreamCodec.NA), null);
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
