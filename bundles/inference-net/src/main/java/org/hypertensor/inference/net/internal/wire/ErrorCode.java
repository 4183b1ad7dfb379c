package org.hypertensor.inference.net.internal.wire;

/** Why a server refused a request ({@link Frame.Error#code()}). */
public enum ErrorCode {
    /** Undecodable or out-of-order frames. */
    MALFORMED,
    /** Not a model or block range this server hosts. */
    RANGE,
    /** A tensor whose shape or size does not fit. */
    SHAPE,
    /** A step that does not start where the session is. */
    POSITION,
    /** A step before any open. */
    UNKNOWN_SESSION,
    /** The attention cache budget is used up. */
    CACHE_FULL,
    /** The peer has its quota of open sessions. */
    QUOTA,
    /** Step gap or session lifetime exceeded. */
    EXPIRED,
    /** The peer is not admitted (no proof of stake). */
    NOT_STAKED,
    /** The server is not serving now (starting, engine swap, stopping). */
    UNAVAILABLE,
    /** The engine failed. */
    ENGINE;

    /** The code of a received error, or {@code null} for an unknown one. */
    public static ErrorCode of(String name) {
        for (ErrorCode c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
