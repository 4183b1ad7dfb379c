package org.hypertensor.node.core.internal.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** {@code etc/org.hypertensor.node.cfg}: the node's own settings. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = NodeConfig.PID,
        name = "Node",
        description = "The node's name and logging; changes apply while the node runs.")
public @interface NodeConfig {

    String PID = "org.hypertensor.node";

    @AttributeDefinition(name = "Node name", description = "A name for this node, shown by node:status.")
    String name() default "hypertensor-node";

    @AttributeDefinition(
            name = "Log level",
            description = "Level of every logger without its own setting, in any case (as node:loglevel takes it).",
            options = {
                @Option(label = "TRACE", value = "TRACE"), @Option(label = "DEBUG", value = "DEBUG"),
                @Option(label = "INFO", value = "INFO"), @Option(label = "WARN", value = "WARN"),
                @Option(label = "ERROR", value = "ERROR"), @Option(label = "OFF", value = "OFF")
            })
    String log_level() default "INFO";

    @AttributeDefinition(
            name = "Status refresh",
            min = "1",
            max = "3600",
            description = "Seconds between the node's one-line heartbeat in the log (uptime and running bundles).")
    int heartbeat_seconds() default 300;
}
