package org.hypertensor.model.internal.jinja;

/**
 * A chat template that cannot be parsed or rendered: a construct this interpreter does not implement (named),
 * a syntax or type error, or the template's own {@code raise_exception}. The message is for the client or
 * operator as it is.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean raisedByTemplate;

    TemplateException(String message) {
        this(message, false);
    }

    TemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /** True when the template itself refused the input ({@code raise_exception}): the caller's fault. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
