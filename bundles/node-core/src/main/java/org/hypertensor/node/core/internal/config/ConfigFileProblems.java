package org.hypertensor.node.core.internal.config;

import java.util.Map;
import java.util.TreeMap;

/** Config files refused and why, by file name (etc/NAME.cfg), for {@code node:status}. */
public final class ConfigFileProblems {

    private final Map<String, String> refused = new TreeMap<>(); // guarded by this

    synchronized void refused(String file, String why) {
        refused.put(file, why);
    }

    /** Forgets the file's refusal; whether there was one. */
    synchronized boolean clear(String file) {
        return refused.remove(file) != null;
    }

    /** File → why, in file-name order. */
    public synchronized Map<String, String> snapshot() {
        return new TreeMap<>(refused);
    }
}
