package org.hypertensor.plugin.api.shell;

import java.util.Dictionary;
import java.util.Hashtable;

/**
 * Properties of a marker service that a bundle registers while a service it should offer cannot start (a broken
 * chain spec, a locked database): the shell then answers a command that waits for that service with the reason
 * instead of "Command not found". Unregister the marker when the service starts or the component stops.
 */
public final class Unavailable {

    /** The interface name of the service that is missing. */
    public static final String SERVICE = "hypertensor.unavailable.service";
    /** Why, one line. */
    public static final String REASON = "hypertensor.unavailable.reason";

    private Unavailable() {}

    /** The marker's properties: {@code service} is missing because of {@code reason}. */
    public static Dictionary<String, Object> properties(Class<?> service, String reason) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SERVICE, service.getName());
        props.put(REASON, reason);
        return props;
    }
}
