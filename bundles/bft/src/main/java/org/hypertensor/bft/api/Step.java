package org.hypertensor.bft.api;

/**
 * The steps of a round, in order; also the type of a signed message ({@link Proposal} is
 * {@link #PROPOSE}, a {@link Vote} is {@link #PREVOTE} or {@link #PRECOMMIT}). The {@link #code()} is
 * the byte in the signing bytes and the encoding.
 */
public enum Step {
    PROPOSE(0),
    PREVOTE(1),
    PRECOMMIT(2);

    private final int code;

    Step(int code) {
        this.code = code;
    }

    /** The wire and signing code. */
    public int code() {
        return code;
    }

    /**
     * The step of a wire code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static Step ofCode(int code) {
        for (Step step : values()) {
            if (step.code == code) {
                return step;
            }
        }
        throw new IllegalArgumentException("unknown step code " + code);
    }
}
