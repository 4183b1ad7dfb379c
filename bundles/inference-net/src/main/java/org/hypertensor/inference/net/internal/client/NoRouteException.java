package org.hypertensor.inference.net.internal.client;

/** No chain of servers covers the blocks asked for (with the servers known and not banned now). */
public final class NoRouteException extends Exception {

    private static final long serialVersionUID = 1L;

    public NoRouteException(String message) {
        super(message, null, false, false);
    }
}
