package org.hypertensor.inference.net.internal.client;

import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.plugin.api.engine.BlockRange;

/** A part of a route: {@code blocks} computed by {@code server}. */
public record Span(BlockAnnouncement server, BlockRange blocks) {

    @Override
    public String toString() {
        return server.peer().shortString() + "[" + blocks + "]";
    }
}
