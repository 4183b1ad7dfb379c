package org.hypertensor.inference.api.generate;

/** A generation that could not be done, with whose fault it was (front ends map it to a status code). */
public class GenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whose fault, and so which answer a client gets. */
    public enum Kind {
        /** No such model here. */
        UNKNOWN_MODEL,
        /** The request cannot be served as asked (too long a prompt, bad parameters). */
        INVALID_REQUEST,
        /** Nobody can serve it now (no route, servers full or gone); trying later may work. */
        UNAVAILABLE,
        /** Something broke here. */
        INTERNAL
    }

    private final Kind kind;

    public GenerationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public GenerationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
