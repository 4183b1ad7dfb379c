package org.hypertensor.plugin.api;

/** The kinds of plugin the node knows; {@link PluginDescriptor#kind()} holds one of these names. */
public final class PluginKind {

    /** Adds shell commands or operator tooling. */
    public static final String TOOL = "tool";

    /** An inference backend (see the engine API, once published). */
    public static final String ENGINE = "engine";

    /** A chain runtime module (calls, hooks, state). */
    public static final String RUNTIME_MODULE = "runtime-module";

    private PluginKind() {}
}
