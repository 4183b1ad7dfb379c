package org.hypertensor.inference.net.api;

/** What a server announces about each block it hosts. */
public enum ServerState {
    /** Not serving: shut down cleanly, or its engine is being swapped. */
    OFFLINE,
    /** Loading its blocks or measuring its throughput. */
    JOINING,
    /** Serving sessions. */
    ONLINE
}
