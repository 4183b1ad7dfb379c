package org.hypertensor.dht.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** {@code etc/org.hypertensor.dht.cfg}: the Kademlia DHT. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = DhtConfig.PID,
        name = "dht",
        description =
                "Kademlia DHT on /hypertensor/kad/1.0.0: boot peers, admission, record limits, timers. A change restarts the DHT.")
public @interface DhtConfig {

    String PID = "org.hypertensor.dht";

    @AttributeDefinition(
            name = "Boot peers",
            required = false,
            description =
                    "Comma-separated multiaddrs with /p2p/ ids to join through, in addition to peers the p2p host is connected to.")
    String boot_peers() default "";

    @AttributeDefinition(
            name = "Admission",
            options = {
                @Option(label = "stake: only staked nodes (chain's proof of stake)", value = "stake"),
                @Option(label = "open: every peer (tests, private networks)", value = "open")
            },
            description = "Who enters the routing table and is served: staked nodes only, or everyone.")
    String admission() default "stake";

    @AttributeDefinition(
            name = "Request timeout",
            min = "1",
            max = "300",
            description = "Seconds a Kademlia request to a peer may take.")
    int request_timeout_seconds() default 10;

    @AttributeDefinition(
            name = "Max message",
            min = "4096",
            max = "16777216",
            description = "Bytes of one Kademlia message, in or out.")
    int max_message_bytes() default 1048576;

    @AttributeDefinition(
            name = "Max record",
            min = "256",
            max = "1048576",
            description = "Bytes of one record entry (key, subkey, value, publisher, signature).")
    int max_record_bytes() default 16384;

    @AttributeDefinition(
            name = "Quota per peer",
            min = "1024",
            max = "1073741824",
            description = "Bytes of records one peer may have stored on this node.")
    int max_bytes_per_peer() default 1048576;

    @AttributeDefinition(
            name = "Entries per key",
            min = "1",
            max = "1024",
            description = "Entries (subkey and publisher) one key may hold.")
    int max_entries_per_key() default 256;

    @AttributeDefinition(
            name = "Max record lifetime",
            min = "1",
            max = "48",
            description = "Hours a record may live; longer expiries are refused.")
    int max_ttl_hours() default 48;

    @AttributeDefinition(
            name = "Refresh interval",
            min = "1",
            max = "1440",
            description = "Minutes between bucket refreshes (and re-reading connected peers and boot peers).")
    int refresh_minutes() default 10;

    @AttributeDefinition(
            name = "Republish interval",
            min = "1",
            max = "1440",
            description = "Minutes between republishing this node's own records.")
    int republish_minutes() default 60;

    @AttributeDefinition(
            name = "Provider lifetime",
            min = "1",
            max = "48",
            description = "Hours an ADD_PROVIDER announcement is kept.")
    int provider_ttl_hours() default 48;

    @AttributeDefinition(
            name = "Request window",
            min = "1",
            max = "600",
            description = "Seconds a signed request's timestamp may be off our clock; replays inside it are refused.")
    int envelope_window_seconds() default 60;
}
