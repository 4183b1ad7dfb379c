package org.hypertensor.bft.api;

import java.util.Objects;

/** A timeout the machine asked for, fed back to it when it fires: height, round and step it guards. */
public record Timeout(long height, int round, Step step) {

    public Timeout {
        Objects.requireNonNull(step, "step");
    }
}
