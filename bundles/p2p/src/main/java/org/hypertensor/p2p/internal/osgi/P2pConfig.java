package org.hypertensor.p2p.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.p2p.cfg}: the node's libp2p host. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = P2pConfig.PID,
        name = "p2p",
        description = "libp2p networking: listen addresses, boot peers, limits. A change restarts the host.")
public @interface P2pConfig {

    String PID = "org.hypertensor.p2p";

    @AttributeDefinition(
            name = "Listen addresses",
            description =
                    "Comma-separated TCP multiaddrs to listen on, e.g. /ip4/0.0.0.0/tcp/4001 (port 0 = any free port).")
    String listen() default "/ip4/0.0.0.0/tcp/4001";

    @AttributeDefinition(
            name = "Boot peers",
            required = false,
            description =
                    "Comma-separated multiaddrs with /p2p/ ids, dialed at start and re-dialed while not connected.")
    String boot_peers() default "";

    @AttributeDefinition(
            name = "Development identity",
            required = false,
            description =
                    "A development key URI such as //Alice//p2p: the host's identity becomes DevKeys.derive(URI), "
                            + "public knowledge, for local devnets only (refused when the ledger's chain spec is not dev). "
                            + "Empty: the identity in data/p2p/identity.key.")
    String identity_dev_uri() default "";

    @AttributeDefinition(
            name = "Boot peer re-dial",
            min = "1",
            max = "3600",
            description = "Seconds between attempts to reach boot peers we are not connected to.")
    int boot_redial_seconds() default 15;

    @AttributeDefinition(
            name = "Max connections",
            min = "1",
            max = "100000",
            description = "Connections beyond this are refused once the peer's identity is known.")
    int max_connections() default 200;

    @AttributeDefinition(
            name = "Max unstaked connections",
            min = "0",
            max = "100000",
            description = "Of max.connections, the most that inbound peers without stake may hold; the rest stays "
                    + "for staked peers and our own dials. When all are taken, a staked peer takes the slot of the "
                    + "idlest unstaked one.")
    int connections_unstaked_max() default 100;

    @AttributeDefinition(
            name = "Unstaked idle timeout",
            min = "5",
            max = "86400",
            description = "Seconds an inbound unstaked peer may send no stream data before its connection is closed "
                    + "(our own gossip to it does not count).")
    int connections_unstaked_idle_seconds() default 120;

    @AttributeDefinition(
            name = "Max streams per connection",
            min = "1",
            max = "65536",
            description = "Streams a peer may have open on one connection; further ones are reset.")
    int max_streams() default 1024;

    @AttributeDefinition(
            name = "Stream window",
            min = "262144",
            max = "67108864",
            description = "Bytes a peer may send on one stream ahead of our reads (yamux starts at 262144 = 256 KiB).")
    int stream_window_bytes() default 262144;

    @AttributeDefinition(
            name = "Stream timeout",
            min = "1",
            max = "3600",
            description = "Seconds a stream read or write waits before failing.")
    int stream_timeout_seconds() default 30;

    @AttributeDefinition(
            name = "Dial timeout",
            min = "1",
            max = "300",
            description = "Seconds to connect and upgrade (Noise, yamux) a connection, and for admission checks.")
    int dial_timeout_seconds() default 10;

    @AttributeDefinition(
            name = "Idle timeout",
            min = "5",
            max = "86400",
            description = "Seconds a connection may go without any open stream before it is closed.")
    int idle_timeout_seconds() default 300;

    @AttributeDefinition(name = "I/O threads", min = "1", max = "64", description = "Netty event loop threads.")
    int io_threads() default 2;

    @AttributeDefinition(
            name = "Handler threads",
            min = "1",
            max = "1024",
            description =
                    "Threads per protocol running the handlers of its inbound streams (each protocol has its own pool, "
                            + "so one protocol's waiting handlers never delay another; a handler may ask for more).")
    int handler_threads() default 16;

    @AttributeDefinition(
            name = "Max gossip message",
            min = "1024",
            max = "16777216",
            description = "Bytes of a gossip message's payload; bigger ones are refused and penalized.")
    int gossip_max_message_bytes() default 1048576;

    @AttributeDefinition(
            name = "Invalid gossip limit",
            min = "1",
            max = "100000",
            description = "Invalid gossip messages after which a peer is banned.")
    int gossip_max_invalid() default 10;

    @AttributeDefinition(
            name = "Ban duration",
            min = "1",
            max = "525600",
            description = "Minutes a banned peer is refused.")
    int ban_minutes() default 10;
}
